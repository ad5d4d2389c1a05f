package org.optbench.config;

import org.optbench.testing.Optimizers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.optbench.experiment.BatchSize;
import org.optbench.experiment.Budget;
import org.optbench.experiment.TrialSpec;
import org.optbench.optimizer.OptimizerSpec;
import org.optbench.problem.ProblemSpec;

/**
 * The smoke configs are what end-to-end tests run, so they must stay tiny, and the smoke
 * quickstart must keep exercising exactly what the real quickstart does.
 */
class SmokeConfigsTest {
  private static final ExperimentConfig QUICKSTART =
      ConfigLoader.load(Path.of("configs/quickstart.yaml"));
  private static final ExperimentConfig SMOKE =
      ConfigLoader.load(Path.of("configs/smoke/quickstart.yaml"));

  @Test
  void smokeQuickstartHasTheQuickstartsProblemsAndOptimizers() {
    assertEquals(ids(QUICKSTART), ids(SMOKE));
    assertEquals(QUICKSTART.seeds(), SMOKE.seeds());
    for (int i = 0; i < QUICKSTART.problems().size(); i++) {
      assertEquals(QUICKSTART.problems().get(i).optimizers(), SMOKE.problems().get(i).optimizers(),
          ids(SMOKE).get(i));
    }
    // Analytic problems are the same surfaces from the same start.
    for (int i = 0; i < 3; i++) {
      assertEquals(QUICKSTART.problems().get(i).problem(), SMOKE.problems().get(i).problem());
    }
  }

  @Test
  void smokeQuickstartBudgetsAreTiny() {
    for (ProblemPlan plan : SMOKE.problems()) {
      if (plan.problem() instanceof ProblemSpec.Analytic) {
        assertEquals(new Budget(Budget.Unit.STEPS, 20), plan.budget(), plan.problem().id());
      }
    }
    ProblemPlan regression = plan(SMOKE, "ravine-regression");
    assertEquals(new Budget(Budget.Unit.EPOCHS, 2), regression.budget());
    assertEquals(200, ((ProblemSpec.RavineRegression) regression.problem()).samples());

    ProblemPlan mlp = plan(SMOKE, "mnist-mlp");
    assertEquals(Map.of("trainExamples", 512, "validationExamples", 10_000, "evalExamples", 256,
        "testExamples", 256), mlp.problem().parameters());
    assertEquals(List.of(new BatchSize(128)), mlp.batchSizes());
    assertEquals(new Budget(Budget.Unit.STEPS, 4), mlp.budget());
    assertEquals(2, mlp.evalEverySteps());

    List<TrialSpec> trials = SMOKE.trials();
    assertEquals(QUICKSTART.trials().size(), trials.size());
    long steps = trials.stream().mapToLong(TrialSpec::totalSteps).sum();
    // 3 surfaces × 6 × 20 + regression 6 × 2 epochs × 7 steps + MLP 6 × 4.
    assertEquals(3 * 6 * 20 + 6 * 2 * 7 + 6 * 4, steps);
  }

  @Test
  void mnistLogregIsOneEpochOfSgdOnTheFullTrainingSplit() {
    ExperimentConfig config = ConfigLoader.load(Path.of("configs/smoke/mnist-logreg.yaml"));
    List<TrialSpec> trials = config.trials();
    assertEquals(1, trials.size());
    TrialSpec trial = trials.get(0);
    assertEquals(Optimizers.spec("sgd", 0.5), trial.optimizer());
    assertEquals("mnist-logreg", trial.problem().id());
    assertEquals(50_000, trial.trainExamples());
    assertEquals(new BatchSize(128), trial.batchSize());
    assertEquals(new Budget(Budget.Unit.EPOCHS, 1), trial.budget());
    assertEquals(0, trial.evalEverySteps());
    assertEquals(0L, trial.seed());
    assertEquals(391, trial.totalSteps());
  }

  /** Smoke results must not land in the quickstart's results folder. */
  @Test
  void smokeQuickstartHasItsOwnName() {
    assertEquals("smoke-quickstart", SMOKE.name());
    assertNotEquals(QUICKSTART.name(), SMOKE.name());
  }

  private static List<String> ids(ExperimentConfig config) {
    return config.problems().stream().map(p -> p.problem().id()).toList();
  }

  private static ProblemPlan plan(ExperimentConfig config, String id) {
    return config.problems().stream().filter(p -> p.problem().id().equals(id)).findFirst()
        .orElseThrow();
  }
}
