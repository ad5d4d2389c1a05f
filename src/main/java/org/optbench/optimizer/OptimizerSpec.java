package org.optbench.optimizer;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A fully specified optimizer: its type and every one of its hyperparameters. Build one with
 * {@link OptimizerType#create}, which validates the values, so a spec that exists can be run.
 *
 * <p>Conventions every DL4J updater shares (the exact rule of each is on its provider):
 * operations are element-wise over one parameter array θ and its gradient g; t is DL4J's
 * iteration counter and starts at 0, so bias corrections use powers β<sup>t+1</sup>; the updater
 * returns an update u<sub>t</sub> that is <em>subtracted</em>, θ<sub>t+1</sub> = θ<sub>t</sub> −
 * u<sub>t</sub>, written in place over the gradient array.
 *
 * @param type the optimizer
 * @param hyperparameters every hyperparameter, in {@link OptimizerType#parameterNames()} order
 * @param recipe schedule, weight decay and clipping around the update rule;
 *     {@link Recipe#NONE} for none
 */
public record OptimizerSpec(OptimizerType type, Map<String, Double> hyperparameters,
    Recipe recipe) {

  /**
   * A spec without a recipe (constant rate, no decay beyond the optimizer's own, no clipping).
   *
   * @param type the optimizer
   * @param hyperparameters every hyperparameter
   * @throws IllegalArgumentException as the canonical constructor
   */
  public OptimizerSpec(OptimizerType type, Map<String, Double> hyperparameters) {
    this(type, hyperparameters, Recipe.NONE);
  }

  /**
   * Copies the map, keeping its order.
   *
   * @throws IllegalArgumentException if the names are not exactly the type's hyperparameters
   */
  public OptimizerSpec {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(recipe, "recipe");
    if (!type.parameterNames().equals(java.util.List.copyOf(hyperparameters.keySet()))) {
      throw new IllegalArgumentException("hyperparameters " + hyperparameters.keySet()
          + " are not those of " + type.id() + ": " + type.parameterNames());
    }
    hyperparameters = Collections.unmodifiableMap(new LinkedHashMap<>(hyperparameters));
  }

  /**
   * @param other a recipe
   * @return this optimizer and hyperparameters with that recipe
   */
  public OptimizerSpec withRecipe(Recipe other) {
    return new OptimizerSpec(type, hyperparameters, other);
  }

  /**
   * The setting as {@code name → number} pairs for tables, the index and folder names: the
   * hyperparameters, then the recipe's {@link Recipe#labels()} (none without a recipe, so such a
   * setting reads as it always did).
   *
   * @return ordered pairs; a recipe label never replaces a hyperparameter of the same name
   */
  public Map<String, Double> labels() {
    Map<String, Double> map = new LinkedHashMap<>(hyperparameters);
    recipe.labels().forEach(map::putIfAbsent);
    return Collections.unmodifiableMap(map);
  }

  /** @return the optimizer's id, as in configs and result files */
  public String id() {
    return type.id();
  }

  /** @return η, or {@link Double#NaN} for an optimizer without a {@code learningRate} */
  public double learningRate() {
    return hyperparameters.getOrDefault("learningRate", Double.NaN);
  }

  /**
   * What identifies this optimizer in a trial's spec, before its hyperparameters: the id and,
   * for a plugin, its class and the SHA-256 of its jar. Built-in optimizers give the id alone, so
   * their trial ids do not depend on the plugin mechanism.
   *
   * @return ordered map: {@code id}, then {@code class} and {@code sha256} for plugins
   */
  public Map<String, Object> identity() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("id", type.id());
    type.origin().ifPresent(o -> {
      map.put("class", o.className());
      if (o.sha256() != null) {
        map.put("sha256", o.sha256());
      }
    });
    return map;
  }
}
