package org.optbench.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.Test;

class ContoursTest {

  private static double[] range(double from, double to, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = from + i * (to - from) / (n - 1);
    }
    return v;
  }

  private static double[][] sample(double[] xs, double[] ys, DoubleBinaryOperator f) {
    double[][] z = new double[ys.length][xs.length];
    for (int j = 0; j < ys.length; j++) {
      for (int i = 0; i < xs.length; i++) {
        z[j][i] = f.applyAsDouble(xs[i], ys[j]);
      }
    }
    return z;
  }

  @Test
  void aPlaneGivesOneStraightLineThroughTheExactCrossings() {
    // f = x + 2y on [0, 1]²: linear along every edge, so the crossings are exact.
    double[] xs = range(0, 1, 5);
    double[] ys = range(0, 1, 5);
    List<Contours.Polyline> lines = Contours.lines(xs, ys, sample(xs, ys, (x, y) -> x + 2 * y),
        1.0);
    assertEquals(1, lines.size());
    Contours.Polyline line = lines.get(0);
    for (int i = 0; i < line.size(); i++) {
      assertEquals(1.0, line.x()[i] + 2 * line.y()[i], 1e-12);
    }
    // From (1, 0) to (0, 0.5): both ends on the boundary, length √1.25.
    assertEquals(Math.sqrt(1.25), line.length(), 1e-12);
  }

  @Test
  void aCircleIsOneClosedLineOnTheLevelSet() {
    double[] xs = range(-2, 2, 201);
    double[] ys = range(-2, 2, 201);
    List<Contours.Polyline> lines = Contours.lines(xs, ys,
        sample(xs, ys, (x, y) -> x * x + y * y), 1.0);
    assertEquals(1, lines.size());
    Contours.Polyline circle = lines.get(0);
    assertEquals(circle.x()[0], circle.x()[circle.size() - 1], 0);
    assertEquals(circle.y()[0], circle.y()[circle.size() - 1], 0);
    for (int i = 0; i < circle.size(); i++) {
      assertEquals(1.0, Math.hypot(circle.x()[i], circle.y()[i]), 1e-3);
    }
    assertEquals(2 * Math.PI, circle.length(), 1e-3);
    // Points on the unit circle where it crosses the axes are lattice points: exact.
    assertTrue(containsPoint(circle, 1, 0) && containsPoint(circle, 0, -1));
  }

  @Test
  void aSaddleCellIsSplitByTheMeanOfItsCorners() {
    // Corners: bottom-left 1, bottom-right 0, top-right 1, top-left 0 (index 5).
    double[] xs = {0, 1};
    double[] ys = {0, 1};
    List<Contours.Polyline> joined = Contours.lines(xs, ys, new double[][] {{1, 0}, {0, 1}},
        0.4);
    // Mean 0.5 ≥ 0.4: the two high corners connect through the centre, so the lines cut off
    // the low corners: left with top (around the top-left corner), bottom with right.
    assertEquals(2, joined.size());
    assertArrayEquals(new double[] {0, 0.6}, new double[] {joined.get(0).x()[0],
        joined.get(0).y()[0]}, 1e-12);
    assertArrayEquals(new double[] {0.4, 1}, new double[] {joined.get(0).x()[1],
        joined.get(0).y()[1]}, 1e-12);
    List<Contours.Polyline> cut = Contours.lines(xs, ys, new double[][] {{1, 0}, {0, 1}}, 0.6);
    // Mean 0.5 < 0.6: the high corners are cut off: left with bottom.
    assertArrayEquals(new double[] {0, 0.4}, new double[] {cut.get(0).x()[0],
        cut.get(0).y()[0]}, 1e-12);
    assertArrayEquals(new double[] {0.4, 0}, new double[] {cut.get(0).x()[1],
        cut.get(0).y()[1]}, 1e-12);
  }

  @Test
  void cellsWithANonFiniteCornerDrawNothingAndBadShapesAreNamed() {
    double[] xs = {0, 1};
    double[] ys = {0, 1};
    assertEquals(List.of(), Contours.lines(xs, ys, new double[][] {{0, Double.NaN}, {1, 1}},
        0.5));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Contours.lines(xs, ys, new double[][] {{0, 1}, {1}}, 0.5));
    assertEquals("row 1 of z has 1 values, not 2", e.getMessage());
  }

  @Test
  void bilinearInterpolationIsExactOnABilinearFunction() {
    double[] xs = range(0, 3, 4);
    double[] ys = range(0, 2, 3);
    double[][] z = sample(xs, ys, (x, y) -> 1 + 2 * x - y + 0.5 * x * y);
    assertEquals(1 + 2 * 1.25 - 0.5 + 0.5 * 1.25 * 0.5, Contours.interpolate(xs, ys, z, 1.25,
        0.5), 1e-12);
  }

  @Test
  void levelLabelsHaveTwoSignificantDigits() {
    assertEquals("0.01", Charts.levelLabel(-2));
    assertEquals("0.032", Charts.levelLabel(-1.5));
    assertEquals("1", Charts.levelLabel(0));
    assertEquals("320", Charts.levelLabel(2.5));
    assertEquals("1e+06", Charts.levelLabel(6));
    assertEquals("3.2e-07", Charts.levelLabel(-6.5));
  }

  private static boolean containsPoint(Contours.Polyline line, double x, double y) {
    for (int i = 0; i < line.size(); i++) {
      if (Math.abs(line.x()[i] - x) < 1e-12 && Math.abs(line.y()[i] - y) < 1e-12) {
        return true;
      }
    }
    return false;
  }
}
