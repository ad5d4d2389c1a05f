package org.optbench.dl4j;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's {@link DenseLayer} as the first layer of a network, without the one product whose result
 * DL4J throws away: the gradient with respect to the network's input.
 *
 * <p>For {@code z = x·W + b}, {@code a = f(z)}, with {@code x [batch, in]}, {@code W [in, out]}
 * and the incoming gradient {@code ∂L/∂a [batch, out]}, DL4J's dense layer computes
 * {@code δ = f'(z) ⊙ ∂L/∂a}, {@code ∂L/∂b = Σ_rows δ}, {@code ∂L/∂W = xᵀ·δ} and
 * {@code ∂L/∂x = δ·Wᵀ [batch, in]}. {@code MultiLayerNetwork} drops {@code ∂L/∂x} of layer 0, so
 * this layer returns none; the forward pass, the parameter gradients (same operations, same
 * order) and therefore every trained parameter are bit-identical to DL4J's layer. For the
 * 784 → 1000 layer of mnist-mlp at batch 128 the skipped product is 0.2 GFLOP per step.
 *
 * <p>Only valid at index 0 (elsewhere the previous layer needs {@code ∂L/∂x}); {@code instantiate}
 * enforces it. Layer normalisation, dropout on the input and weight noise are not supported.
 * Public with a no-argument constructor so DL4J's JSON configuration (checkpoints) can restore it.
 */
public class FirstDenseLayer extends DenseLayer {

  /** For DL4J's JSON deserialisation; use {@link #of(DenseLayer)}. */
  public FirstDenseLayer() {}

  /**
   * @param layer a dense layer configuration built by DL4J's builder
   * @return the same configuration (every field copied) as a first layer
   * @throws IllegalArgumentException if it uses layer normalisation, dropout or weight noise
   */
  public static FirstDenseLayer of(DenseLayer layer) {
    if (layer.hasLayerNorm() || layer.getIDropout() != null || layer.getWeightNoise() != null) {
      throw new IllegalArgumentException("FirstDenseLayer supports neither layer normalisation"
          + " nor dropout nor weight noise: " + layer);
    }
    FirstDenseLayer copy = new FirstDenseLayer();
    // Every field of every superclass, so nothing the builder set can be missed.
    for (Class<?> c = DenseLayer.class; c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (!Modifier.isStatic(f.getModifiers())) {
          f.setAccessible(true);
          try {
            f.set(copy, f.get(layer));
          } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot copy " + f, e);
          }
        }
      }
    }
    return copy;
  }

  /**
   * Builds the layer like {@link DenseLayer#instantiate}, with the first-layer backward pass.
   *
   * @throws IllegalStateException if {@code layerIndex} is not 0
   */
  @Override
  public Layer instantiate(NeuralNetConfiguration conf,
      Collection<TrainingListener> trainingListeners, int layerIndex, INDArray layerParamsView,
      boolean initializeParams, DataType networkDataType) {
    if (layerIndex != 0) {
      throw new IllegalStateException("FirstDenseLayer must be layer 0, not layer " + layerIndex
          + ": later layers must pass the gradient with respect to their input on");
    }
    Impl layer = new Impl(conf, networkDataType);
    layer.setListeners(trainingListeners);
    layer.setIndex(layerIndex);
    layer.setParamsViewArray(layerParamsView);
    Map<String, INDArray> params = initializer().init(conf, layerParamsView, initializeParams);
    layer.setParamTable(params);
    layer.setConf(conf);
    return layer;
  }

  /** The layer itself: DL4J's dense layer with a backward pass that stops at the parameters. */
  static final class Impl extends org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer {
    Impl(NeuralNetConfiguration conf, DataType dataType) {
      super(conf, dataType);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon,
        LayerWorkspaceMgr workspaceMgr) {
      assertInputSet(true);
      INDArray z = preOutputWithPreNorm(true, true, workspaceMgr).getFirst();
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
      INDArray weightGrad = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
      Nd4j.gemm(input.castTo(weightGrad.dataType()), delta, weightGrad, true, false, 1.0, 0.0);
      gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGrad);
      weightNoiseParams.clear();
      return new Pair<>(gradient, null);
    }
  }
}
