package org.optbench.dl4j;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;
import org.optbench.experiment.TrialSpec;
import org.optbench.optimizer.OptimizerSpec;
import org.optbench.optimizer.Recipe;

/**
 * Applies a trial's {@link Recipe} to what DL4J trains with: the schedule to the updater, weight
 * decay and L2 to the layers' regularizations, per-layer gradient normalisation to the layers.
 * Global-norm clipping is a step of the training loop ({@link GlobalNormClipping}).
 *
 * <p>Where each acts in a step: the gradient of the mean mini-batch loss is formed; global-norm
 * clipping scales it; DL4J's per-layer normalisation rescales each layer's part; L2 adds λ·w
 * (before the updater, so L2 terms are never clipped and do enter Adam's moments); the updater
 * computes u; decoupled weight decay adds η_t·λ·w to u (η_t the scheduled rate); w ← w − u.
 */
public final class Recipes {
  private Recipes() {}

  /**
   * @param spec a trial
   * @return its updater config, with the recipe's schedule (if any) replacing the constant rate
   * @throws org.optbench.UserInputException if the schedule needs a horizon the trial lacks
   */
  public static IUpdater updater(TrialSpec spec) {
    IUpdater updater = Updaters.toIUpdater(spec.optimizer());
    Recipe.Schedule schedule = spec.optimizer().recipe().schedule();
    if (schedule != null) {
      double lr = spec.optimizer().learningRate();
      updater.setLrAndSchedule(lr, Schedules.of(schedule, lr, spec));
    }
    return updater;
  }

  /**
   * @param spec an optimizer with its recipe
   * @return the regularizations of every weight: the optimizer's own (AdamW's and Lion's decay),
   *     then the recipe's L2 and decoupled weight decay
   */
  public static List<Regularization> weights(OptimizerSpec spec) {
    List<Regularization> out = new ArrayList<>(Updaters.regularization(spec));
    out.addAll(own(spec.recipe()));
    return List.copyOf(out);
  }

  /**
   * @param spec an optimizer with its recipe
   * @return the regularizations of every bias: the optimizer's own (which, as PyTorch's AdamW,
   *     decays biases too), then the recipe's only if it says {@code decayBiases: true}
   */
  public static List<Regularization> biases(OptimizerSpec spec) {
    List<Regularization> out = new ArrayList<>(Updaters.regularization(spec));
    if (spec.recipe().decayBiases()) {
      out.addAll(own(spec.recipe()));
    }
    return List.copyOf(out);
  }

  private static List<Regularization> own(Recipe recipe) {
    List<Regularization> out = new ArrayList<>();
    if (recipe.l2() > 0) {
      out.add(new L2Regularization(recipe.l2()));
    }
    if (recipe.weightDecay() > 0) {
      out.add(new WeightDecay(recipe.weightDecay(), true));
    }
    return out;
  }

  /**
   * Sets DL4J's per-layer gradient normalisation on every layer with parameters; nothing when
   * the recipe has none, so such a network's configuration is unchanged.
   *
   * @param conf a network configuration, before the network is built
   * @param recipe the trial's recipe
   */
  static void layerClipping(MultiLayerConfiguration conf, Recipe recipe) {
    List<org.deeplearning4j.nn.conf.layers.Layer> layers = new ArrayList<>();
    for (int i = 0; i < conf.getConfs().size(); i++) {
      layers.add(conf.getConf(i).getLayer());
    }
    layerClipping(layers, recipe);
  }

  /**
   * {@link #layerClipping(MultiLayerConfiguration, Recipe)} on any network's layers (a graph's
   * too): the recipe's normalisation replaces what a layer had.
   *
   * @param layers the layers' configurations, before the network is built
   * @param recipe the trial's recipe
   */
  static void layerClipping(List<org.deeplearning4j.nn.conf.layers.Layer> layers,
      Recipe recipe) {
    Recipe.LayerClipping clipping = recipe.layerClipping();
    if (clipping == null) {
      return;
    }
    for (org.deeplearning4j.nn.conf.layers.Layer l : layers) {
      if (l instanceof BaseLayer layer) {
        layer.setGradientNormalization(GradientNormalization.valueOf(clipping.mode()));
        layer.setGradientNormalizationThreshold(clipping.threshold());
      }
    }
  }
}
