package org.optbench.dl4j;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's 2-D {@link ConvolutionLayer} with ReLU, whose backward pass does not run the
 * convolution's forward pass a second time. Every trained parameter is bit-identical to DL4J's
 * layer; only the time differs.
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
 * of the step's convolution FLOPs.
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
    return LayerConfigs.copyFields(ConvolutionLayer.class, layer, new ReluConvolutionLayer());
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
