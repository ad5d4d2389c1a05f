package org.optbench.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Expected best validation score after {@code k} random-search trials, as a function of the
 * tuning budget {@code k} (the "expected validation performance" curve of Dodge, J., Gururangan,
 * S., Card, D., Schwartz, R. &amp; Smith, N. A. (2019). Show Your Work: Improved Reporting of
 * Experimental Results. <i>EMNLP-IJCNLP 2019</i>, 2185–2194).
 *
 * <p>The pool holds the scores of the {@code n} random-search trials one optimizer received. The
 * curve value at {@code k} is the expected best score of {@code k} trials drawn from the pool
 * <em>without replacement</em>, i.e. the average best over all {@code C(n, k)} subsets of size
 * {@code k}. With the scores ordered from worst to best, {@code v(1) ≤ … ≤ v(n)} for
 * {@link Goal#MAX}, the best of a subset is {@code v(i)} exactly when {@code v(i)} is in it and
 * the other {@code k − 1} members come from the {@code i − 1} worse ones, so
 *
 * <pre>E[best of k] = Σ_{i=k..n} v(i) · C(i − 1, k − 1) / C(n, k).</pre>
 *
 * <p>The weights are computed by the exact ratio {@code w(i)/w(i + 1) = (i − k + 1)/i} from
 * {@code w(n) = k/n}, so the whole curve costs O(n²) and is accurate to about {@code 2n} ulp
 * relative; weights that underflow are below 1e-308 and are dropped.
 *
 * <p>For {@link Goal#MIN} the same holds with the order reversed (the expected minimum). Dodge et
 * al. draw with replacement (the empirical CDF raised to the power {@code k}); the
 * without-replacement form is the unbiased estimator of the expected best of {@code k} fresh
 * trials (Tang, R. et al. (2020). Showing Your Work Doesn't Always Work. <i>ACL 2020</i>), ends at
 * the pool's best for {@code k = n}, and starts at the pool mean for {@code k = 1}.
 */
public final class ExpectedMaxCurve {
  private final Goal goal;
  // Scores oriented so that larger is better (negated for MIN), sorted ascending.
  private final double[] oriented;

  private ExpectedMaxCurve(Goal goal, double[] oriented) {
    this.goal = goal;
    this.oriented = oriented;
  }

  /**
   * Builds the curve for one pool of scores.
   *
   * @param scores validation scores of the random-search trials, all finite; drop diverged trials
   *     or give them a finite worst score (e.g. chance accuracy) before calling
   * @param goal {@link Goal#MAX} for expected maxima, {@link Goal#MIN} for expected minima
   * @return the curve
   * @throws IllegalArgumentException if {@code scores} is null or empty or holds a non-finite
   *     value, or {@code goal} is null
   */
  public static ExpectedMaxCurve of(double[] scores, Goal goal) {
    Checks.nonEmptyFinite(scores, "scores");
    if (goal == null) {
      throw new IllegalArgumentException("goal must not be null");
    }
    double[] oriented = new double[scores.length];
    for (int i = 0; i < scores.length; i++) {
      oriented[i] = goal == Goal.MAX ? scores[i] : -scores[i]; // negation is exact
    }
    Arrays.sort(oriented);
    return new ExpectedMaxCurve(goal, oriented);
  }

  /** @return the pool size {@code n}, the largest budget on the curve */
  public int size() {
    return oriented.length;
  }

  /** @return whether the curve tracks expected maxima or minima */
  public Goal goal() {
    return goal;
  }

  /**
   * Exact expected best score of {@code k} trials drawn without replacement, in the scores' unit.
   *
   * @param k budget, 1 ≤ k ≤ n
   * @return E[best of k]
   * @throws IllegalArgumentException if {@code k} is outside [1, n]
   */
  public double expected(int k) {
    int n = oriented.length;
    if (k < 1 || k > n) {
      throw new IllegalArgumentException("k must be in [1, " + n + "], got " + k);
    }
    // Weights w(i) = C(i − 1, k − 1)/C(n, k), built from the top: w(n) = k/n and
    // w(i) = w(i + 1)·(i − k + 1)/i. Each call of commons-math's binomialCoefficientLog costs
    // O(min(k, n − k)), which would make the whole curve O(n³); the ratio costs O(1), its factors
    // are ≤ 1 so nothing overflows, and rounding grows by at most ~2 ulp per step.
    double w = (double) k / n;
    double sum = w * oriented[n - 1];
    double weightSum = w;
    for (int i = n - 1; i >= k && w > 0; i--) {
      w *= (double) (i - k + 1) / i;
      sum += w * oriented[i - 1];
      weightSum += w;
    }
    // The weights sum to 1 exactly (hockey-stick identity); dividing cancels their rounding.
    double best = sum / weightSum;
    return goal == Goal.MAX ? best : -best;
  }

  /**
   * The whole exact curve.
   *
   * @return {@code curve[k − 1] = expected(k)} for k = 1..n
   */
  public double[] exact() {
    double[] curve = new double[oriented.length];
    for (int k = 1; k <= curve.length; k++) {
      curve[k - 1] = expected(k);
    }
    return curve;
  }

  /**
   * Monte-Carlo estimate of the same curve, to cross-check {@link #exact()}. Each draw shuffles
   * the pool uniformly (Fisher–Yates with {@code new SplittableRandom(seed)}); its first {@code k}
   * entries are a uniform {@code k}-subset, so the running best of the prefix is one sample of
   * the best of {@code k} for every {@code k} at once. Standard error at {@code k} is
   * σ_k/√draws, where σ_k is the spread of the best of {@code k}. Cost O(draws·n).
   *
   * @param draws number of shuffles, ≥ 1
   * @param seed random seed
   * @return {@code curve[k − 1]} ≈ E[best of k] for k = 1..n
   * @throws IllegalArgumentException if {@code draws < 1}
   */
  public double[] resampled(int draws, long seed) {
    if (draws < 1) {
      throw new IllegalArgumentException("draws must be >= 1, got " + draws);
    }
    int n = oriented.length;
    SplittableRandom random = new SplittableRandom(seed);
    double[] pool = oriented.clone();
    double[] total = new double[n];
    for (int d = 0; d < draws; d++) {
      double best = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        int j = i + random.nextInt(n - i);
        double picked = pool[j];
        pool[j] = pool[i];
        pool[i] = picked;
        best = Math.max(best, picked);
        total[i] += best;
      }
    }
    double[] curve = new double[n];
    for (int k = 0; k < n; k++) {
      double mean = total[k] / draws;
      curve[k] = goal == Goal.MAX ? mean : -mean;
    }
    return curve;
  }
}
