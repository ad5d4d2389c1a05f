package org.optbench.plugin.registry;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.optbench.optimizer.Domain;
import org.optbench.optimizer.Hyperparameter;
import org.optbench.optimizer.OptimizerType;
import org.optbench.optimizer.PluginOrigin;
import org.optbench.plugin.OptimizerProvider;

/**
 * A provider seen as an {@link OptimizerType}: its metadata read once, and the provider kept for
 * the DL4J side. Two instances are equal when they describe the same optimizer from the same
 * origin (class and jar hash), whichever class loader loaded them.
 */
public final class ProviderType implements OptimizerType {
  private final OptimizerProvider provider;
  private final String id;
  private final String label;
  private final String paper;
  private final String equation;
  private final List<Hyperparameter> hyperparameters;
  private final Map<String, Domain> searchDefaults;
  private final Optional<PluginOrigin> origin;

  /**
   * @param provider the provider
   * @param id the name configs use: the provider's name, or the class name for a bare class
   * @param origin the plugin origin, empty for optbench's own providers
   * @throws org.optbench.plugin.PluginException if the provider's metadata cannot be read
   */
  ProviderType(OptimizerProvider provider, String id, Optional<PluginOrigin> origin) {
    this.provider = provider;
    this.id = id;
    this.label = provider.label();
    this.paper = provider.paper() == null ? "" : provider.paper();
    this.equation = provider.equation();
    this.hyperparameters = List.copyOf(provider.hyperparameters());
    Map<String, Domain> search = new LinkedHashMap<>();
    for (Hyperparameter h : hyperparameters) {
      Domain d = provider.searchSpace().get(h.name());
      if (d != null) {
        search.put(h.name(), d);
      }
    }
    this.searchDefaults = Collections.unmodifiableMap(search);
    this.origin = origin;
  }

  /** @return the provider that builds this optimizer's DL4J updater and regularizations */
  public OptimizerProvider provider() {
    return provider;
  }

  /**
   * @return the loader of the updater class: the context class loader DL4J's JSON needs to find
   *     the class when it restores a checkpoint
   */
  public ClassLoader classLoader() {
    return provider.updaterClass().getClassLoader();
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String label() {
    return label;
  }

  @Override
  public String paper() {
    return paper;
  }

  @Override
  public String equation() {
    return equation;
  }

  @Override
  public List<Hyperparameter> hyperparameters() {
    return hyperparameters;
  }

  @Override
  public Map<String, Domain> searchDefaults() {
    return searchDefaults;
  }

  @Override
  public Optional<PluginOrigin> origin() {
    return origin;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ProviderType t && t.id.equals(id) && t.label.equals(label)
        && t.hyperparameters.equals(hyperparameters) && t.searchDefaults.equals(searchDefaults)
        && t.origin.map(ProviderType::identity).equals(origin.map(ProviderType::identity));
  }

  /** The jar's path is not identity; its content is. */
  private static List<String> identity(PluginOrigin o) {
    return java.util.Arrays.asList(o.className(), o.sha256());
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, hyperparameters);
  }

  @Override
  public String toString() {
    return id;
  }
}
