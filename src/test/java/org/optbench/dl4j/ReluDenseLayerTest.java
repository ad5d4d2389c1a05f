package org.optbench.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.optbench.dl4j.Float64Reference.assertClose;
import static org.optbench.dl4j.Float64Reference.gradients;

import java.util.List;
import java.util.Map;
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
 * The layer must train like DL4J's dense layer. In float64, where both compute their products
 * with OpenBLAS, exactly: same loss and parameters after every step; only the repeated forward
 * product and the discarded input gradient are missing. In float32 its products run as oneDNN's
 * matmul, which sums in another order than DL4J's OpenBLAS calls: there the outputs and every
 * gradient must agree with DL4J's layers in float64 to float32 rounding, and training must be
 * deterministic.
 */
class ReluDenseLayerTest {
  private static DenseLayer dense(int in, int out) {
    return new DenseLayer.Builder().nIn(in).nOut(out).activation(Activation.RELU).build();
  }

  /** 20 → 16 → 8 (ReLU) → 4 softmax, with the same seeded parameters either way. */
  private static MultiLayerNetwork net(boolean relu, WorkspaceMode workspaces, DataType type) {
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3)
        .dataType(type).updater(new Adam(0.01)).trainingWorkspaceMode(workspaces)
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
    net.setParams(Nd4j.create(params, new long[] {1, params.length}, DataType.FLOAT)
        .castTo(type));
    return net;
  }

  private static MultiLayerNetwork net(boolean relu, WorkspaceMode workspaces) {
    return net(relu, workspaces, DataType.DOUBLE);
  }

  private static INDArray[] batch(SplittableRandom random, DataType type) {
    float[] x = new float[32 * 20];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (random.nextDouble() - 0.3);
    }
    INDArray labels = Nd4j.zeros(DataType.FLOAT, 32, 4);
    for (int i = 0; i < 32; i++) {
      labels.putScalar(i, random.nextInt(4), 1f);
    }
    return new INDArray[] {Nd4j.create(x, new long[] {32, 20}, DataType.FLOAT).castTo(type),
        labels.castTo(type)};
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
  void trainsBitIdenticallyToDl4jsDenseLayerInFloat64(WorkspaceMode workspaces) {
    MultiLayerNetwork reference = net(false, workspaces);
    MultiLayerNetwork relu = net(true, workspaces);
    assertEquals(ParameterHash.of(reference.params()), ParameterHash.of(relu.params()));
    SplittableRandom random = new SplittableRandom(5);
    for (int step = 0; step < 5; step++) {
      INDArray[] b = batch(random, DataType.DOUBLE);
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

  /** mnist-mlp as optbench builds it, and the same network, weights included, on DL4J's layers. */
  private static MultiLayerNetwork[] mnistMlps(DataType referenceType) {
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3)
        .dataType(referenceType).updater(new Adam(1e-3)).list()
        .layer(dense(784, 1000)).layer(dense(1000, 500)).layer(dense(500, 100))
        .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(100).nOut(10)
            .activation(Activation.SOFTMAX).build())
        .build();
    MultiLayerNetwork reference = new MultiLayerNetwork(conf);
    reference.init();
    MultiLayerNetwork ours = Networks.classifier(Architecture.MLP, new Adam(1e-3), 4);
    reference.setParams(ours.params().castTo(referenceType));
    return new MultiLayerNetwork[] {reference, ours};
  }

  /** 128 MNIST-sized inputs in [0, 1) and one-hot labels, from {@code random}. */
  private static INDArray[] mnistBatch(SplittableRandom random, DataType type) {
    float[] x = new float[128 * 784];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextDouble();
    }
    INDArray labels = Nd4j.zeros(type, 128, 10);
    for (int i = 0; i < 128; i++) {
      labels.putScalar(i, random.nextInt(10), 1.0);
    }
    return new INDArray[] {Nd4j.create(x, new long[] {128, 784}, DataType.FLOAT).castTo(type),
        labels};
  }

  @Test
  void trainsTheMnistMlpBitIdenticallyToDl4jsDenseLayersInFloat64() {
    // BLAS takes other code paths at these sizes than at the small ones above.
    MultiLayerNetwork[] nets = mnistMlps(DataType.DOUBLE);
    MultiLayerNetwork reference = nets[0];
    MultiLayerNetwork relu = nets[1].convertDataType(DataType.DOUBLE);
    SplittableRandom random = new SplittableRandom(6);
    for (int step = 0; step < 3; step++) {
      INDArray[] b = mnistBatch(random, DataType.DOUBLE);
      reference.fit(b[0], b[1]);
      relu.fit(b[0], b[1]);
      assertEquals(reference.score(), relu.score(), 0.0, "loss at step " + step);
      assertEquals(ParameterHash.of(reference.params()), ParameterHash.of(relu.params()),
          "parameters after step " + step);
      assertEquals(ParameterHash.of(reference.output(b[0])),
          ParameterHash.of(relu.output(b[0])), "inference output after step " + step);
    }
  }

  /**
   * mnist-mlp in float32 (oneDNN's matmul) against DL4J's own dense layers in float64, with the
   * same weights and inputs. Bound: relative L2 error ≤ 2e-5 for every layer's output and every
   * parameter gradient (see {@code ConvLayersOneDnnTest} for why: float32 rounds to 6e-8, the
   * longest sums here have 1000 terms). A product written into the wrong layout or into a copy
   * the network never reads gives errors of order 1. Measured: at most 4.8e-7 for the outputs and
   * 4.6e-7 for the gradients.
   */
  @Test
  void mnistMlpOutputsAndGradientsInFloat32MatchDl4jsLayersInFloat64() {
    MultiLayerNetwork[] nets = mnistMlps(DataType.DOUBLE);
    MultiLayerNetwork reference = nets[0];
    MultiLayerNetwork ours = nets[1];
    INDArray[] b = mnistBatch(new SplittableRandom(7), DataType.FLOAT);
    INDArray x64 = b[0].castTo(DataType.DOUBLE);
    INDArray y64 = b[1].castTo(DataType.DOUBLE);
    for (boolean training : new boolean[] {false, true}) {
      List<INDArray> expected = reference.feedForward(x64, training);
      List<INDArray> actual = ours.feedForward(b[0], training);
      for (int i = 1; i < actual.size(); i++) {
        assertClose("output of layer " + (i - 1) + (training ? " (training)" : ""),
            expected.get(i), actual.get(i));
      }
    }
    Map<String, INDArray> expected = gradients(reference, x64, y64);
    Map<String, INDArray> actual = gradients(ours, b[0], b[1]);
    // Three hidden layers and the output layer, each with W and b.
    assertEquals(8, actual.size(), actual.keySet().toString());
    assertEquals(expected.keySet(), actual.keySet());
    for (String key : actual.keySet()) {
      assertClose("gradient " + key, expected.get(key), actual.get(key));
    }
  }

  @Test
  void trainsTheMnistMlpInFloat32ToTheSameBitsEveryTime() {
    MultiLayerNetwork first = mnistMlps(DataType.DOUBLE)[1];
    MultiLayerNetwork second = mnistMlps(DataType.DOUBLE)[1];
    String initial = ParameterHash.of(first.params());
    SplittableRandom random = new SplittableRandom(6);
    for (int step = 0; step < 3; step++) {
      INDArray[] b = mnistBatch(random, DataType.FLOAT);
      first.fit(b[0], b[1]);
      second.fit(b[0], b[1]);
      assertEquals(first.score(), second.score(), 0.0, "loss at step " + step);
      assertEquals(ParameterHash.of(first.params()), ParameterHash.of(second.params()),
          "parameters after step " + step);
    }
    assertNotEquals(initial, ParameterHash.of(first.params()), "training moved the parameters");
  }



  @Test
  void gradientsEqualDl4jsInFloat64WithAndWithoutAForwardPassOnTheInput() {
    INDArray[] b = batch(new SplittableRandom(8), DataType.DOUBLE);
    MultiLayerNetwork reference = net(false, WorkspaceMode.ENABLED);
    MultiLayerNetwork relu = net(true, WorkspaceMode.ENABLED);
    for (MultiLayerNetwork n : new MultiLayerNetwork[] {reference, relu}) {
      n.setInput(b[0]);
      n.setLabels(b[1]);
      n.computeGradientAndScore();
    }
    assertEquals(ParameterHash.of(reference.gradient().gradient()),
        ParameterHash.of(relu.gradient().gradient()));

    // Layer 1 alone, straight after setInput: no stored activation, so z is recomputed.
    INDArray x = Nd4j.rand(DataType.DOUBLE, 32, 16).subi(0.5);
    INDArray eps = Nd4j.rand(DataType.DOUBLE, 32, 8).subi(0.5);
    LayerWorkspaceMgr noWs = LayerWorkspaceMgr.noWorkspaces();
    reference.getLayer(1).setInput(x, noWs);
    relu.getLayer(1).setInput(x, noWs);
    INDArray expected = reference.getLayer(1).backpropGradient(eps, noWs).getSecond();
    INDArray actual = relu.getLayer(1).backpropGradient(eps, noWs).getSecond();
    assertNotNull(actual, "layer 1 passes its input gradient on");
    assertArrayEquals(expected.shape(), actual.shape());
    assertEquals(ParameterHash.of(expected.dup('c')), ParameterHash.of(actual.dup('c')));
  }

  @Test
  void layerZeroReturnsNoInputGradient() {
    MultiLayerNetwork relu = net(true, WorkspaceMode.ENABLED, DataType.FLOAT);
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
