package org.optbench.stats;

import org.apache.commons.math3.stat.inference.WilcoxonSignedRankTest;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

/**
 * Two-sided Wilcoxon signed-rank test of paired samples (Wilcoxon, F. (1945). Individual
 * comparisons by ranking methods. <i>Biometrics Bulletin</i> 1(6), 80–83), on commons-math3
 * {@link WilcoxonSignedRankTest}.
 *
 * <p>Rules, in order:
 *
 * <ol>
 *   <li>Differences are {@code d_i = y_i − x_i}; a pair with {@code x_i == y_i} (including two
 *       equal infinities) has {@code d_i = 0}, and {@code +∞} against a finite value gives an
 *       infinite difference, which outranks every finite one.
 *   <li>Zero differences are dropped before ranking (Wilcoxon's original treatment, also R's
 *       {@code wilcox.test}). commons-math3 itself keeps zeros, ranks them lowest and adds their
 *       ranks to W−, which makes its p-value depend on which sample is passed first and gives
 *       {@code 2/2^n} instead of 1 when all differences are zero.
 *   <li>If no non-zero difference remains the samples are indistinguishable: p = 1.
 *   <li>The remaining {@code k} absolute differences are ranked 1..k, ties getting their average
 *       rank ({@link TiesStrategy#AVERAGE}, as commons-math3 documents for its default
 *       constructor). W+ is the sum of ranks of positive differences, W− of negative ones.
 *   <li>For {@code k ≤ 30} the p-value is exact: commons-math3 enumerates all {@code 2^k} sign
 *       assignments of ranks 1..k and returns {@code 2·P(S ≥ max(W+, W−))}. With tied absolute
 *       differences the observed mid-rank statistic is compared with that untied null
 *       distribution, a slight approximation. Enumeration costs O(k·2^k): about 0.1 s at
 *       {@code k = 20}, 2 s at {@code k = 25} and a minute at {@code k = 30} on one core.
 *   <li>For {@code k > 30} the p-value is asymptotic: the normal approximation with continuity
 *       correction, {@code z = (min(W+, W−) − k(k+1)/4 − 0.5) / √(k(k+1)(2k+1)/24)},
 *       {@code p = 2Φ(z)}, without a correction of the variance for ties.
 *   <li>The two-sided p-value is capped at 1 (doubling a one-sided probability above ½ would
 *       otherwise exceed it).
 * </ol>
 *
 * <p>The smallest attainable exact p-value with {@code k} non-zero differences is
 * {@code 2/2^k}: 0.0625 for 5 pairs, 0.03125 for 6, 0.0156 for 7.
 */
public final class WilcoxonSignedRank {
  /** Largest number of non-zero differences for which the exact p-value is used. */
  public static final int MAX_EXACT = 30;

  private WilcoxonSignedRank() {}

  /**
   * Result of one signed-rank test.
   *
   * @param pairs number of pairs given
   * @param zeros number of pairs with zero difference, dropped before ranking
   * @param wPlus sum of the ranks of positive differences {@code y − x}
   * @param wMinus sum of the ranks of negative differences
   * @param exact whether the p-value is exact ({@code pairs − zeros ≤ 30}); true when every
   *     difference is zero
   * @param pValue two-sided p-value in [0, 1]
   */
  public record Outcome(
      int pairs, int zeros, double wPlus, double wMinus, boolean exact, double pValue) {}

  /**
   * Tests whether the paired differences {@code y − x} are symmetric about zero.
   *
   * @param x first sample
   * @param y second sample, paired with {@code x} index by index
   * @return the test outcome; swapping {@code x} and {@code y} swaps W+ and W− and keeps p
   * @throws IllegalArgumentException if either sample is null or empty, their lengths differ, or
   *     either holds a NaN
   */
  public static Outcome test(double[] x, double[] y) {
    Checks.nonEmptyNoNaN(x, "x");
    Checks.nonEmptyNoNaN(y, "y");
    if (x.length != y.length) {
      throw new IllegalArgumentException(
          "paired samples differ in length: " + x.length + " and " + y.length);
    }
    double[] d = new double[x.length];
    for (int i = 0; i < d.length; i++) {
      // Tested before subtracting: ∞ − ∞ is NaN, but two equal results are a tie.
      d[i] = x[i] == y[i] ? 0.0 : y[i] - x[i];
    }
    return ofDifferences(d);
  }

  /**
   * Tests whether paired differences are symmetric about zero.
   *
   * @param differences {@code y_i − x_i} per pair; may be infinite, not NaN
   * @return the test outcome
   * @throws IllegalArgumentException if {@code differences} is null or empty or holds a NaN
   */
  public static Outcome ofDifferences(double[] differences) {
    Checks.nonEmptyNoNaN(differences, "differences");
    int zeros = 0;
    for (double v : differences) {
      if (v == 0) {
        zeros++;
      }
    }
    int k = differences.length - zeros;
    if (k == 0) {
      return new Outcome(differences.length, zeros, 0, 0, true, 1.0);
    }
    double[] nonZero = new double[k];
    double[] magnitude = new double[k];
    int j = 0;
    for (double v : differences) {
      if (v != 0) {
        nonZero[j] = v;
        magnitude[j] = Math.abs(v);
        j++;
      }
    }
    double[] ranks = new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE).rank(magnitude);
    double wPlus = 0;
    double wMinus = 0;
    for (int i = 0; i < k; i++) {
      if (nonZero[i] > 0) {
        wPlus += ranks[i];
      } else {
        wMinus += ranks[i];
      }
    }
    boolean exact = k <= MAX_EXACT;
    // Against a zero baseline commons-math sees exactly the differences kept above.
    double p = new WilcoxonSignedRankTest(NaNStrategy.FAILED, TiesStrategy.AVERAGE)
        .wilcoxonSignedRankTest(new double[k], nonZero, exact);
    return new Outcome(differences.length, zeros, wPlus, wMinus, exact, Math.min(1.0, p));
  }
}
