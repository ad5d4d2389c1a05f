package org.optbench.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.optbench.problem.Architecture;

/**
 * The layer must train exactly like DL4J's convolution layer: same configuration, same loss,
 * parameters and inference output after every step; only the second forward convolution is
 * missing. Checked on mnist-2c2d and cifar10-3c3d as optbench builds them against the same
 * networks with DL4J's convolution layers (both keep optbench's {@link ReluDenseLayer}s, which
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

  @ParameterizedTest
  @CsvSource({"CONV_2C2D, FLOAT", "CONV_2C2D, DOUBLE", "CONV_3C3D, FLOAT", "CONV_3C3D, DOUBLE"})
  void trainsBitIdenticallyToDl4jsLayers(Architecture architecture, DataType type) {
    MultiLayerNetwork[] nets = pair(architecture, type);
    int inputs = Arrays.stream(shape(architecture)).reduce(1, (a, b) -> a * b);
    MultiLayerNetwork reference = nets[0];
    MultiLayerNetwork ours = nets[1];
    assertInstanceOf(ReluConvolutionLayer.Impl.class, ours.getLayer(0));
    assertEquals(ParameterHash.of(reference.params()), ParameterHash.of(ours.params()));
    SplittableRandom random = new SplittableRandom(6);
    for (int step = 0; step < 3; step++) {
      float[] x = new float[BATCH * inputs];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) random.nextDouble();
      }
      INDArray features = Nd4j.create(x, new long[] {BATCH, inputs}, DataType.FLOAT)
          .castTo(type);
      INDArray labels = Nd4j.zeros(type, BATCH, 10);
      for (int i = 0; i < BATCH; i++) {
        labels.putScalar(i, random.nextInt(10), 1.0);
      }
      reference.fit(features, labels);
      ours.fit(features, labels);
      assertEquals(reference.score(), ours.score(), 0.0, "loss at step " + step);
      assertEquals(ParameterHash.of(reference.params()), ParameterHash.of(ours.params()),
          "parameters after step " + step);
      // An inference pass between steps must not leave a stale activation behind.
      assertEquals(ParameterHash.of(reference.output(features)),
          ParameterHash.of(ours.output(features)), "inference output after step " + step);
    }
    assertNotEquals(ParameterHash.of(pair(architecture, type)[0].params()),
        ParameterHash.of(reference.params()), "training moved the parameters");
  }
}
