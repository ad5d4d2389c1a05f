package org.optbench.report;

import java.awt.Color;
import java.awt.Paint;
import java.io.Serializable;
import org.jfree.chart.renderer.PaintScale;

/**
 * A continuous colour scale from dark purple through teal to yellow (matplotlib's viridis,
 * perceptually uniform and readable without colour vision), oriented so that yellow is the
 * better end of the metric.
 */
final class Viridis implements PaintScale, Serializable {
  private static final long serialVersionUID = 1L;
  /** Viridis at 0, 1/8, …, 1. */
  private static final int[] ANCHORS = {0x440154, 0x472D7B, 0x3B528B, 0x2C728E, 0x21918C,
      0x28AE80, 0x5EC962, 0xADDC30, 0xFDE725};

  private final double lower;
  private final double upper;
  private final boolean yellowHigh;

  /**
   * @param lower value at one end
   * @param upper value at the other end, &gt; lower
   * @param yellowHigh whether large values are yellow (else small ones are)
   */
  Viridis(double lower, double upper, boolean yellowHigh) {
    this.lower = lower;
    this.upper = upper;
    this.yellowHigh = yellowHigh;
  }

  @Override
  public double getLowerBound() {
    return lower;
  }

  @Override
  public double getUpperBound() {
    return upper;
  }

  /**
   * @param value a value; outside the bounds it takes the colour of the nearer end
   * @return its colour
   */
  @Override
  public Paint getPaint(double value) {
    double f = (value - lower) / (upper - lower);
    f = Double.isNaN(f) ? 0 : Math.max(0, Math.min(1, f));
    if (!yellowHigh) {
      f = 1 - f;
    }
    double pos = f * (ANCHORS.length - 1);
    int i = Math.min(ANCHORS.length - 2, (int) Math.floor(pos));
    double t = pos - i;
    Color a = new Color(ANCHORS[i]);
    Color b = new Color(ANCHORS[i + 1]);
    return new Color(mix(a.getRed(), b.getRed(), t), mix(a.getGreen(), b.getGreen(), t),
        mix(a.getBlue(), b.getBlue(), t));
  }

  private static int mix(int a, int b, double t) {
    return (int) Math.round(a + (b - a) * t);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Viridis v && v.lower == lower && v.upper == upper
        && v.yellowHigh == yellowHigh;
  }

  @Override
  public int hashCode() {
    return Double.hashCode(lower) * 31 + Double.hashCode(upper) + (yellowHigh ? 1 : 0);
  }
}
