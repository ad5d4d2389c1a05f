package org.optbench.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/**
 * Minimum, median and maximum of repeated measurements. Ranges are reported rather than a single
 * figure because a 2-core machine shared with other work is noisy.
 *
 * @param min smallest value
 * @param median middle value (mean of the two middle values for an even count)
 * @param max largest value
 * @param count number of values
 */
public record Spread(double min, double median, double max, int count) {

  /**
   * @param values at least one value
   * @return their spread
   * @throws IllegalArgumentException if {@code values} is empty
   */
  public static Spread of(List<Double> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no values");
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = sorted.length;
    double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    return new Spread(sorted[0], median, sorted[n - 1], n);
  }

  /**
   * @param values at least one value
   * @return their spread
   */
  public static Spread of(double... values) {
    return of(Arrays.stream(values).boxed().toList());
  }

  /**
   * @param f applied to every statistic; must be monotone increasing
   * @return the spread of {@code f(x)}
   */
  public Spread map(DoubleUnaryOperator f) {
    return new Spread(f.applyAsDouble(min), f.applyAsDouble(median), f.applyAsDouble(max), count);
  }

  /**
   * The ratio a/b with the range that the two spreads allow: from {@code a.min / b.max} to
   * {@code a.max / b.min}, median {@code a.median / b.median}.
   *
   * @param a numerator measurements (positive)
   * @param b denominator measurements (positive)
   * @return the ratio's spread
   */
  public static Spread ratio(Spread a, Spread b) {
    return new Spread(a.min / b.max, a.median / b.median, a.max / b.min,
        Math.min(a.count, b.count));
  }

  /**
   * @param pattern a {@link String#format} pattern for one number, e.g. {@code "%.3f"}
   * @return {@code "median (min–max)"}, or just the value for a single measurement
   */
  public String format(String pattern) {
    String m = String.format(Locale.ROOT, pattern, median);
    if (count == 1 || min == max) {
      return m;
    }
    return m + " (" + String.format(Locale.ROOT, pattern, min) + "–"
        + String.format(Locale.ROOT, pattern, max) + ")";
  }
}
