package org.optbench.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.ConstantDistribution;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.distribution.OrthogonalDistribution;
import org.deeplearning4j.nn.conf.distribution.TruncatedNormalDistribution;
import org.deeplearning4j.nn.conf.distribution.UniformDistribution;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.weights.WeightInitConstant;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.deeplearning4j.nn.weights.WeightInitIdentity;
import org.deeplearning4j.nn.weights.WeightInitVarScalingNormalFanIn;
import org.deeplearning4j.nn.weights.WeightInitVarScalingUniformFanOut;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * Each scheme of {@link SeededDraw} draws the distribution of DL4J's formula, given the fan-in
 * and fan-out DL4J's parameter initialisers pass: checked on a dense layer (nIn 300, nOut 200:
 * fanIn 300, fanOut 200, 60 000 weights) and a convolution (8 → 32 channels, 5×5 kernel,
 * stride 2×1: fanIn 8·25 = 200, fanOut 32·25/(2·1) = 400, 6 400 weights). Means and variances
 * must lie within five standard errors of the formula's, uniform draws within the exact bounds
 * and close to them.
 */
class SeededSchemesTest {
  static final double DENSE_FAN_IN = 300;
  static final double DENSE_FAN_OUT = 200;
  static final double CONV_FAN_IN = 200;
  static final double CONV_FAN_OUT = 400;

  /**
   * Variance of a standard normal truncated to [−2, 2]: 1 − 2·2·φ(2)/(Φ(2) − Φ(−2))
   * = 1 − 4·0.0539910/0.9544997.
   */
  static final double TRUNCATED_VARIANCE = 1 - 4 * 0.05399096651 / 0.95449973610;

  /** What a scheme should draw, given a weight's fans and DL4J shape. */
  sealed interface Expected {}

  /** Normal with this mean and variance. */
  record Normal(double mean, double variance) implements Expected {}

  /** Uniform on [lower, upper). */
  record Uniform(double lower, double upper) implements Expected {}

  /** Normal(mean, σ²) truncated to mean ± 2σ. */
  record Truncated(double mean, double sigma) implements Expected {}

  /** Every value equal. */
  record Constant(double value) implements Expected {}

  /** The expectation from fanIn, fanOut and the weight's shape. */
  interface Rule {
    Expected of(double fanIn, double fanOut, long[] shape);
  }

  record Case(String name, IWeightInit init, Rule rule) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    List<Case> c = new ArrayList<>();
    c.add(new Case("XAVIER", WeightInit.XAVIER.getWeightInitFunction(),
        (in, out, s) -> new Normal(0, 2 / (in + out))));
    c.add(new Case("XAVIER_UNIFORM", WeightInit.XAVIER_UNIFORM.getWeightInitFunction(),
        (in, out, s) -> symmetric(Math.sqrt(6 / (in + out)))));
    c.add(new Case("XAVIER_FAN_IN", WeightInit.XAVIER_FAN_IN.getWeightInitFunction(),
        (in, out, s) -> new Normal(0, 1 / in)));
    c.add(new Case("XAVIER_LEGACY", WeightInit.XAVIER_LEGACY.getWeightInitFunction(),
        (in, out, s) -> new Normal(0, 1.0 / (s[0] + s[1]))));
    c.add(new Case("NORMAL", WeightInit.NORMAL.getWeightInitFunction(),
        (in, out, s) -> new Normal(0, 1 / in)));
    c.add(new Case("LECUN_NORMAL", WeightInit.LECUN_NORMAL.getWeightInitFunction(),
        (in, out, s) -> new Normal(0, 1 / in)));
    c.add(new Case("UNIFORM", WeightInit.UNIFORM.getWeightInitFunction(),
        (in, out, s) -> symmetric(1 / Math.sqrt(in))));
    c.add(new Case("RELU", WeightInit.RELU.getWeightInitFunction(),
        (in, out, s) -> new Normal(0, 2 / in)));
    c.add(new Case("RELU_UNIFORM", WeightInit.RELU_UNIFORM.getWeightInitFunction(),
        (in, out, s) -> symmetric(Math.sqrt(6 / in))));
    c.add(new Case("LECUN_UNIFORM", WeightInit.LECUN_UNIFORM.getWeightInitFunction(),
        (in, out, s) -> symmetric(3 / Math.sqrt(in))));
    c.add(new Case("SIGMOID_UNIFORM", WeightInit.SIGMOID_UNIFORM.getWeightInitFunction(),
        (in, out, s) -> symmetric(4 * Math.sqrt(6 / (in + out)))));
    c.add(new Case("VAR_SCALING_NORMAL_FAN_IN",
        WeightInit.VAR_SCALING_NORMAL_FAN_IN.getWeightInitFunction(),
        (in, out, s) -> new Truncated(0, Math.sqrt(1 / in))));
    c.add(new Case("VAR_SCALING_NORMAL_FAN_IN scale 2", new WeightInitVarScalingNormalFanIn(2.0),
        (in, out, s) -> new Truncated(0, Math.sqrt(2 / in))));
    c.add(new Case("VAR_SCALING_NORMAL_FAN_OUT",
        WeightInit.VAR_SCALING_NORMAL_FAN_OUT.getWeightInitFunction(),
        (in, out, s) -> new Truncated(0, Math.sqrt(1 / out))));
    c.add(new Case("VAR_SCALING_NORMAL_FAN_AVG",
        WeightInit.VAR_SCALING_NORMAL_FAN_AVG.getWeightInitFunction(),
        (in, out, s) -> new Truncated(0, Math.sqrt(2 / (in + out)))));
    c.add(new Case("VAR_SCALING_UNIFORM_FAN_IN",
        WeightInit.VAR_SCALING_UNIFORM_FAN_IN.getWeightInitFunction(),
        (in, out, s) -> symmetric(3 / Math.sqrt(in))));
    c.add(new Case("VAR_SCALING_UNIFORM_FAN_OUT",
        WeightInit.VAR_SCALING_UNIFORM_FAN_OUT.getWeightInitFunction(),
        (in, out, s) -> symmetric(3 / Math.sqrt(out))));
    c.add(new Case("VAR_SCALING_UNIFORM_FAN_OUT scale 0.5",
        new WeightInitVarScalingUniformFanOut(0.5),
        (in, out, s) -> symmetric(0.5 * 3 / Math.sqrt(out))));
    c.add(new Case("VAR_SCALING_UNIFORM_FAN_AVG",
        WeightInit.VAR_SCALING_UNIFORM_FAN_AVG.getWeightInitFunction(),
        (in, out, s) -> symmetric(3 / Math.sqrt((in + out) / 2))));
    c.add(new Case("ZERO", WeightInit.ZERO.getWeightInitFunction(),
        (in, out, s) -> new Constant(0)));
    c.add(new Case("ONES", WeightInit.ONES.getWeightInitFunction(),
        (in, out, s) -> new Constant(1)));
    c.add(new Case("constant 0.3", new WeightInitConstant(0.3),
        (in, out, s) -> new Constant(0.3)));
    c.add(new Case("normal distribution", new WeightInitDistribution(
        new NormalDistribution(0.5, 0.2)), (in, out, s) -> new Normal(0.5, 0.04)));
    c.add(new Case("Gaussian distribution", gaussian(-0.1, 0.3),
        (in, out, s) -> new Normal(-0.1, 0.09)));
    c.add(new Case("uniform distribution", new WeightInitDistribution(
        new UniformDistribution(-0.1, 0.3)), (in, out, s) -> new Uniform(-0.1, 0.3)));
    c.add(new Case("truncated normal distribution", new WeightInitDistribution(
        new TruncatedNormalDistribution(0.1, 0.05)), (in, out, s) -> new Truncated(0.1, 0.05)));
    c.add(new Case("constant distribution", new WeightInitDistribution(
        new ConstantDistribution(0.7)), (in, out, s) -> new Constant(0.7)));
    return c.stream();
  }

  @SuppressWarnings("deprecation")
  private static IWeightInit gaussian(double mean, double std) {
    return new WeightInitDistribution(
        new org.deeplearning4j.nn.conf.distribution.GaussianDistribution(mean, std));
  }

  private static Uniform symmetric(double bound) {
    return new Uniform(-bound, bound);
  }

  /** Dense 300 → 200 with {@code init}, then an output layer. */
  static MultiLayerConfiguration dense(IWeightInit init, int nIn, int nOut) {
    return new NeuralNetConfiguration.Builder().seed(1)
        .list()
        .layer(new DenseLayer.Builder().nIn(nIn).nOut(nOut).weightInit(init).build())
        .layer(new OutputLayer.Builder(LossFunction.MSE).nIn(nOut).nOut(2).build())
        .build();
  }

  /** Convolution 8 → 32 channels, kernel 5×5, stride 2×1, on 10×10 images. */
  static MultiLayerConfiguration conv(IWeightInit init) {
    return new NeuralNetConfiguration.Builder().seed(1)
        .list()
        .layer(new ConvolutionLayer.Builder(5, 5).stride(2, 1).nOut(32).weightInit(init).build())
        .layer(new OutputLayer.Builder(LossFunction.MSE).nOut(2).build())
        .setInputType(InputType.convolutional(10, 10, 8))
        .build();
  }

  static INDArray seededWeights(MultiLayerConfiguration conf) {
    MultiLayerNetwork net = new MultiLayerNetwork(SeededWeightInit.seeded(conf, 7));
    net.init();
    return net.getLayer(0).getParam("W");
  }

  /** Records the fans and shape DL4J passes, and fills zeros. */
  static final class RecordingInit implements IWeightInit {
    private static final long serialVersionUID = 1L;
    double fanIn;
    double fanOut;
    long[] shape;

    @Override
    public INDArray init(double fanIn, double fanOut, long[] shape, char order,
        INDArray paramView) {
      this.fanIn = fanIn;
      this.fanOut = fanOut;
      this.shape = shape.clone();
      paramView.assign(0);
      return paramView.reshape(order, shape);
    }
  }

  @Test
  void dl4jPassesTheFansComputedByHand() {
    RecordingInit dense = new RecordingInit();
    new MultiLayerNetwork(dense(dense, 300, 200)).init();
    assertEquals(DENSE_FAN_IN, dense.fanIn);
    assertEquals(DENSE_FAN_OUT, dense.fanOut);
    assertArrayEquals(new long[] {300, 200}, dense.shape);

    RecordingInit conv = new RecordingInit();
    new MultiLayerNetwork(conv(conv)).init();
    assertEquals(CONV_FAN_IN, conv.fanIn);
    assertEquals(CONV_FAN_OUT, conv.fanOut);
    assertArrayEquals(new long[] {32, 8, 5, 5}, conv.shape);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void denseWeightsFollowTheFormula(Case c) {
    INDArray w = seededWeights(dense(c.init(), 300, 200));
    assertArrayEquals(new long[] {300, 200}, w.shape());
    check(c.rule().of(DENSE_FAN_IN, DENSE_FAN_OUT, w.shape()), values(w), c.name() + " dense");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void convolutionWeightsFollowTheFormula(Case c) {
    INDArray w = seededWeights(conv(c.init()));
    assertArrayEquals(new long[] {32, 8, 5, 5}, w.shape());
    check(c.rule().of(CONV_FAN_IN, CONV_FAN_OUT, w.shape()), values(w), c.name() + " conv");
  }

  static double[] values(INDArray w) {
    return w.dup().reshape(w.length()).toDoubleVector();
  }

  static void check(Expected expected, double[] v, String what) {
    int n = v.length;
    double mean = 0;
    for (double x : v) {
      mean += x;
    }
    mean /= n;
    double var = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double x : v) {
      var += (x - mean) * (x - mean);
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    var /= n - 1;
    if (expected instanceof Normal e) {
      moments(e.mean(), e.variance(), mean, var, n, what);
    } else if (expected instanceof Truncated e) {
      moments(e.mean(), e.sigma() * e.sigma() * TRUNCATED_VARIANCE, mean, var, n, what);
      // float rounding may put a value a hair beyond the double bound
      double slack = 1e-6 * (Math.abs(e.mean()) + 2 * e.sigma());
      assertTrue(min >= e.mean() - 2 * e.sigma() - slack, what + ": min " + min);
      assertTrue(max <= e.mean() + 2 * e.sigma() + slack, what + ": max " + max);
      assertTrue(min < e.mean() - 1.95 * e.sigma(), what + ": min " + min);
      assertTrue(max > e.mean() + 1.95 * e.sigma(), what + ": max " + max);
    } else if (expected instanceof Uniform e) {
      double width = e.upper() - e.lower();
      moments((e.lower() + e.upper()) / 2, width * width / 12, mean, var, n, what);
      double slack = 1e-6 * Math.max(Math.abs(e.lower()), Math.abs(e.upper()));
      assertTrue(min >= e.lower() - slack, what + ": min " + min + " < " + e.lower());
      assertTrue(max <= e.upper() + slack, what + ": max " + max + " > " + e.upper());
      assertTrue(min < e.lower() + 0.005 * width, what + ": min " + min);
      assertTrue(max > e.upper() - 0.005 * width, what + ": max " + max);
    } else {
      Constant e = (Constant) expected;
      assertEquals((float) e.value(), (float) min, what);
      assertEquals((float) e.value(), (float) max, what);
    }
  }

  /**
   * Mean and variance within five standard errors: σ/√n for the mean, and for the variance
   * σ²·√(2/n), which over-covers the lighter-tailed uniform and truncated normal.
   */
  private static void moments(double mean, double variance, double gotMean, double gotVar, int n,
      String what) {
    assertEquals(mean, gotMean, 5 * Math.sqrt(variance / n), what + ": mean");
    assertEquals(variance, gotVar, 5 * variance * Math.sqrt(2.0 / n), what + ": variance");
  }

  @Test
  void identityIsTheUnitMatrixAndTheKernelCentre() {
    INDArray dense = seededWeights(dense(new WeightInitIdentity(), 5, 5));
    assertEquals(org.nd4j.linalg.factory.Nd4j.eye(5).castTo(dense.dataType()), dense);
    INDArray scaled = seededWeights(dense(new WeightInitIdentity(2.5), 4, 4));
    assertEquals(org.nd4j.linalg.factory.Nd4j.eye(4).muli(2.5).castTo(scaled.dataType()), scaled);

    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1)
        .list()
        .layer(new ConvolutionLayer.Builder(3, 3).nOut(3).weightInit(new WeightInitIdentity())
            .build())
        .layer(new OutputLayer.Builder(LossFunction.MSE).nOut(2).build())
        .setInputType(InputType.convolutional(6, 6, 3))
        .build();
    INDArray k = seededWeights(conf);
    assertArrayEquals(new long[] {3, 3, 3, 3}, k.shape());
    for (int o = 0; o < 3; o++) {
      for (int i = 0; i < 3; i++) {
        for (int y = 0; y < 3; y++) {
          for (int x = 0; x < 3; x++) {
            double want = o == i && y == 1 && x == 1 ? 1 : 0;
            assertEquals(want, k.getDouble(o, i, y, x), o + "," + i + "," + y + "," + x);
          }
        }
      }
    }
  }

  @Test
  void orthogonalWeightsHaveOrthonormalColumnsOrRowsTimesTheGain() {
    WeightInitDistribution ortho = new WeightInitDistribution(new OrthogonalDistribution(1.5));
    // [300, 200], DL4J's 'f' order: 200 orthonormal columns, W^T W = 2.25 I.
    INDArray tall = seededWeights(dense(ortho, 300, 200)).castTo(
        org.nd4j.linalg.api.buffer.DataType.DOUBLE);
    assertGram(tall.transpose().mmul(tall), 200, 2.25, "300x200");
    // [20, 50]: 20 orthonormal rows, W W^T = 2.25 I.
    INDArray wide = seededWeights(dense(ortho, 20, 50)).castTo(
        org.nd4j.linalg.api.buffer.DataType.DOUBLE);
    assertGram(wide.mmul(wide.transpose()), 20, 2.25, "20x50");
    // A kernel [32, 8, 5, 5] read as [32·8·5, 5]: 5 orthonormal columns.
    INDArray kernel = seededWeights(conv(ortho)).castTo(
        org.nd4j.linalg.api.buffer.DataType.DOUBLE).reshape('c', 1280, 5);
    assertGram(kernel.transpose().mmul(kernel), 5, 2.25, "conv");
  }

  private static void assertGram(INDArray gram, int n, double gain2, String what) {
    assertArrayEquals(new long[] {n, n}, gram.shape());
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        // float32 weights: about 1e-7 relative error per product, summed over up to 1280 terms
        assertEquals(i == j ? gain2 : 0, gram.getDouble(i, j), 1e-4, what + " " + i + "," + j);
      }
    }
  }
}
