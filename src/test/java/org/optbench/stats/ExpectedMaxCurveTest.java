package org.optbench.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.apache.commons.math3.util.CombinatoricsUtils;
import org.junit.jupiter.api.Test;

class ExpectedMaxCurveTest {
  @Test
  void poolOfThreeByHand() {
    // Pool (1, 2, 3). k = 1: mean 2. k = 2: subsets {1,2},{1,3},{2,3} have maxima 2, 3, 3:
    // (2·1 + 3·2)/3 = 8/3. k = 3: the pool maximum, 3.
    ExpectedMaxCurve curve = ExpectedMaxCurve.of(new double[] {3, 1, 2}, Goal.MAX);
    assertArrayEquals(new double[] {2, 8.0 / 3, 3}, curve.exact(), 1e-14);
    // For MIN the same subsets have minima 1, 1, 2: (1·2 + 2·1)/3 = 4/3; k = 3 gives 1.
    ExpectedMaxCurve min = ExpectedMaxCurve.of(new double[] {3, 1, 2}, Goal.MIN);
    assertArrayEquals(new double[] {2, 4.0 / 3, 1}, min.exact(), 1e-14);
  }

  @Test
  void resampledAgreesWithExact() {
    // Monte-Carlo cross-check: 20 000 shuffles, fixed seed; the standard error of each entry is
    // below 0.82/√20000 ≈ 0.006, so 0.02 is more than three standard errors.
    ExpectedMaxCurve curve = ExpectedMaxCurve.of(new double[] {1, 2, 3}, Goal.MAX);
    assertArrayEquals(curve.exact(), curve.resampled(20_000, 11L), 0.02);
    ExpectedMaxCurve min = ExpectedMaxCurve.of(new double[] {1, 2, 3}, Goal.MIN);
    assertArrayEquals(min.exact(), min.resampled(20_000, 11L), 0.02);
    assertArrayEquals(curve.resampled(500, 3L), curve.resampled(500, 3L), 0.0);
  }

  @Test
  void matchesEnumerationOfAllSubsets() {
    // Independent reference: average the maximum over all C(8, k) subsets by bitmask
    // enumeration, for a pool with ties.
    double[] pool = {0.91, 0.87, 0.95, 0.87, 0.60, 0.93, 0.95, 0.10};
    double[] exact = ExpectedMaxCurve.of(pool, Goal.MAX).exact();
    for (int k = 1; k <= pool.length; k++) {
      double sum = 0;
      int count = 0;
      for (int mask = 0; mask < 1 << pool.length; mask++) {
        if (Integer.bitCount(mask) == k) {
          double best = Double.NEGATIVE_INFINITY;
          for (int i = 0; i < pool.length; i++) {
            if ((mask >> i & 1) == 1) {
              best = Math.max(best, pool[i]);
            }
          }
          sum += best;
          count++;
        }
      }
      assertEquals(sum / count, exact[k - 1], 1e-12, "k = " + k);
    }
  }

  @Test
  void matchesLogBinomialFormula() {
    // Independent reference: E[max of k] = Σ_{i=k..n} v(i)·C(i-1, k-1)/C(n, k) with each weight
    // from commons-math's binomialCoefficientLog, for a 200-trial pool.
    SplittableRandom r = new SplittableRandom(5L);
    double[] pool = new double[200];
    for (int i = 0; i < pool.length; i++) {
      pool[i] = 0.5 + 0.5 * r.nextDouble();
    }
    double[] exact = ExpectedMaxCurve.of(pool, Goal.MAX).exact();
    double[] sorted = pool.clone();
    java.util.Arrays.sort(sorted);
    int n = sorted.length;
    for (int k = 1; k <= n; k++) {
      double sum = 0;
      for (int i = k; i <= n; i++) {
        sum += sorted[i - 1] * Math.exp(CombinatoricsUtils.binomialCoefficientLog(i - 1, k - 1)
            - CombinatoricsUtils.binomialCoefficientLog(n, k));
      }
      assertEquals(sum, exact[k - 1], 1e-10, "k = " + k);
    }
  }

  @Test
  void largePoolEndsAtMeanAndMaximum() {
    // Definition: k = 1 is the pool mean, k = n the pool maximum, and the curve never decreases.
    SplittableRandom r = new SplittableRandom(99L);
    double[] pool = new double[3000];
    double sum = 0;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < pool.length; i++) {
      pool[i] = r.nextDouble();
      sum += pool[i];
      max = Math.max(max, pool[i]);
    }
    double[] curve = ExpectedMaxCurve.of(pool, Goal.MAX).exact();
    assertEquals(sum / pool.length, curve[0], 1e-12);
    assertEquals(max, curve[pool.length - 1], 1e-12);
    for (int k = 1; k < curve.length; k++) {
      assertTrue(curve[k] >= curve[k - 1] - 1e-12, "k = " + (k + 1));
    }
  }

  @Test
  void rejectsBadInput() {
    assertThrows(IllegalArgumentException.class,
        () -> ExpectedMaxCurve.of(new double[0], Goal.MAX));
    assertThrows(IllegalArgumentException.class,
        () -> ExpectedMaxCurve.of(new double[] {Double.NaN}, Goal.MAX));
    ExpectedMaxCurve c = ExpectedMaxCurve.of(new double[] {1, 2}, Goal.MAX);
    assertThrows(IllegalArgumentException.class, () -> c.expected(0));
    assertThrows(IllegalArgumentException.class, () -> c.expected(3));
    assertThrows(IllegalArgumentException.class, () -> c.resampled(0, 1L));
  }
}
