package org.optbench.plugin.registry;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.optbench.Sha256;
import org.optbench.plugin.OptimizerProvider;
import org.optbench.plugin.PluginException;

/**
 * The plugin jars of a run and the class loader over them. A path given as a plugin is a jar, or
 * a folder whose {@code *.jar} files (not its subfolders) are all taken, in name order.
 *
 * @param jars the jars, absolute and normalised, with their SHA-256, in search order
 * @param loader loads from the jars, then from optbench's own class path; optbench's class
 *     loader itself when there are no jars
 */
public record PluginJars(List<Jar> jars, ClassLoader loader) {

  /**
   * One plugin jar.
   *
   * @param path absolute, normalised path
   * @param sha256 lower-case hex SHA-256 of its bytes
   */
  public record Jar(Path path, String sha256) {}

  /** Copies the list. */
  public PluginJars {
    jars = List.copyOf(jars);
  }

  /** @return no plugins: only optbench's own optimizers and class path */
  public static PluginJars none() {
    return new PluginJars(List.of(), OptimizerProvider.class.getClassLoader());
  }

  /**
   * Resolves each path against the working directory (the rule for every path optbench reads)
   * and opens the jars.
   *
   * @param paths jars or folders of jars, as given
   * @return the jars and their loader
   * @throws PluginException naming the first path that does not exist, is not a jar, or is a
   *     folder without jars
   */
  public static PluginJars open(List<Path> paths) {
    List<Jar> jars = new ArrayList<>();
    for (Path given : paths) {
      Path path = given.toAbsolutePath().normalize();
      if (!Files.exists(path)) {
        throw new PluginException("plugin path " + given + " does not exist (resolved against"
            + " the working directory: " + path + "); give a jar or a folder of jars");
      }
      if (Files.isDirectory(path)) {
        List<Path> inFolder;
        try (Stream<Path> files = Files.list(path)) {
          inFolder = files.filter(p -> p.getFileName().toString().endsWith(".jar"))
              .filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
          throw new PluginException("cannot list plugin folder " + path + ": " + e.getMessage(),
              e);
        }
        if (inFolder.isEmpty()) {
          throw new PluginException("plugin folder " + path + " holds no .jar file");
        }
        for (Path jar : inFolder) {
          add(jars, jar);
        }
      } else {
        add(jars, path);
      }
    }
    if (jars.isEmpty()) {
      return none();
    }
    URL[] urls = new URL[jars.size()];
    for (int i = 0; i < urls.length; i++) {
      try {
        urls[i] = jars.get(i).path().toUri().toURL();
      } catch (MalformedURLException e) {
        throw new PluginException("cannot use plugin jar " + jars.get(i).path(), e);
      }
    }
    return new PluginJars(jars, new URLClassLoader("optbench-plugins", urls,
        OptimizerProvider.class.getClassLoader()));
  }

  private static void add(List<Jar> jars, Path path) {
    try (JarFile jar = new JarFile(path.toFile())) {
      jar.size(); // opening reads the central directory: a file that is not a zip fails here
    } catch (IOException e) {
      throw new PluginException("plugin " + path + " is not a jar (" + e.getMessage() + "); give"
          + " a .jar file built from the optimizer's project, or a folder of them");
    }
    for (Jar j : jars) {
      if (j.path().equals(path)) {
        return;
      }
    }
    try {
      jars.add(new Jar(path, Sha256.of(path)));
    } catch (IOException e) {
      throw new PluginException("cannot read plugin jar " + path + ": " + e.getMessage(), e);
    }
  }

  /**
   * @param type a class loaded through {@link #loader()}
   * @return the plugin jar it was loaded from, or empty for a class of optbench's class path
   */
  public Optional<Jar> jarOf(Class<?> type) {
    if (type.getClassLoader() != loader || jars.isEmpty()) {
      return Optional.empty();
    }
    CodeSource source = type.getProtectionDomain().getCodeSource();
    if (source == null) {
      return Optional.empty();
    }
    try {
      Path path = Path.of(source.getLocation().toURI()).toAbsolutePath().normalize();
      return jars.stream().filter(j -> j.path().equals(path)).findFirst();
    } catch (java.net.URISyntaxException e) {
      return Optional.empty();
    }
  }

  /** @return the jars' paths, for messages, or "none" */
  String searched() {
    return jars.isEmpty() ? "no plugin jars (give them with --plugins or plugins: in the config)"
        : "plugin jars " + String.join(", ", jars.stream().map(j -> j.path().toString())
            .toList()) + " and optbench's class path";
  }
}
