package org.optbench.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * {@link MaxPoolingLayer} computes, in ND4J's own kernels, through DL4J's oneDNN path and in
 * oneDNN 3.3 ({@link OneDnnMaxPooling}), exactly what a float64 reference computes: the maximum
 * of each window, and the incoming gradient added at the first maximum in row-major window
 * order. The inputs are rectified and coarse (values 0, 0.25, …, 1) so that most windows hold
 * ties, at zero and above it, which is where two implementations could pick different positions.
 * oneDNN 3.3 and ND4J's kernels are also compared bit for bit on every class of float.
 */
class MaxPoolingLayerTest {

  @Test
  void twoByTwoStrideTwoAsIn2c2dIsBitIdenticalToTheReferenceOnEveryPath() {
    check(pool(2, 2, ConvolutionMode.Truncate), 6, 3, 8, 8);
    check(pool(2, 2, ConvolutionMode.Same), 6, 3, 8, 8);
    // 16 channels: oneDNN's blocked layout holds 8 per block, so two blocks of them.
    check(pool(2, 2, ConvolutionMode.Same), 3, 16, 6, 6);
  }

  /**
   * On this project's Linux x86-64 builds oneDNN 3.3 loads, and it pools exactly the layers whose
   * windows do not overlap, in float32.
   */
  @Test
  void oneDnn3PoolsFloatLayersWhoseWindowsDoNotOverlap() {
    if ("linux-x86_64".equals(org.bytedeco.javacpp.Loader.getPlatform())) {
      assertTrue(OneDnn3.api().isPresent(), OneDnn3.status());
      assertTrue(OneDnn3.status().startsWith("oneDNN 3.3."), OneDnn3.status());
    }
    if (OneDnn3.api().isEmpty()) {
      return;
    }
    assertTrue(impl(pool(2, 2, ConvolutionMode.Same), DataType.FLOAT, true).inOneDnn3());
    assertFalse(impl(pool(3, 2, ConvolutionMode.Same), DataType.FLOAT, true).inOneDnn3(),
        "overlapping windows");
    assertFalse(impl(pool(2, 2, ConvolutionMode.Same), DataType.DOUBLE, true).inOneDnn3());
    assertFalse(impl(pool(2, 2, ConvolutionMode.Same), DataType.FLOAT, false).inOneDnn3());
    try (OneDnnMaxPooling pooling = new OneDnnMaxPooling(OneDnn3.api().orElseThrow(),
        new int[] {2, 2}, new int[] {2, 2})) {
      // oneDNN's JIT kernel, not its reference code, on every x86-64 level from AVX2 up.
      assertTrue(pooling.implementation(new long[] {128, 32, 28, 28},
          new long[] {128, 32, 14, 14}).startsWith("jit:"));
    }
  }

  /**
   * oneDNN 3.3's bits are ND4J's for every class of float in the input and in the incoming
   * gradient: NaN (quiet, signalling, negative), ±∞, ±0, ±FLT_MAX, subnormals, and windows with
   * nothing above ND4J's starting value −3.4028230e38, where oneDNN alone would give −FLT_MAX.
   */
  @Test
  void oneDnn3GivesNd4jsBitsForEveryClassOfFloat() {
    if (OneDnn3.api().isEmpty()) {
      return;
    }
    float[] specials = {Float.NaN, Float.intBitsToFloat(0x7fa00000),
        Float.intBitsToFloat(0xffc00001), Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
        -0f, 0f, -Float.MAX_VALUE, Float.intBitsToFloat(0xff7ffffe),
        OneDnnMaxPooling.ND4J_LOWEST, Float.MAX_VALUE, Float.MIN_VALUE, -Float.MIN_VALUE, 1f,
        -1f, 1f};
    SplittableRandom random = new SplittableRandom(5);
    long[] inShape = {4, 16, 8, 8};
    long[] outShape = {4, 16, 4, 4};
    // First with every window's last value above ND4J's starting value, so that oneDNN computes
    // the backward pass too; then with any values, where some windows hold nothing above it.
    float[] above = {-1f, -0f, 0f, 1f, Float.MIN_VALUE, Float.POSITIVE_INFINITY};
    for (boolean anyWindow : new boolean[] {false, true}) {
      float[] x = new float[4 * 16 * 8 * 8];
      for (int i = 0; i < x.length; i++) {
        boolean last = (i / 8) % 2 == 1 && i % 2 == 1;
        x[i] = !anyWindow && last ? above[random.nextInt(above.length)]
            : specials[random.nextInt(specials.length)];
      }
      float[] dy = new float[4 * 16 * 4 * 4];
      for (int i = 0; i < dy.length; i++) {
        dy[i] = specials[random.nextInt(specials.length)];
      }
      MaxPoolingLayer conf = pool(2, 2, ConvolutionMode.Same);
      INDArray[] nd4j = run(impl(conf, DataType.FLOAT, false), x, dy, inShape, outShape);
      MaxPoolingLayer.Impl layer = impl(conf, DataType.FLOAT, true);
      LayerWorkspaceMgr workspaces = LayerWorkspaceMgr.noWorkspaces();
      layer.setInput(Nd4j.create(x, inShape, 'c'), workspaces);
      INDArray y = layer.activate(true, workspaces);
      assertEquals(!anyWindow, layer.backwardInOneDnn3(), "backward pass in oneDNN 3.3");
      INDArray dx = layer.backpropGradient(Nd4j.create(dy, outShape, 'c'), workspaces)
          .getSecond();
      assertArrayEquals(bits(nd4j[0]), bits(y), "forward");
      assertArrayEquals(bits(nd4j[1]), bits(dx), "gradient");
      // The case the raise to ND4J's starting value is for is in the data.
      assertEquals(anyWindow, java.util.Arrays.stream(bits(nd4j[0]))
          .anyMatch(b -> b == Float.floatToRawIntBits(OneDnnMaxPooling.ND4J_LOWEST)));
    }
  }

  /**
   * The backward pass needs the maxima of a training forward pass on the same input; after an
   * inference pass, or another input, it takes ND4J's kernel, with the same result. A new batch
   * size makes new primitives.
   */
  @Test
  void withoutATrainingForwardPassOnItsInputTheBackwardPassTakesNd4jsKernel() {
    if (OneDnn3.api().isEmpty()) {
      return;
    }
    MaxPoolingLayer conf = pool(2, 2, ConvolutionMode.Same);
    for (int batch : new int[] {5, 3}) {
      long[] inShape = {batch, 8, 6, 6};
      long[] outShape = {batch, 8, 3, 3};
      INDArray x = Nd4j.rand(DataType.FLOAT, inShape).subi(0.5);
      INDArray dy = Nd4j.rand(DataType.FLOAT, outShape);
      LayerWorkspaceMgr workspaces = LayerWorkspaceMgr.noWorkspaces();
      MaxPoolingLayer.Impl reference = impl(conf, DataType.FLOAT, false);
      reference.setInput(x, workspaces);
      reference.activate(true, workspaces);
      INDArray expected = reference.backpropGradient(dy, workspaces).getSecond();

      MaxPoolingLayer.Impl layer = impl(conf, DataType.FLOAT, true);
      layer.setInput(x, workspaces);
      layer.activate(false, workspaces);
      assertEquals(expected, layer.backpropGradient(dy, workspaces).getSecond(), "inference");
      layer.activate(true, workspaces);
      layer.setInput(x.dup(), workspaces);
      assertEquals(expected, layer.backpropGradient(dy, workspaces).getSecond(), "other input");
      layer.activate(true, workspaces);
      assertEquals(expected, layer.backpropGradient(dy, workspaces).getSecond(), "oneDNN");
    }
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
    for (String path : List.of("ND4J's kernels", "oneDNN path", "oneDNN 3.3")) {
      if (path.equals("oneDNN 3.3") && OneDnn3.api().isEmpty()) {
        continue;
      }
      MaxPoolingLayer.Impl layer = new MaxPoolingLayer.Impl(
          new NeuralNetConfiguration.Builder().layer(conf).build(), DataType.FLOAT,
          path.equals("oneDNN path"), path.equals("oneDNN 3.3"));
      INDArray[] result = run(layer, x, dy, inShape, outShape);
      assertArrayEquals(outShape, result[0].shape(), path);
      assertArrayEquals(expected.y, result[0].dup('c').data().asFloat(), 0f, path + ", forward");
      assertArrayEquals(expected.dx, result[1].dup('c').data().asFloat(), 0f,
          path + ", gradient");
    }
  }

  /** @return the layer's output and input gradient for {@code x} and {@code dy} */
  private static INDArray[] run(MaxPoolingLayer.Impl layer, float[] x, float[] dy,
      long[] inShape, long[] outShape) {
    LayerWorkspaceMgr workspaces = LayerWorkspaceMgr.noWorkspaces();
    layer.setInput(Nd4j.create(x, inShape, 'c'), workspaces);
    INDArray y = layer.activate(true, workspaces);
    INDArray dx = layer.backpropGradient(Nd4j.create(dy, outShape, 'c'), workspaces)
        .getSecond();
    return new INDArray[] {y, dx};
  }

  private static MaxPoolingLayer.Impl impl(MaxPoolingLayer conf, DataType dataType,
      boolean oneDnn3) {
    return new MaxPoolingLayer.Impl(new NeuralNetConfiguration.Builder().layer(conf).build(),
        dataType, false, oneDnn3);
  }

  /** @return the float bit patterns of a float32 array, row-major */
  private static int[] bits(INDArray a) {
    java.nio.IntBuffer ints = a.dup('c').data().asNio()
        .order(java.nio.ByteOrder.nativeOrder()).asIntBuffer();
    int[] out = new int[(int) a.length()];
    ints.get(0, out);
    return out;
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
