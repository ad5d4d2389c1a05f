package org.optbench.dl4j;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * DL4J's 2-D {@link ConvolutionLayer} with ReLU, whose backward pass does not run the
 * convolution's forward pass a second time and, as a network's first layer, computes neither the
 * input gradient nor its weight gradient through the convolution. But for that first layer in
 * float32 (below), every trained parameter is bit-identical to DL4J's layer; only the time
 * differs.
 *
 * <p>For {@code z = conv(x, W) + b}, {@code a = relu(z)} ({@code [batch, channels, height,
 * width]}, NCHW) and the incoming gradient {@code ∂L/∂a} of the same shape, DL4J's layer first
 * recomputes {@code z} in its backward pass (a whole forward convolution) to form
 * {@code δ = relu'(z) ⊙ ∂L/∂a}, then hands {@code δ} to the oneDNN helper (or its own im2col
 * path) for {@code ∂L/∂W}, {@code ∂L/∂b} and {@code ∂L/∂x}. This layer takes {@code relu'} from
 * the activation {@code a} of the training forward pass instead, which is still held as the next
 * layer's input: {@code relu'(z) = 1} exactly where {@code z > 0}, i.e. where {@code a > 0}, so
 * ND4J's {@code relu_bp} gives the same bits from {@code a} (as in {@link ReluDenseLayer}). For
 * mnist-2c2d at batch 128 that is one forward convolution of each layer per step, about a third
 * of the step's convolution FLOPs. All of this keeps DL4J's bits.
 *
 * <p>As layer 0 in float32 it also computes less, and no longer DL4J's bits. {@code
 * MultiLayerNetwork} discards layer 0's input gradient in training, but ND4J 1.0.0-M2.1's oneDNN
 * {@code conv2d_bp} computes {@code ∂L/∂x} with {@code ∂L/∂W} (it has no weights-only path): for
 * mnist-2c2d's first layer on an AVX2 CPU that was 17 ms of a 240 ms step, and its weight
 * gradient another 16. So layer 0 computes {@code ∂L/∂W [out, in·kH·kW] = δ₂ · colsᵀ} as one
 * row-major {@code Nd4j.gemm} (oneDNN's matmul in the {@code -onednn} builds), with {@code δ₂ =
 * δ} as {@code [out, batch·outH·outW]} and {@code cols [in·kH·kW, batch·outH·outW]} the input's
 * patches, {@code ∂L/∂b = Σ δ} over images and positions, and returns no {@code ∂L/∂x}
 * ({@link FlatImagePreProcessor} passes that on). Its sums run in another order than oneDNN's
 * convolution, so from the first step every result of a network with this layer differs from
 * DL4J's layer in its last bits, within float32 rounding of a float64 reference (tested);
 * {@link Backend#describe()}'s {@code firstConvolution} names it and the manifest records it, so
 * a store of the other kind is not resumed. In float64 layer 0 is DL4J's (whose built-in path
 * the tests take as the reference).
 *
 * <p>Supported: plain ReLU, NCHW, no dropout or weight noise ({@link #of} refuses the rest).
 * Public with a no-argument constructor so DL4J's JSON configuration (checkpoints) can restore it.
 */
public class ReluConvolutionLayer extends ConvolutionLayer {

  /** For DL4J's JSON deserialisation; use {@link #of(ConvolutionLayer)}. */
  public ReluConvolutionLayer() {}

  /**
   * @param layer a convolution layer configuration built by DL4J's builder, with ReLU activation
   * @return the same configuration (every field copied) with this layer's backward pass
   * @throws IllegalArgumentException if the activation is not plain ReLU, the data format is not
   *     NCHW, or the layer uses dropout or weight noise
   */
  public static ReluConvolutionLayer of(ConvolutionLayer layer) {
    LayerConfigs.requirePlainRelu(layer, "ReluConvolutionLayer");
    if (layer.getCnn2dDataFormat() != CNN2DFormat.NCHW) {
      throw new IllegalArgumentException("ReluConvolutionLayer takes NCHW only, got "
          + layer.getCnn2dDataFormat());
    }
    return LayerConfigs.withReluActivation(
        LayerConfigs.copyFields(ConvolutionLayer.class, layer, new ReluConvolutionLayer()));
  }

  /** Builds the layer like {@link ConvolutionLayer#instantiate}, with this class's backward pass. */
  @Override
  public Layer instantiate(NeuralNetConfiguration conf,
      Collection<TrainingListener> trainingListeners, int layerIndex, INDArray layerParamsView,
      boolean initializeParams, DataType networkDataType) {
    LayerValidation.assertNInNOutSet("ConvolutionLayer", getLayerName(), layerIndex, getNIn(),
        getNOut());
    return LayerConfigs.wire(new Impl(conf, networkDataType), conf, trainingListeners,
        layerIndex, layerParamsView, initializeParams, initializer());
  }

  /** The layer itself: DL4J's convolution layer with the backward pass described above. */
  static final class Impl extends org.deeplearning4j.nn.layers.convolution.ConvolutionLayer {
    /** relu(z) of the last training forward pass on the current input, or null. */
    private INDArray activation;

    Impl(NeuralNetConfiguration conf, DataType dataType) {
      super(conf, dataType);
    }

    @Override
    public void setInput(INDArray input, LayerWorkspaceMgr workspaceMgr) {
      activation = null;
      super.setInput(input, workspaceMgr);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
      INDArray a = super.activate(training, workspaceMgr);
      activation = training ? a : null;
      return a;
    }

    /**
     * As layer 0 in float32, the weights-only backward pass of the class comment; otherwise
     * DL4J's, with {@code z} taken from the stored activation ({@link #preOutput4d}).
     */
    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon,
        LayerWorkspaceMgr workspaceMgr) {
      if (getIndex() != 0 || activation == null || dataType != DataType.FLOAT) {
        return super.backpropGradient(epsilon, workspaceMgr);
      }
      assertInputSet(true);
      INDArray delta = layerConf().getActivationFn()
          .backprop(activation, epsilon.castTo(dataType)).getFirst();
      INDArray weightGrad = gradientViews.get(ConvolutionParamInitializer.WEIGHT_KEY);
      long outDepth = weightGrad.size(0);
      long patch = weightGrad.length() / outDepth;
      long positions = delta.length() / outDepth;
      // ∂L/∂W [outDepth, patch] = δ [outDepth, batch·pixels] · colsᵀ: one product over every
      // output position of every image, row-major into the gradient's own bytes.
      INDArray delta2d = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType,
          new long[] {outDepth, delta.size(0), delta.size(2) * delta.size(3)}, 'c');
      delta2d.assign(delta.reshape('c', delta.size(0), outDepth, delta2d.size(2))
          .permute(1, 0, 2));
      delta2d = delta2d.reshape('c', outDepth, positions);
      Nd4j.gemm(delta2d, patches(input.castTo(dataType), delta.size(2), delta.size(3),
          workspaceMgr).reshape('c', patch, positions), weightGrad.reshape('c', outDepth, patch),
          false, true, 1.0, 0.0);
      Gradient gradient = new DefaultGradient();
      if (hasBias()) {
        INDArray biasGrad = gradientViews.get(ConvolutionParamInitializer.BIAS_KEY);
        delta2d.sum(biasGrad, 1);
        gradient.setGradientFor(ConvolutionParamInitializer.BIAS_KEY, biasGrad);
      }
      gradient.setGradientFor(ConvolutionParamInitializer.WEIGHT_KEY, weightGrad, 'c');
      weightNoiseParams.clear();
      return new Pair<>(gradient, null);
    }

    /**
     * The input's patches, one row per weight: {@code cols[c, u, v, n, i, j] = x[n, c,
     * i·s_h − p_h + u·d_h, j·s_w − p_w + v·d_w]}, 0 outside the input, for the padding DL4J's
     * layer uses (SAME mode's top-left padding, else the configured one). Built as one copy of
     * {@code x} into a zero-padded array and one strided copy per {@code (c, u, v)}, each of
     * whole output rows. For mnist-2c2d's first layer these copies took 2.4–2.7 ms a step, where
     * ND4J's {@code im2col} took 12.4 ms into its own layout and 64 ms into the row-per-position
     * layout of DL4J's built-in path (ND4J's op profiler, one core).
     *
     * @param x the input {@code [batch, inDepth, inH, inW]}
     * @return {@code [inDepth, kH, kW, batch, outH, outW]}, row-major, in the layer's working
     *     memory
     */
    private INDArray patches(INDArray x, long outH, long outW, LayerWorkspaceMgr workspaceMgr) {
      int[] kernel = layerConf().getKernelSize();
      int[] stride = layerConf().getStride();
      int[] dilation = layerConf().getDilation();
      int[] pad = convolutionMode == ConvolutionMode.Same
          ? ConvolutionUtils.getSameModeTopLeftPadding(new int[] {(int) outH, (int) outW},
              new int[] {(int) x.size(2), (int) x.size(3)}, kernel, stride, dilation)
          : layerConf().getPadding();
      // The last input row (column) a window reaches, plus one, sets the padded size.
      long height = Math.max(pad[0] + x.size(2),
          (outH - 1) * stride[0] + (kernel[0] - 1L) * dilation[0] + 1);
      long width = Math.max(pad[1] + x.size(3),
          (outW - 1) * stride[1] + (kernel[1] - 1L) * dilation[1] + 1);
      INDArray padded = workspaceMgr.create(ArrayType.BP_WORKING_MEM, dataType,
          new long[] {x.size(0), x.size(1), height, width}, 'c');
      padded.get(NDArrayIndex.all(), NDArrayIndex.all(),
          NDArrayIndex.interval(pad[0], pad[0] + x.size(2)),
          NDArrayIndex.interval(pad[1], pad[1] + x.size(3))).assign(x);
      INDArray cols = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType,
          new long[] {x.size(1), kernel[0], kernel[1], x.size(0), outH, outW}, 'c');
      for (int c = 0; c < x.size(1); c++) {
        for (int u = 0; u < kernel[0]; u++) {
          for (int v = 0; v < kernel[1]; v++) {
            long top = (long) u * dilation[0];
            long left = (long) v * dilation[1];
            cols.get(NDArrayIndex.point(c), NDArrayIndex.point(u), NDArrayIndex.point(v))
                .assign(padded.get(NDArrayIndex.all(), NDArrayIndex.point(c),
                    NDArrayIndex.interval(top, stride[0], top + (outH - 1) * stride[0] + 1),
                    NDArrayIndex.interval(left, stride[1], left + (outW - 1) * stride[1] + 1)));
          }
        }
      }
      return cols;
    }

    @Override
    public void clear() {
      super.clear();
      activation = null;
    }

    /**
     * In the backward pass, the stored activation stands for {@code z}: DL4J's backward pass
     * uses the first element only for {@code relu'} and recomputes the im2col array when the
     * second is null (its built-in path; the oneDNN helper needs none). Without a training
     * forward pass on this input, z is recomputed as DL4J does.
     */
    @Override
    protected Pair<INDArray, INDArray> preOutput4d(boolean training, boolean forBackprop,
        LayerWorkspaceMgr workspaceMgr) {
      if (forBackprop && activation != null) {
        return new Pair<>(activation, null);
      }
      return super.preOutput4d(training, forBackprop, workspaceMgr);
    }
  }
}
