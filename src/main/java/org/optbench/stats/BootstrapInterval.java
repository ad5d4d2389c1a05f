package org.optbench.stats;

import java.util.SplittableRandom;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.math3.stat.descriptive.rank.Percentile.EstimationType;

/**
 * Percentile bootstrap confidence interval of a sample mean (Efron, B. &amp; Tibshirani, R. J.
 * (1993). <i>An Introduction to the Bootstrap</i>, ch. 13. Chapman &amp; Hall).
 *
 * <p>Each of {@code B} resamples draws {@code n} values from the sample uniformly with
 * replacement and records their mean. The interval at level {@code L} runs from the
 * {@code (1 − L)/2} to the {@code (1 + L)/2} quantile of those {@code B} means. Quantiles use
 * commons-math3 {@link Percentile} with {@link EstimationType#R_7} (Hyndman, R. J. &amp; Fan, Y.
 * (1996). Sample quantiles in statistical packages. <i>The American Statistician</i> 50(4),
 * 361–365: linear interpolation between order statistics at {@code (B − 1)p + 1}, the default of
 * R and NumPy).
 */
public final class BootstrapInterval {
  private BootstrapInterval() {}

  /**
   * A bootstrap confidence interval and how it was made.
   *
   * @param estimate the sample mean, in the sample's unit
   * @param low lower end: the {@code (1 − level)/2} quantile of the resample means
   * @param high upper end: the {@code (1 + level)/2} quantile of the resample means
   * @param level nominal coverage in (0, 1), e.g. 0.95
   * @param resamples number of bootstrap resamples {@code B}
   * @param seed seed of the {@link SplittableRandom} that drew the resamples
   */
  public record Interval(
      double estimate, double low, double high, double level, int resamples, long seed) {}

  /**
   * Percentile bootstrap interval of the mean. Deterministic: the same arguments give the same
   * interval. A sample of one value, or of identical values, gives {@code low == high ==} that
   * value, since every resample is then the same. Cost is O(B·n) time and O(B) memory.
   *
   * @param sample the observations, e.g. one final metric per seed; all finite
   * @param level nominal coverage, strictly between 0 and 1
   * @param resamples number of resamples {@code B}, ≥ 1 (a few thousand for a stable 95% CI)
   * @param seed seed for {@code new SplittableRandom(seed)}
   * @return the interval
   * @throws IllegalArgumentException if {@code sample} is null or empty or holds a NaN or infinite
   *     value, if {@code level} is not in (0, 1), or if {@code resamples < 1}
   */
  public static Interval mean(double[] sample, double level, int resamples, long seed) {
    Checks.nonEmptyFinite(sample, "sample");
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("level must be in (0, 1), got " + level);
    }
    if (resamples < 1) {
      throw new IllegalArgumentException("resamples must be >= 1, got " + resamples);
    }
    int n = sample.length;
    SplittableRandom random = new SplittableRandom(seed);
    double[] draw = new double[n];
    double[] means = new double[resamples];
    for (int b = 0; b < resamples; b++) {
      for (int i = 0; i < n; i++) {
        draw[i] = sample[random.nextInt(n)];
      }
      // StatUtils.mean adds a correction pass, so a constant sample resamples to exactly itself.
      means[b] = StatUtils.mean(draw);
    }
    Percentile quantile = new Percentile().withEstimationType(EstimationType.R_7);
    quantile.setData(means);
    double low = quantile.evaluate(100 * (1 - level) / 2);
    double high = quantile.evaluate(100 * (1 + level) / 2);
    return new Interval(StatUtils.mean(sample), low, high, level, resamples, seed);
  }
}
