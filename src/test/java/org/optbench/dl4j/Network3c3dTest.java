package org.optbench.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNSubsamplingHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.optbench.data.CifarAugmentation;
import org.optbench.data.CifarFixtures;
import org.optbench.data.ImageSet;
import org.optbench.problem.Architecture;

/**
 * DeepOBS's 3c3d on CIFAR-10's 32×32×3: its shapes and parameter count, its initialisation and
 * L2 term, the oneDNN helpers, and a training step.
 */
class Network3c3dTest {
  private static final int BATCH = 4;
  private static final int[] SHAPE = Networks.CIFAR10_SHAPE;

  private static MultiLayerNetwork net(long seed) {
    return Networks.classifier(Architecture.CONV_3C3D, SHAPE, new Sgd(0.01), seed);
  }

  /**
   * Hand-computed from DeepOBS's {@code _3c3d}: 32 → conv 5×5 valid 28 → pool 3/2 same 14 →
   * conv 3×3 valid 12 → pool 6 → conv 3×3 same 6 → pool 3, then 3·3·128 = 1152 inputs to the
   * dense layers. Parameters: 5·5·3·64 + 64 = 4,864; 3·3·64·96 + 96 = 55,392; 3·3·96·128 + 128
   * = 110,720; 1152·512 + 512 = 590,336; 512·256 + 256 = 131,328; 256·10 + 10 = 2,570; in all
   * 895,210, the count DeepOBS gives for 3c3d.
   */
  @Test
  void layerShapesAndParameterCountAreDeepObss() {
    MultiLayerNetwork net = net(1);
    assertEquals(895_210, net.numParams());
    long[] perLayer = new long[net.getnLayers()];
    for (int i = 0; i < perLayer.length; i++) {
      perLayer[i] = net.getLayer(i).numParams();
    }
    assertArrayEquals(new long[] {4_864, 0, 55_392, 0, 110_720, 0, 590_336, 131_328, 2_570},
        perLayer);
    List<INDArray> activations = net.feedForward(images(BATCH, 3), false);
    long[][] expected = {{BATCH, 3072}, {BATCH, 64, 28, 28}, {BATCH, 64, 14, 14},
        {BATCH, 96, 12, 12}, {BATCH, 96, 6, 6}, {BATCH, 128, 6, 6}, {BATCH, 128, 3, 3},
        {BATCH, 512}, {BATCH, 256}, {BATCH, 10}};
    assertEquals(expected.length, activations.size());
    for (int i = 0; i < expected.length; i++) {
      assertArrayEquals(expected[i], activations.get(i).shape(), "activation " + i);
    }
  }

  /**
   * TensorFlow's SAME max-pooling of 3×3 windows at stride 2 on an even side pads one row and
   * column at the bottom and right only: output (i, j) is the maximum over input rows 2i..2i+2
   * and columns 2j..2j+2 that exist. Checked on the first pooling layer's actual input.
   */
  @Test
  void poolingPadsAsTensorFlowsSameDoes() {
    MultiLayerNetwork net = net(2);
    List<INDArray> activations = net.feedForward(images(2, 4), false);
    INDArray in = activations.get(1);
    INDArray out = activations.get(2);
    for (int b = 0; b < 2; b++) {
      for (int c = 0; c < 64; c += 9) {
        for (int i = 0; i < 14; i++) {
          for (int j = 0; j < 14; j++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int y = 2 * i; y <= Math.min(27, 2 * i + 2); y++) {
              for (int x = 2 * j; x <= Math.min(27, 2 * j + 2); x++) {
                max = Math.max(max, in.getDouble(b, c, y, x));
              }
            }
            assertEquals(max, out.getDouble(b, c, i, j), 0.0,
                "example " + b + ", channel " + c + ", (" + i + ", " + j + ")");
          }
        }
      }
    }
  }

  /**
   * Glorot initialisation as TensorFlow draws it: convolution weights with standard deviation
   * √(2/(fan_in + fan_out)) (the truncated normal's σ is scaled up so the cut keeps it), all
   * within 2σ; dense weights uniform within ±√(6/(fan_in + fan_out)); biases 0. The seed alone
   * decides them, whatever the updater.
   */
  @Test
  void initialWeightsAreGlorotsAndDependOnTheSeedOnly() {
    MultiLayerNetwork net = net(7);
    // conv1: fan_in 5·5·3 = 75, fan_out 5·5·64 = 1600
    INDArray w1 = net.getLayer(0).getParam("W");
    assertArrayEquals(new long[] {64, 3, 5, 5}, w1.shape());
    double target = Math.sqrt(2.0 / (75 + 1600));
    assertEquals(target, w1.stdNumber().doubleValue(), 0.03 * target);
    double cut = 2 * target / 0.87962566103423978;
    assertTrue(w1.amaxNumber().doubleValue() <= cut * (1 + 1e-6));
    assertTrue(w1.amaxNumber().doubleValue() > 0.9 * cut, "the tail reaches the cut");
    // dense 1152 → 512
    INDArray w4 = net.getLayer(6).getParam("W");
    assertArrayEquals(new long[] {1152, 512}, w4.shape());
    double limit = Math.sqrt(6.0 / (1152 + 512));
    assertTrue(w4.amaxNumber().doubleValue() <= limit);
    assertEquals(limit / Math.sqrt(3), w4.stdNumber().doubleValue(), 0.01 * limit);
    for (int i : new int[] {0, 2, 4, 6, 7, 8}) {
      assertEquals(0.0, net.getLayer(i).getParam("b").amaxNumber().doubleValue(), 0.0);
    }
    INDArray adam = Networks.classifier(Architecture.CONV_3C3D, SHAPE, new Adam(1e-3), 7)
        .params();
    assertEquals(net.params(), adam, "another updater, the same start");
    assertNotEquals(net.params(), net(8).params(), "another seed, another start");
  }

  /**
   * The L2 term is DeepOBS's ½·0.002·‖w‖² over the weights of all six layers, none over the
   * biases: set the biases to 1 and the term is unchanged. Compared in float64 (the same network
   * and weights in double precision), as float32 sums over 895,210 squares drift by about 1e-4.
   */
  @Test
  void l2IsHalfTimesTwoThousandthsTimesTheWeightsSquaredNorm() {
    MultiLayerNetwork net = Networks.classifier(Architecture.CONV_3C3D, SHAPE, new Sgd(0.01), 3,
        DataType.DOUBLE);
    net.setParams(net(3).params().castTo(DataType.DOUBLE));
    double squares = 0;
    for (int i : new int[] {0, 2, 4, 6, 7, 8}) {
      double norm = net.getLayer(i).getParam("W").norm2Number().doubleValue();
      squares += norm * norm;
    }
    double expected = 0.5 * 0.002 * squares;
    assertEquals(expected, net.calcRegularizationScore(true), 1e-12 * expected);
    for (int i : new int[] {0, 2, 4, 6, 7, 8}) {
      net.getLayer(i).getParam("b").assign(1);
    }
    assertEquals(expected, net.calcRegularizationScore(true), 1e-12 * expected);
  }

  @Test
  void convolutionAndPoolingLayersGetOneDnnHelpersWithoutFallback() {
    MultiLayerNetwork net = net(1);
    int conv = 0;
    int pool = 0;
    for (Layer layer : net.getLayers()) {
      if (layer instanceof ConvolutionLayer c) {
        assertInstanceOf(MKLDNNConvHelper.class, c.getHelper(), "layer " + layer.getIndex());
        assertFalse(c.layerConf().isCudnnAllowFallback(), "layer " + layer.getIndex());
        conv++;
      } else if (layer instanceof SubsamplingLayer s) {
        assertInstanceOf(MKLDNNSubsamplingHelper.class, s.getHelper(),
            "layer " + layer.getIndex());
        assertFalse(s.layerConf().isCudnnAllowFallback(), "layer " + layer.getIndex());
        pool++;
      }
    }
    assertEquals(3, conv);
    assertEquals(3, pool);
  }

  /**
   * The float32 network (oneDNN) against the same weights in float64 (DL4J's built-in layers):
   * relative L2 error ≤ 2e-5 for every activation and every gradient, as for 2c2d
   * ({@code ConvLayersOneDnnTest}); a wrong padding or layout gives errors of order 1.
   */
  @Test
  void outputsAndGradientsMatchAFloat64Reference() {
    MultiLayerNetwork single = net(5);
    MultiLayerNetwork reference = Networks.classifier(Architecture.CONV_3C3D, SHAPE,
        new Sgd(0.01), 5, DataType.DOUBLE);
    reference.setParams(single.params().castTo(DataType.DOUBLE));
    INDArray x = images(BATCH, 6);
    INDArray y = labels(BATCH);
    List<INDArray> actual = single.feedForward(x, false);
    List<INDArray> expected = reference.feedForward(x.castTo(DataType.DOUBLE), false);
    for (int i = 1; i < actual.size(); i++) {
      assertClose("output of layer " + (i - 1), expected.get(i), actual.get(i));
    }
    Map<String, INDArray> gradients = gradients(single, x, y);
    Map<String, INDArray> referenceGradients = gradients(reference, x.castTo(DataType.DOUBLE),
        y.castTo(DataType.DOUBLE));
    assertEquals(12, gradients.size(), gradients.keySet().toString());
    for (String key : gradients.keySet()) {
      assertClose("gradient " + key, referenceGradients.get(key), gradients.get(key));
    }
  }

  /**
   * One SGD step on a fixture batch: the loss is the mean cross-entropy, near ln 10, plus the L2
   * term, and the parameters move by −η times the gradient of that: the summed cross-entropy
   * gradient (as {@code computeGradientAndScore} leaves it) over the batch size, plus 0.002·w for
   * the weights, nothing for the biases.
   */
  @Test
  void oneTrainingStepOnAFixtureBatch() {
    MultiLayerNetwork net = net(9);
    INDArray x = images(BATCH, 10);
    INDArray y = labels(BATCH);
    Map<String, INDArray> gradients = gradients(net, x, y);
    double penalty = net.calcRegularizationScore(true);
    INDArray w0 = net.getLayer(0).getParam("W").dup();
    net.fit(new DataSet(x, y));
    double loss = net.score();
    assertTrue(Math.abs(loss - penalty - Math.log(10)) < 0.5,
        "cross-entropy " + (loss - penalty) + " near ln 10 at the start");
    // conv1's weights: Δ = η·(∂ΣCE/∂W / B + 0.002·W); its biases: Δ = η·∂ΣCE/∂b / B, no L2.
    // Compared on the step itself, to 1e-4: leaving out the L2 term changes it by 2e-3.
    INDArray w = net.getLayer(0).getParam("W");
    INDArray expectedStep = gradients.get("0_W").reshape(w.shape()).div(BATCH)
        .add(w0.mul(0.002)).mul(0.01);
    assertClose("conv1 weights' step", expectedStep, w0.sub(w), 1e-4);
    INDArray withoutL2 = gradients.get("0_W").reshape(w.shape()).div(BATCH).mul(0.01);
    double missing = withoutL2.sub(w0.sub(w)).norm2Number().doubleValue()
        / w0.sub(w).norm2Number().doubleValue();
    assertTrue(missing > 1e-3, "the L2 term is part of the step: " + missing);
    INDArray b = net.getLayer(0).getParam("b");
    assertClose("conv1 biases' step",
        gradients.get("0_b").reshape(b.shape()).div(BATCH).mul(0.01), b.neg(), 1e-4);
  }

  /** Standardised CIFAR-like images from generated batches, {@code [n, 3072]}. */
  static INDArray images(int n, long seed) {
    ImageSet set = CifarFixtures.dataset(n).train();
    int[] rows = new int[n];
    for (int i = 0; i < n; i++) {
      rows[i] = (int) ((i * 7 + seed) % set.count());
    }
    return Nd4j.create(CifarAugmentation.batch(set, rows, seed, 0), new long[] {n, 3072},
        DataType.FLOAT);
  }

  private static INDArray labels(int n) {
    INDArray y = Nd4j.zeros(DataType.FLOAT, n, 10);
    for (int i = 0; i < n; i++) {
      y.putScalar(i, (3 * i) % 10, 1);
    }
    return y;
  }

  private static Map<String, INDArray> gradients(MultiLayerNetwork net, INDArray x, INDArray y) {
    net.setInput(x);
    net.setLabels(y);
    net.computeGradientAndScore();
    Map<String, INDArray> copies = new java.util.TreeMap<>();
    net.gradient().gradientForVariable().forEach((k, v) -> copies.put(k, v.dup()));
    return copies;
  }

  private static void assertClose(String what, INDArray expected, INDArray actual) {
    assertClose(what, expected, actual, 2e-5);
  }

  private static void assertClose(String what, INDArray expected, INDArray actual,
      double bound) {
    assertTrue(java.util.Arrays.equals(expected.shape(), actual.shape()),
        what + ": shapes " + java.util.Arrays.toString(expected.shape()) + " and "
            + java.util.Arrays.toString(actual.shape()));
    INDArray e = expected.castTo(DataType.DOUBLE).reshape(expected.length());
    INDArray difference = e.sub(actual.castTo(DataType.DOUBLE).reshape(actual.length()));
    double norm = e.norm2Number().doubleValue();
    assertTrue(norm > 0, what + " is all zero: nothing is compared");
    double relative = difference.norm2Number().doubleValue() / norm;
    assertTrue(relative <= bound, what + ": relative L2 error " + relative + " > " + bound);
  }
}
