package org.optbench.plugin.registry;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.learning.config.IUpdater;
import org.optbench.optimizer.Hyperparameter;
import org.optbench.plugin.BeanProperties;
import org.optbench.plugin.OptimizerProvider;

/**
 * The provider of an updater class named in a config without a provider of its own: the class's
 * name, its numeric bean properties at their no-argument-constructor values, nothing else.
 */
final class BeanProvider implements OptimizerProvider {
  private final BeanProperties properties;

  /** @param properties the introspected class */
  BeanProvider(BeanProperties properties) {
    this.properties = properties;
  }

  @Override
  public String name() {
    return properties.updaterClass().getName();
  }

  @Override
  public Class<? extends IUpdater> updaterClass() {
    return properties.updaterClass();
  }

  @Override
  public List<Hyperparameter> hyperparameters() {
    return properties.hyperparameters();
  }

  @Override
  public IUpdater updater(Map<String, Double> values) {
    return properties.bind(values);
  }

  /** @return the class's read-write properties that are not numbers, by name, with their type */
  Map<String, String> otherProperties() {
    return properties.otherProperties();
  }
}
