package org.optbench.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.testing.PluginJars;

/**
 * The README's "Running on a cluster" section, followed on a standalone cluster this test starts
 * on 127.0.0.1 (Spark's Master and one Worker with 2 cores): the jar built where the README says,
 * submitted with the README's spark-submit command (Spark's {@code SparkSubmit} class, as the
 * {@code spark-submit} script runs it), its placeholders filled in. The store equals a local
 * run's, the plugin jar reaching the executors through Spark.
 */
class ClusterReadmeTest {
  private static final String CONFIG = """
      name: cluster-check
      seeds: [0]
      problems:
        - id: ravine-2d
          steps: 60
          optimizers:
            - {name: signum, learningRate: [0.01, 0.1], beta: 0.9}
            - {name: adam, learningRate: [0.05, 0.1]}
            - {name: sgd, learningRate: 0.01}
        - id: saddle
          steps: 40
          optimizers:
            - {name: adam, learningRate: 0.05}
            - {name: signum, learningRate: 0.05}
      """;

  @TempDir
  Path dir;

  @Test
  void theReadmesSparkSubmitOnAStandaloneClusterGivesTheLocalStore() throws Exception {
    String section = section(Files.readString(Path.of("README.md")), "## Running on a cluster");
    // The build the README gives is the one that made the jar under test.
    assertTrue(section.contains("mvn -q -DskipTests install"), section);
    assertTrue(section.contains("(cd spark && mvn -q -DskipTests package)"), section);
    List<String> submit = command(section, "spark-submit");
    String jar = submit.get(submit.indexOf("--class") + 2);
    assertEquals(SparkTests.JAR.toAbsolutePath().normalize(),
        Path.of(jar).toAbsolutePath().normalize(), "the README submits the jar the build makes");

    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    PluginJars.build(plugins, "signum.jar", Map.of(), true);
    Path config = Files.writeString(dir.resolve("cluster.yaml"), CONFIG);
    Path data = Files.createDirectories(dir.resolve("data"));
    Path results = dir.resolve("cluster-results");
    try (StandaloneCluster cluster = new StandaloneCluster(dir, "8g")) {
      Map<String, String> fill = new LinkedHashMap<>();
      fill.put("spark://MASTER:7077", cluster.url());
      fill.put("configs/quickstart.yaml", config.toString());
      fill.put("/shared/data", data.toString());
      fill.put("/shared/plugins", plugins.toString());
      fill.put("results", results.toString());
      List<String> command = new ArrayList<>();
      for (int i = 0; i < submit.size(); i++) {
        String word = submit.get(i);
        if (i == 0) {
          // What the spark-submit script runs: SparkSubmit, on Spark's jars, with the driver's
          // memory as its heap.
          command.addAll(SparkTests.java(submit.get(submit.indexOf("--driver-memory") + 1)));
          command.add("org.apache.spark.deploy.SparkSubmit");
        } else if (word.equals("results") && !submit.get(i - 1).equals("--results")) {
          command.add(word);
        } else {
          command.add(fill.getOrDefault(word, word));
        }
      }
      Path log = dir.resolve("driver.log");
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(log.toFile());
      builder.environment().putAll(StandaloneCluster.ENV);
      Process driver = builder.start();
      boolean ended = driver.waitFor(6, TimeUnit.MINUTES);
      if (!ended) {
        driver.descendants().forEach(ProcessHandle::destroyForcibly);
        driver.destroyForcibly().waitFor();
      }
      String output = Files.readString(log);
      assertTrue(ended, "the driver did not finish:\n" + output + cluster.logs());
      assertEquals(0, driver.exitValue(), output + cluster.logs());
      assertTrue(output.contains("as Spark tasks on " + cluster.url()), output);
    }

    SparkTests.CliRun local = SparkTests.cli("run", config.toString(), "--results",
        dir.resolve("local").toString(), "--plugins", plugins.toString());
    assertEquals(0, local.exitCode(), local.all());
    List<Path> trials = SparkTests.assertSameStore(dir.resolve("local/cluster-check"),
        results.resolve("cluster-check"));
    assertEquals(7, trials.size(), trials.toString());
  }

  /** @return the README's text from the heading to the next heading of the same level */
  static String section(String readme, String heading) {
    int start = readme.indexOf("\n" + heading + "\n");
    assertTrue(start >= 0, "README has no section " + heading);
    int end = readme.indexOf("\n## ", start + heading.length() + 2);
    return readme.substring(start, end < 0 ? readme.length() : end);
  }

  /**
   * @return the words of the section's first command line that starts with {@code program},
   *     its continuation lines joined
   */
  static List<String> command(String section, String program) {
    String joined = section.replace("\\\n", " ");
    for (String line : joined.lines().toList()) {
      if (line.trim().startsWith(program + " ")) {
        return Arrays.stream(line.trim().split("\\s+")).toList();
      }
    }
    throw new AssertionError("no " + program + " command in:\n" + section);
  }
}
