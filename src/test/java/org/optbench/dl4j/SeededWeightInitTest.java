package org.optbench.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.BinomialDistribution;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.deeplearning4j.nn.weights.WeightInitXavier;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * {@link SeededWeightInit} on whole networks: bit-identical parameters from two {@code init()}s,
 * new draws for a new seed, the argument untouched, DL4J's constants kept, the configuration
 * through JSON and {@code ModelSerializer}, refusals, and pinned values.
 */
class SeededWeightInitTest {
  /**
   * Images [2, 8, 8] through convolution, batch norm, pooling, a dense and an output layer, with a
   * different scheme on each weighted layer.
   */
  static MultiLayerConfiguration convNet() {
    return new NeuralNetConfiguration.Builder()
        .seed(1)
        .updater(new Adam(1e-3))
        .weightInit(WeightInit.XAVIER)
        .list()
        .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).weightInit(WeightInit.RELU)
            .activation(Activation.RELU).build())
        .layer(new BatchNormalization.Builder().build())
        .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
        .layer(new DenseLayer.Builder().nOut(6).biasInit(0.25).activation(Activation.TANH)
            .build())
        .layer(new OutputLayer.Builder(LossFunction.MCXENT).nOut(3)
            .activation(Activation.SOFTMAX).build())
        .setInputType(InputType.convolutional(8, 8, 2))
        .build();
  }

  /**
   * Two inputs: token sequences through an embedding, a bidirectional LSTM and the last step of
   * an LSTM; images through convolution, batch norm and pooling; merged into a dense and an output
   * layer.
   */
  static ComputationGraphConfiguration graph() {
    return new NeuralNetConfiguration.Builder()
        .seed(1)
        .updater(new Adam(1e-3))
        .weightInit(WeightInit.XAVIER_UNIFORM)
        .graphBuilder()
        .addInputs("tokens", "image")
        .addLayer("embed", new EmbeddingSequenceLayer.Builder().nIn(20).nOut(5)
            .weightInit(WeightInit.NORMAL).build(), "tokens")
        .addLayer("bilstm", new Bidirectional(new LSTM.Builder().nOut(4)
            .weightInitRecurrent(WeightInit.RELU_UNIFORM).build()), "embed")
        .addLayer("last", new LastTimeStep(new LSTM.Builder().nOut(5).forgetGateBiasInit(1.5)
            .build()), "bilstm")
        .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(3).build(), "image")
        .addLayer("bn", new BatchNormalization.Builder().gamma(0.5).beta(0.1).build(), "conv")
        .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.MAX).build(), "bn")
        .addVertex("merge", new MergeVertex(), "last", "pool")
        .addLayer("dense", new DenseLayer.Builder().nOut(6).build(), "merge")
        .addLayer("out", new OutputLayer.Builder(LossFunction.MCXENT).nOut(3)
            .activation(Activation.SOFTMAX).build(), "dense")
        .setOutputs("out")
        .setInputTypes(InputType.recurrent(1, 7), InputType.convolutional(6, 6, 2))
        .build();
  }

  static MultiLayerNetwork init(MultiLayerConfiguration conf) {
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }

  static ComputationGraph init(ComputationGraphConfiguration conf) {
    ComputationGraph net = new ComputationGraph(conf);
    net.init();
    return net;
  }

  @Test
  void twoInitsOfAMultiLayerNetworkAreBitIdentical() {
    MultiLayerConfiguration seeded = SeededWeightInit.seeded(convNet(), 7);
    String first = ParameterHash.of(init(seeded).params());
    // The global ND4J generator plays no part: a different state between the inits changes nothing.
    Nd4j.getRandom().setSeed(99);
    Nd4j.rand(3, 3);
    assertEquals(first, ParameterHash.of(init(seeded).params()));
    assertEquals(first, ParameterHash.of(init(SeededWeightInit.seeded(convNet(), 7)).params()));
  }

  @Test
  void twoInitsOfAGraphAreBitIdentical() {
    ComputationGraphConfiguration seeded = SeededWeightInit.seeded(graph(), 7);
    String first = ParameterHash.of(init(seeded).params());
    Nd4j.getRandom().setSeed(99);
    Nd4j.rand(3, 3);
    assertEquals(first, ParameterHash.of(init(seeded).params()));
    assertEquals(first, ParameterHash.of(init(SeededWeightInit.seeded(graph(), 7)).params()));
  }

  @Test
  void theUpdaterPlaysNoPartInTheDraws() {
    // What a trial changes between optimizers: the updater of every layer.
    String reference = null;
    for (org.nd4j.linalg.learning.config.IUpdater updater : java.util.List.of(
        new Adam(1e-3), new org.nd4j.linalg.learning.config.Sgd(0.1),
        new org.nd4j.linalg.learning.config.Nesterovs(0.1, 0.9))) {
      ComputationGraphConfiguration conf = SeededWeightInit.seeded(graph(), 7);
      for (var vertex : conf.getVertices().values()) {
        if (vertex instanceof org.deeplearning4j.nn.conf.graph.LayerVertex v
            && v.getLayerConf().getLayer() instanceof BaseLayer b) {
          b.setIUpdater(updater);
        }
      }
      String hash = ParameterHash.of(init(conf).params());
      if (reference == null) {
        reference = hash;
      } else {
        assertEquals(reference, hash, updater.toString());
      }
    }
  }

  @Test
  void anotherSeedDrawsOtherWeightsInEveryWeightArray() {
    MultiLayerNetwork a = init(SeededWeightInit.seeded(convNet(), 7));
    MultiLayerNetwork b = init(SeededWeightInit.seeded(convNet(), 8));
    for (int layer : new int[] {0, 3, 4}) {
      assertNotEquals(a.getLayer(layer).getParam("W"), b.getLayer(layer).getParam("W"),
          "layer " + layer);
    }
    ComputationGraph g = init(SeededWeightInit.seeded(graph(), 7));
    ComputationGraph h = init(SeededWeightInit.seeded(graph(), 8));
    for (String key : g.paramTable().keySet()) {
      if (key.endsWith("W") || key.endsWith("RW")) {
        assertNotEquals(g.getParam(key), h.getParam(key), key);
      }
    }
  }

  @Test
  void weightArraysOfOneLayerAreDrawnIndependently() {
    ComputationGraph g = init(SeededWeightInit.seeded(graph(), 7));
    // Forward and backward LSTMs have equal shapes and schemes; their draws must differ.
    INDArray forward = g.getParam("bilstm_fW");
    INDArray backward = g.getParam("bilstm_bW");
    assertArrayEquals(forward.shape(), backward.shape());
    assertNotEquals(forward, backward);
    // The last LSTM's recurrent weights use the input weights' scheme (no recurrent scheme set).
    assertNull(((org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer)
        ((LastTimeStep) ((org.deeplearning4j.nn.conf.graph.LayerVertex)
            SeededWeightInit.seeded(graph(), 7).getVertices().get("last")).getLayerConf()
            .getLayer()).getUnderlying()).getWeightInitFnRecurrent());
    assertNotEquals(0.0, g.getParam("last_RW").sumNumber().doubleValue());
  }

  @Test
  @SuppressWarnings("deprecation")
  void oneInitialisationCalledForFourArraysDrawsEachApart() {
    // GravesBidirectionalLSTM calls its single weight initialisation for the forward and the
    // backward input and recurrent weights, equal shapes and fans in pairs.
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1)
        .weightInit(WeightInit.XAVIER)
        .list()
        .layer(new org.deeplearning4j.nn.conf.layers.GravesBidirectionalLSTM.Builder().nIn(4)
            .nOut(4).build())
        .layer(new org.deeplearning4j.nn.conf.layers.RnnOutputLayer.Builder(LossFunction.MSE)
            .nIn(4).nOut(2).activation(Activation.IDENTITY).build())
        .build();
    MultiLayerNetwork net = init(SeededWeightInit.seeded(conf, 7));
    var layer = net.getLayer(0);
    assertArrayEquals(layer.getParam("WF").shape(), layer.getParam("WB").shape());
    assertNotEquals(layer.getParam("WF"), layer.getParam("WB"));
    assertNotEquals(layer.getParam("RWF"), layer.getParam("RWB"));
    assertNotEquals(0.0, layer.getParam("WB").sumNumber().doubleValue());
    assertNotEquals(0.0, layer.getParam("RWB").sumNumber().doubleValue());
  }

  @Test
  void theDrawsAreRoundedOnceToThePrecisionOfTheNetwork() {
    MultiLayerConfiguration single = SeededWeightInit.seeded(smallDense(
        org.nd4j.linalg.api.buffer.DataType.FLOAT), 7);
    MultiLayerConfiguration twice = SeededWeightInit.seeded(smallDense(
        org.nd4j.linalg.api.buffer.DataType.DOUBLE), 7);
    double[] doubles = init(twice).getLayer(0).getParam("W").dup().reshape(12).toDoubleVector();
    float[] floats = floats(init(single).getLayer(0).getParam("W"));
    boolean beyondFloat = false;
    for (int i = 0; i < doubles.length; i++) {
      assertEquals((float) doubles[i], floats[i], "weight " + i);
      beyondFloat |= doubles[i] != (float) doubles[i];
    }
    assertTrue(beyondFloat, "a double network keeps the draws' full precision");
  }

  private static MultiLayerConfiguration smallDense(org.nd4j.linalg.api.buffer.DataType type) {
    return new NeuralNetConfiguration.Builder().seed(1).dataType(type)
        .list()
        .layer(new DenseLayer.Builder().nIn(4).nOut(3).build())
        .layer(new OutputLayer.Builder(LossFunction.MSE).nIn(3).nOut(1)
            .activation(Activation.IDENTITY).build())
        .build();
  }

  @Test
  void aLayerThatDrawsItsOwnParametersIsRefused() {
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
        .list()
        .layer(new ConvolutionLayer.Builder(3, 3).nOut(2).build())
        .layer(new org.deeplearning4j.nn.conf.layers.LocallyConnected2D.Builder().nOut(3)
            .kernelSize(3, 3).build())
        .layer(new OutputLayer.Builder(LossFunction.MCXENT).nOut(2).build())
        .setInputType(InputType.convolutional(7, 7, 2))
        .build();
    UnsupportedWeightInitException e = assertThrows(UnsupportedWeightInitException.class,
        () -> SeededWeightInit.seeded(conf, 7));
    assertTrue(e.getMessage().startsWith("layer 1 (LocallyConnected2D) has parameters that "
        + "optbench cannot draw reproducibly: its kind does not initialise them through a DL4J "
        + "weight initialisation (accepted: layers whose weights use XAVIER, "), e.getMessage());
  }

  @Test
  void theArgumentIsUnchanged() {
    MultiLayerConfiguration conf = convNet();
    String json = conf.toJson();
    SeededWeightInit.seeded(conf, 7);
    assertEquals(json, conf.toJson());
    assertInstanceOf(WeightInitXavier.class,
        ((BaseLayer) conf.getConf(3).getLayer()).getWeightInitFn());

    ComputationGraphConfiguration g = graph();
    String graphJson = g.toJson();
    SeededWeightInit.seeded(g, 7);
    assertEquals(graphJson, g.toJson());
  }

  @Test
  void everyWeightInitialisationIsReplaced() {
    MultiLayerConfiguration seeded = SeededWeightInit.seeded(convNet(), 7);
    for (int i : new int[] {0, 1, 3, 4}) {
      IWeightInit init = ((BaseLayer) seeded.getConf(i).getLayer()).getWeightInitFn();
      SeededDraw draw = assertInstanceOf(SeededDraw.class, init, "layer " + i);
      assertEquals("layer " + i + "/weights", draw.key());
      assertEquals(7, draw.seed());
    }
    assertEquals(SeededDraw.Scheme.RELU,
        ((SeededDraw) ((BaseLayer) seeded.getConf(0).getLayer()).getWeightInitFn()).scheme());
    assertEquals(SeededDraw.Scheme.XAVIER,
        ((SeededDraw) ((BaseLayer) seeded.getConf(3).getLayer()).getWeightInitFn()).scheme());

    ComputationGraphConfiguration g = SeededWeightInit.seeded(graph(), 7);
    Bidirectional bi = (Bidirectional) ((org.deeplearning4j.nn.conf.graph.LayerVertex)
        g.getVertices().get("bilstm")).getLayerConf().getLayer();
    LSTM fwd = (LSTM) bi.getFwd();
    assertEquals("vertex bilstm/forward/weights", ((SeededDraw) fwd.getWeightInitFn()).key());
    SeededDraw recurrent = (SeededDraw) fwd.getWeightInitFnRecurrent();
    assertEquals("vertex bilstm/forward/recurrent weights", recurrent.key());
    assertEquals(SeededDraw.Scheme.RELU_UNIFORM, recurrent.scheme());
    assertEquals("vertex bilstm/backward/weights",
        ((SeededDraw) ((LSTM) bi.getBwd()).getWeightInitFn()).key());
  }

  @Test
  void biasesAndBatchNormStayDl4jConstants() {
    MultiLayerNetwork net = init(SeededWeightInit.seeded(convNet(), 7));
    assertArrayEquals(new float[] {0, 0, 0, 0}, floats(net.getLayer(0).getParam("b")));
    assertArrayEquals(new float[] {0.25f, 0.25f, 0.25f, 0.25f, 0.25f, 0.25f},
        floats(net.getLayer(3).getParam("b")));
    assertArrayEquals(new float[] {1, 1, 1, 1}, floats(net.getLayer(1).getParam("gamma")));
    assertArrayEquals(new float[] {0, 0, 0, 0}, floats(net.getLayer(1).getParam("beta")));
    assertArrayEquals(new float[] {0, 0, 0, 0}, floats(net.getLayer(1).getParam("mean")));
    // The builder's default keeps log10 of the standard deviation: log10(1) = 0.
    assertArrayEquals(new float[] {0, 0, 0, 0}, floats(net.getLayer(1).getParam("log10stdev")));

    ComputationGraph g = init(SeededWeightInit.seeded(graph(), 7));
    assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f}, floats(g.getParam("bn_gamma")));
    assertArrayEquals(new float[] {0.1f, 0.1f, 0.1f}, floats(g.getParam("bn_beta")));
    // LSTM biases, gates in DL4J's order input, forget, output, modulation: only the forget
    // gate's 5 biases are 1.5.
    float[] bias = floats(g.getParam("last_b"));
    assertEquals(20, bias.length);
    for (int i = 0; i < bias.length; i++) {
      assertEquals(i >= 5 && i < 10 ? 1.5f : 0f, bias[i], "bias " + i);
    }
    // DL4J's default forget-gate bias is 1.
    float[] biBias = floats(g.getParam("bilstm_fb"));
    assertEquals(16, biBias.length);
    for (int i = 0; i < biBias.length; i++) {
      assertEquals(i >= 4 && i < 8 ? 1f : 0f, biBias[i], "bidirectional bias " + i);
    }
  }

  private static float[] floats(INDArray a) {
    return a.dup().reshape(a.length()).toFloatVector();
  }

  @Test
  void theJsonRoundTripKeepsTheInitialisation() {
    MultiLayerConfiguration seeded = SeededWeightInit.seeded(convNet(), 7);
    String json = seeded.toJson();
    assertTrue(json.contains("\"org.optbench.dl4j.SeededDraw\""), json);
    MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(json);
    assertEquals(seeded, back);
    assertEquals(ParameterHash.of(init(seeded).params()), ParameterHash.of(init(back).params()));

    ComputationGraphConfiguration graph = SeededWeightInit.seeded(graph(), 7);
    ComputationGraphConfiguration graphBack =
        ComputationGraphConfiguration.fromJson(graph.toJson());
    assertEquals(graph, graphBack);
    assertEquals(ParameterHash.of(init(graph).params()),
        ParameterHash.of(init(graphBack).params()));
  }

  @Test
  void modelSerializerRestoresTheSeededConfiguration(@TempDir Path dir) throws Exception {
    MultiLayerNetwork net = init(SeededWeightInit.seeded(convNet(), 7));
    String initial = ParameterHash.of(net.params());
    File file = dir.resolve("net.zip").toFile();
    ModelSerializer.writeModel(net, file, false);
    MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, false);
    assertEquals(initial, ParameterHash.of(restored.params()));
    assertInstanceOf(SeededDraw.class,
        ((BaseLayer) restored.getLayerWiseConfigurations().getConf(0).getLayer())
            .getWeightInitFn());
    // A fresh network from the restored configuration draws the same initial weights.
    assertEquals(initial, ParameterHash.of(init(restored.getLayerWiseConfigurations()).params()));

    ComputationGraph graph = init(SeededWeightInit.seeded(graph(), 7));
    File graphFile = dir.resolve("graph.zip").toFile();
    ModelSerializer.writeModel(graph, graphFile, false);
    ComputationGraph graphBack = ModelSerializer.restoreComputationGraph(graphFile, false);
    assertEquals(ParameterHash.of(graph.params()), ParameterHash.of(graphBack.params()));
    assertEquals(ParameterHash.of(graph.params()),
        ParameterHash.of(init(graphBack.getConfiguration()).params()));
  }

  @Test
  void aCustomInitialisationIsRefusedByName() {
    IWeightInit custom = (fanIn, fanOut, shape, order, view) -> view.reshape(order, shape);
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
        .list()
        .layer(new DenseLayer.Builder().nIn(4).nOut(3).build())
        .layer(new DenseLayer.Builder().name("hidden").nIn(3).nOut(3).weightInit(custom).build())
        .build();
    UnsupportedWeightInitException e = assertThrows(UnsupportedWeightInitException.class,
        () -> SeededWeightInit.seeded(conf, 7));
    assertTrue(e.getMessage().startsWith("layer 1 (\"hidden\", DenseLayer): weight "
        + "initialisation " + custom.getClass().getName() + " cannot be drawn reproducibly; "
        + "accepted: XAVIER, XAVIER_UNIFORM"), e.getMessage());
    assertInstanceOf(org.optbench.UserInputException.class, e);
  }

  @Test
  void anUnsupportedDistributionIsRefusedByName() {
    ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
        .graphBuilder()
        .addInputs("in")
        .addLayer("coin", new DenseLayer.Builder().nIn(4).nOut(3)
            .weightInit(new WeightInitDistribution(new BinomialDistribution(1, 0.5))).build(),
            "in")
        .addLayer("out", new OutputLayer.Builder().nIn(3).nOut(2).build(), "coin")
        .setOutputs("out")
        .build();
    UnsupportedWeightInitException e = assertThrows(UnsupportedWeightInitException.class,
        () -> SeededWeightInit.seeded(conf, 7));
    assertTrue(e.getMessage().startsWith("vertex coin (DenseLayer): weight initialisation "
        + "DISTRIBUTION with BinomialDistribution cannot be drawn reproducibly; accepted: "),
        e.getMessage());
    assertTrue(e.getMessage().endsWith("or DISTRIBUTION with a normal, Gaussian, uniform, "
        + "truncated normal, constant or orthogonal distribution"), e.getMessage());
  }

  @Test
  void reseedingASeededConfigurationDrawsFromTheNewSeed() {
    MultiLayerConfiguration once = SeededWeightInit.seeded(convNet(), 7);
    MultiLayerConfiguration twice = SeededWeightInit.seeded(SeededWeightInit.seeded(convNet(), 3),
        7);
    assertEquals(once, twice);
  }

  /**
   * Pinned draws: a change of generator, seed mixing, transform or rounding, on this machine or
   * another, shows here. The first convolution weights are N(0, 2/fanIn) with fanIn = 2·3·3 = 18
   * (RELU), i.e. standard normals times 1/3, stored in the kernel's row-major order.
   */
  @Test
  void valuesArePinned() {
    MultiLayerNetwork net = init(SeededWeightInit.seeded(convNet(), 7));
    float[] weights = floats(net.getLayer(0).getParam("W"));
    assertArrayEquals(new float[] {0.584299f, -0.41273126f, 0.34650317f},
        java.util.Arrays.copyOf(weights, 3));
    // The same three by hand: the layer's stream (offset 4 in the parameters, after DL4J's 4
    // convolution biases; shape [out 4, in 2, 3, 3]) through Box–Muller, times sqrt(2/18).
    SeededDraw relu = new SeededDraw(SeededDraw.Scheme.RELU, new double[0], 7, "layer 0/weights");
    java.util.SplittableRandom random =
        new java.util.SplittableRandom(relu.streamSeed(4, new long[] {4, 2, 3, 3}));
    for (int i = 0; i < 3; i++) {
      double u1 = 1 - random.nextDouble();
      double u2 = random.nextDouble();
      double z = StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * StrictMath.PI * u2);
      assertEquals((float) (z * StrictMath.sqrt(2.0 / 18)), weights[i], "weight " + i);
    }
    assertEquals("5653432d5fee47f3e51c0a5de6ee2dc19916f7e24b3d3f367e517d72a2fa1065",
        ParameterHash.of(net.params()));
    assertEquals("0f68cd247a593717a35e80467dca9cd24dfed2969615dfe351fa8dad7c133d57",
        ParameterHash.of(init(SeededWeightInit.seeded(graph(), 7)).params()));
  }
}
