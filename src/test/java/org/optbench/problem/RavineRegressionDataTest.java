package org.optbench.problem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The synthetic least-squares data, checked against quantities recomputed here from the raw
 * features and targets (plain loops, no shared code with the generator).
 */
class RavineRegressionDataTest {

  @Test
  void sameSeedGivesBitIdenticalArrays() {
    RavineRegressionData a = RavineRegressionData.generate(3, 50, 40, 10, 0.1, 42);
    RavineRegressionData b = RavineRegressionData.generate(3, 50, 40, 10, 0.1, 42);
    // assertArrayEquals on doubles compares bit patterns, not within a tolerance.
    assertArrayEquals(a.features(), b.features());
    assertArrayEquals(a.targets(), b.targets());
    assertArrayEquals(a.testFeatures(), b.testFeatures());
    assertArrayEquals(a.testTargets(), b.testTargets());
    assertArrayEquals(a.trueWeights(), b.trueWeights());
    assertArrayEquals(a.optimum(), b.optimum());
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(a.gram()[i], b.gram()[i]);
    }
    assertEquals(Double.doubleToLongBits(a.optimalLoss()), Double.doubleToLongBits(b.optimalLoss()));

    RavineRegressionData other = RavineRegressionData.generate(3, 50, 40, 10, 0.1, 43);
    assertFalse(Arrays.equals(a.features(), other.features()));
  }

  @Test
  void shapes() {
    RavineRegressionData data = RavineRegressionData.generate(5, 10, 30, 7, 0.1, 1);
    assertEquals(30, data.samples());
    assertEquals(30 * 5, data.features().length);
    assertEquals(7 * 5, data.testFeatures().length);
    assertEquals(7, data.testTargets().length);
    assertEquals(5, data.optimum().length);
  }

  @ParameterizedTest(name = "d={0}, kappa={1}")
  @CsvSource({"2, 100", "2, 1e4", "5, 100", "5, 1e4"})
  void conditionNumberIsKappa(int d, double kappa) {
    RavineRegressionData data = RavineRegressionData.generate(d, kappa, 200, 10, 0.1, 7);
    assertEquals(kappa, data.measuredConditionNumber(), 1e-9 * kappa);
  }

  @ParameterizedTest(name = "d={0}, kappa={1}")
  @CsvSource({"2, 100", "5, 1e4"})
  void gramIsXtXOverN(int d, double kappa) {
    RavineRegressionData data = RavineRegressionData.generate(d, kappa, 150, 10, 0.1, 3);
    double[][] direct = gram(data);
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        assertEquals(direct[i][j], data.gram()[i][j], 1e-12 * kappa, "G[" + i + "][" + j + "]");
      }
    }
  }

  @ParameterizedTest(name = "d={0}, kappa={1}")
  @CsvSource({"2, 100", "5, 1e4"})
  void optimumHasZeroFullBatchGradient(int d, double kappa) {
    RavineRegressionData data = RavineRegressionData.generate(d, kappa, 150, 10, 0.1, 5);
    int n = data.samples();
    double[] x = data.features();
    double[] y = data.targets();
    double[] w = data.optimum();
    // ∇L(ŵ) = (2/n)·Xᵀ(Xŵ − y); compare against the scale of one of its terms, (2/n)·|Xᵀy|.
    double[] grad = new double[d];
    double[] scale = new double[d];
    for (int r = 0; r < n; r++) {
      double residual = dot(x, r, d, w) - y[r];
      for (int j = 0; j < d; j++) {
        grad[j] += 2.0 / n * x[r * d + j] * residual;
        scale[j] += 2.0 / n * Math.abs(x[r * d + j] * y[r]);
      }
    }
    for (int j = 0; j < d; j++) {
      assertEquals(0, grad[j], 1e-10 * Math.max(1, scale[j]), "dL/dw" + j);
    }
    // And the stored optimal loss is the mean squared error there.
    assertEquals(mse(data, w), data.optimalLoss(), 1e-10 * Math.max(1, mse(data, w)));
  }

  @ParameterizedTest(name = "d={0}, kappa={1}")
  @CsvSource({"2, 100", "5, 1e4"})
  void suboptimalityIsLossMinusOptimalLoss(int d, double kappa) {
    RavineRegressionData data = RavineRegressionData.generate(d, kappa, 120, 10, 0.1, 9);
    double best = mse(data, data.optimum());
    SplittableRandom random = new SplittableRandom(11);
    for (int trial = 0; trial < 5; trial++) {
      double[] w = new double[d];
      for (int j = 0; j < d; j++) {
        w[j] = data.optimum()[j] + random.nextDouble(-2, 2);
      }
      double direct = mse(data, w) - best;
      assertTrue(direct > 0);
      assertEquals(direct, data.suboptimality(w), 1e-10 * Math.max(1, mse(data, w)));
    }
    assertEquals(0, data.suboptimality(data.optimum()), 0);
    assertEquals(0, data.distanceToOptimum(data.optimum()), 0);
  }

  @Test
  void noiselessTargetsAreFitExactly() {
    // With σ = 0, y = Xw* lies in the column space: ŵ = w* and L(ŵ) = 0.
    RavineRegressionData data = RavineRegressionData.generate(3, 100, 50, 5, 0, 2);
    assertArrayEquals(data.trueWeights(), data.optimum(), 1e-10);
    assertEquals(0, data.optimalLoss(), 1e-10);
  }

  @Test
  void rejectsBadArguments() {
    assertThrows(IllegalArgumentException.class,
        () -> RavineRegressionData.generate(3, 100, 2, 5, 0.1, 0));
    assertThrows(IllegalArgumentException.class,
        () -> RavineRegressionData.generate(2, 0.5, 10, 5, 0.1, 0));
    assertThrows(IllegalArgumentException.class,
        () -> RavineRegressionData.generate(2, 10, 10, 5, -1, 0));
  }

  private static double[][] gram(RavineRegressionData data) {
    int d = data.dimension();
    int n = data.samples();
    double[] x = data.features();
    double[][] g = new double[d][d];
    for (int r = 0; r < n; r++) {
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          g[i][j] += x[r * d + i] * x[r * d + j] / n;
        }
      }
    }
    return g;
  }

  /** L(w) = (1/n) Σ (yᵢ − xᵢ·w)², the loss DL4J's MSE gives for one output. */
  private static double mse(RavineRegressionData data, double[] w) {
    int d = data.dimension();
    int n = data.samples();
    double total = 0;
    for (int r = 0; r < n; r++) {
      double e = data.targets()[r] - dot(data.features(), r, d, w);
      total += e * e;
    }
    return total / n;
  }

  private static double dot(double[] x, int row, int d, double[] w) {
    double s = 0;
    for (int j = 0; j < d; j++) {
      s += x[row * d + j] * w[j];
    }
    return s;
  }
}
