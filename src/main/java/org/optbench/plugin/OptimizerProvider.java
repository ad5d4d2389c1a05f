package org.optbench.plugin;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.optbench.optimizer.Domain;
import org.optbench.optimizer.Hyperparameter;

/**
 * An optimizer optbench can benchmark, found with {@link java.util.ServiceLoader}: list the
 * implementing class in {@code META-INF/services/org.optbench.plugin.OptimizerProvider} of a
 * plugin jar and configs can name it {@code {name: <name()>}}. optbench's own optimizers (DL4J's
 * nine updaters, SGDM, AdamW and Lion) are providers of this same interface.
 *
 * <p>Only {@link #name()} and {@link #updaterClass()} are required. By default the
 * hyperparameters are the updater class's numeric bean properties with the values its public
 * no-argument constructor leaves ({@link BeanProperties}), and {@link #updater} sets them on a new
 * instance. An updater class without any provider can be benchmarked too, named by class in the
 * config ({@code {class: org.example.MyUpdater}}); a provider adds a short name, defaults,
 * accepted ranges, random-search ranges, documentation and DL4J regularizations.
 *
 * <p>Implementations need a public no-argument constructor and must be stateless. The updater
 * class must survive DL4J's JSON round trip (it is stored in every checkpoint): a public bean with
 * a no-argument constructor, getters and setters, {@code equals} and {@code clone}.
 */
public interface OptimizerProvider {

  /**
   * @return the short name configs use, lower case: letters, digits and '-', starting with a
   *     letter (e.g. {@code lion}); unique among the providers on the path
   */
  String name();

  /** @return the DL4J updater config class this provider configures */
  Class<? extends IUpdater> updaterClass();

  /** @return the name for tables and plots; by default the updater class's simple name */
  default String label() {
    return updaterClass().getSimpleName();
  }

  /** @return a short citation, e.g. {@code "Chen et al. 2023"}; by default none */
  default String paper() {
    return "";
  }

  /**
   * @return the update rule on one line, for {@code optbench list} and the report, e.g.
   *     {@code "w ← w − η·(sign(β1·m + (1−β1)·g) + λ·w)"}; by default none
   */
  default String equation() {
    return "";
  }

  /**
   * @return every hyperparameter in the order configs and result files list them, with its
   *     default and accepted values; by default the updater class's numeric bean properties
   * @throws PluginException if the updater class cannot be introspected
   */
  default List<Hyperparameter> hyperparameters() {
    return BeanProperties.of(updaterClass()).hyperparameters();
  }

  /**
   * Ranges random search draws from when a config names the optimizer but not the
   * hyperparameter (tune-then-evaluate with random search). Grids ignore them.
   *
   * @return per hyperparameter name; by default none (unnamed hyperparameters stay at their
   *     defaults)
   */
  default Map<String, Domain> searchSpace() {
    return Map.of();
  }

  /**
   * Builds the updater config for one setting.
   *
   * @param values every hyperparameter of {@link #hyperparameters()}, validated
   * @return a new updater config; the same values must give an equal config
   */
  default IUpdater updater(Map<String, Double> values) {
    return BeanProperties.of(updaterClass()).bind(values);
  }

  /**
   * DL4J regularizations the optimizer needs, applied to every weight and bias. A DL4J
   * {@code GradientUpdater} sees only the gradient, never the parameters, so decoupled weight
   * decay (AdamW, Lion) lives here: {@code new WeightDecay(λ, true)} adds η·λ·w to the update.
   *
   * @param values every hyperparameter, validated
   * @return the regularizations, possibly empty; by default none
   */
  default List<Regularization> regularization(Map<String, Double> values) {
    return List.of();
  }
}
