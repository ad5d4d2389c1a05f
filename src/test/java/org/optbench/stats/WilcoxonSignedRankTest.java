package org.optbench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

class WilcoxonSignedRankTest {
  @Test
  void fivePositiveDifferences() {
    // By hand: differences 0.01..0.05, all positive, ranks 1..5, W+ = 15, W- = 0. Of the
    // 2^5 = 32 equally likely sign assignments only "all plus" reaches 15, so the exact
    // two-sided p = 2 · 1/32 = 0.0625.
    double[] x = {0.80, 0.81, 0.82, 0.83, 0.84};
    double[] y = {0.81, 0.83, 0.85, 0.87, 0.89};
    WilcoxonSignedRank.Outcome o = WilcoxonSignedRank.test(x, y);
    assertEquals(15.0, o.wPlus());
    assertEquals(0.0, o.wMinus());
    assertEquals(5, o.pairs());
    assertEquals(0, o.zeros());
    assertTrue(o.exact());
    assertEquals(0.0625, o.pValue(), 1e-15);
    assertEquals(2.0 / 32, 2.0 * SignedRankCounts.atLeast(5, 15) / 32, 0.0);

    // Swapping the samples swaps W+ and W- and keeps the two-sided p.
    WilcoxonSignedRank.Outcome swapped = WilcoxonSignedRank.test(y, x);
    assertEquals(0.0, swapped.wPlus());
    assertEquals(15.0, swapped.wMinus());
    assertEquals(0.0625, swapped.pValue(), 1e-15);
  }

  @Test
  void zerosDroppedAndTiesAveraged() {
    // d = y - x = (0, 0, 1, -1, 2, 2, 3). The two zeros are dropped (documented rule), leaving
    // k = 5. |d| = (1, 1, 2, 2, 3) gets average ranks (1.5, 1.5, 3.5, 3.5, 5) as commons-math's
    // TiesStrategy.AVERAGE documents. W+ = 1.5 + 3.5 + 3.5 + 5 = 13.5, W- = 1.5.
    // Exact p compares 13.5 with the untied null of ranks 1..5: sums ≥ 13.5 are 14 ({2,3,4,5})
    // and 15 (all), 2 of 32 subsets, so p = 2 · 2/32 = 0.125.
    double[] x = {10, 10, 10, 10, 10, 10, 10};
    double[] y = {10, 10, 11, 9, 12, 12, 13};
    WilcoxonSignedRank.Outcome o = WilcoxonSignedRank.test(x, y);
    assertEquals(7, o.pairs());
    assertEquals(2, o.zeros());
    assertEquals(13.5, o.wPlus());
    assertEquals(1.5, o.wMinus());
    assertEquals(2, SignedRankCounts.atLeast(5, 13.5));
    assertEquals(0.125, o.pValue(), 1e-15);
    assertEquals(o.pValue(), WilcoxonSignedRank.test(y, x).pValue(), 0.0);
  }

  @Test
  void commonsMathKeepsZerosAndDependsOnArgumentOrder() {
    // Why zeros are dropped before calling commons-math: it ranks the zeros of
    // d = (0, 0, 1, -1, 2, 2, 3) with the rest (ranks 1.5, 1.5, 3.5, 3.5, 5.5, 5.5, 7) and adds
    // them to W-. Then W+ = 3.5 + 5.5 + 5.5 + 7 = 21.5: p = 2·#{S ≥ 22}/128 = 2·14/128; with the
    // samples swapped W+ = 3.5, W- = 24.5: p = 2·#{S ≥ 25}/128 = 2·5/128. Counts by hand:
    // subsets of {1..7} with sum ≤ 6 (14) and ≤ 3 (5), the complements of sums ≥ 22 and ≥ 25.
    org.apache.commons.math3.stat.inference.WilcoxonSignedRankTest raw =
        new org.apache.commons.math3.stat.inference.WilcoxonSignedRankTest();
    double[] x = {10, 10, 10, 10, 10, 10, 10};
    double[] y = {10, 10, 11, 9, 12, 12, 13};
    assertEquals(28.0 / 128, raw.wilcoxonSignedRankTest(x, y, true), 1e-15);
    assertEquals(10.0 / 128, raw.wilcoxonSignedRankTest(y, x, true), 1e-15);
    assertEquals(14, 128 - SignedRankCounts.atLeast(7, 7)); // sums ≤ 6
    assertEquals(5, 128 - SignedRankCounts.atLeast(7, 4)); // sums ≤ 3
  }

  @Test
  void allZeroDifferencesGiveOne() {
    // Documented rule: nothing left to rank, the samples are indistinguishable.
    double[] x = {0.9, 0.8, 0.7};
    WilcoxonSignedRank.Outcome o = WilcoxonSignedRank.test(x, x.clone());
    assertEquals(1.0, o.pValue());
    assertEquals(3, o.zeros());
    assertTrue(o.exact());
  }

  @Test
  void pValueIsCappedAtOne() {
    // d = (1, 2, -3): W+ = 3 = W-. P(S ≥ 3) for ranks 1..3 is 5/8 ({3}, {1,2}, {1,3}, {2,3},
    // {1,2,3}), so 2·P = 1.25, which the documented cap turns into 1.
    assertEquals(5, SignedRankCounts.atLeast(3, 3));
    assertEquals(1.0, WilcoxonSignedRank.ofDifferences(new double[] {1, 2, -3}).pValue());
  }

  @Test
  void infiniteDifferenceOutranksFiniteOnes() {
    // d = (1, -1, +inf): ranks (1.5, 1.5, 3), W+ = 4.5, W- = 1.5. Sums of {1,2,3} ≥ 4.5 are 5
    // and 6 (2 of 8), so p = 2 · 2/8 = 0.5.
    double inf = Double.POSITIVE_INFINITY;
    WilcoxonSignedRank.Outcome o =
        WilcoxonSignedRank.test(new double[] {1, 2, 3}, new double[] {2, 1, inf});
    assertEquals(4.5, o.wPlus());
    assertEquals(1.5, o.wMinus());
    assertEquals(0.5, o.pValue(), 1e-15);
    // Two equal infinities are a tie, not NaN.
    assertEquals(1, WilcoxonSignedRank.test(new double[] {inf}, new double[] {inf}).zeros());
  }

  @Test
  void normalApproximationAboveThirty() {
    // k = 40 positive differences 1..40: W+ = 820, min(W+, W-) = 0. Documented asymptotic
    // formula: z = (0 - 40·41/4 - 0.5) / √(40·41·81/24) = -410.5/√5535, p = 2Φ(z) ≈ 3.4e-8.
    double[] d = new double[40];
    for (int i = 0; i < d.length; i++) {
      d[i] = i + 1;
    }
    WilcoxonSignedRank.Outcome o = WilcoxonSignedRank.ofDifferences(d);
    assertFalse(o.exact());
    assertEquals(820.0, o.wPlus());
    double z = -410.5 / Math.sqrt(5535.0);
    double expected = 2 * new NormalDistribution(0, 1).cumulativeProbability(z);
    assertEquals(expected, o.pValue(), 1e-20);
    assertEquals(3.4e-8, o.pValue(), 0.1e-8);
  }

  @Test
  void rejectsBadInput() {
    assertThrows(IllegalArgumentException.class,
        () -> WilcoxonSignedRank.test(new double[] {1, 2}, new double[] {1}));
    assertThrows(IllegalArgumentException.class,
        () -> WilcoxonSignedRank.test(new double[0], new double[0]));
    assertThrows(IllegalArgumentException.class,
        () -> WilcoxonSignedRank.test(new double[] {Double.NaN}, new double[] {1}));
  }
}
