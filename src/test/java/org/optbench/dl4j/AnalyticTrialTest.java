package org.optbench.dl4j;

import org.optbench.testing.Optimizers;
import org.optbench.testing.CurveCsv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.experiment.BatchSize;
import org.optbench.experiment.Budget;
import org.optbench.experiment.TrialSpec;
import org.optbench.optimizer.OptimizerSpec;
import org.optbench.problem.ProblemSpec;
import org.optbench.problem.TestFunction;
import org.optbench.result.TrialResult;
import org.optbench.result.TrialStatus;

/** Analytic trials against closed-form gradient-descent trajectories. */
class AnalyticTrialTest {
  private static final double KAPPA = 100;
  private static final double DIVERGENCE_FACTOR = 100;

  @TempDir Path temp;

  private static TrialSpec spec(TestFunction f, List<Double> start, OptimizerSpec optimizer,
      int steps) {
    return new TrialSpec(new ProblemSpec.Analytic(f, start), optimizer, BatchSize.FULL,
        new Budget(Budget.Unit.STEPS, steps), 0, 1, DIVERGENCE_FACTOR, 0, 1);
  }

  private TrialResult run(TrialSpec spec, String name) throws Exception {
    Path dir = Files.createDirectories(temp.resolve(name));
    return AnalyticTrial.run(spec, Updaters.toIUpdater(spec.optimizer()), dir, n -> { });
  }

  private static void assertRelative(double expected, double actual, double tol, String what) {
    assertEquals(expected, actual, tol * Math.abs(expected), what);
  }

  @Test
  void sgdOnTheRavineFollowsTheClosedForm() throws Exception {
    double eta = 0.015;
    TrialResult result = run(spec(new TestFunction.Ravine2d(KAPPA), List.of(-4.0, 1.0),
        Optimizers.spec("sgd", eta), 10), "sgd");
    assertEquals(TrialStatus.COMPLETED, result.status());
    assertEquals(10, result.steps());
    assertEquals(-1, result.divergedAtStep());
    assertNull(result.message());

    CurveCsv curve = CurveCsv.read(temp.resolve("sgd/curve.csv"));
    double[] it = curve.column("iteration");
    double[] x = curve.column("x");
    double[] y = curve.column("y");
    double[] loss = curve.column("loss");
    double[] lr = curve.column("learning_rate");
    assertEquals(11, it.length, "rows for t = 0..10");
    for (int t = 0; t <= 10; t++) {
      assertEquals(t, it[t]);
      // ∇f = (x, κy), so each Sgd step multiplies x by 1 − η and y by 1 − ηκ = −0.5.
      double xt = -4 * Math.pow(1 - eta, t);
      double yt = Math.pow(1 - eta * KAPPA, t);
      assertRelative(xt, x[t], 1e-12, "x_" + t);
      assertRelative(yt, y[t], 1e-12, "y_" + t);
      assertRelative(0.5 * (xt * xt + KAPPA * yt * yt), loss[t], 1e-12, "f_" + t);
      assertEquals(eta, lr[t], 0);
    }
    assertRelative(Math.hypot(x[10], y[10]), curve.column("distance_to_optimum")[10], 1e-12,
        "distance");
    assertEquals(loss[10], curve.column("suboptimality")[10], 0, "f* = 0");
    assertRelative(x[10], result.finalMetrics().get("x"), 0, "final x");
  }

  @Test
  void tooLargeStepDivergesAtThePredictedStep() throws Exception {
    // η = 0.03 > 2/κ = 0.02: y_t = (1 − ηκ)^t = (−2)^t grows while x_t = −4·0.97^t decays.
    double eta = 0.03;
    int expected = -1;
    double initial = 0.5 * (16 + KAPPA);
    for (int t = 0; t < 100; t++) {
      double xt = -4 * Math.pow(1 - eta, t);
      double yt = Math.pow(1 - eta * KAPPA, t);
      if (0.5 * (xt * xt + KAPPA * yt * yt) > DIVERGENCE_FACTOR * initial) {
        expected = t;
        break;
      }
    }
    // By hand: f_3 ≈ 3203 ≤ 5800 = 100·58 < f_4 ≈ 12803.
    assertEquals(4, expected);

    TrialResult result = run(spec(new TestFunction.Ravine2d(KAPPA), List.of(-4.0, 1.0),
        Optimizers.spec("sgd", eta), 50), "diverge");
    assertEquals(TrialStatus.DIVERGED, result.status());
    assertEquals(expected, result.divergedAtStep());
    assertEquals(expected, result.steps());
    assertTrue(result.message().contains("iteration " + expected), result.message());

    CurveCsv curve = CurveCsv.read(temp.resolve("diverge/curve.csv"));
    double[] y = curve.column("y");
    assertEquals(expected + 1, y.length, "the curve stops at the diverging row");
    assertRelative(16, y[expected], 1e-12, "y_4 = (−2)⁴");
  }

  @Test
  void momentumCarriesTheIterateIntoTheGlobalWell() throws Exception {
    // From x = 2 the gradient first points into the right (local) well. Plain gradient descent
    // stops there; Nesterov momentum 0.9 builds up enough speed to cross the barrier near
    // x ≈ 0.075 and settles in the deeper left well. Checked by simulation for η = 0.005–0.03;
    // 200 steps converge both to well under 1e-6.
    TestFunction.TwoWells f = new TestFunction.TwoWells();
    double eta = 0.02;
    List<Double> start = List.of(2.0, 0.0);
    TrialResult sgd = run(spec(f, start, Optimizers.spec("sgd", eta), 200), "sgd");
    TrialResult nesterovs =
        run(spec(f, start, Optimizers.spec("nesterovs", eta, 0.9), 200), "nesterovs");
    assertEquals(TrialStatus.COMPLETED, sgd.status());
    assertEquals(TrialStatus.COMPLETED, nesterovs.status());

    // Roots of f'(x) = 4x³ − 4x + 0.3 (see TestFunctionTest).
    assertEquals(0.960150, sgd.finalMetrics().get("x"), 1e-3, "plain Sgd: local minimum");
    assertEquals(-1.035579, nesterovs.finalMetrics().get("x"), 1e-3, "Nesterovs: global");
    assertEquals(0, sgd.finalMetrics().get("y"), 0);
    // Suboptimality f − f*: f(local) − f(global) ≈ −0.705854 + 1.305428 for Sgd, 0 for Nesterovs.
    assertEquals(0.599575, sgd.finalMetrics().get("suboptimality"), 1e-4);
    assertEquals(0, nesterovs.finalMetrics().get("suboptimality"), 1e-9);

    // Nesterovs really crossed the barrier and overshot the left minimum on its way.
    double[] x = CurveCsv.read(temp.resolve("nesterovs/curve.csv")).column("x");
    double min = Double.POSITIVE_INFINITY;
    for (double v : x) {
      min = Math.min(min, v);
    }
    assertTrue(min < -1.2, "overshoot, min x = " + min);
    double[] xs = CurveCsv.read(temp.resolve("sgd/curve.csv")).column("x");
    for (double v : xs) {
      assertTrue(v > 0.9, "Sgd never leaves the right well, x = " + v);
    }
  }
}
