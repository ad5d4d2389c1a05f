package org.optbench.stats;

import java.util.Collection;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * Descriptive statistics of one sample (mean, sample standard deviation, extremes), computed with
 * commons-math3 {@link SummaryStatistics}. It is the one summary of a quantity over seeds that
 * tables and tests use.
 *
 * @param mean arithmetic mean, Σx / n, in the sample's unit; NaN when {@code n == 0}
 * @param std sample standard deviation √(Σ(x − mean)² / (n − 1)), in the sample's unit; NaN
 *     when {@code n < 2} because one value carries no information about spread
 * @param n number of values, ≥ 0
 * @param min smallest value, NaN when {@code n == 0}
 * @param max largest value, NaN when {@code n == 0}
 */
public record Summary(double mean, double std, int n, double min, double max) {
  /** The summary of no values: every statistic NaN, {@code n == 0}. */
  public static final Summary EMPTY =
      new Summary(Double.NaN, Double.NaN, 0, Double.NaN, Double.NaN);

  /**
   * Summarises a sample.
   *
   * @param values the sample; infinite values are allowed and propagate into mean and std
   * @return its summary
   * @throws IllegalArgumentException if {@code values} is null or empty, or contains NaN
   */
  public static Summary of(double[] values) {
    Checks.nonEmptyNoNaN(values, "values");
    SummaryStatistics s = new SummaryStatistics();
    for (double v : values) {
      s.addValue(v);
    }
    return of(s);
  }

  /**
   * Summarises the values that were recorded, skipping NaN entries (a quantity a seed did not
   * record).
   *
   * @param values the values, NaN meaning absent
   * @return their summary, or {@link #EMPTY} when no value is present
   */
  public static Summary ofPresent(Collection<Double> values) {
    SummaryStatistics s = new SummaryStatistics();
    for (double v : values) {
      if (!Double.isNaN(v)) {
        s.addValue(v);
      }
    }
    return s.getN() == 0 ? EMPTY : of(s);
  }

  private static Summary of(SummaryStatistics s) {
    // commons-math reports 0 for a single value; NaN says "not estimable" rather than "no spread".
    double std = s.getN() < 2 ? Double.NaN : s.getStandardDeviation();
    return new Summary(s.getMean(), std, (int) s.getN(), s.getMin(), s.getMax());
  }
}
