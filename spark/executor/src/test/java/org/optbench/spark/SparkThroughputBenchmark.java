package org.optbench.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.testing.Prerequisites;

/**
 * Trials per minute of a small sweep: the local executor against Spark's {@code local[2]} and a
 * standalone cluster on this machine (one worker, 2 cores; and the same cluster limited to one
 * core, for how the time scales with task slots). Each arrangement runs the sweep as a user would,
 * a JVM of its own from start to end (JVM start, ND4J load, data load, Spark's start included),
 * into a new results folder; the arrangements alternate, round after round, so a change in the
 * machine's load spreads over all of them. Prints a table and the ratios to the local executor;
 * docs/PERFORMANCE.md records the numbers. Off unless {@code -Doptbench.spark.bench=ROUNDS}.
 */
class SparkThroughputBenchmark {
  private static final int TRIALS = 24;
  private static final String SWEEP = """
      name: spark-bench
      seeds: [0]
      problems:
        - id: mnist-logreg
          params: {trainExamples: 10000, validationExamples: 2000, evalExamples: 2000,
                   testExamples: 2000}
          batchSize: 128
          steps: 150
          evalEvery: 150
          optimizers:
            - {name: sgd, learningRate: {logRange: [1.0e-3, 1.0], points: 12}}
            - {name: adam, learningRate: {logRange: [1.0e-4, 1.0e-1], points: 12}}
      """;

  @TempDir
  Path dir;

  @Test
  void trialsPerMinuteLocalAgainstSpark() throws Exception {
    String rounds = System.getProperty("optbench.spark.bench");
    Assumptions.assumeTrue(rounds != null, "the benchmark runs with -Doptbench.spark.bench=N");
    Prerequisites.fromEnvironment().mnist();
    Path config = Files.writeString(dir.resolve("bench.yaml"), SWEEP);
    Map<String, List<Double>> seconds = new LinkedHashMap<>();
    String loadBefore = uptime();
    try (StandaloneCluster cluster = new StandaloneCluster(dir, "8g")) {
      Map<String, List<String>> arrangements = new LinkedHashMap<>();
      arrangements.put("local executor, 2 trials at once", List.of("--parallelism", "2"));
      arrangements.put("Spark local[2]", List.of("--executor", "spark", "--master",
          "local[2]"));
      arrangements.put("standalone, 1 core", List.of("--executor", "spark", "--conf",
          "spark.cores.max=1"));
      arrangements.put("standalone, 2 cores", List.of("--executor", "spark"));
      for (int round = 0; round < Integer.parseInt(rounds); round++) {
        int index = 0;
        for (Map.Entry<String, List<String>> a : arrangements.entrySet()) {
          Path results = dir.resolve("round" + round + "-" + index++);
          seconds.computeIfAbsent(a.getKey(), k -> new ArrayList<>())
              .add(time(command(a.getValue(), config, results, cluster.url()), results));
        }
      }
    }
    double local = median(seconds.get("local executor, 2 trials at once"));
    System.out.println("\n" + TRIALS + " mnist-logreg trials (150 steps of 128, one evaluation),"
        + " median (min-max) of " + rounds + " rounds; load before: " + loadBefore);
    System.out.printf(Locale.ROOT, "%-34s %-24s %-22s %s%n", "arrangement", "wall s",
        "trials/min", "ratio to local");
    for (Map.Entry<String, List<Double>> e : seconds.entrySet()) {
      List<Double> s = e.getValue();
      System.out.printf(Locale.ROOT, "%-34s %-24s %-22s %.2f%n", e.getKey(),
          String.format(Locale.ROOT, "%.1f (%.1f-%.1f)", median(s), min(s), max(s)),
          String.format(Locale.ROOT, "%.1f (%.1f-%.1f)", TRIALS * 60 / median(s),
              TRIALS * 60 / max(s), TRIALS * 60 / min(s)), local / median(s));
    }
    System.out.println("load after: " + uptime());
  }

  /** @return the arrangement's command: plain java for local runs, SparkSubmit for a cluster */
  private static List<String> command(List<String> options, Path config, Path results,
      String master) {
    List<String> command = new ArrayList<>();
    boolean cluster = options.contains("spark") && !options.contains("--master");
    if (cluster) {
      command.addAll(SparkTests.java("2g"));
      command.addAll(List.of("org.apache.spark.deploy.SparkSubmit", "--master", master,
          "--conf", "spark.executor.memory=3g"));
      for (int i = 0; i < options.size(); i++) {
        if (options.get(i).equals("--conf")) {
          command.addAll(options.subList(i, i + 2));
        }
      }
      command.addAll(List.of("--class", "org.optbench.cli.Main", SparkTests.JAR.toString()));
    } else {
      command.addAll(SparkTests.java("2g", SparkTests.JAR.toString()));
      command.add("org.optbench.cli.Main");
    }
    command.addAll(List.of("run", config.toString(), "--results", results.toString(),
        "--no-download"));
    for (int i = 0; i < options.size(); i++) {
      if (options.get(i).equals("--conf")) {
        i++;
      } else {
        command.add(options.get(i));
      }
    }
    return command;
  }

  /** @return the command's wall time in seconds; it must finish every trial */
  private double time(List<String> command, Path results) throws Exception {
    Path log = Files.createDirectories(results).resolve("run.log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().putAll(StandaloneCluster.ENV);
    long start = System.nanoTime();
    Process process = builder.start();
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
    double wall = (System.nanoTime() - start) / 1e9;
    assertEquals(0, process.exitValue(), Files.readString(log));
    assertEquals(TRIALS, SparkTests.results(results.resolve("spark-bench")).size());
    return wall;
  }

  private static String uptime() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static double min(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
  }

  private static double max(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
  }
}
