package org.optbench.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.optbench.problem.Architecture;

/**
 * The layer must compute what DL4J's convolution layer computes: bit for bit, but for layer 0 in
 * float32, whose weights-only gradient must match a float64 reference instead. Checked on
 * mnist-2c2d and cifar10-3c3d as optbench builds them against the same networks with DL4J's
 * convolution layers (both keep optbench's {@link ReluDenseLayer}s, which
 * {@code ReluDenseLayerTest} checks). In float32 the convolutions run through DL4J's oneDNN
 * helper, in float64 (which the helper declines) through DL4J's built-in path: both are checked.
 */
class ReluConvolutionLayerTest {
  private static final int BATCH = 32;

  private static ConvolutionLayer conv(int filters) {
    return new ConvolutionLayer.Builder(5, 5).nOut(filters).activation(Activation.RELU).build();
  }

  /** The network as optbench builds it, and the same network on DL4J's convolution layers. */
  private static MultiLayerNetwork[] pair(Architecture architecture, DataType type) {
    MultiLayerNetwork ours = Networks.classifier(architecture, shape(architecture),
        new Adam(1e-3), 4);
    MultiLayerConfiguration stock = ours.getLayerWiseConfigurations().clone();
    int replaced = 0;
    for (int i = 0; i < stock.getConfs().size(); i++) {
      // DL4J's classes with every field of ours.
      if (stock.getConf(i).getLayer() instanceof ReluConvolutionLayer layer) {
        stock.getConf(i).setLayer(LayerConfigs.copyFields(ConvolutionLayer.class, layer,
            conv(1)));
        replaced++;
      }
    }
    assertEquals(architecture == Architecture.CONV_2C2D ? 2 : 3, replaced);
    MultiLayerNetwork reference = new MultiLayerNetwork(stock);
    reference.init();
    reference.setParams(ours.params().dup());
    return new MultiLayerNetwork[] {reference.convertDataType(type), ours.convertDataType(type)};
  }

  @Test
  void copiesEveryConfigurationField() {
    ConvolutionLayer stock = conv(32);
    // Lombok's equals compares every field of ConvolutionLayer and its superclasses.
    assertEquals(stock, ReluConvolutionLayer.of(stock));
    assertNotEquals(stock, ReluConvolutionLayer.of(conv(33)));
  }

  @Test
  void refusesWhatItsBackwardPassWouldNotReproduce() {
    ConvolutionLayer tanh = new ConvolutionLayer.Builder(5, 5).nOut(4)
        .activation(Activation.TANH).build();
    assertEquals("ReluConvolutionLayer needs plain ReLU (no threshold, slope or cap), got tanh",
        assertThrows(IllegalArgumentException.class, () -> ReluConvolutionLayer.of(tanh))
            .getMessage());
    ConvolutionLayer nhwc = new ConvolutionLayer.Builder(5, 5).nOut(4)
        .activation(Activation.RELU).dataFormat(CNN2DFormat.NHWC).build();
    assertEquals("ReluConvolutionLayer takes NCHW only, got NHWC",
        assertThrows(IllegalArgumentException.class, () -> ReluConvolutionLayer.of(nhwc))
            .getMessage());
  }

  /** mnist-2c2d's images, and cifar10-3c3d's, whose convolutions include VALID ones. */
  private static int[] shape(Architecture architecture) {
    return architecture == Architecture.CONV_2C2D ? new int[] {28, 28, 1} : new int[] {32, 32, 3};
  }

  /** A batch of pixels in [0, 1) and one-hot labels: {features, labels}. */
  private static INDArray[] batch(Architecture architecture, DataType type,
      SplittableRandom random) {
    int inputs = Arrays.stream(shape(architecture)).reduce(1, (a, b) -> a * b);
    float[] x = new float[BATCH * inputs];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextDouble();
    }
    INDArray labels = Nd4j.zeros(type, BATCH, 10);
    for (int i = 0; i < BATCH; i++) {
      labels.putScalar(i, random.nextInt(10), 1.0);
    }
    return new INDArray[] {Nd4j.create(x, new long[] {BATCH, inputs}, DataType.FLOAT)
        .castTo(type), labels};
  }

  /**
   * In float64 every layer is DL4J's but for the skipped forward convolution; so is every layer
   * but the first in float32 (next test).
   */
  @ParameterizedTest
  @CsvSource({"CONV_2C2D", "CONV_3C3D"})
  void trainsBitIdenticallyToDl4jsLayersInFloat64(Architecture architecture) {
    MultiLayerNetwork[] nets = pair(architecture, DataType.DOUBLE);
    MultiLayerNetwork reference = nets[0];
    MultiLayerNetwork ours = nets[1];
    assertInstanceOf(ReluConvolutionLayer.Impl.class, ours.getLayer(0));
    assertEquals(ParameterHash.of(reference.params()), ParameterHash.of(ours.params()));
    SplittableRandom random = new SplittableRandom(6);
    for (int step = 0; step < 3; step++) {
      INDArray[] batch = batch(architecture, DataType.DOUBLE, random);
      INDArray features = batch[0];
      INDArray labels = batch[1];
      reference.fit(features, labels);
      ours.fit(features, labels);
      assertEquals(reference.score(), ours.score(), 0.0, "loss at step " + step);
      assertEquals(ParameterHash.of(reference.params()), ParameterHash.of(ours.params()),
          "parameters after step " + step);
      // An inference pass between steps must not leave a stale activation behind.
      assertEquals(ParameterHash.of(reference.output(features)),
          ParameterHash.of(ours.output(features)), "inference output after step " + step);
    }
    assertNotEquals(ParameterHash.of(pair(architecture, DataType.DOUBLE)[0].params()),
        ParameterHash.of(reference.params()), "training moved the parameters");
  }

  /**
   * In float32 layer 0 computes its weight gradient as one product over the input's patches and
   * no input gradient: its gradients must match DL4J's layer computing in float64 (within
   * {@link Float64Reference#BOUND}), and every other layer's gradient, the loss and the outputs
   * must be DL4J's float32 bits, since nothing above layer 0 reads what it computes.
   */
  @ParameterizedTest
  @CsvSource({"CONV_2C2D", "CONV_3C3D"})
  void firstLayerInFloat32MatchesAFloat64ReferenceAndTheOthersKeepDl4jsBits(
      Architecture architecture) {
    MultiLayerNetwork[] nets = pair(architecture, DataType.FLOAT);
    MultiLayerNetwork stock = nets[0];
    MultiLayerNetwork ours = nets[1];
    MultiLayerNetwork stock64 = pair(architecture, DataType.DOUBLE)[0];
    assertInstanceOf(FlatImagePreProcessor.class,
        ours.getLayerWiseConfigurations().getInputPreProcess(0));
    INDArray[] batch = batch(architecture, DataType.FLOAT, new SplittableRandom(6));
    Map<String, INDArray> expected = Float64Reference.gradients(stock, batch[0], batch[1]);
    double stockScore = stock.score();
    Map<String, INDArray> actual = Float64Reference.gradients(ours, batch[0], batch[1]);
    assertEquals(stockScore, ours.score(), 0.0, "loss");
    Map<String, INDArray> reference = Float64Reference.gradients(stock64,
        batch[0].castTo(DataType.DOUBLE), batch[1].castTo(DataType.DOUBLE));
    assertEquals(expected.keySet(), actual.keySet());
    for (String key : actual.keySet()) {
      if (key.startsWith("0_")) {
        Float64Reference.assertClose("gradient " + key, reference.get(key), actual.get(key));
      } else {
        assertEquals(ParameterHash.of(expected.get(key)), ParameterHash.of(actual.get(key)),
            "gradient " + key);
      }
    }
  }

  /** Layer 0 returns no input gradient in float32, and the network passes none on. */
  @Test
  void firstLayerReturnsNoInputGradient() {
    MultiLayerNetwork ours = pair(Architecture.CONV_2C2D, DataType.FLOAT)[1];
    INDArray[] batch = batch(Architecture.CONV_2C2D, DataType.FLOAT, new SplittableRandom(7));
    ours.setInput(batch[0]);
    ours.setLabels(batch[1]);
    ours.computeGradientAndScore();
    Layer first = ours.getLayer(0);
    INDArray images = batch[0].reshape('c', BATCH, 1, 28, 28);
    first.setInput(images, LayerWorkspaceMgr.noWorkspaces());
    INDArray activation = first.activate(true, LayerWorkspaceMgr.noWorkspaces());
    Pair<Gradient, INDArray> pair = first.backpropGradient(activation.dup(),
        LayerWorkspaceMgr.noWorkspaces());
    assertNull(pair.getSecond());
    assertEquals(Set.of("W", "b"), pair.getFirst().gradientForVariable().keySet());
    assertNull(new FlatImagePreProcessor(28, 28, 1).backprop(null, BATCH,
        LayerWorkspaceMgr.noWorkspaces()));
  }
}
