package org.optbench.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.optbench.problem.Architecture;
import org.optbench.result.TrialMemory;

class MemoryUseTest {
  // 784·1000 + 1000 + 1000·500 + 500 + 500·100 + 100 + 100·10 + 10 parameters, 4 bytes each.
  private static final long MLP_BYTES = 1_336_610L * 4;

  private static void trainAndEvaluate(MultiLayerNetwork net) {
    INDArray x = Nd4j.zeros(DataType.FLOAT, 128, 784);
    INDArray y = Nd4j.zeros(DataType.FLOAT, 128, 10);
    y.getColumn(3).assign(1);
    net.fit(x, y);
    net.output(Nd4j.zeros(DataType.FLOAT, 1000, 784), false);
  }

  @Test
  void countsParametersGradientsAdamsTwoMomentsAndTheWorkspaces() {
    MemoryUse.startTrial();
    MultiLayerNetwork net = Networks.classifier(Architecture.MLP, new Adam(1e-3), 1);
    trainAndEvaluate(net);
    TrialMemory m = MemoryUse.of(TrainedNet.of(net));
    assertEquals(MLP_BYTES, m.parameters());
    assertEquals(MLP_BYTES, m.gradients());
    assertEquals(2 * MLP_BYTES, m.updaterState());
    // At least the activations of the 1000-example evaluation pass: 1000 · (1000 + 500 + 100 + 10)
    // floats.
    assertTrue(m.workspaces() >= 1000L * 1610 * 4, "workspaces " + m.workspaces());
    assertEquals(m.parameters() + m.gradients() + m.updaterState() + m.workspaces(), m.total());
  }

  @Test
  void startTrialForgetsTheWorkspacesOfTheThreadsEarlierTrial() {
    MemoryUse.startTrial();
    trainAndEvaluate(Networks.classifier(Architecture.MLP, new Sgd(0.1), 1));
    MemoryUse.startTrial();
    MultiLayerNetwork next = Networks.classifier(Architecture.LOGREG, new Sgd(0.1), 1);
    TrialMemory m = MemoryUse.of(TrainedNet.of(next));
    assertEquals(0, m.workspaces());
    assertEquals(0, m.updaterState(), "Sgd keeps no state");
    assertEquals(7850L * 4, m.parameters());
  }
}
