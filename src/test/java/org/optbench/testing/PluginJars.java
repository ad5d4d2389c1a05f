package org.optbench.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.nd4j.linalg.learning.config.IUpdater;
import org.optbench.plugin.OptimizerProvider;

/**
 * Builds plugin jars inside tests: compiles the example plugin project
 * ({@code examples/optimizer-plugin}) and any extra sources against optbench's classes and
 * ND4J, and packs classes and resources into a jar, as {@code mvn package} would.
 */
public final class PluginJars {
  /** The example plugin project. */
  public static final Path EXAMPLE = Path.of("examples", "optimizer-plugin");

  private PluginJars() {}

  /**
   * @param dir a scratch folder
   * @param jarName the jar's file name
   * @param extraSources more classes, by fully qualified name, with their source text
   * @param withServices whether to include the example's {@code META-INF/services} file
   * @return the jar
   * @throws IOException if compiling or writing fails
   */
  public static Path build(Path dir, String jarName, Map<String, String> extraSources,
      boolean withServices) throws IOException {
    return build(dir, jarName, extraSources, withServices, Map.of());
  }

  /**
   * {@link #build(Path, String, Map, boolean)} with more resources, compiled against DL4J's
   * network configurations too (a problem plugin builds its network with them).
   *
   * @param dir a scratch folder
   * @param jarName the jar's file name
   * @param extraSources more classes, by fully qualified name, with their source text
   * @param withServices whether to include the example's {@code META-INF/services} file
   * @param resources more files, by path inside the jar, with their text
   * @return the jar
   * @throws IOException if compiling or writing fails
   */
  public static Path build(Path dir, String jarName, Map<String, String> extraSources,
      boolean withServices, Map<String, String> resources) throws IOException {
    Path src = dir.resolve(jarName + "-src");
    Path classes = dir.resolve(jarName + "-classes");
    Files.createDirectories(classes);
    List<String> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(EXAMPLE.resolve("src/main/java"))) {
      walk.filter(p -> p.toString().endsWith(".java")).forEach(p -> files.add(p.toString()));
    }
    for (Map.Entry<String, String> e : extraSources.entrySet()) {
      Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, e.getValue());
      files.add(file.toString());
    }
    String classPath = String.join(java.io.File.pathSeparator, location(IUpdater.class),
        location(OptimizerProvider.class),
        location(org.deeplearning4j.nn.conf.MultiLayerConfiguration.class));
    List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", classPath,
        "--release", "17", "-proc:none", "-nowarn"));
    args.addAll(files);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    java.io.ByteArrayOutputStream errors = new java.io.ByteArrayOutputStream();
    if (javac.run(null, errors, errors, args.toArray(String[]::new)) != 0) {
      throw new IOException("plugin sources do not compile:\n" + errors);
    }
    Path jar = dir.resolve(jarName);
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream zip = new JarOutputStream(out)) {
      add(zip, classes);
      if (withServices) {
        add(zip, EXAMPLE.resolve("src/main/resources"));
      }
      for (Map.Entry<String, String> r : resources.entrySet()) {
        zip.putNextEntry(new JarEntry(r.getKey()));
        zip.write(r.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    return jar;
  }

  private static void add(JarOutputStream zip, Path root) throws IOException {
    List<Path> entries;
    try (Stream<Path> walk = Files.walk(root)) {
      entries = walk.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path p : entries) {
      zip.putNextEntry(new JarEntry(root.relativize(p).toString().replace('\\', '/')));
      zip.write(Files.readAllBytes(p));
      zip.closeEntry();
    }
  }

  private static String location(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
