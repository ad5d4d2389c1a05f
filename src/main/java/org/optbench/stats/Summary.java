package org.optbench.stats;

import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;

/**
 * Descriptive statistics of one sample, computed with commons-math3
 * {@link DescriptiveStatistics}.
 *
 * @param mean arithmetic mean, Σx / n, in the sample's unit
 * @param std sample standard deviation √(Σ(x − mean)² / (n − 1)), in the sample's unit; NaN
 *     when {@code n == 1} because one value carries no information about spread
 * @param n number of values, ≥ 1
 * @param min smallest value
 * @param max largest value
 */
public record Summary(double mean, double std, int n, double min, double max) {

  /**
   * Summarises a sample.
   *
   * @param values the sample; infinite values are allowed and propagate into mean and std
   * @return its summary
   * @throws IllegalArgumentException if {@code values} is null or empty, or contains NaN
   */
  public static Summary of(double[] values) {
    Checks.nonEmptyNoNaN(values, "values");
    DescriptiveStatistics stats = new DescriptiveStatistics(values);
    // commons-math reports 0 for a single value; NaN says "not estimable" rather than "no spread".
    double std = values.length == 1 ? Double.NaN : stats.getStandardDeviation();
    return new Summary(stats.getMean(), std, values.length, stats.getMin(), stats.getMax());
  }
}
