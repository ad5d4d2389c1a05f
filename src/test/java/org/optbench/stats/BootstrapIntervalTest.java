package org.optbench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BootstrapIntervalTest {
  private static final double[] SKEWED = {0.91, 0.93, 0.92, 0.70, 0.94, 0.95, 0.90};

  @Test
  void sameSeedGivesIdenticalInterval() {
    // Determinism is the contract: SplittableRandom(seed) fixes every resample.
    BootstrapInterval.Interval a = BootstrapInterval.mean(SKEWED, 0.95, 2000, 17L);
    BootstrapInterval.Interval b = BootstrapInterval.mean(SKEWED, 0.95, 2000, 17L);
    assertEquals(a, b);
    BootstrapInterval.Interval c = BootstrapInterval.mean(SKEWED, 0.95, 2000, 18L);
    assertNotEquals(a, c);
    assertEquals(0.95, a.level());
    assertEquals(2000, a.resamples());
    assertEquals(17L, a.seed());
    // The mean of the sample, by hand: 6.25 / 7.
    assertEquals(6.25 / 7, a.estimate(), 1e-12);
    assertTrue(a.low() < a.estimate() && a.estimate() < a.high(), a.toString());
  }

  @Test
  void constantSampleGivesZeroWidth() {
    // Every resample of identical values is the same multiset, so every resample mean is 0.1.
    BootstrapInterval.Interval i =
        BootstrapInterval.mean(new double[] {0.1, 0.1, 0.1, 0.1, 0.1}, 0.95, 500, 1L);
    assertEquals(0.1, i.estimate(), 0.0);
    assertEquals(0.1, i.low(), 0.0);
    assertEquals(0.1, i.high(), 0.0);
  }

  @Test
  void singleValue() {
    // n = 1: the only resample is the value itself.
    BootstrapInterval.Interval i = BootstrapInterval.mean(new double[] {3.7}, 0.9, 100, 5L);
    assertEquals(new BootstrapInterval.Interval(3.7, 3.7, 3.7, 0.9, 100, 5L), i);
  }

  @Test
  void approachesExactBootstrapQuantilesOfTinySample() {
    // Independent reference: for n = 3 there are 3^3 = 27 equally likely ordered resamples, so
    // the exact bootstrap distribution of the mean is known by enumeration. Sample {1, 2, 6},
    // level 0.9 -> quantiles at p = 0.05 and 0.95. Sums by hand: P(mean = 3/3) = 1/27,
    // P(mean <= 4/3) = 4/27, so the 0.05 quantile is 4/3; P(mean <= 13/3) = 23/27 and
    // P(mean <= 14/3) = 26/27, so the 0.95 quantile is 14/3. Neither p sits on a jump of the CDF
    // (margins ≥ 0.013), so with B = 200 000 resamples (CDF standard error ≈ 0.0005) the R_7
    // quantiles interpolate between equal order statistics and land on the atoms; tolerance
    // 1e-12 covers only floating-point rounding of the means.
    double[] sample = {1, 2, 6};
    double[] means = new double[27];
    int m = 0;
    for (double a : sample) {
      for (double b : sample) {
        for (double c : sample) {
          means[m++] = (a + b + c) / 3;
        }
      }
    }
    Arrays.sort(means);
    double exactLow = exactQuantile(means, 0.05);
    double exactHigh = exactQuantile(means, 0.95);
    assertEquals(4.0 / 3, exactLow, 1e-12);
    assertEquals(14.0 / 3, exactHigh, 1e-12);

    BootstrapInterval.Interval i = BootstrapInterval.mean(sample, 0.9, 200_000, 2024L);
    assertEquals(3.0, i.estimate(), 1e-12);
    assertEquals(exactLow, i.low(), 1e-12);
    assertEquals(exactHigh, i.high(), 1e-12);
  }

  /** Smallest atom whose cumulative probability reaches p, after checking p is off any jump. */
  private static double exactQuantile(double[] sortedAtoms, double p) {
    int n = sortedAtoms.length;
    for (int i = 0; i < n; i++) {
      double cdf = (double) countAtMost(sortedAtoms, sortedAtoms[i]) / n;
      if (cdf >= p) {
        double below = (double) countBelow(sortedAtoms, sortedAtoms[i]) / n;
        assertTrue(cdf - p > 0.01 && p - below > 0.01, "p too close to a jump");
        return sortedAtoms[i];
      }
    }
    throw new AssertionError("unreachable");
  }

  // Means like 4/3 arise from different orders of the same draws; 1e-12 absorbs their rounding.
  private static int countBelow(double[] sorted, double x) {
    int c = 0;
    for (double v : sorted) {
      if (v < x - 1e-12) {
        c++;
      }
    }
    return c;
  }

  private static int countAtMost(double[] sorted, double x) {
    int c = 0;
    for (double v : sorted) {
      if (v <= x + 1e-12) {
        c++;
      }
    }
    return c;
  }

  @Test
  void rejectsInvalidArguments() {
    double[] ok = {1, 2, 3};
    assertThrows(IllegalArgumentException.class,
        () -> BootstrapInterval.mean(new double[0], 0.95, 100, 1L));
    IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
        () -> BootstrapInterval.mean(new double[] {1, Double.NaN}, 0.95, 100, 1L));
    assertTrue(nan.getMessage().contains("sample[1]"), nan.getMessage());
    assertThrows(IllegalArgumentException.class, () -> BootstrapInterval.mean(ok, 0, 100, 1L));
    assertThrows(IllegalArgumentException.class, () -> BootstrapInterval.mean(ok, 1, 100, 1L));
    assertThrows(IllegalArgumentException.class,
        () -> BootstrapInterval.mean(ok, Double.NaN, 100, 1L));
    IllegalArgumentException b = assertThrows(IllegalArgumentException.class,
        () -> BootstrapInterval.mean(ok, 0.95, 0, 1L));
    assertTrue(b.getMessage().contains("resamples"), b.getMessage());
  }
}
