package org.optbench.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.optbench.cli.Main;
import org.optbench.result.CurveComparison;
import org.optbench.result.ResultStore;
import org.optbench.testing.CurveCsv;
import org.optbench.testing.FileHashes;

/** What the Spark tests share: the build's paths, the CLI in-process, and store equality. */
final class SparkTests {
  /** The Spark build's target folder (the tests run from the repository's root). */
  static final Path TARGET = Path.of(System.getProperty("optbench.spark.target",
      "spark/target"));
  /** The jar users submit. */
  static final Path JAR = TARGET.resolve("optbench-spark.jar");
  /** Spark's own jars, as a distribution's {@code $SPARK_HOME/jars}. */
  static final Path SPARK_HOME = TARGET.resolve("spark-home");
  /** Files of a result store that depend on the machine or the run, not on the trials. */
  private static final List<String> RUN_FILES = List.of(ResultStore.MANIFEST, ".lock");
  private static final ObjectMapper JSON = new ObjectMapper();

  private SparkTests() {}

  /** What the CLI printed and returned. */
  record CliRun(int exitCode, String out, String err) {
    String all() {
      return out + err;
    }
  }

  /** @return {@code optbench ARGS} run in this JVM */
  static CliRun cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new CliRun(code, out.toString(), err.toString());
  }

  /** @return the JVM options Spark 3.5 needs on Java 17 (the build's list) */
  static List<String> javaOptions() {
    return Arrays.stream(System.getProperty("spark.java.options", "").trim().split("\\s+"))
        .filter(s -> !s.isEmpty()).toList();
  }

  /** @return {@code java} with the module options and the class path of Spark's jars */
  static List<String> java(String heap, String... classPath) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + heap));
    command.addAll(javaOptions());
    List<String> path = new ArrayList<>(List.of(classPath));
    path.add(SPARK_HOME.resolve("jars").toAbsolutePath() + File.separator + "*");
    command.addAll(List.of("-cp", String.join(File.pathSeparator, path)));
    return command;
  }

  /**
   * Asserts two experiment folders hold the same results: the same files, every curve equal cell
   * for cell and every {@code result.json} field equal but the time columns, every other file
   * byte for byte ({@code trials.csv} without its time column), the manifest (machine, run)
   * aside.
   *
   * @return the trial folders compared
   */
  static List<Path> assertSameStore(Path expected, Path actual) throws IOException {
    Map<String, String> want = stable(FileHashes.of(expected));
    Map<String, String> got = stable(FileHashes.of(actual));
    assertEquals(want.keySet(), got.keySet(), "the same files");
    List<Path> trials = new ArrayList<>();
    for (String file : want.keySet()) {
      Path name = Path.of(file).getFileName();
      if (name.toString().equals(ResultStore.RESULT)) {
        assertEquals(untimed(expected.resolve(file)), untimed(actual.resolve(file)), file);
        Path trial = Path.of(file).getParent();
        assertEquals(Optional.empty(), CurveComparison.first(expected.resolve(trial),
            actual.resolve(trial)), file);
        trials.add(actual.resolve(trial));
      } else if (CurveComparison.FILES.contains(name.toString())) {
        continue; // compared with their result.json, above
      } else if (file.equals(ResultStore.INDEX)) {
        assertEquals(CurveCsv.read(expected.resolve(file)).without("train_time_s"),
            CurveCsv.read(actual.resolve(file)).without("train_time_s"), file);
      } else {
        assertEquals(want.get(file), got.get(file), file + " byte for byte");
      }
    }
    assertTrue(!trials.isEmpty(), "no trials in " + actual);
    return trials;
  }

  private static Map<String, String> stable(Map<String, String> files) {
    Map<String, String> kept = new TreeMap<>(files);
    kept.keySet().removeIf(f -> RUN_FILES.contains(f) || f.startsWith("report"));
    return kept;
  }

  private static ObjectNode untimed(Path result) throws IOException {
    ObjectNode node = (ObjectNode) JSON.readTree(result.toFile());
    node.remove(List.of("trainSeconds", "evalSeconds"));
    return node;
  }

  /** @return the {@code result.json} files under a folder, sorted */
  static List<Path> results(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> p.getFileName().toString().equals(ResultStore.RESULT)).sorted()
          .toList();
    }
  }

  /** @return the distinct trial ids of {@code trials.csv} */
  static TreeSet<String> indexedIds(Path root) throws IOException {
    TreeSet<String> ids = new TreeSet<>();
    CurveCsv.read(root.resolve(ResultStore.INDEX)).rows().forEach(r -> ids.add(r.get(0)));
    return ids;
  }
}
