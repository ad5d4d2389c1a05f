package org.optbench.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.result.ResultStore;
import org.optbench.testing.CurveCsv;
import org.optbench.testing.PluginJars;
import org.optbench.testing.Prerequisites;

/**
 * {@code optbench run CONFIG --executor spark --master local[2]} in this JVM (whose
 * OMP_NUM_THREADS is 1, the configs' threads) gives the store a local run gives.
 */
class LocalModeTest {
  private static final String MNIST_AND_PLUGIN = """
      name: spark-mnist
      seeds: [3, 4]
      problems:
        - id: mnist-mlp
          params: {trainExamples: 1000, validationExamples: 1000, evalExamples: 500,
                   testExamples: 500}
          batchSize: 50
          steps: 6
          evalEvery: 3
          optimizers:
            - {name: adam, learningRate: 0.001}
            - {name: signum, learningRate: 0.001}
      """;

  @TempDir
  Path dir;

  @Test
  void tuneThenEvaluateGivesTheLocalStoreBitForBit() throws IOException {
    // 54 tuning trials as one job, the choice on the driver, then 48 evaluation and defaults.
    String config = "configs/smoke/ravines.yaml";
    SparkTests.CliRun local = SparkTests.cli("run", config, "--results",
        dir.resolve("local").toString(), "--parallelism", "2");
    assertEquals(0, local.exitCode(), local.all());
    SparkTests.CliRun spark = SparkTests.cli("run", config, "--results",
        dir.resolve("spark").toString(), "--executor", "spark", "--master", "local[2]");
    assertEquals(0, spark.exitCode(), spark.all());
    assertTrue(spark.out().contains("2 trial(s) at once as Spark tasks on local[2] (1 core(s)"
        + " per task)"), spark.out());
    assertTrue(spark.out().contains("54 tuning trials"), spark.out());

    Path root = dir.resolve("spark/smoke-ravines");
    List<Path> trials = SparkTests.assertSameStore(dir.resolve("local/smoke-ravines"), root);
    assertEquals(102, SparkTests.indexedIds(root).size() + duplicateArms(root), "every trial");
    assertTrue(trials.size() >= 80, trials.size() + " trial folders");
    // The report cannot tell: the manifest says nothing of Spark or isolation.
    String manifest = Files.readString(root.resolve(ResultStore.MANIFEST));
    assertFalse(manifest.contains("isolated") || manifest.toLowerCase().contains("spark"),
        manifest);
    // A second run finds every trial complete and trains nothing.
    SparkTests.CliRun again = SparkTests.cli("run", config, "--results",
        dir.resolve("spark").toString(), "--executor", "spark", "--master", "local[2]");
    assertEquals(0, again.exitCode(), again.all());
    assertTrue(again.out().contains("54 already complete, 0 to run"), again.out());
  }

  @Test
  void mnistTrialsAndAPluginJarGiveTheLocalStoreBitForBit() throws IOException {
    Prerequisites.fromEnvironment().mnist();
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    PluginJars.build(plugins, "signum.jar", Map.of(), true);
    Path config = Files.writeString(dir.resolve("mnist.yaml"), MNIST_AND_PLUGIN);
    SparkTests.CliRun local = SparkTests.cli("run", config.toString(), "--results",
        dir.resolve("local").toString(), "--plugins", plugins.toString(), "--no-download");
    assertEquals(0, local.exitCode(), local.all());
    SparkTests.CliRun spark = SparkTests.cli("run", config.toString(), "--results",
        dir.resolve("spark").toString(), "--plugins", plugins.toString(), "--no-download",
        "--executor", "spark", "--master", "local[2]");
    assertEquals(0, spark.exitCode(), spark.all());
    List<Path> trials = SparkTests.assertSameStore(dir.resolve("local/spark-mnist"),
        dir.resolve("spark/spark-mnist"));
    assertEquals(4, trials.size(), trials.toString());
    for (Path trial : trials) {
      CurveCsv evals = CurveCsv.read(trial.resolve(ResultStore.EVALS));
      assertEquals(3, evals.rows().size(), trial + ": evaluations at steps 0, 3 and 6");
    }
  }

  @Test
  void theSparkOptionsAreCheckedBeforeAnythingRuns() {
    SparkTests.CliRun noMaster = SparkTests.cli("run", "configs/smoke/ravines.yaml",
        "--results", dir.toString(), "--master", "local[2]");
    assertEquals(2, noMaster.exitCode(), noMaster.all());
    assertTrue(noMaster.err().contains("--master local[2] is for a cluster executor"),
        noMaster.all());
    SparkTests.CliRun isolated = SparkTests.cli("run", "configs/smoke/ravines.yaml",
        "--results", dir.toString(), "--executor", "spark", "--isolate");
    assertEquals(2, isolated.exitCode(), isolated.all());
    assertTrue(isolated.err().contains("does not combine with --executor spark"),
        isolated.all());
    SparkTests.CliRun unknown = SparkTests.cli("run", "configs/smoke/ravines.yaml",
        "--results", dir.toString(), "--executor", "flink");
    assertEquals(2, unknown.exitCode(), unknown.all());
    assertTrue(unknown.err().contains("unknown executor 'flink' for --executor; accepted: local, "),
        unknown.all());
    assertTrue(unknown.err().contains("spark"), "the Spark executor is found: " + unknown.all());
    assertFalse(Files.exists(dir.resolve("smoke-ravines")), "nothing written");
  }

  /** @return index rows beyond one per trial (a trial serving two arms is listed twice) */
  private static int duplicateArms(Path root) throws IOException {
    CurveCsv index = CurveCsv.read(root.resolve(ResultStore.INDEX));
    return index.rows().size() - SparkTests.indexedIds(root).size();
  }
}
