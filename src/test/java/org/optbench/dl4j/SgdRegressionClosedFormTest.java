package org.optbench.dl4j;

import org.optbench.testing.Optimizers;
import org.optbench.testing.CurveCsv;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.data.DatasetRepository;
import org.optbench.experiment.BatchSize;
import org.optbench.experiment.Budget;
import org.optbench.experiment.TrialSpec;
import org.optbench.optimizer.OptimizerSpec;
import org.optbench.problem.ProblemSpec;
import org.optbench.problem.RavineRegressionData;
import org.optbench.result.TrialResult;
import org.optbench.result.TrialStatus;

/**
 * Full-batch Sgd on ravine regression is plain gradient descent on L(w) = wᵀGw − 2bᵀw + c, so
 * its iterates must follow w ← w − η·2(Gw − b) computed here in plain Java from the generated
 * data, with G = XᵀX/n and b = Xᵀy/n.
 */
class SgdRegressionClosedFormTest {
  private static final int STEPS = 5;

  @TempDir Path temp;

  @Test
  void fullBatchSgdIsTheGradientDescentRecursion() throws Exception {
    int d = 3;
    // Hessian 2G has eigenvalues up to 2κ = 200; η = 0.004 < 2/200 keeps every direction stable.
    double eta = 0.004;
    List<Double> start = List.of(1.0, -2.0, 0.5);
    ProblemSpec.RavineRegression problem = new ProblemSpec.RavineRegression(
        "ravine-regression", d, 100, 64, 10, 0.1, 3, start);
    TrialSpec spec = new TrialSpec(problem, Optimizers.spec("sgd", eta), BatchSize.FULL,
        new Budget(Budget.Unit.STEPS, STEPS), 0, 1, 100, 0, 1);
    Dl4jTrialRunner runner =
        new Dl4jTrialRunner(DatasetRepository.fromEnvironment(Optional.empty(), false), 1);
    TrialResult result = runner.run(spec, temp, n -> { });
    assertEquals(TrialStatus.COMPLETED, result.status());
    assertEquals(STEPS, result.steps());

    // The closed form, from the raw arrays.
    RavineRegressionData data = problem.generate();
    int n = data.samples();
    double[] x = data.features();
    double[] y = data.targets();
    double[][] g = new double[d][d];
    double[] b = new double[d];
    for (int r = 0; r < n; r++) {
      for (int i = 0; i < d; i++) {
        b[i] += x[r * d + i] * y[r] / n;
        for (int j = 0; j < d; j++) {
          g[i][j] += x[r * d + i] * x[r * d + j] / n;
        }
      }
    }
    double[][] expected = new double[STEPS + 1][];
    expected[0] = start.stream().mapToDouble(Double::doubleValue).toArray();
    for (int t = 0; t < STEPS; t++) {
      double[] w = expected[t];
      double[] next = new double[d];
      for (int i = 0; i < d; i++) {
        double gw = 0;
        for (int j = 0; j < d; j++) {
          gw += g[i][j] * w[j];
        }
        next[i] = w[i] - eta * 2 * (gw - b[i]);
      }
      expected[t + 1] = next;
    }

    // Full batch: one step per epoch, so evals.csv holds θ_0..θ_5 and curve.csv θ_0..θ_4.
    CurveCsv evals = CurveCsv.read(temp.resolve("evals.csv"));
    CurveCsv curve = CurveCsv.read(temp.resolve("curve.csv"));
    assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5}, evals.column("iteration"));
    assertEquals(STEPS, curve.rows().size());
    double[] loss = curve.column("loss");
    for (int i = 0; i < d; i++) {
      double[] fromEvals = evals.column("w" + i);
      double[] fromCurve = curve.column("w" + i);
      for (int t = 0; t <= STEPS; t++) {
        assertEquals(expected[t][i], fromEvals[t], 1e-10, "w" + i + " after " + t + " steps");
        if (t < STEPS) {
          assertEquals(expected[t][i], fromCurve[t], 1e-10, "w" + i + " before step " + t);
        }
      }
    }
    // The loss DL4J reports at step t is L(θ_t) = (1/n) Σ (yᵢ − xᵢ·θ_t)².
    for (int t = 0; t < STEPS; t++) {
      double l = 0;
      for (int r = 0; r < n; r++) {
        double e = y[r];
        for (int j = 0; j < d; j++) {
          e -= x[r * d + j] * expected[t][j];
        }
        l += e * e / n;
      }
      assertEquals(l, loss[t], 1e-10 * Math.max(1, l), "loss at step " + t);
    }
    assertEquals(data.suboptimality(expected[STEPS]), result.finalMetrics().get("suboptimality"),
        1e-10);
  }
}
