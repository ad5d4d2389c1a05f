package org.optbench.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.experiment.BatchSize;
import org.optbench.experiment.Budget;
import org.optbench.experiment.TrialSpec;
import org.optbench.optimizer.Recipe;
import org.optbench.optimizer.ScheduleKind;
import org.optbench.problem.ProblemSpec;
import org.optbench.problem.TestFunction;
import org.optbench.testing.CurveCsv;
import org.optbench.testing.Optimizers;

/**
 * A 2-D function trained with a schedule, global-norm clipping and weight decay, step by step
 * against the recursion in plain doubles: on f = ½(x² + κy²) SGD takes
 * θ ← θ − η_t·(g·min(1, c/‖g‖) + λ·θ), g = (x, κy).
 */
class AnalyticRecipeTest {
  @TempDir
  Path temp;

  @Test
  void scheduledClippedDecayedSgdFollowsTheRecursion() throws Exception {
    double kappa = 100;
    double eta = 0.02;
    double c = 5;
    double lambda = 0.1;
    int steps = 30;
    Recipe recipe = new Recipe(new Recipe.Schedule(ScheduleKind.WARMUP_COSINE, false,
        Map.of("warmupSteps", 4.0, "finalFraction", 0.0), new TreeMap<>()), lambda, 0, false, c,
        null);
    TrialSpec spec = new TrialSpec(new ProblemSpec.Analytic(new TestFunction.Ravine2d(kappa),
        List.of(-4.0, 1.0)), Optimizers.spec("sgd", eta).withRecipe(recipe), BatchSize.FULL,
        new Budget(Budget.Unit.STEPS, steps), 0, 1, 100, 0, 1);
    Path dir = Files.createDirectories(temp.resolve("t"));
    new Dl4jTrialRunner(id -> null, 1).run(spec, dir, n -> { });

    CurveCsv curve = CurveCsv.read(dir.resolve("curve.csv"));
    double[] x = curve.column("x");
    double[] y = curve.column("y");
    double[] lr = curve.column("learning_rate");
    double[] norm = curve.column("grad_norm");
    double[] clipped = curve.column("clipped");
    assertEquals(steps + 1, x.length);
    double px = -4;
    double py = 1;
    int clippedSteps = 0;
    for (int t = 0; t <= steps; t++) {
      assertEquals(px, x[t], 1e-12, "x at " + t);
      assertEquals(py, y[t], 1e-12, "y at " + t);
      double rate = t < 4 ? eta * (t + 1) / 4
          : eta * 0.5 * (1 + Math.cos(Math.PI * (t - 4) / (steps - 4.0)));
      assertEquals(rate, lr[t], 1e-15, "rate at " + t);
      if (t == steps) {
        assertEquals(Double.NaN, norm[t], "no step from the last point");
        break;
      }
      double gx = px;
      double gy = kappa * py;
      double n = Math.hypot(gx, gy);
      assertEquals(n, norm[t], 1e-12 * n, "norm at " + t);
      double scale = Math.min(1, c / n);
      assertEquals(scale < 1 ? 1.0 : 0.0, clipped[t], "clipped at " + t);
      clippedSteps += scale < 1 ? 1 : 0;
      px -= rate * (gx * scale + lambda * px);
      py -= rate * (gy * scale + lambda * py);
    }
    assertEquals(true, clippedSteps > 0 && clippedSteps < steps, "some steps clipped, not all");
  }
}
