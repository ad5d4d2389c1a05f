package org.optbench.optimizer;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An optimizer optbench can run, seen from the pure side: its name, hyperparameters with defaults
 * and accepted values, search-space defaults and documentation. Built-in and plugin optimizers are
 * alike here; the DL4J side ({@code org.optbench.dl4j.Updaters}) turns a spec of this type into
 * the updater through the provider behind it.
 *
 * <p>Implementations must be immutable and compare equal when they describe the same optimizer
 * from the same origin, so that two loads of one config give equal plans.
 */
public interface OptimizerType {

  /**
   * @return the name used in configs, result files and folder names: a provider's short name
   *     (e.g. {@code adam}) or, for an updater class without a provider, its fully qualified
   *     class name
   */
  String id();

  /** @return the name for tables and plots, e.g. {@code AdaGrad} or a class's simple name */
  String label();

  /** @return a short citation of the paper the update rule comes from, or "" */
  String paper();

  /** @return the update rule on one line, for {@code optbench list} and the docs, or "" */
  String equation();

  /** @return every hyperparameter, in the order configs and result files list them */
  List<Hyperparameter> hyperparameters();

  /**
   * Ranges random search draws from for hyperparameters a config leaves out.
   *
   * @return per hyperparameter name; may be empty
   */
  Map<String, Domain> searchDefaults();

  /** @return where the updater class comes from, if it is not part of optbench */
  Optional<PluginOrigin> origin();

  /** @return whether a config names this optimizer by class rather than by short name */
  default boolean byClass() {
    return origin().isPresent() && id().equals(origin().get().className());
  }

  /** @return the hyperparameter names in order */
  default List<String> parameterNames() {
    return hyperparameters().stream().map(Hyperparameter::name).toList();
  }

  /** @return every hyperparameter's default, in {@link #parameterNames()} order, unmodifiable */
  default Map<String, Double> defaults() {
    Map<String, Double> map = new LinkedHashMap<>();
    hyperparameters().forEach(h -> map.put(h.name(), h.defaultValue()));
    return Collections.unmodifiableMap(map);
  }

  /**
   * Checks one hyperparameter value.
   *
   * @param parameter a hyperparameter name
   * @param value the proposed value
   * @return empty if accepted; otherwise a phrase to follow the parameter name, e.g.
   *     {@code "must be in [0, 1)"}, or for an unknown name
   *     {@code "is not a parameter of adam; accepted: learningRate, beta1, beta2, epsilon"}
   */
  default Optional<String> check(String parameter, double value) {
    for (Hyperparameter h : hyperparameters()) {
      if (h.name().equals(parameter)) {
        return h.range().check(value);
      }
    }
    return Optional.of("is not a parameter of " + id() + "; accepted: "
        + String.join(", ", parameterNames()));
  }

  /**
   * Builds a spec of this type.
   *
   * @param values hyperparameters to set; missing ones take {@link #defaults()}
   * @return the validated spec, hyperparameters in {@link #parameterNames()} order
   * @throws IllegalArgumentException if a name is not a hyperparameter or a value is out of
   *     range; the message names the parameter, the value and what is accepted
   */
  default OptimizerSpec create(Map<String, Double> values) {
    Map<String, Double> merged = new LinkedHashMap<>(defaults());
    values.forEach((name, value) -> {
      if (value == null) {
        throw new IllegalArgumentException(name + " has no value (got null)");
      }
      check(name, value).ifPresent(problem -> {
        throw new IllegalArgumentException(name + " " + problem + " (got " + value + ")");
      });
      merged.put(name, value);
    });
    return new OptimizerSpec(this, merged);
  }
}
