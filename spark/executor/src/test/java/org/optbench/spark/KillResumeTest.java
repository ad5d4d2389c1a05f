package org.optbench.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.result.ResultStore;

/**
 * A Spark run's driver killed part-way (SIGKILL: no shutdown hook runs) and the same command run
 * again: the trials finished before the kill are kept untouched, the rest run, each trial once,
 * and the store is a local run's.
 */
class KillResumeTest {
  private static final int TRIALS = 12;
  private static final String CONFIG = """
      name: kill-resume
      seeds: [0]
      problems:
        - id: ravine-2d
          steps: 6000
          lossEvery: 50
          optimizers:
            - {name: adam, learningRate: {logRange: [1.0e-3, 1.0e-1], points: 6}}
            - {name: sgd, learningRate: {logRange: [1.0e-4, 1.0e-2], points: 6}}
      """;

  @TempDir
  Path dir;

  @Test
  void aKilledDriverResumesWithEachTrialOnce() throws Exception {
    Path config = Files.writeString(dir.resolve("kill.yaml"), CONFIG);
    Path results = dir.resolve("spark");
    Path root = results.resolve("kill-resume");
    List<String> command = new ArrayList<>(SparkTests.java("1g", SparkTests.JAR.toString()));
    command.addAll(List.of("org.optbench.cli.Main", "run", config.toString(), "--results",
        results.toString(), "--executor", "spark", "--master", "local[2]"));

    Process first = start(command, dir.resolve("first.log"));
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (SparkTests.results(root).size() < 3 && first.isAlive()
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    first.descendants().forEach(ProcessHandle::destroyForcibly);
    first.destroyForcibly().waitFor();
    Map<Path, FileTime> before = new LinkedHashMap<>();
    Map<Path, String> beforeText = new LinkedHashMap<>();
    for (Path result : SparkTests.results(root)) {
      before.put(result, Files.getLastModifiedTime(result));
      beforeText.put(result, Files.readString(result));
    }
    String firstLog = Files.readString(dir.resolve("first.log"));
    assertTrue(before.size() >= 3, "killed after some trials finished:\n" + firstLog);
    assertTrue(before.size() < TRIALS, "killed part-way (" + before.size() + " of " + TRIALS
        + " finished); make the trials longer:\n" + firstLog);

    Process second = start(command, dir.resolve("second.log"));
    assertTrue(second.waitFor(5, TimeUnit.MINUTES), "the resumed run ended");
    String secondLog = Files.readString(dir.resolve("second.log"));
    assertEquals(0, second.exitValue(), secondLog);
    assertTrue(secondLog.contains(before.size() + " already complete, "
        + (TRIALS - before.size()) + " to run"), secondLog);
    // The trials finished before the kill were not trained again: same bytes, same time.
    for (Map.Entry<Path, FileTime> kept : before.entrySet()) {
      assertEquals(kept.getValue(), Files.getLastModifiedTime(kept.getKey()), kept.getKey()
          + " untouched");
      assertEquals(beforeText.get(kept.getKey()), Files.readString(kept.getKey()));
    }
    assertEquals(TRIALS, SparkTests.results(root).size());
    assertEquals(TRIALS, SparkTests.indexedIds(root).size());
    assertTrue(Files.notExists(root.resolve(".lock")), "the lock is released");

    SparkTests.CliRun local = SparkTests.cli("run", config.toString(), "--results",
        dir.resolve("local").toString());
    assertEquals(0, local.exitCode(), local.all());
    SparkTests.assertSameStore(dir.resolve("local/kill-resume"), root);
    assertTrue(Files.readString(root.resolve(ResultStore.INDEX)).contains("COMPLETED"));
  }

  private static Process start(List<String> command, Path log) throws java.io.IOException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().put("OMP_NUM_THREADS", "1");
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    return builder.start();
  }
}
