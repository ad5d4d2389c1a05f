package org.optbench.stats;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * Student's t confidence interval of a mean: {@code x̄ ± t(1 − α/2, n − 1)·s/√n}, with {@code s}
 * the sample standard deviation (divisor n − 1) and {@code α = 1 − level} (Student 1908, "The
 * probable error of a mean", <i>Biometrika</i> 6(1)). It assumes roughly normal values; for a few
 * values it is wide, as it should be.
 *
 * @param mean the sample mean
 * @param low lower end
 * @param high upper end
 * @param level nominal coverage in (0, 1)
 * @param n number of values
 */
public record TInterval(double mean, double low, double high, double level, int n) {

  /**
   * @param sample the values, at least two, all finite
   * @param level nominal coverage, strictly between 0 and 1
   * @return the interval
   * @throws IllegalArgumentException for fewer than two values, a NaN or infinite value, or a
   *     level outside (0, 1)
   */
  public static TInterval of(double[] sample, double level) {
    Checks.nonEmptyFinite(sample, "sample");
    if (sample.length < 2) {
      throw new IllegalArgumentException("a t interval needs at least two values, got 1");
    }
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("level must be in (0, 1), got " + level);
    }
    Summary s = Summary.of(sample);
    double half = halfWidth(s.n(), s.std() * s.std(), level);
    return new TInterval(s.mean(), s.mean() - half, s.mean() + half, level, s.n());
  }

  /**
   * @param n number of values
   * @param variance their sample variance (divisor n − 1), ≥ 0
   * @param level nominal coverage in (0, 1)
   * @return {@code t(1 − α/2, n − 1)·√(variance/n)}, or 0 for fewer than two values
   */
  public static double halfWidth(double n, double variance, double level) {
    if (n < 2) {
      return 0;
    }
    double t = new TDistribution(null, n - 1).inverseCumulativeProbability((1 + level) / 2);
    return t * Math.sqrt(variance / n);
  }
}
