package org.optbench.dl4j;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.ndarray.INDArray;

/** What optbench's faster layer variants share: the checks they make and the copy they start from. */
final class LayerConfigs {
  private LayerConfigs() {}

  /**
   * Refuses a layer whose backward pass the ReLU variants would not reproduce bit for bit.
   *
   * @param layer a layer configuration built by DL4J's builder
   * @param variant the variant's name, for the message
   * @throws IllegalArgumentException if the activation is not plain ReLU (no threshold, slope or
   *     cap), or the layer uses dropout or weight noise
   */
  static void requirePlainRelu(BaseLayer layer, String variant) {
    if (!(layer.getActivationFn() instanceof ActivationReLU relu) || relu.getMax() != null
        || relu.getThreshold() != null || relu.getNegativeSlope() != null) {
      throw new IllegalArgumentException(variant + " needs plain ReLU (no threshold, slope or"
          + " cap), got " + layer.getActivationFn());
    }
    if (layer.getIDropout() != null || layer.getWeightNoise() != null) {
      throw new IllegalArgumentException(variant + " supports neither dropout nor weight noise: "
          + layer);
    }
  }

  /**
   * @param layer a copied layer configuration whose activation is plain ReLU
   * @return {@code layer}, its activation now {@link ReluActivation} (DL4J's ReLU with the same
   *     bits and a faster backward pass)
   */
  static <T extends BaseLayer> T withReluActivation(T layer) {
    layer.setActivationFn(new ReluActivation());
    return layer;
  }

  /**
   * Wires a new layer as DL4J's own {@code instantiate} does: listeners, index, the parameter
   * view and its initialised parameter table, the configuration.
   *
   * @param layer the new layer
   * @param conf its configuration
   * @param listeners the network's training listeners
   * @param index its position in the network
   * @param paramsView its slice of the network's flattened parameters
   * @param initialize whether to initialise the parameters (false when restoring them)
   * @param initializer the layer configuration's parameter initialiser
   * @return {@code layer}
   */
  static Layer wire(Layer layer, NeuralNetConfiguration conf,
      Collection<TrainingListener> listeners, int index, INDArray paramsView, boolean initialize,
      ParamInitializer initializer) {
    layer.setListeners(listeners);
    layer.setIndex(index);
    layer.setParamsViewArray(paramsView);
    layer.setParamTable(initializer.init(conf, paramsView, initialize));
    layer.setConf(conf);
    return layer;
  }

  /**
   * Copies every non-static field declared by {@code type} and its superclasses, so nothing the
   * builder set can be missed.
   *
   * @param type the class whose fields (and its superclasses') are copied
   * @param from the source, an instance of {@code type}
   * @param to the target, an instance of {@code type} or a subclass
   * @param <T> the copy
   * @return {@code to}
   */
  static <T> T copyFields(Class<?> type, Object from, T to) {
    for (Class<?> c = type; c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (!Modifier.isStatic(f.getModifiers())) {
          f.setAccessible(true);
          try {
            f.set(to, f.get(from));
          } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot copy " + f, e);
          }
        }
      }
    }
    return to;
  }
}
