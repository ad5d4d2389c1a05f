package org.optbench.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.optbench.problem.Architecture;

/**
 * The layer must train exactly like DL4J's dense layer: same configuration, same loss and
 * parameters after every step; only the repeated forward product and the discarded input
 * gradient are missing.
 */
class ReluDenseLayerTest {
  private static DenseLayer dense(int in, int out) {
    return new DenseLayer.Builder().nIn(in).nOut(out).activation(Activation.RELU).build();
  }

  /** 20 → 16 → 8 (ReLU) → 4 softmax, with the same seeded parameters either way. */
  private static MultiLayerNetwork net(boolean relu, WorkspaceMode workspaces) {
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3)
        .dataType(DataType.FLOAT).updater(new Adam(0.01)).trainingWorkspaceMode(workspaces)
        .list()
        .layer(relu ? ReluDenseLayer.of(dense(20, 16)) : dense(20, 16))
        .layer(relu ? ReluDenseLayer.of(dense(16, 8)) : dense(16, 8))
        .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(8).nOut(4)
            .activation(Activation.SOFTMAX).build())
        .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    SplittableRandom random = new SplittableRandom(11);
    float[] params = new float[(int) net.numParams()];
    for (int i = 0; i < params.length; i++) {
      params[i] = (float) (random.nextGaussian() * 0.3);
    }
    net.setParams(Nd4j.create(params, new long[] {1, params.length}, DataType.FLOAT));
    return net;
  }

  private static INDArray[] batch(SplittableRandom random) {
    float[] x = new float[32 * 20];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (random.nextDouble() - 0.3);
    }
    INDArray labels = Nd4j.zeros(DataType.FLOAT, 32, 4);
    for (int i = 0; i < 32; i++) {
      labels.putScalar(i, random.nextInt(4), 1f);
    }
    return new INDArray[] {Nd4j.create(x, new long[] {32, 20}, DataType.FLOAT), labels};
  }

  @Test
  void copiesEveryConfigurationField() {
    DenseLayer stock = dense(20, 16);
    // Lombok's equals compares every field of DenseLayer and its superclasses.
    assertEquals(stock, ReluDenseLayer.of(stock));
    assertNotEquals(stock, ReluDenseLayer.of(dense(20, 17)));
  }

  @ParameterizedTest
  @EnumSource(value = WorkspaceMode.class, names = {"ENABLED", "NONE"})
  void trainsBitIdenticallyToDl4jsDenseLayer(WorkspaceMode workspaces) {
    MultiLayerNetwork reference = net(false, workspaces);
    MultiLayerNetwork relu = net(true, workspaces);
    assertEquals(ParameterHash.of(reference.params()), ParameterHash.of(relu.params()));
    SplittableRandom random = new SplittableRandom(5);
    for (int step = 0; step < 5; step++) {
      INDArray[] b = batch(random);
      reference.fit(b[0], b[1]);
      relu.fit(b[0], b[1]);
      assertEquals(reference.score(), relu.score(), 0.0, "loss at step " + step);
      assertEquals(ParameterHash.of(reference.params()), ParameterHash.of(relu.params()),
          "parameters after step " + step);
      // An inference pass between steps must not leave a stale activation behind.
      assertEquals(reference.output(b[0]), relu.output(b[0]));
    }
    assertNotEquals(ParameterHash.of(net(false, workspaces).params()),
        ParameterHash.of(reference.params()), "training moved the parameters");
  }

  @Test
  void trainsTheMnistMlpBitIdenticallyToDl4jsDenseLayers() {
    // BLAS takes other code paths at these sizes than at the small ones above.
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3)
        .dataType(DataType.FLOAT).updater(new Adam(1e-3)).list()
        .layer(dense(784, 1000)).layer(dense(1000, 500)).layer(dense(500, 100))
        .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(100).nOut(10)
            .activation(Activation.SOFTMAX).build())
        .build();
    MultiLayerNetwork reference = new MultiLayerNetwork(conf);
    reference.init();
    MultiLayerNetwork relu = Networks.classifier(Architecture.MLP, new Adam(1e-3), 4);
    reference.setParams(relu.params().dup());
    SplittableRandom random = new SplittableRandom(6);
    for (int step = 0; step < 3; step++) {
      float[] x = new float[128 * 784];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) random.nextDouble();
      }
      INDArray features = Nd4j.create(x, new long[] {128, 784}, DataType.FLOAT);
      INDArray labels = Nd4j.zeros(DataType.FLOAT, 128, 10);
      for (int i = 0; i < 128; i++) {
        labels.putScalar(i, random.nextInt(10), 1f);
      }
      reference.fit(features, labels);
      relu.fit(features, labels);
      assertEquals(reference.score(), relu.score(), 0.0, "loss at step " + step);
      assertEquals(ParameterHash.of(reference.params()), ParameterHash.of(relu.params()),
          "parameters after step " + step);
      assertEquals(ParameterHash.of(reference.output(features)),
          ParameterHash.of(relu.output(features)), "inference output after step " + step);
    }
  }

  @Test
  void gradientsEqualDl4jsWithAndWithoutAForwardPassOnTheInput() {
    INDArray[] b = batch(new SplittableRandom(8));
    MultiLayerNetwork reference = net(false, WorkspaceMode.ENABLED);
    MultiLayerNetwork relu = net(true, WorkspaceMode.ENABLED);
    for (MultiLayerNetwork n : new MultiLayerNetwork[] {reference, relu}) {
      n.setInput(b[0]);
      n.setLabels(b[1]);
      n.computeGradientAndScore();
    }
    assertEquals(reference.gradient().gradient(), relu.gradient().gradient());

    // Layer 1 alone, straight after setInput: no stored activation, so z is recomputed.
    INDArray x = Nd4j.rand(DataType.FLOAT, 32, 16).subi(0.5);
    INDArray eps = Nd4j.rand(DataType.FLOAT, 32, 8).subi(0.5);
    LayerWorkspaceMgr noWs = LayerWorkspaceMgr.noWorkspaces();
    reference.getLayer(1).setInput(x, noWs);
    relu.getLayer(1).setInput(x, noWs);
    INDArray expected = reference.getLayer(1).backpropGradient(eps, noWs).getSecond();
    INDArray actual = relu.getLayer(1).backpropGradient(eps, noWs).getSecond();
    assertNotNull(actual, "layer 1 passes its input gradient on");
    assertEquals(expected, actual);
  }

  @Test
  void layerZeroReturnsNoInputGradient() {
    MultiLayerNetwork relu = net(true, WorkspaceMode.ENABLED);
    relu.initGradientsView();
    assertTrue(relu.getLayer(0) instanceof ReluDenseLayer.Impl);
    LayerWorkspaceMgr noWs = LayerWorkspaceMgr.noWorkspaces();
    relu.getLayer(0).setInput(Nd4j.rand(DataType.FLOAT, 4, 20), noWs);
    assertNull(relu.getLayer(0).backpropGradient(Nd4j.ones(DataType.FLOAT, 4, 16), noWs)
        .getSecond());
  }

  @Test
  void refusesWhatItDoesNotImplement() {
    IllegalArgumentException leaky = assertThrows(IllegalArgumentException.class,
        () -> ReluDenseLayer.of(new DenseLayer.Builder().nIn(20).nOut(16)
            .activation(new ActivationReLU(null, null, 0.1)).build()));
    assertTrue(leaky.getMessage().startsWith("ReluDenseLayer needs plain ReLU"),
        leaky.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ReluDenseLayer.of(
        new DenseLayer.Builder().nIn(20).nOut(16).activation(Activation.TANH).build()));
    IllegalArgumentException dropout = assertThrows(IllegalArgumentException.class,
        () -> ReluDenseLayer.of(new DenseLayer.Builder().nIn(20).nOut(16)
            .activation(Activation.RELU).dropOut(0.5).build()));
    assertTrue(dropout.getMessage().startsWith("ReluDenseLayer supports neither"),
        dropout.getMessage());
  }

  @Test
  void survivesDl4jsJsonConfiguration() {
    MultiLayerNetwork relu = net(true, WorkspaceMode.ENABLED);
    MultiLayerConfiguration restored =
        MultiLayerConfiguration.fromJson(relu.getLayerWiseConfigurations().toJson());
    assertEquals(ReluDenseLayer.class, restored.getConf(0).getLayer().getClass());
    assertEquals(ReluDenseLayer.class, restored.getConf(1).getLayer().getClass());
    assertEquals(relu.getLayerWiseConfigurations(), restored);
  }
}
