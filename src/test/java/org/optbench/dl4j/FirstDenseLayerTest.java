package org.optbench.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * The first layer must train exactly like DL4J's dense layer: same configuration, same
 * parameters after every step, only the discarded input gradient missing.
 */
class FirstDenseLayerTest {
  private static DenseLayer stock() {
    return new DenseLayer.Builder().nIn(20).nOut(16).activation(Activation.RELU).build();
  }

  private static MultiLayerNetwork net(boolean first) {
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3)
        .dataType(DataType.FLOAT).updater(new Adam(0.01)).list()
        .layer(first ? FirstDenseLayer.of(stock()) : stock())
        .layer(new DenseLayer.Builder().nIn(16).nOut(8).activation(Activation.RELU).build())
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

  @Test
  void copiesEveryConfigurationField() {
    DenseLayer stock = stock();
    FirstDenseLayer copy = FirstDenseLayer.of(stock);
    // Lombok's equals compares every field of DenseLayer and its superclasses.
    assertEquals(stock, copy);
    assertNotEquals(stock, FirstDenseLayer.of(
        new DenseLayer.Builder().nIn(20).nOut(17).activation(Activation.RELU).build()));
  }

  @Test
  void trainsBitIdenticallyToDl4jsDenseLayer() {
    MultiLayerNetwork reference = net(false);
    MultiLayerNetwork first = net(true);
    assertEquals(ParameterHash.of(reference.params()), ParameterHash.of(first.params()));
    SplittableRandom random = new SplittableRandom(5);
    for (int step = 0; step < 5; step++) {
      float[] x = new float[32 * 20];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) random.nextDouble();
      }
      INDArray features = Nd4j.create(x, new long[] {32, 20}, DataType.FLOAT);
      INDArray labels = Nd4j.zeros(DataType.FLOAT, 32, 4);
      for (int i = 0; i < 32; i++) {
        labels.putScalar(i, random.nextInt(4), 1f);
      }
      reference.fit(features, labels);
      first.fit(features, labels);
      assertEquals(reference.score(), first.score(), 0.0, "loss at step " + step);
      assertEquals(ParameterHash.of(reference.params()), ParameterHash.of(first.params()),
          "parameters after step " + step);
    }
    assertNotEquals(ParameterHash.of(net(false).params()), ParameterHash.of(reference.params()),
        "training moved the parameters");
  }

  @Test
  void returnsNoInputGradientWhereDl4jReturnsOne() {
    INDArray x = Nd4j.rand(DataType.FLOAT, 8, 20);
    INDArray y = Nd4j.zeros(DataType.FLOAT, 8, 4);
    y.getColumn(1).assign(1);
    MultiLayerNetwork reference = net(false);
    MultiLayerNetwork first = net(true);
    reference.setInput(x);
    reference.setLabels(y);
    first.setInput(x);
    first.setLabels(y);
    reference.computeGradientAndScore();
    first.computeGradientAndScore();
    assertEquals(reference.gradient().gradient(), first.gradient().gradient());
    assertTrue(first.getLayer(0) instanceof FirstDenseLayer.Impl);
    assertNull(first.getLayer(0).backpropGradient(Nd4j.ones(DataType.FLOAT, 8, 16),
        org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces()).getSecond());
  }

  @Test
  void refusesToBeAnythingButTheFirstLayer() {
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
        .layer(stock())
        .layer(FirstDenseLayer.of(new DenseLayer.Builder().nIn(16).nOut(8).build()))
        .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(8).nOut(4).build())
        .build();
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> new MultiLayerNetwork(conf).init());
    assertEquals("FirstDenseLayer must be layer 0, not layer 1: later layers must pass the"
        + " gradient with respect to their input on", e.getMessage());
  }

  @Test
  void refusesDropout() {
    DenseLayer withDropout = new DenseLayer.Builder().nIn(20).nOut(16).dropOut(0.5).build();
    assertThrows(IllegalArgumentException.class, () -> FirstDenseLayer.of(withDropout));
  }

  @Test
  void survivesDl4jsJsonConfiguration() {
    MultiLayerNetwork first = net(true);
    MultiLayerConfiguration restored =
        MultiLayerConfiguration.fromJson(first.getLayerWiseConfigurations().toJson());
    assertEquals(FirstDenseLayer.class, restored.getConf(0).getLayer().getClass());
    assertEquals(first.getLayerWiseConfigurations(), restored);
  }
}
