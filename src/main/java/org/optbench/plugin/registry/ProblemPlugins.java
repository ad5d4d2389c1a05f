package org.optbench.plugin.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.regex.Pattern;
import org.optbench.plugin.PluginException;
import org.optbench.plugin.ProblemPlugin;

/**
 * The problems written in Java that the plugin jars of a run provide, found with
 * {@link ServiceLoader} through the jars' class loader, by id. optbench's own class path is
 * searched too, so a problem on it (a test's) is found as well.
 */
public final class ProblemPlugins {
  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]*");

  private final PluginJars jars;
  private final Map<String, Found> byId = new LinkedHashMap<>();

  /**
   * A problem plugin and where it came from.
   *
   * @param plugin the instance
   * @param className its class's binary name
   * @param jar the jar it was loaded from; empty for a class of optbench's class path
   */
  public record Found(ProblemPlugin plugin, String className, Optional<PluginJars.Jar> jar) {
    /** @return the jar's path, or "the class path", for messages */
    public String where() {
      return jar.map(j -> j.path().toString()).orElse("the class path");
    }
  }

  private ProblemPlugins(PluginJars jars) {
    this.jars = jars;
    PluginServices.forEach(ProblemPlugin.class, jars.loader(), "problem", this::register);
  }

  /**
   * @param jars the plugin jars of a run
   * @return the problems they (and optbench's class path) provide
   * @throws PluginException if a problem cannot be loaded, its id throws or is invalid, or two
   *     share an id (naming both classes and jars)
   */
  public static ProblemPlugins with(PluginJars jars) {
    return new ProblemPlugins(jars);
  }

  private void register(ProblemPlugin plugin) {
    Found found = new Found(plugin, plugin.getClass().getName(), jars.jarOf(plugin.getClass()));
    String id;
    try {
      id = plugin.id();
    } catch (RuntimeException e) {
      throw new PluginException("problem " + found.className() + " (" + found.where()
          + ") failed to give its id: " + e, e);
    }
    if (id == null || !ID.matcher(id).matches()) {
      throw new PluginException("problem " + found.className() + " (" + found.where()
          + ") has the id '" + id + "'; an id is lower case: letters, digits and '-', starting"
          + " with a letter");
    }
    Found earlier = byId.putIfAbsent(id, found);
    if (earlier != null) {
      throw new PluginException("two problems have the id '" + id + "': " + earlier.className()
          + " (" + earlier.where() + ") and " + found.className() + " (" + found.where()
          + "); rename one");
    }
  }

  /** @return every id, in the order the jars list them */
  public List<String> ids() {
    return new ArrayList<>(byId.keySet());
  }

  /** @return every problem, in the order the jars list them */
  public List<Found> all() {
    return List.copyOf(byId.values());
  }

  /**
   * @param id a problem id
   * @return the problem with that id, or empty
   */
  public Optional<Found> byId(String id) {
    return Optional.ofNullable(byId.get(id));
  }
}
