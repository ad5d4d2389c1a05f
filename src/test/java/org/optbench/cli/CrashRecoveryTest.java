package org.optbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.testing.CurveCsv;

/**
 * A real {@code run} in a child JVM is killed with SIGKILL twice at different points, then resumed;
 * the result must equal an uninterrupted run: every trial exactly once in the index, every curve
 * and result identical apart from wall time.
 */
class CrashRecoveryTest {
  private static final String CONFIG = """
      name: crash
      seeds: [0, 1, 2, 3]
      problems:
        - id: ravine-regression
          params: {samples: 1500}
          batchSize: [1, 4]
          epochs: 1
          evalEvery: 250
          optimizers:
            - {name: sgd, learningRate: 0.004}
            - {name: adam, learningRate: 0.01}
      """;
  private static final int TRIALS = 16;

  @TempDir
  Path dir;

  @Test
  void killedRunsResumeToTheSameResultsAsAnUninterruptedRun() throws Exception {
    Path config = Files.writeString(dir.resolve("crash.yaml"), CONFIG);
    Path killed = dir.resolve("killed");
    Path root = killed.resolve("crash");

    // Kill once early (first trial finished) and once midway.
    for (int finishedBeforeKill : new int[] {1, TRIALS / 2}) {
      Process child = new ProcessBuilder(javaCommand(config, killed)).redirectErrorStream(true)
          .redirectOutput(dir.resolve("child.log").toFile()).start();
      try {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (child.isAlive() && finished(root) < finishedBeforeKill
            && System.nanoTime() < deadline) {
          Thread.sleep(10);
        }
        assertTrue(child.isAlive(), "the child finished before it could be killed: "
            + Files.readString(dir.resolve("child.log")));
      } finally {
        child.destroyForcibly().waitFor();
      }
    }
    int before = count(root, "result.json");
    assertTrue(before >= TRIALS / 2 && before < TRIALS, before + " trials complete after kills");

    CliRun resumed = CliRun.of("run", config.toString(), "--results", killed.toString());
    assertEquals(0, resumed.exitCode(), resumed.err());
    assertTrue(resumed.out().contains(TRIALS + " trials: " + before + " already complete"),
        resumed.out());

    Path straight = dir.resolve("straight");
    assertEquals(0, CliRun.of("run", config.toString(), "--results", straight.toString())
        .exitCode());

    CurveCsv index = CurveCsv.read(root.resolve("trials.csv")).without("train_time_s");
    assertEquals(TRIALS, index.rows().size());
    assertEquals(TRIALS, index.rows().stream().map(r -> r.get(0)).distinct().count(),
        "every trial id exactly once");
    assertEquals(CurveCsv.read(straight.resolve("crash/trials.csv")).without("train_time_s"),
        index);
    for (Path curve : files(root, "curve.csv", "evals.csv")) {
      Path twin = straight.resolve("crash").resolve(root.relativize(curve));
      assertEquals(CurveCsv.read(twin).without("train_time_s"),
          CurveCsv.read(curve).without("train_time_s"), curve.toString());
    }
    assertEquals(2 * TRIALS, files(root, "curve.csv", "evals.csv").size());
    assertEquals(List.of(), files(root, ".result.json.tmp", ".trials.csv.tmp"),
        "no temporary files left behind");
  }

  private static List<String> javaCommand(Path config, Path results) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(List.of("run", config.toString(), "--results", results.toString(),
        "--parallelism", "2"));
    return command;
  }

  private static int count(Path root, String name) throws IOException {
    return files(root, name).size();
  }

  /**
   * Complete trials while the child is running: its atomic renames can remove a file between the
   * directory listing and the visit, so a walk that trips over one simply counts again.
   */
  private static int finished(Path root) throws IOException {
    while (true) {
      try {
        return count(root, "result.json");
      } catch (java.io.UncheckedIOException | java.nio.file.NoSuchFileException raced) {
        Thread.onSpinWait();
      }
    }
  }

  private static List<Path> files(Path root, String... names) throws IOException {
    if (!Files.exists(root)) {
      return List.of();
    }
    List<String> wanted = List.of(names);
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> wanted.contains(p.getFileName().toString())).sorted().toList();
    }
  }
}
