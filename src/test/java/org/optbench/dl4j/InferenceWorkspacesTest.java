package org.optbench.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.optbench.data.DatasetId;
import org.optbench.data.ImageDataset;
import org.optbench.experiment.BatchSize;
import org.optbench.experiment.Budget;
import org.optbench.experiment.TrialSpec;
import org.optbench.problem.Architecture;
import org.optbench.problem.ProblemCatalog;
import org.optbench.problem.ProblemSpec;
import org.optbench.result.TrialStatus;
import org.optbench.testing.Optimizers;

/**
 * Training after an evaluation keeps its working memory in a workspace sized for training: an
 * inference pass that sized DL4J's shared working-memory workspace would otherwise leave it
 * empty, and every later step would allocate its working arrays anew (see
 * {@link MemoryUse#afterInference}).
 */
class InferenceWorkspacesTest {
  private static final String WORKING_MEM = "WS_LAYER_WORKING_MEM";
  private static final int BATCH = 128;

  @TempDir
  Path dir;

  /** @return bytes DL4J's working-memory workspace of the calling thread holds, 0 if none */
  private static long workingMemory() {
    return Nd4j.getWorkspaceManager().checkIfWorkspaceExists(WORKING_MEM)
        ? Nd4j.getWorkspaceManager().getWorkspaceForCurrentThread(WORKING_MEM).getCurrentSize()
        : 0;
  }

  /** An evaluation's inference: several passes (training subset, validation, test). */
  private static void evaluate(MultiLayerNetwork net) {
    for (int pass = 0; pass < 3; pass++) {
      net.output(Nd4j.rand(DataType.FLOAT, 1000, 784), false);
    }
  }

  private static void fit(MultiLayerNetwork net, int steps) {
    INDArray x = Nd4j.rand(DataType.FLOAT, BATCH, 784);
    INDArray y = Nd4j.zeros(DataType.FLOAT, BATCH, 10);
    y.getColumn(3).assign(1);
    for (int i = 0; i < steps; i++) {
      net.fit(x, y);
    }
  }

  /**
   * Why the training loop frees the workspaces: in DL4J 1.0.0-M2.1 an inference pass of the
   * 2c2d network before training leaves training's working memory without a workspace, and
   * freeing the workspaces in between gives it one. Should a later DL4J size them separately,
   * the first assertion fails and the workaround can go.
   */
  @Test
  void anInferencePassBeforeTrainingLeavesItsWorkingMemoryOutOfTheWorkspace() {
    MemoryUse.startTrial();
    MultiLayerNetwork net = Networks.classifier(Architecture.CONV_2C2D, new Adam(1e-3), 1);
    evaluate(net);
    fit(net, 6);
    assertEquals(0, workingMemory(), "working memory sized by the inference pass");

    MemoryUse.startTrial();
    MultiLayerNetwork fresh = Networks.classifier(Architecture.CONV_2C2D, new Adam(1e-3), 1);
    evaluate(fresh);
    MemoryUse.afterInference();
    fit(fresh, 6);
    assertTrue(workingMemory() > 1 << 20,
        "training sizes its own working memory: " + workingMemory() + " bytes");
  }

  @Test
  void aTrialTrainsInAWorkspaceAfterItsEvaluations() throws Exception {
    // 1,024 training images, batch 128: 8 steps per epoch; an evaluation at step 0 and at the
    // epoch boundary, each over 1,000 examples, as mnist-2c2d evaluates.
    ImageDataset data = SyntheticImages.dataset(1224, 100);
    ProblemSpec.Image problem = new ProblemSpec.Image("mnist-2c2d", DatasetId.MNIST,
        Architecture.CONV_2C2D, 1024, 200, 1000, 100);
    TrialSpec spec = new TrialSpec(problem,
        Optimizers.type("adam").create(Map.of("learningRate", 1e-3)), new BatchSize(BATCH),
        new Budget(Budget.Unit.STEPS, 14), 0, 1, ProblemCatalog.IMAGE_DIVERGENCE_FACTOR, 5, 1);
    long[] atStep = new long[15];
    int[] steps = {0};
    // The trial runs on this thread, so the progress call after each step sees its workspaces.
    var result = new Dl4jTrialRunner(id -> data, 1).run(spec,
        Files.createDirectories(dir.resolve("trial")), n -> atStep[steps[0] += (int) n] =
            workingMemory());
    assertEquals(TrialStatus.COMPLETED, result.status());
    // Steps 6–8 follow the evaluation at step 0, steps 12–14 the one at the epoch boundary (8).
    for (int step : new int[] {6, 7, 8, 12, 13, 14}) {
      assertTrue(atStep[step] > 1 << 20, "working memory after step " + step + ": "
          + atStep[step] + " bytes");
    }
  }
}
