package org.optbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.result.ResultStore;
import org.optbench.testing.FileHashes;

/**
 * {@code run --executor NAME}: an executor found on the class path through
 * {@link org.optbench.run.ExecutorProvider} runs the trials and the store is a local run's; one
 * that is not there (Spark, without its build) stops the run before anything is written, saying
 * how to get it.
 */
class ExecutorOptionTest {
  private static final String RAVINE = """
      name: executor-check
      seeds: [0]
      problems:
        - id: ravine-2d
          steps: 30
          optimizers:
            - {name: adam, learningRate: [0.05, 0.1]}
            - {name: sgd, learningRate: 0.01}
      """;

  @TempDir
  Path dir;

  @Test
  void anExecutorOnTheClassPathRunsTheTrialsIntoALocalRunsStore() throws IOException {
    Path config = Files.writeString(dir.resolve("config.yaml"), RAVINE);
    CliRun local = CliRun.of("run", config.toString(), "--results", dir.resolve("local")
        .toString(), "--parallelism", "1");
    assertEquals(0, local.exitCode(), local.out() + local.err());
    ThreadsExecutorProvider.EVENTS.clear();
    CliRun other = CliRun.of("run", config.toString(), "--results", dir.resolve("other")
        .toString(), "--executor", "test-threads", "--data-dir", "somewhere");
    assertEquals(0, other.exitCode(), other.out() + other.err());
    assertTrue(other.out().contains("3 trial(s) at once on the test's threads, 1 native"
        + " thread(s) each"), other.out());
    assertEquals(List.of("open", "close"), ThreadsExecutorProvider.EVENTS);
    assertEquals(Optional.of(Path.of("somewhere").toAbsolutePath()),
        ThreadsExecutorProvider.lastSettings.dataDir());
    assertEquals("executor-check", ThreadsExecutorProvider.lastSettings.experiment());

    Map<String, String> want = FileHashes.of(dir.resolve("local/executor-check"));
    Map<String, String> got = FileHashes.of(dir.resolve("other/executor-check"));
    assertEquals(want.keySet(), got.keySet());
    for (String file : want.keySet()) {
      if (file.endsWith(ResultStore.CURVE) || file.endsWith(ResultStore.RESULT)) {
        Path trial = Path.of(file).getParent();
        assertEquals(Optional.empty(), org.optbench.result.CurveComparison.first(
            dir.resolve("local/executor-check").resolve(trial),
            dir.resolve("other/executor-check").resolve(trial)), file);
      } else if (file.endsWith(ResultStore.SPEC) || file.equals(ResultStore.RESOLVED_CONFIG)) {
        assertEquals(want.get(file), got.get(file), file);
      }
    }
    String manifest = Files.readString(dir.resolve("other/executor-check")
        .resolve(ResultStore.MANIFEST));
    assertTrue(manifest.contains("\"parallelism\" : 3"), manifest);
    assertFalse(manifest.contains("isolated"), manifest);
  }

  @Test
  void sparkWithoutItsBuildSaysHowToGetItAndWritesNothing() {
    CliRun run = CliRun.of("run", "configs/smoke/ravines.yaml", "--results", dir.toString(),
        "--executor", "spark", "--master", "local[2]");
    assertEquals(2, run.exitCode(), run.out() + run.err());
    assertTrue(run.err().contains("--executor spark is not on the class path (executors found:"
        + " local, test-threads); the Spark executor is a separate build: run 'mvn -DskipTests"
        + " install' in optbench's folder, then 'mvn -DskipTests package' in its spark/ folder"),
        run.err());
    assertTrue(run.err().contains("README, Running on a cluster"), run.err());
    assertFalse(Files.exists(dir.resolve("smoke-ravines")), "nothing written");
  }

  @Test
  void masterWithoutAClusterExecutorIsRefused() {
    CliRun run = CliRun.of("run", "configs/smoke/ravines.yaml", "--results", dir.toString(),
        "--master", "local[2]");
    assertEquals(2, run.exitCode(), run.out() + run.err());
    assertTrue(run.err().contains("--master local[2] is for a cluster executor; give"
        + " --executor spark with it, or leave it out"), run.err());
  }
}
