package org.optbench.dl4j;

import org.optbench.testing.Optimizers;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.optbench.optimizer.OptimizerSpec;
import org.optbench.optimizer.ReferenceUpdaters;

/**
 * Runs the real DL4J updaters and checks them against {@link ReferenceUpdaters}, i.e. against the
 * equations documented on {@link OptimizerSpec}; then pins each documented surprise to a concrete
 * number.
 */
class UpdaterEquationTest {
  private static final double REL_TOL = 1e-12;

  /** Five steps on four parameters: mixed signs, magnitudes from 1e−3 to 12, no zeros. */
  private static final double[][] GRADIENTS = {
      {0.8, -3.5, 1e-3, 12.0},
      {-0.4, -2.0, 5e-3, -7.5},
      {1.6, 0.25, -2e-3, 3.0},
      {0.05, -4.0, 8e-3, -0.6},
      {-1.2, 1.5, 1e-3, 9.0},
  };

  @BeforeAll
  static void useDoubles() {
    Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
  }

  /** Every updater with hyperparameters that differ from DL4J's defaults. */
  static Stream<OptimizerSpec> nonDefaultSpecs() {
    return Stream.of(
        Optimizers.spec("sgd", 0.05),
        Optimizers.spec("nesterovs", 0.05, 0.8),
        Optimizers.spec("adagrad", 0.2, 1e-3),
        Optimizers.spec("rmsprop", 0.01, 0.8, 1e-4),
        Optimizers.spec("adadelta", 0.9, 1e-4),
        Optimizers.spec("adam", 0.02, 0.8, 0.99, 1e-6),
        Optimizers.spec("nadam", 0.02, 0.8, 0.99, 1e-6),
        Optimizers.spec("adamax", 0.02, 0.8, 0.99, 1e-6),
        // β₂ = 0.9 makes v fall on the last parameter, so the running max matters.
        Optimizers.spec("amsgrad", 0.02, 0.8, 0.9, 1e-6));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nonDefaultSpecs")
  void dl4jMatchesReferenceEquations(OptimizerSpec spec) {
    int n = GRADIENTS[0].length;
    Dl4jUpdater dl4j = new Dl4jUpdater(spec, n);
    ReferenceUpdaters.Reference reference = ReferenceUpdaters.of(spec, n);
    for (int t = 0; t < GRADIENTS.length; t++) {
      double[] actual = dl4j.step(GRADIENTS[t], t);
      double[] expected = reference.update(GRADIENTS[t], t);
      for (int i = 0; i < n; i++) {
        assertRelative(expected[i], actual[i],
            spec.type().label() + " step " + t + " element " + i);
      }
    }
  }

  @Test
  void sgdHandComputedStep() {
    double theta = 2.0;
    double[] u = new Dl4jUpdater(Optimizers.spec("sgd", 0.1), 1).step(new double[] {-24}, 0);
    assertEquals(-2.4, u[0], 1e-15);
    assertEquals(4.4, theta - u[0], 1e-15);
  }

  @Test
  void adamFirstStepIsAboutLearningRateTimesSign() {
    double eta = 0.1;
    double epsilon = 1e-8;
    double beta2 = 0.999;
    double[] g = {2.0, -0.5, 1e-3};
    double[] u = new Dl4jUpdater(Optimizers.spec("adam", eta, 0.9, beta2, epsilon), 3).step(g, 0);
    for (int i = 0; i < g.length; i++) {
      // ε-hat form: ε is added to √v = √(1 − β₂)·|g|, not to the corrected √v̂ = |g|.
      double exact = eta * g[i] / (Math.abs(g[i]) + epsilon / Math.sqrt(1 - beta2));
      assertRelative(exact, u[i], "Adam first step element " + i);
      // Off η·sign(g) by at most η·ε/(√(1 − β₂)·|g|): 3e−4·η for g = 1e−3, 2e−7·η for g = 2.
      double shortfall = eta * epsilon / (Math.sqrt(1 - beta2) * Math.abs(g[i]));
      assertEquals(eta * Math.signum(g[i]), u[i], shortfall, "close to η·sign(g)");
    }
  }

  @Test
  void nadamFirstStepIsOnePlusBeta1OverRootOneMinusBeta2TimesAdams() {
    double[] g = {0.3, -2.0, 7.0};
    OptimizerSpec nadam = Optimizers.spec("nadam", 1e-3, 0.9, 0.999, 1e-8);
    OptimizerSpec adam = Optimizers.spec("adam", 1e-3, 0.9, 0.999, 1e-8);
    double[] nadamStep = new Dl4jUpdater(nadam, 3).step(g, 0);
    double[] adamStep = new Dl4jUpdater(adam, 3).step(g, 0);
    double expectedRatio = (1 + 0.9) / Math.sqrt(1 - 0.999);
    assertEquals(60.083, expectedRatio, 1e-3);
    for (int i = 0; i < g.length; i++) {
      assertRelative(expectedRatio, nadamStep[i] / adamStep[i], "Nadam/Adam element " + i);
    }
  }

  @Test
  void rmsPropAverageStartsAtEpsilon() {
    double epsilon = 1e-3;
    Dl4jUpdater dl4j = new Dl4jUpdater(Optimizers.spec("rmsprop", 0.1, 0.9, epsilon), 2);
    assertArrayEquals(new double[] {epsilon, epsilon}, dl4j.state(), 0.0);

    double[] u = dl4j.step(new double[] {2.0, -1.0}, 0);
    double s0 = 0.9 * epsilon + 0.1 * 4.0;
    double s1 = 0.9 * epsilon + 0.1 * 1.0;
    assertRelative(s0, dl4j.state()[0], "RmsProp average element 0");
    assertRelative(s1, dl4j.state()[1], "RmsProp average element 1");
    assertRelative(0.1 * 2.0 / (Math.sqrt(0.4009) + epsilon), u[0], "RmsProp update element 0");
    assertRelative(0.1 * -1.0 / (Math.sqrt(0.1009) + epsilon), u[1], "RmsProp update element 1");
  }

  @Test
  void adaGradAccumulatorStartsAtOneMicroWhateverEpsilon() {
    double epsilon = 1e-3;
    Dl4jUpdater dl4j = new Dl4jUpdater(Optimizers.spec("adagrad", 0.1, epsilon), 2);
    assertArrayEquals(new double[] {1e-6, 1e-6}, dl4j.state(), 0.0);

    double[] u = dl4j.step(new double[] {0.5, -3.0}, 0);
    assertRelative(0.250001, dl4j.state()[0], "AdaGrad accumulator element 0");
    assertRelative(9.000001, dl4j.state()[1], "AdaGrad accumulator element 1");
    assertRelative(0.05 / (Math.sqrt(0.250001) + epsilon), u[0], "AdaGrad update element 0");
    assertRelative(-0.3 / (Math.sqrt(9.000001) + epsilon), u[1], "AdaGrad update element 1");
  }

  @Test
  void amsGradTakesMaxOfUncorrectedV() {
    double eta = 0.1;
    double beta1 = 0.5;
    double beta2 = 0.6;
    double epsilon = 1e-8;
    Dl4jUpdater ams = new Dl4jUpdater(Optimizers.spec("amsgrad", eta, beta1, beta2, epsilon), 1);
    Dl4jUpdater adam = new Dl4jUpdater(Optimizers.spec("adam", eta, beta1, beta2, epsilon), 1);
    ams.step(new double[] {4.0}, 0);
    adam.step(new double[] {4.0}, 0);
    double amsStep = ams.step(new double[] {0.1}, 1)[0];
    double adamStep = adam.step(new double[] {0.1}, 1)[0];

    // State is [m, v, v̂]. v_0 = 0.4·16 = 6.4 (bias-corrected it would be 16); v_1 = 3.844.
    double[] state = ams.state();
    assertRelative(1.05, state[0], "m_1");
    assertRelative(3.844, state[1], "v_1");
    assertRelative(6.4, state[2], "v̂_1 = max(v_0, v_1), uncorrected");

    double alpha1 = eta * Math.sqrt(1 - beta2 * beta2) / (1 - beta1 * beta1);
    assertRelative(alpha1 * 1.05 / (Math.sqrt(6.4) + epsilon), amsStep, "AMSGrad step 1");
    assertRelative(alpha1 * 1.05 / (Math.sqrt(3.844) + epsilon), adamStep, "Adam step 1");
    assertRelative(0.04427188707, amsStep, 1e-10, "AMSGrad step 1, hand-computed");
    assertTrue(amsStep < adamStep, "the max keeps AMSGrad's step smaller than Adam's");
  }

  @Test
  void nesterovsEqualsPyTorchFormAtConstantLearningRate() {
    double eta = 0.1;
    double mu = 0.9;
    double[] grads = {1.0, 0.5, -2.0};
    // Hand-computed with PyTorch's form b_t = μ·b_{t−1} + g_t, u_t = η·(g_t + μ·b_t):
    // b = 1, 1.4, −0.74, so u = 0.1·1.9, 0.1·(0.5 + 1.26), 0.1·(−2 − 0.666).
    double[] expected = {0.19, 0.176, -0.2666};
    Dl4jUpdater dl4j = new Dl4jUpdater(Optimizers.spec("nesterovs", eta, mu), 1);
    double buffer = 0;
    for (int t = 0; t < grads.length; t++) {
      double u = dl4j.step(new double[] {grads[t]}, t)[0];
      buffer = mu * buffer + grads[t];
      double pyTorch = eta * (grads[t] + mu * buffer);
      assertRelative(expected[t], pyTorch, 1e-12, "PyTorch form step " + t);
      assertRelative(expected[t], u, 1e-12, "DL4J Nesterovs step " + t);
      // DL4J's velocity is −η times PyTorch's buffer.
      assertRelative(-eta * buffer, dl4j.state()[0], 1e-12, "velocity step " + t);
    }
  }

  @Test
  void adaMaxIgnoresEpsilonAndAddsATinyConstantToTheNorm() {
    double[][] grads = {{1.0, 1e-30, -0.25}, {0.5, 0.0, 3.0}};
    Dl4jUpdater small = new Dl4jUpdater(Optimizers.spec("adamax", 0.1, 0.9, 0.999, 1e-8), 3);
    Dl4jUpdater large = new Dl4jUpdater(Optimizers.spec("adamax", 0.1, 0.9, 0.999, 0.5), 3);
    for (int t = 0; t < grads.length; t++) {
      assertArrayEquals(small.step(grads[t], t), large.step(grads[t], t), 0.0,
          "ε does not enter AdaMax's update, step " + t);
    }
    // State is [m, w]: w_0 = |g_0| + 1e−32, so a 1e−30 gradient gives a step of 0.1/1.01.
    Dl4jUpdater fresh = new Dl4jUpdater(Optimizers.spec("adamax", 0.1, 0.9, 0.999, 1e-8), 3);
    double[] u = fresh.step(grads[0], 0);
    assertRelative(1.01e-30, fresh.state()[4], "w_0 for g = 1e−30");
    assertRelative(0.1 / 1.01, u[1], "first step for g = 1e−30");
    assertRelative(0.1, u[0], "first step is η·sign(g)");
    assertRelative(-0.1, u[2], "first step is η·sign(g)");
  }

  @Test
  void adaDeltaHasNoLearningRate() {
    IUpdater config = Updaters.toIUpdater(Optimizers.spec("adadelta", 0.95, 1e-6));
    assertTrue(Double.isNaN(config.getLearningRate(0, 0)));
    assertTrue(!config.hasLearningRate());
    assertTrue(Double.isNaN(Optimizers.spec("adadelta", 0.95, 1e-6).learningRate()));
  }

  private static void assertRelative(double expected, double actual, String message) {
    assertRelative(expected, actual, REL_TOL, message);
  }

  private static void assertRelative(double expected, double actual, double relTol,
      String message) {
    double tolerance = relTol * Math.max(Math.abs(expected), Double.MIN_NORMAL);
    assertEquals(expected, actual, tolerance, message);
  }

  /** A real DL4J updater over a DOUBLE state view, stepped like DL4J's training loop does. */
  static final class Dl4jUpdater {
    private final INDArray view;
    private final GradientUpdater<?> updater;

    Dl4jUpdater(OptimizerSpec spec, int n) {
      IUpdater config = Updaters.toIUpdater(spec);
      long size = config.stateSize(n);
      // Sgd rejects a view array; the others need a row vector of stateSize(n).
      view = size == 0 ? null : Nd4j.zeros(DataType.DOUBLE, 1, size);
      updater = config.instantiate(view, true);
    }

    /** Applies one step; DL4J overwrites the gradient array with the update. */
    double[] step(double[] gradient, int iteration) {
      INDArray array = Nd4j.createFromArray(gradient.clone());
      updater.applyUpdater(array, iteration, 0);
      return array.toDoubleVector();
    }

    /** @return a copy of the whole state view (empty for Sgd) */
    double[] state() {
      return view == null ? new double[0] : view.toDoubleVector();
    }
  }
}
