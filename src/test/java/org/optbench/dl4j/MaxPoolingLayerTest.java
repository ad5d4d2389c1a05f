package org.optbench.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link MaxPoolingLayer} computes, in ND4J's own kernels and through DL4J's oneDNN path, exactly
 * what a float64 reference computes: the maximum of each window, and the incoming gradient added
 * at the first maximum in row-major window order. The inputs are rectified and coarse (values
 * 0, 0.25, …, 1) so that most windows hold ties, at zero and above it, which is where two
 * implementations could pick different positions.
 */
class MaxPoolingLayerTest {

  @Test
  void twoByTwoStrideTwoAsIn2c2dIsBitIdenticalToTheReferenceOnBothPaths() {
    check(pool(2, 2, ConvolutionMode.Truncate), 6, 3, 8, 8);
  }

  @Test
  void threeByThreeStrideTwoSameAsIn3c3dIsBitIdenticalToTheReferenceOnBothPaths() {
    // SAME: 7 → 4 pads one row and column on every side, 8 → 4 only at the bottom and right;
    // the windows leave the padding out. Windows overlap, so gradients add up.
    check(pool(3, 2, ConvolutionMode.Same), 4, 3, 7, 7);
    check(pool(3, 2, ConvolutionMode.Same), 4, 3, 8, 8);
  }

  @Test
  void refusesPoolingItDoesNotComputeNamingWhatItGot() {
    IllegalArgumentException avg = assertThrows(IllegalArgumentException.class,
        () -> MaxPoolingLayer.of(
            new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.AVG).build()));
    assertEquals("MaxPoolingLayer takes MAX pooling only, got AVG", avg.getMessage());
    IllegalArgumentException nhwc = assertThrows(IllegalArgumentException.class,
        () -> MaxPoolingLayer.of(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
            .dataFormat(CNN2DFormat.NHWC).build()));
    assertEquals("MaxPoolingLayer takes NCHW only, got NHWC", nhwc.getMessage());
  }

  @Test
  void aCheckpointsJsonRestoresTheLayerWithItsSettings() {
    MaxPoolingLayer layer = pool(3, 2, ConvolutionMode.Same);
    String json = new NeuralNetConfiguration.Builder().layer(layer).build().toJson();
    Layer restored = NeuralNetConfiguration.fromJson(json).getLayer();
    MaxPoolingLayer pool = assertInstanceOf(MaxPoolingLayer.class, restored);
    assertArrayEquals(new int[] {3, 3}, pool.getKernelSize());
    assertArrayEquals(new int[] {2, 2}, pool.getStride());
    assertEquals(ConvolutionMode.Same, pool.getConvolutionMode());
    assertEquals(PoolingType.MAX, pool.getPoolingType());
  }

  /** Pooling on this machine is oneDNN's exactly where its ISA has the JIT kernel. */
  @Test
  void theNetworksLayersPoolWhereBackendSays() {
    MaxPoolingLayer conf = pool(2, 2, ConvolutionMode.Truncate);
    org.deeplearning4j.nn.api.Layer layer = conf.instantiate(
        new NeuralNetConfiguration.Builder().layer(conf).build(), List.of(), 0, null,
        false, DataType.FLOAT);
    assertEquals(Backend.poolsInOneDnn(), assertInstanceOf(MaxPoolingLayer.Impl.class, layer)
        .inOneDnn());
    assertEquals(Backend.usesOneDnn()
        && OneDnnIsa.poolsNchwInJit(OneDnnIsa.ofThisMachine()), Backend.poolsInOneDnn());
  }

  private static MaxPoolingLayer pool(int kernel, int stride, ConvolutionMode mode) {
    return MaxPoolingLayer.of(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
        .kernelSize(kernel, kernel).stride(stride, stride).convolutionMode(mode)
        .helperAllowFallback(false).build());
  }

  /** Forward and backward on both paths, each equal, bit for bit, to the reference. */
  private static void check(MaxPoolingLayer conf, int batch, int channels, int height,
      int width) {
    SplittableRandom random = new SplittableRandom(3);
    float[] x = new float[batch * channels * height * width];
    for (int i = 0; i < x.length; i++) {
      x[i] = Math.max(0, random.nextInt(-3, 5)) / 4f;
    }
    int[] out = outSize(conf, height, width);
    float[] dy = new float[batch * channels * out[0] * out[1]];
    for (int i = 0; i < dy.length; i++) {
      // Eighths: every sum of a few of them is exact in float32, so adding in any order gives
      // the reference's bits.
      dy[i] = random.nextInt(-16, 17) / 8f;
    }
    long[] inShape = {batch, channels, height, width};
    long[] outShape = {batch, channels, out[0], out[1]};
    Reference expected = Reference.of(conf, x, dy, inShape, outShape);
    assertTrue(expected.ties > 0, "no window with a tie: the test would not see the rule");
    for (boolean inOneDnn : new boolean[] {false, true}) {
      MaxPoolingLayer.Impl layer = new MaxPoolingLayer.Impl(
          new NeuralNetConfiguration.Builder().layer(conf).build(), DataType.FLOAT, inOneDnn);
      LayerWorkspaceMgr workspaces = LayerWorkspaceMgr.noWorkspaces();
      layer.setInput(Nd4j.create(x, inShape, 'c'), workspaces);
      INDArray y = layer.activate(true, workspaces);
      INDArray dx = layer.backpropGradient(Nd4j.create(dy, outShape, 'c'), workspaces)
          .getSecond();
      String path = inOneDnn ? "oneDNN path" : "ND4J's kernels";
      assertArrayEquals(outShape, y.shape(), path);
      assertArrayEquals(expected.y, y.dup('c').data().asFloat(), 0f, path + ", forward");
      assertArrayEquals(expected.dx, dx.dup('c').data().asFloat(), 0f, path + ", gradient");
    }
  }

  private static int[] outSize(SubsamplingLayer conf, int height, int width) {
    int[] k = conf.getKernelSize();
    int[] s = conf.getStride();
    return conf.getConvolutionMode() == ConvolutionMode.Same
        ? new int[] {ceilDiv(height, s[0]), ceilDiv(width, s[1])}
        : new int[] {(height - k[0]) / s[0] + 1, (width - k[1]) / s[1] + 1};
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }

  /** Max pooling computed directly in float64, with TensorFlow's SAME padding split. */
  private record Reference(float[] y, float[] dx, int ties) {
    static Reference of(SubsamplingLayer conf, float[] x, float[] dy, long[] in, long[] out) {
      int k = conf.getKernelSize()[0];
      int s = conf.getStride()[0];
      int h = (int) in[2];
      int w = (int) in[3];
      int oh = (int) out[2];
      int ow = (int) out[3];
      // SAME: the total padding, the smaller half at the top and left.
      int padTop = conf.getConvolutionMode() == ConvolutionMode.Same
          ? Math.max(0, (oh - 1) * s + k - h) / 2 : 0;
      int padLeft = conf.getConvolutionMode() == ConvolutionMode.Same
          ? Math.max(0, (ow - 1) * s + k - w) / 2 : 0;
      double[] y = new double[dy.length];
      double[] dx = new double[x.length];
      int ties = 0;
      for (int plane = 0; plane < in[0] * in[1]; plane++) {
        for (int i = 0; i < oh; i++) {
          for (int j = 0; j < ow; j++) {
            int at = -1;
            int equal = 0;
            double max = Double.NEGATIVE_INFINITY;
            for (int u = 0; u < k; u++) {
              for (int v = 0; v < k; v++) {
                int r = i * s - padTop + u;
                int c = j * s - padLeft + v;
                if (r < 0 || r >= h || c < 0 || c >= w) {
                  continue;
                }
                int index = (plane * h + r) * w + c;
                if (x[index] > max) {
                  max = x[index];
                  at = index;
                  equal = 0;
                } else if (x[index] == max) {
                  equal++;
                }
              }
            }
            int o = (plane * oh + i) * ow + j;
            y[o] = max;
            dx[at] += dy[o];
            ties += equal > 0 ? 1 : 0;
          }
        }
      }
      return new Reference(toFloat(y), toFloat(dx), ties);
    }

    private static float[] toFloat(double[] values) {
      float[] f = new float[values.length];
      for (int i = 0; i < f.length; i++) {
        f[i] = (float) values[i];
      }
      return f;
    }
  }
}
