package org.optbench.plugin.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.regex.Pattern;
import org.optbench.optimizer.OptimizerSpec;
import org.optbench.optimizer.OptimizerType;
import org.optbench.optimizer.PluginOrigin;
import org.optbench.plugin.BeanProperties;
import org.optbench.plugin.OptimizerProvider;
import org.optbench.plugin.PluginException;

/**
 * Every optimizer a run can use: optbench's own providers and those of its plugin jars, found
 * with {@link ServiceLoader}, by short name; and any updater class on the plugin path, by class
 * name. This is the one place optimizers are registered: the built-in ones are listed in
 * optbench's {@code META-INF/services/org.optbench.plugin.OptimizerProvider} exactly as a plugin
 * lists its own.
 */
public final class OptimizerRegistry {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");
  private static final OptimizerRegistry BUILT_IN = new OptimizerRegistry(PluginJars.none());

  private final PluginJars jars;
  private final Map<String, ProviderType> byName = new LinkedHashMap<>();

  private OptimizerRegistry(PluginJars jars) {
    this.jars = jars;
    PluginServices.forEach(OptimizerProvider.class, jars.loader(), "provider", this::register);
  }

  private void register(OptimizerProvider provider) {
    String name = provider.name();
    String source = where(provider.getClass());
    if (name == null || !NAME.matcher(name).matches()) {
      throw new PluginException("provider " + provider.getClass().getName() + " (" + source
          + ") has the name '" + name + "'; a name is lower case: letters, digits and '-',"
          + " starting with a letter");
    }
    ProviderType earlier = byName.get(name);
    if (earlier != null) {
      throw new PluginException("two providers are named '" + name + "': "
          + earlier.provider().getClass().getName() + " (" + where(earlier.provider().getClass())
          + ") and " + provider.getClass().getName() + " (" + source + "); rename one");
    }
    Optional<PluginOrigin> origin = jars.jarOf(provider.getClass()).map(jar ->
        new PluginOrigin(provider.updaterClass().getName(), jar.path(), jar.sha256()));
    byName.put(name, new ProviderType(provider, name, origin));
  }

  private String where(Class<?> type) {
    return jars.jarOf(type).map(j -> j.path().toString()).orElse("optbench");
  }

  /** @return optbench's own optimizers, without plugins */
  public static OptimizerRegistry builtIn() {
    return BUILT_IN;
  }

  /**
   * @param jars the plugin jars of a run
   * @return optbench's optimizers and those the jars provide
   * @throws PluginException if a provider cannot be loaded, has an invalid name, or two share a
   *     name
   */
  public static OptimizerRegistry with(PluginJars jars) {
    return jars.jars().isEmpty() ? BUILT_IN : new OptimizerRegistry(jars);
  }

  /** @return the jars this registry loads from */
  public PluginJars jars() {
    return jars;
  }

  /** @return every optimizer with a short name, optbench's first, in registration order */
  public List<OptimizerType> all() {
    return List.copyOf(byName.values());
  }

  /** @return every short name, in registration order */
  public List<String> names() {
    return List.copyOf(byName.keySet());
  }

  /**
   * @param name a short name, any letter case
   * @return the optimizer, or empty
   */
  public Optional<OptimizerType> byName(String name) {
    return name == null ? Optional.empty()
        : Optional.ofNullable(byName.get(name.toLowerCase(Locale.ROOT)));
  }

  /**
   * @param name a short name
   * @return the optimizer
   * @throws IllegalArgumentException if there is none
   */
  public OptimizerType type(String name) {
    return byName(name).orElseThrow(() -> new IllegalArgumentException(
        "'" + name + "' is not an optimizer; accepted: " + String.join(", ", names())));
  }

  /**
   * An updater class named in a config. A class that exactly one provider configures is that
   * provider's optimizer; any other class is benchmarked with its bean properties alone.
   *
   * @param className a fully qualified class name
   * @return the optimizer
   * @throws PluginException if the class is not found (naming the jars searched), does not
   *     implement {@code IUpdater}, or has no public no-argument constructor
   */
  public OptimizerType byClass(String className) {
    Class<?> type;
    try {
      type = Class.forName(className, false, jars.loader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new PluginException("class " + className + " is not found in " + jars.searched()
          + (e instanceof LinkageError ? " (" + e + ")" : "")
          + "; check the spelling (package and class, e.g. org.example.Lion) and the jar");
    }
    List<ProviderType> providing = new ArrayList<>();
    for (ProviderType t : byName.values()) {
      if (t.provider().updaterClass() == type) {
        providing.add(t);
      }
    }
    if (providing.size() == 1) {
      return providing.get(0);
    }
    BeanProperties properties = BeanProperties.of(type);
    PluginOrigin origin = jars.jarOf(type)
        .map(j -> new PluginOrigin(className, j.path(), j.sha256()))
        .orElse(new PluginOrigin(className, null, null));
    return new ProviderType(new BeanProvider(properties), className, Optional.of(origin));
  }

  /**
   * @param type an optimizer of this registry
   * @return for an updater class without a provider, its read-write properties that are not
   *     numbers (name to type), which a config cannot set; empty otherwise
   */
  public static Map<String, String> otherProperties(OptimizerType type) {
    return type instanceof ProviderType p && p.provider() instanceof BeanProvider b
        ? b.otherProperties() : Map.of();
  }

  /**
   * @param spec a spec whose type came from a registry
   * @return the provider behind it
   * @throws IllegalArgumentException if the type did not come from a registry
   */
  public static ProviderType providerType(OptimizerSpec spec) {
    if (spec.type() instanceof ProviderType p) {
      return p;
    }
    throw new IllegalArgumentException("optimizer " + spec.id() + " has no provider ("
        + spec.type().getClass().getName() + ")");
  }
}
