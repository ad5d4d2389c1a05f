package org.optbench.dl4j;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's {@link DenseLayer} with ReLU, whose backward pass does not repeat work of the forward
 * pass or compute a gradient nobody uses, and whose matrix products run as row-major
 * {@code Nd4j.gemm} calls, which the {@code -onednn} natives compute with oneDNN's matmul.
 *
 * <p>For {@code z = x·W + b}, {@code a = relu(z)}, with {@code x [batch, in]}, {@code W [in, out]}
 * and the incoming gradient {@code ∂L/∂a [batch, out]}, DL4J's dense layer computes in its
 * backward pass {@code δ = relu'(z) ⊙ ∂L/∂a}, {@code ∂L/∂b = Σ_rows δ}, {@code ∂L/∂W = xᵀ·δ} and
 * {@code ∂L/∂x = δ·Wᵀ [batch, in]}, recomputing {@code z = x·W + b} first (one more product of
 * the forward size). This layer differs in three ways:
 * <ul>
 *   <li>it takes {@code relu'} from the activation {@code a} of the training forward pass, which
 *       is still held as the next layer's input: {@code relu'(z) = 1} exactly where {@code z > 0},
 *       i.e. where {@code a > 0}, so ND4J's {@code relu_bp} gives the same bits from {@code a};
 *   <li>as layer 0 it returns no {@code ∂L/∂x}: {@code MultiLayerNetwork} discards the input
 *       gradient of layer 0 in training (so {@code MultiLayerNetwork.backpropGradient} gets none
 *       from this layer);
 *   <li>its three products write row-major results: {@code z = x·W} and {@code ∂L/∂x = δ·Wᵀ}
 *       as {@code [batch, ·]} arrays, and {@code ∂L/∂W} as its transpose {@code δᵀ·x [out, in]},
 *       which is, byte for byte, the column-major {@code [in, out]} gradient view DL4J's updater
 *       reads. ND4J sends a row-major {@code Nd4j.gemm} to oneDNN's matmul in its {@code -onednn}
 *       builds, and DL4J's own calls ({@code mmuli}, and {@code gemm} into column-major
 *       results) to OpenBLAS, whose forward products also copy their result once more.
 * </ul>
 * For mnist-mlp at batch 128 the first two save 0.34 + 0.2 GFLOP of the 1.37 GFLOP of matrix
 * products DL4J's layers run per step, and the third runs the remaining 0.83 GFLOP about a
 * quarter faster (docs/PERFORMANCE.md). The first two keep DL4J's bits; the third does not:
 * oneDNN sums the products in another order than OpenBLAS, so every result of a network with
 * these layers differs in its last bits from DL4J's dense layer (and from optbench before it),
 * within float32 rounding of a float64 reference. {@link LayerHelpers#describe()} names it, and
 * the manifest records it, so a store of the other kind is not resumed.
 *
 * <p>Supported: ReLU without threshold, slope or cap; no layer normalisation, dropout or weight
 * noise ({@link #of} refuses the rest). Public with a no-argument constructor so DL4J's JSON
 * configuration (checkpoints) can restore it.
 */
public class ReluDenseLayer extends DenseLayer {

  /** For DL4J's JSON deserialisation; use {@link #of(DenseLayer)}. */
  public ReluDenseLayer() {}

  /**
   * @param layer a dense layer configuration built by DL4J's builder, with ReLU activation
   * @return the same configuration (every field copied) with this layer's backward pass
   * @throws IllegalArgumentException if the activation is not plain ReLU, or the layer uses
   *     layer normalisation, dropout or weight noise
   */
  public static ReluDenseLayer of(DenseLayer layer) {
    LayerConfigs.requirePlainRelu(layer, "ReluDenseLayer");
    if (layer.hasLayerNorm()) {
      throw new IllegalArgumentException("ReluDenseLayer supports neither layer normalisation"
          + " nor dropout nor weight noise: " + layer);
    }
    return LayerConfigs.withReluActivation(
        LayerConfigs.copyFields(DenseLayer.class, layer, new ReluDenseLayer()));
  }

  /** Builds the layer like {@link DenseLayer#instantiate}, with this class's backward pass. */
  @Override
  public Layer instantiate(NeuralNetConfiguration conf,
      Collection<TrainingListener> trainingListeners, int layerIndex, INDArray layerParamsView,
      boolean initializeParams, DataType networkDataType) {
    return LayerConfigs.wire(new Impl(conf, networkDataType), conf, trainingListeners,
        layerIndex, layerParamsView, initializeParams, initializer());
  }

  /** The layer itself: DL4J's dense layer with the backward pass described above. */
  static final class Impl extends org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer {
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
     * {@code z = x·W + b [batch, out]}, row-major, as DL4J's dense layer computes it but for the
     * product, which is a row-major {@code Nd4j.gemm} (see the class comment). Input that is not
     * {@code [batch, in]} goes to DL4J's method, which throws its own message.
     */
    @Override
    protected Pair<INDArray, INDArray> preOutputWithPreNorm(boolean training,
        boolean forBackprop, LayerWorkspaceMgr workspaceMgr) {
      INDArray w = getParamWithNoise(DefaultParamInitializer.WEIGHT_KEY, training, workspaceMgr);
      if (input == null || input.rank() != 2 || input.columns() != w.rows()) {
        return super.preOutputWithPreNorm(training, forBackprop, workspaceMgr);
      }
      applyDropOutIfNecessary(training, workspaceMgr);
      INDArray x = input.castTo(w.dataType());
      INDArray z = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, w.dataType(),
          new long[] {x.size(0), w.size(1)}, 'c');
      Nd4j.gemm(x, w, z, false, false, 1.0, 0.0);
      if (hasBias()) {
        z.addiRowVector(getParamWithNoise(DefaultParamInitializer.BIAS_KEY, training,
            workspaceMgr));
      }
      if (maskArray != null) {
        applyMask(z);
      }
      return new Pair<>(z, z);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon,
        LayerWorkspaceMgr workspaceMgr) {
      assertInputSet(true);
      // Without a training forward pass on this input, z is recomputed as DL4J does;
      // relu_bp(z) = relu_bp(relu(z)) either way.
      INDArray z = activation != null ? activation
          : preOutputWithPreNorm(true, true, workspaceMgr).getFirst();
      INDArray delta = layerConf().getActivationFn().backprop(z, epsilon).getFirst();
      if (maskArray != null) {
        applyMask(delta);
      }
      Gradient gradient = new DefaultGradient();
      if (hasBias()) {
        INDArray biasGrad = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
        delta.sum(biasGrad, 0);
        gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGrad);
      }
      INDArray w = getParamWithNoise(DefaultParamInitializer.WEIGHT_KEY, true, workspaceMgr);
      INDArray inputGradient = null;
      if (getIndex() != 0) {
        // ∂L/∂x = δ·Wᵀ [batch, in], row-major.
        inputGradient = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD,
            delta.dataType(), new long[] {delta.size(0), w.size(0)}, 'c');
        Nd4j.gemm(delta, w, inputGradient, false, true, 1.0, 0.0);
      }
      // ∂L/∂W [in, out] is a column-major view of the network's gradient array, so its
      // transpose is a row-major [out, in] array over the same bytes: write δᵀ·x there.
      INDArray weightGrad = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
      Nd4j.gemm(delta, input.castTo(weightGrad.dataType()), weightGrad.transpose(), true, false,
          1.0, 0.0);
      gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGrad);
      weightNoiseParams.clear();
      return new Pair<>(gradient, inputGradient);
    }
  }
}
