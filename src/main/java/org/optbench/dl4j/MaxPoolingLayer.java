package org.optbench.dl4j;

import java.util.Arrays;
import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's max-pooling {@link SubsamplingLayer}, computed by oneDNN 3.3 ({@link OneDnnMaxPooling})
 * or ND4J's own {@code maxpool2d} and {@code maxpool2d_bp} kernels where the natives' oneDNN 2.3
 * has no fast kernel for it.
 *
 * <p>For an input {@code x [batch, channels, height, width]} (NCHW), window {@code k}, stride
 * {@code s}, padding {@code p} and dilation {@code d}, the output is
 * {@code y[n,c,i,j] = max over (u,v) of x[n,c, i·s_h − p_h + u·d_h, j·s_w − p_w + v·d_w]}
 * (positions outside the input left out), and the backward pass adds {@code ∂L/∂y[n,c,i,j]} to
 * the input position that holds that maximum, the first in row-major window order when several
 * do. Both are selections and copies, so every implementation that takes the first maximum gives
 * the same bits; ND4J's kernels and oneDNN's do (tested against a float64 reference).
 *
 * <p>Why: ND4J's {@code -onednn} natives send both ops to oneDNN, which has a JIT kernel for
 * NCHW pooling only at its {@code avx512_core} level and above
 * ({@link OneDnnIsa#poolsNchwInJit}). Below, it runs its reference code ({@code simple_nchw}).
 * Measured on one core at batch 128, forward and backward of mnist-2c2d's two pooling layers
 * take 93–119 ms per step in that code (oneDNN capped at AVX2), 26–35 ms in ND4J's kernels and
 * 7.6 ms in oneDNN's AVX-512 kernels; a capped 2c2d step takes 0.77 of its time before
 * (docs/PERFORMANCE.md).
 * So this layer is DL4J's own layer, unchanged, where oneDNN has the fast kernel. Otherwise a
 * float32 layer whose windows tile the input without overlap (mnist-2c2d's) pools in oneDNN 3.3
 * in its blocked layout, where loaded (about 12 ms against 35 for those two layers on an AVX2 CPU);
 * the rest, and every call oneDNN 3.3 cannot serve, runs the same ops as DL4J's layer with ND4J's
 * platform helpers disallowed for these two ops only (an {@link OpContext} of their own; the
 * process-wide switch would also move the convolutions). Which one a process uses is
 * {@link Backend#describe()}'s {@code maxPooling}.
 *
 * <p>Supported: max pooling, NCHW ({@link #of} refuses the rest). Public with a no-argument
 * constructor so DL4J's JSON configuration (checkpoints) can restore it.
 */
public class MaxPoolingLayer extends SubsamplingLayer {

  /** For DL4J's JSON deserialisation; use {@link #of(SubsamplingLayer)}. */
  public MaxPoolingLayer() {}

  /**
   * @param layer a subsampling layer configuration built by DL4J's builder
   * @return the same configuration (every field copied), pooled as described above
   * @throws IllegalArgumentException if the pooling type is not MAX or the data format is not
   *     NCHW
   */
  public static MaxPoolingLayer of(SubsamplingLayer layer) {
    if (layer.getPoolingType() != org.deeplearning4j.nn.conf.layers.PoolingType.MAX) {
      throw new IllegalArgumentException("MaxPoolingLayer takes MAX pooling only, got "
          + layer.getPoolingType());
    }
    if (layer.getCnn2dDataFormat() != CNN2DFormat.NCHW) {
      throw new IllegalArgumentException("MaxPoolingLayer takes NCHW only, got "
          + layer.getCnn2dDataFormat());
    }
    return LayerConfigs.copyFields(SubsamplingLayer.class, layer, new MaxPoolingLayer());
  }

  /** Builds the layer like {@link SubsamplingLayer#instantiate}, with this class's kernels. */
  @Override
  public Layer instantiate(NeuralNetConfiguration conf,
      Collection<TrainingListener> trainingListeners, int layerIndex, INDArray layerParamsView,
      boolean initializeParams, DataType networkDataType) {
    boolean inOneDnn = Backend.poolsInOneDnn();
    return LayerConfigs.wire(new Impl(conf, networkDataType, inOneDnn,
            !inOneDnn && OneDnn3.api().isPresent()), conf, trainingListeners, layerIndex,
        layerParamsView, initializeParams, initializer());
  }

  /** The layer itself: DL4J's, or oneDNN 3.3's or ND4J's kernels. */
  static final class Impl extends org.deeplearning4j.nn.layers.convolution.subsampling
      .SubsamplingLayer {
    private final boolean inOneDnn;
    /** oneDNN 3.3's pooling, for float32 layers whose windows do not overlap; else null. */
    private final OneDnnMaxPooling blocked;
    /** The two ops' contexts, made once: each holds ND4J's "no helpers" for its op. */
    private OpContext forward;
    private OpContext backward;

    /**
     * @param inOneDnn true to behave exactly as DL4J's layer (oneDNN's kernels through ND4J's
     *     platform helpers and DL4J's oneDNN helper), false for ND4J's own kernels
     */
    Impl(NeuralNetConfiguration conf, DataType dataType, boolean inOneDnn) {
      this(conf, dataType, inOneDnn, false);
    }

    /**
     * @param inOneDnn as above; when true, {@code blocked} is ignored
     * @param blocked whether to pool in oneDNN 3.3 ({@link OneDnnMaxPooling}) where the layer
     *     allows it: float32, windows that do not overlap, no dilation (and, per call, no
     *     padding); ND4J's kernels otherwise
     * @throws java.util.NoSuchElementException if {@code blocked} but oneDNN 3.3 is not loaded
     */
    Impl(NeuralNetConfiguration conf, DataType dataType, boolean inOneDnn, boolean blocked) {
      super(conf, dataType);
      this.inOneDnn = inOneDnn;
      org.deeplearning4j.nn.conf.layers.SubsamplingLayer c =
          (org.deeplearning4j.nn.conf.layers.SubsamplingLayer) conf.getLayer();
      int[] k = c.getKernelSize();
      int[] st = c.getStride();
      this.blocked = !inOneDnn && blocked && dataType == DataType.FLOAT && st[0] >= k[0]
          && st[1] >= k[1] && c.getDilation()[0] == 1 && c.getDilation()[1] == 1
          ? new OneDnnMaxPooling(OneDnn3.api().orElseThrow(), k, st) : null;
    }

    /** @return whether this layer pools in oneDNN 3.3 where a call allows it */
    boolean inOneDnn3() {
      return blocked != null;
    }

    /** @return whether the next backward pass runs in oneDNN 3.3 (for tests) */
    boolean backwardInOneDnn3() {
      return blocked != null && blocked.canBackward(input.castTo(dataType));
    }

    /** @return whether this layer pools in oneDNN's kernels */
    boolean inOneDnn() {
      return inOneDnn;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
      if (inOneDnn) {
        return super.activate(training, workspaceMgr);
      }
      assertInputSet(false);
      if (input.rank() != 4) {
        throw new IllegalArgumentException("MaxPoolingLayer needs a rank 4 input [batch,"
            + " channels, height, width], got shape " + Arrays.toString(input.shape()) + " "
            + layerId());
      }
      INDArray x = input.castTo(dataType);
      int[] size = ConvolutionUtils.getOutputSize(x, layerConf().getKernelSize(),
          layerConf().getStride(), layerConf().getPadding(), convolutionMode,
          layerConf().getDilation(), CNN2DFormat.NCHW);
      INDArray y = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, x.dataType(),
          new long[] {x.size(0), x.size(1), size[0], size[1]}, 'c');
      if (blocked != null && tiles(x, y) && OneDnnMaxPooling.whole(x)
          && OneDnnMaxPooling.whole(y)) {
        blocked.forward(x, y, training);
        return y;
      }
      if (forward == null) {
        forward = Nd4j.getExecutioner().buildContext();
      }
      // As DL4J's layer: the configured padding; in SAME mode the op computes its own.
      execWithoutHelpers(forward, "maxpool2d", arguments(layerConf().getPadding()), y, x);
      return y;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon,
        LayerWorkspaceMgr workspaceMgr) {
      if (inOneDnn) {
        return super.backpropGradient(epsilon, workspaceMgr);
      }
      assertInputSet(true);
      INDArray x = input.castTo(dataType);
      INDArray dy = epsilon.castTo(dataType);
      INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, x.dataType(),
          x.shape(), 'c');
      if (blocked != null && blocked.canBackward(x)) {
        // The forward pass on this input ran in oneDNN 3.3 and kept where the maxima are.
        blocked.backward(OneDnnMaxPooling.whole(dy) ? dy : dy.dup('c'), dx);
        return new Pair<>(new DefaultGradient(), dx);
      }
      if (backward == null) {
        backward = Nd4j.getExecutioner().buildContext();
      }
      execWithoutHelpers(backward, "maxpool2d_bp", arguments(padding(x, dy)), dx, x, dy);
      return new Pair<>(new DefaultGradient(), dx);
    }

    /**
     * @return the top and left padding, as DL4J's layer uses it: in SAME mode the one it implies
     *     for these sizes, else the configured one
     */
    private int[] padding(INDArray x, INDArray y) {
      return convolutionMode == ConvolutionMode.Same
          ? ConvolutionUtils.getSameModeTopLeftPadding(
              new int[] {(int) y.size(2), (int) y.size(3)},
              new int[] {(int) x.size(2), (int) x.size(3)}, layerConf().getKernelSize(),
              layerConf().getStride(), layerConf().getDilation())
          : layerConf().getPadding();
    }

    /**
     * @return whether the windows tile the input exactly for these sizes: no padding, and the
     *     last window ends at the input's last row and column
     */
    private boolean tiles(INDArray x, INDArray y) {
      int[] k = layerConf().getKernelSize();
      int[] s = layerConf().getStride();
      int[] pad = padding(x, y);
      return pad[0] == 0 && pad[1] == 0 && (y.size(2) - 1) * s[0] + k[0] == x.size(2)
          && (y.size(3) - 1) * s[1] + k[1] == x.size(3);
    }

    /** @return the ops' integer arguments, in the order DL4J's layer passes them */
    private long[] arguments(int[] pad) {
      int[] kernel = layerConf().getKernelSize();
      int[] stride = layerConf().getStride();
      int[] dilation = layerConf().getDilation();
      return new long[] {kernel[0], kernel[1], stride[0], stride[1], pad[0], pad[1], dilation[0],
          dilation[1], convolutionMode == ConvolutionMode.Same ? 1 : 0, 0, 0 /* NCHW */};
    }

    /** Runs an op with ND4J's platform helpers (oneDNN) disallowed for it alone. */
    private static void execWithoutHelpers(OpContext context, String op, long[] args,
        INDArray out, INDArray... in) {
      context.purge();
      context.setIArguments(args);
      for (int i = 0; i < in.length; i++) {
        context.setInputArray(i, in[i]);
      }
      context.setOutputArray(0, out);
      context.allowHelpers(false);
      Nd4j.exec(DynamicCustomOp.builder(op).build(), context);
    }
  }
}
