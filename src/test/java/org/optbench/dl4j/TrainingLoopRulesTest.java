package org.optbench.dl4j;

import org.optbench.testing.Optimizers;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import org.optbench.optimizer.OptimizerType;
import org.optbench.plugin.registry.OptimizerRegistry;
import org.optbench.problem.Architecture;
import org.optbench.problem.ProblemCatalog;
import org.optbench.problem.ProblemSpec;
import org.optbench.result.TrialResult;
import org.optbench.result.TrialStatus;
import org.optbench.testing.CurveCsv;

/** The epoch column and the divergence rule of the network training loop. */
class TrainingLoopRulesTest {
  /** 1,000 training images (200 of 1,200 held out), batch 100: 10 steps per epoch. */
  private static final ImageDataset DATA = SyntheticImages.dataset(1200, 100);
  private static final ProblemSpec.Image LOGREG = new ProblemSpec.Image("mnist-logreg",
      DatasetId.MNIST, Architecture.LOGREG, 1000, 200, 200, 100);

  @TempDir
  Path dir;

  private TrialResult run(TrialSpec spec, String name) throws Exception {
    return run(spec, name, DATA);
  }

  private TrialResult run(TrialSpec spec, String name, ImageDataset data) throws Exception {
    Path out = Files.createDirectories(dir.resolve(name));
    return new Dl4jTrialRunner(id -> data, 1).run(spec, out, n -> { });
  }

  @Test
  void everyFileCountsTheEpochsCompletedWhenItsRowWasWritten() throws Exception {
    // Evaluations every 5 steps fall on the epoch boundaries at steps 10 and 20.
    TrialSpec spec = new TrialSpec(LOGREG,
        Optimizers.type("sgd").create(Map.of("learningRate", 0.1)),
        new BatchSize(100), new Budget(Budget.Unit.EPOCHS, 2), 5, 1, 5, 3, 1);
    TrialResult result = run(spec, "epochs");

    CurveCsv evals = CurveCsv.read(dir.resolve("epochs/evals.csv"));
    assertArrayEquals(new double[] {0, 5, 10, 15, 20}, evals.column("iteration"));
    assertArrayEquals(new double[] {0, 0, 1, 1, 2}, evals.column("epoch"));
    CurveCsv curve = CurveCsv.read(dir.resolve("epochs/curve.csv"));
    double[] iterations = curve.column("iteration");
    double[] epochs = curve.column("epoch");
    assertEquals(20, iterations.length);
    for (int i = 0; i < iterations.length; i++) {
      assertEquals(Math.floor(iterations[i] / 10), epochs[i], "curve.csv row " + i);
    }
    assertEquals(2, result.epochs());
    assertEquals(evals.column("epoch")[4], result.epochs(), 0.0);
  }

  /**
   * SGD at η = 1000 on softmax regression of noise with random labels: the logits blow up, but DL4J's clipped cross-entropy
   * keeps every mini-batch loss below ln 10¹⁰ ≈ 23.03, about 10 × the initial ln 10, so a factor of
   * 100 never fires while the image default of 5 does.
   */
  @Test
  void theImageDefaultFactorCatchesANetworkThatBlewUp() throws Exception {
    OptimizerType sgd = Optimizers.type("sgd");
    TrialSpec lenient = new TrialSpec(LOGREG, sgd.create(Map.of("learningRate", 1000.0)),
        new BatchSize(100), new Budget(Budget.Unit.EPOCHS, 1), 0, 1, 100, 3, 1);
    ImageDataset noise = SyntheticImages.noise(1200, 100);
    TrialResult notCaught = run(lenient, "factor-100", noise);
    assertEquals(TrialStatus.COMPLETED, notCaught.status());
    double[] losses = CurveCsv.read(dir.resolve("factor-100/curve.csv")).column("loss");
    // Weights and biases start at 0: every class has probability 0.1 (to float32 rounding).
    assertEquals(Math.log(10), losses[0], 1e-5);
    int firstAboveFive = -1;
    double highest = 0;
    for (int i = 0; i < losses.length; i++) {
      highest = Math.max(highest, losses[i]);
      if (firstAboveFive < 0 && losses[i] > 5 * losses[0]) {
        firstAboveFive = i;
      }
    }
    assertTrue(highest <= Math.log(1e10) + 1e-3, "clipped loss never exceeds 23.03: " + highest);
    assertTrue(firstAboveFive > 0, "the loss passes 5 × ln 10: " + highest);

    TrialSpec strict = new TrialSpec(LOGREG, lenient.optimizer(), lenient.batchSize(),
        lenient.budget(), 0, 1, ProblemCatalog.IMAGE_DIVERGENCE_FACTOR, 3, 1);
    TrialResult caught = run(strict, "factor-5", noise);
    assertEquals(TrialStatus.DIVERGED, caught.status());
    assertEquals(firstAboveFive, caught.divergedAtStep());
    assertEquals(firstAboveFive + 1, caught.steps());
    assertEquals(Map.of(), caught.finalMetrics(), "a diverged network's metrics are no result");
    assertTrue(caught.message().startsWith("loss " + losses[firstAboveFive] + " at iteration "
        + firstAboveFive + " (initial loss "), caught.message());
    // Its last evaluation is kept in evals.csv, where it belongs: the curve of the run.
    CurveCsv evals = CurveCsv.read(dir.resolve("factor-5/evals.csv"));
    assertArrayEquals(new double[] {0, firstAboveFive + 1}, evals.column("iteration"));
  }

  @Test
  void everyImageProblemDefaultsToTheFactorItsLossCanReach() {
    for (var info : ProblemCatalog.all()) {
      double expected = info.id().contains("mnist") || info.id().startsWith("cifar10") ? 5 : 100;
      assertEquals(expected, info.divergenceFactor(), info.id());
    }
  }
}
