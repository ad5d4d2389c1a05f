package org.optbench.plugin.builtin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.optbench.dl4j.Networks;
import org.optbench.dl4j.Updaters;
import org.optbench.optimizer.OptimizerSpec;
import org.optbench.testing.Optimizers;

/**
 * SGDM, Lion and AdamW against hand-computed float64 steps: the updaters alone (element-wise,
 * in DOUBLE), and in a DL4J network, where AdamW's and Lion's decoupled weight decay comes from
 * DL4J's {@code WeightDecay(λ, applyLR = true)}.
 */
class NewOptimizerStepsTest {
  private static final double[][] GRADIENTS = {{1.0, 0}, {-2.0, 0}, {0.5, 0}, {0.01, 0}};

  private static double[][] steps(OptimizerSpec spec) {
    IUpdater config = Updaters.toIUpdater(spec);
    GradientUpdater<?> updater = config.instantiate(
        Nd4j.zeros(DataType.DOUBLE, 1, config.stateSize(2)), true);
    double[][] out = new double[GRADIENTS.length][];
    for (int t = 0; t < GRADIENTS.length; t++) {
      INDArray g = Nd4j.createFromArray(GRADIENTS[t].clone()).reshape(1, 2);
      updater.applyUpdater(g, t, 0);
      out[t] = g.toDoubleVector();
    }
    return out;
  }

  @Test
  void sgdmWithoutDampeningIsPyTorchsMomentum() {
    // v = 1; v = 0.9 − 2 = −1.1; v = −0.99 + 0.5 = −0.49; v = −0.441 + 0.01 = −0.431; u = 0.1·v
    double[][] u = steps(Optimizers.spec("sgdm", 0.1, 0.9, 0.0));
    double[] expected = {0.1, -0.11, -0.049, -0.0431};
    for (int t = 0; t < expected.length; t++) {
      assertEquals(expected[t], u[t][0], 1e-15, "iteration " + t);
      assertEquals(0.0, u[t][1], "a zero gradient with no history stays put");
    }
  }

  @Test
  void sgdmWithDampeningEqualToMomentumIsTheMovingAverage() {
    // v = 0.1; v = 0.09 − 0.2 = −0.11; v = −0.099 + 0.05 = −0.049; v = −0.0441 + 0.001 = −0.0431
    double[][] u = steps(Optimizers.spec("sgdm", 0.1, 0.9, 0.9));
    double[] expected = {0.01, -0.011, -0.0049, -0.00431};
    for (int t = 0; t < expected.length; t++) {
      assertEquals(expected[t], u[t][0], 1e-15, "iteration " + t);
    }
  }

  @Test
  void lionStepsAreTheSignOfTheInterpolation() {
    // c0 = 0.1 → +η; m0 = 0.01. c1 = 0.009 − 0.2 < 0 → −η; m1 = 0.0099 − 0.02 = −0.0101.
    // c2 = −0.00909 + 0.05 > 0 → +η; m2 = −0.009999 + 0.005 = −0.004999.
    // c3 = −0.0044991 + 0.001 < 0 → −η although g3 > 0: the momentum wins.
    double[][] u = steps(Optimizers.spec("lion", 0.01, 0.9, 0.99, 0.0));
    double[] expected = {0.01, -0.01, 0.01, -0.01};
    for (int t = 0; t < expected.length; t++) {
      assertEquals(expected[t], u[t][0], 0.0, "iteration " + t);
      assertEquals(0.0, u[t][1], 0.0, "sign(0) = 0");
    }
  }

  /** One example x = [1, 2], y = 3, MSE: ∇w = 2·(x·w − y)·x. */
  private static MultiLayerNetwork regression(OptimizerSpec spec) {
    return Networks.linearRegression(2, Updaters.toIUpdater(spec),
        Updaters.regularization(spec), 0, List.of(0.5, -0.5));
  }

  private static double[] fit(MultiLayerNetwork net, int steps) {
    DataSet data = new DataSet(Nd4j.createFromArray(new double[][] {{1, 2}}),
        Nd4j.createFromArray(new double[][] {{3}}));
    for (int i = 0; i < steps; i++) {
      net.fit(data);
    }
    return net.params().toDoubleVector();
  }

  private static double[] gradient(double[] w) {
    double r = w[0] + 2 * w[1] - 3;
    return new double[] {2 * r, 4 * r};
  }

  @Test
  void lionWeightDecayIsEtaLambdaW() {
    double eta = 0.01;
    double lambda = 0.1;
    // Step 0 by hand: ∇ = [−7, −14], sign(c) = [−1, −1], u = η·sign + η·λ·w0 =
    // [−0.01 + 0.0005, −0.01 − 0.0005], so w1 = [0.5095, −0.4895].
    assertArrayEquals(new double[] {0.5095, -0.4895},
        fit(regression(Optimizers.spec("lion", eta, 0.9, 0.99, lambda)), 1), 1e-12);
    // Five steps against a float64 reference of w ← w − η·(sign(c) + λ·w).
    double[] w = {0.5, -0.5};
    double[] m = new double[2];
    for (int t = 0; t < 5; t++) {
      double[] g = gradient(w);
      for (int i = 0; i < 2; i++) {
        double c = 0.9 * m[i] + 0.1 * g[i];
        m[i] = 0.99 * m[i] + 0.01 * g[i];
        w[i] -= eta * (Math.signum(c) + lambda * w[i]);
      }
    }
    assertArrayEquals(w, fit(regression(Optimizers.spec("lion", eta, 0.9, 0.99, lambda)), 5),
        1e-12);
  }

  @Test
  void adamWIsDl4jAdamPlusEtaLambdaW() {
    double eta = 0.01;
    double beta1 = 0.9;
    double beta2 = 0.999;
    double eps = 1e-8;
    double lambda = 0.1;
    double[] w = {0.5, -0.5};
    double[] m = new double[2];
    double[] v = new double[2];
    double[] afterFirst = null;
    for (int t = 0; t < 5; t++) {
      double[] g = gradient(w);
      double alpha = eta * Math.sqrt(1 - Math.pow(beta2, t + 1)) / (1 - Math.pow(beta1, t + 1));
      for (int i = 0; i < 2; i++) {
        m[i] = beta1 * m[i] + (1 - beta1) * g[i];
        v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
        // ε outside the uncorrected root (DL4J's Adam); decay η·λ·w on the old weights.
        w[i] -= alpha * m[i] / (Math.sqrt(v[i]) + eps) + eta * lambda * w[i];
      }
      if (t == 0) {
        afterFirst = w.clone();
      }
    }
    // Step 0 by hand: Adam's first step is η·g/(|g| + ε/√(1 − β₂)) ≈ −η·(1 − 4.5e-8) per weight
    // here, the decay 0.001·w0 = ±0.0005.
    assertArrayEquals(new double[] {0.5 + 0.01 * (1 - 1e-8 / Math.sqrt(0.001) / 7) - 0.0005,
        -0.5 + 0.01 * (1 - 1e-8 / Math.sqrt(0.001) / 14) + 0.0005}, afterFirst, 1e-12);
    OptimizerSpec adamw = Optimizers.spec("adamw", eta, beta1, beta2, eps, lambda);
    assertArrayEquals(afterFirst, fit(regression(adamw), 1), 1e-12);
    assertArrayEquals(w, fit(regression(adamw), 5), 1e-12);
    // Without decay AdamW is Adam exactly.
    assertArrayEquals(fit(regression(Optimizers.spec("adam", eta, beta1, beta2, eps)), 5),
        fit(regression(Optimizers.spec("adamw", eta, beta1, beta2, eps, 0.0)), 5), 0.0);
  }

  @Test
  void weightDecayZeroAddsNoRegularization() {
    assertEquals(List.of(), Updaters.regularization(Optimizers.spec("lion", 1e-4, 0.9, 0.99, 0)));
    assertEquals(1, Updaters.regularization(Optimizers.type("adamw").create(Map.of())).size());
  }
}
