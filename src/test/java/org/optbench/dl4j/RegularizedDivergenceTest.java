package org.optbench.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.data.DatasetId;
import org.optbench.data.ImageDataset;
import org.optbench.experiment.BatchSize;
import org.optbench.experiment.Budget;
import org.optbench.experiment.TrialSpec;
import org.optbench.optimizer.Recipe;
import org.optbench.problem.Architecture;
import org.optbench.problem.ProblemSpec;
import org.optbench.result.TrialResult;
import org.optbench.result.TrialStatus;
import org.optbench.testing.CurveCsv;
import org.optbench.testing.Optimizers;

/**
 * The mini-batch loss DL4J records includes the weight-decay penalty ½·λ·‖w‖²; the evaluation
 * loss does not. Divergence is judged against the initial loss plus the initial penalty, so a
 * large λ does not end a healthy trial at its first step.
 */
class RegularizedDivergenceTest {
  @TempDir
  Path temp;

  @Test
  void aLargeWeightDecayDoesNotMakeTheFirstStepDiverge() throws Exception {
    ImageDataset data = SyntheticImages.dataset(600, 100);
    ProblemSpec.Image problem = new ProblemSpec.Image("mnist-mlp", DatasetId.MNIST,
        Architecture.MLP, 500, 100, 100, 100);
    Recipe decay = new Recipe(null, 0.1, 0, false, 0, null);
    TrialSpec spec = new TrialSpec(problem,
        Optimizers.type("adam").create(Map.of("learningRate", 1e-4)).withRecipe(decay),
        new BatchSize(100), new Budget(Budget.Unit.STEPS, 3), 0, 1, 5, 0, 1);
    Path dir = Files.createDirectories(temp.resolve("t"));
    TrialResult result = new Dl4jTrialRunner(id -> data, 1).run(spec, dir, n -> { });

    assertEquals(TrialStatus.COMPLETED, result.status(), result.message());
    assertEquals(3, result.steps());
    double firstLoss = CurveCsv.read(dir.resolve("curve.csv")).column("loss")[0];
    double initialLoss = CurveCsv.read(dir.resolve("evals.csv")).column("train_loss")[0];
    // The penalty of the weights (‖w‖² ≈ 1.3e6·0.03²·(0.88, the truncation's variance factor))
    // alone is many times the cross-entropy: compared with the loss alone, the first step
    // would have been DIVERGED under the factor 5.
    assertTrue(firstLoss > 5 * initialLoss, firstLoss + " vs " + initialLoss);
  }
}
