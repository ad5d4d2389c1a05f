package org.optbench.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;
import org.optbench.stats.Summary;

/**
 * How numbers appear in every table: four significant digits, plain decimals between 10⁻³ and
 * 10⁴, whole numbers up to 10⁷, scientific notation elsewhere. Locale-independent.
 */
final class Numbers {
  /** Shown for a value that does not exist (no seeds, metric absent, target not reached). */
  static final String NONE = "–";

  /**
   * @param s a summary over seeds
   * @return {@code mean ± std}, just the mean for one value, {@link #NONE} for none
   */
  static String display(Summary s) {
    if (s.n() == 0) {
      return NONE;
    }
    return s.n() < 2 ? format(s.mean()) : format(s.mean()) + " ± " + format(s.std());
  }

  private static final MathContext FOUR = new MathContext(4, RoundingMode.HALF_EVEN);

  private Numbers() {}

  /**
   * @param v any double
   * @return {@code v} with four significant digits, or {@link #NONE} for NaN
   */
  static String format(double v) {
    if (Double.isNaN(v)) {
      return NONE;
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    if (v == 0) {
      return "0";
    }
    double a = Math.abs(v);
    if (a < 1e-3 || a >= 1e7) {
      return String.format(Locale.ROOT, "%.3e", v);
    }
    if (a >= 1e3) {
      return Long.toString(Math.round(v));
    }
    BigDecimal rounded = new BigDecimal(v).round(FOUR);
    // Keep trailing zeros so 0.96 reads 0.9600 like its neighbours.
    if (rounded.precision() < 4) {
      rounded = rounded.setScale(rounded.scale() + 4 - rounded.precision(),
          RoundingMode.UNNECESSARY);
    }
    String s = rounded.toPlainString();
    // A value that rounds up to 1000 has no fraction left to show.
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  /**
   * @param v a count
   * @return its decimal digits
   */
  static String count(long v) {
    return Long.toString(v);
  }

  /**
   * The shortest exact spelling of a configured value such as a hyperparameter: {@code 0.015},
   * {@code 0.9}, {@code 100}, {@code 1e-8}.
   *
   * @param v a finite double
   * @return its text
   */
  static String exact(double v) {
    if (!Double.isFinite(v)) {
      return Double.toString(v);
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    double a = Math.abs(v);
    if (a >= 1e-4 && a < 1e6) {
      return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
    // Double.toString is the shortest exact spelling: 1.0E-8 becomes 1e-8, 2.5E-7 stays 2.5e-7.
    return Double.toString(v).replace(".0E", "E").replace('E', 'e');
  }

  /**
   * A number of steps: whole numbers without a fraction, other values (means over seeds) as
   * {@link #format}.
   *
   * @param v steps, NaN for none
   * @return its text
   */
  static String steps(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : format(v);
  }
}
