package org.optbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.testing.FileHashes;

/** The {@code run} command end to end on problems that need no data files. */
class RunCommandTest {
  private static final String CONFIG = """
      name: cli-check
      seeds: [3, 4]
      problems:
        - id: ravine-2d
          steps: 5
          optimizers:
            - {name: sgd, learningRate: [0.01, 0.015]}
        - id: ravine-regression
          params: {samples: 64}
          batchSize: [16, full]
          epochs: 1
          optimizers:
            - {name: adam, learningRate: 0.05}
      """;

  /** The manifest line an optbench from before the dense layers ran in oneDNN did not write. */
  private static final String DENSE_PRODUCTS_LINE = "    \"denseProducts\" : \"oneDNN matmul"
      + " (ReluDenseLayer's row-major Nd4j.gemm)\",\n";

  @TempDir
  Path dir;

  private Path config() throws IOException {
    Path file = dir.resolve("cli-check.yaml");
    Files.writeString(file, CONFIG);
    return file;
  }

  @Test
  void runsEveryTrialOnceAndSkipsThemOnRerun() throws IOException {
    Path results = dir.resolve("results");
    CliRun first = CliRun.of("run", config().toString(), "--results", results.toString(),
        "--parallelism", "2");
    assertEquals(0, first.exitCode(), first.err());
    // ravine-2d: 2 settings x 1 seed (analytic: first seed only); regression: 2 batches x 2 seeds.
    assertTrue(first.out().contains("6 trials: 0 already complete, 6 to run"), first.out());
    Path root = results.resolve("cli-check");
    List<String> index = Files.readAllLines(root.resolve("trials.csv"));
    assertEquals(7, index.size(), "header + 6 trials");
    assertTrue(index.stream().skip(1).allMatch(l -> l.contains(",COMPLETED,")), index.toString());
    assertTrue(Files.exists(root.resolve("experiment.resolved.yaml")));
    String manifest = Files.readString(root.resolve("manifest.json"));
    assertTrue(manifest.contains("\"threadsPerTrial\" : 1"), manifest);
    assertTrue(manifest.contains("\"dl4jVersion\" : \"1.0.0-M2.1\""), manifest);
    try (Stream<Path> files = Files.walk(root.resolve("trials"))) {
      assertEquals(6, files.filter(p -> p.getFileName().toString().equals("result.json")).count());
    }
    assertTrue(first.out().contains("ravine-regression  adam"), first.out());

    CliRun second = CliRun.of("run", config().toString(), "--results", results.toString(),
        "--parallelism", "1");
    assertEquals(0, second.exitCode(), second.err());
    assertTrue(second.out().contains("6 trials: 6 already complete, 0 to run"), second.out());
    // Nothing trained, so the record of the run that did is kept (it ran 2 trials at once).
    assertEquals(manifest, Files.readString(root.resolve("manifest.json")));
    assertTrue(manifest.contains("\"parallelism\" : 2"), manifest);
  }

  @Test
  void aSecondRunOnTheSameFolderStopsWhileTheFirstHoldsTheLock() throws IOException {
    Path results = dir.resolve("results");
    Path root = Files.createDirectories(results.resolve("cli-check"));
    // This JVM is alive, so a lock naming it must be respected.
    String owner = ProcessHandle.current().pid() + "@" + java.net.InetAddress.getLocalHost()
        .getHostName();
    Files.writeString(root.resolve(".lock"), owner + "\n");
    CliRun run = CliRun.of("run", config().toString(), "--results", results.toString());
    assertEquals(2, run.exitCode());
    assertEquals("error: another optbench run (pid " + owner.replace("@", " on host ")
        + ") is using " + root + "; wait for it to finish, or if that process is gone, delete "
        + root.resolve(".lock") + "\n", run.err());
    assertFalse(Files.exists(root.resolve("trials")), "nothing ran");
  }

  @Test
  void aStaleLockFromADeadProcessIsTakenOver() throws Exception {
    Path results = dir.resolve("results");
    Path root = Files.createDirectories(results.resolve("cli-check"));
    Process finished = new ProcessBuilder("true").start();
    finished.waitFor();
    Files.writeString(root.resolve(".lock"), finished.pid() + "@"
        + java.net.InetAddress.getLocalHost().getHostName() + "\n");
    CliRun run = CliRun.of("run", config().toString(), "--results", results.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertFalse(Files.exists(root.resolve(".lock")), "the lock is released at the end");
  }

  @Test
  void overwriteRunsCompleteTrialsAgain() throws IOException {
    Path results = dir.resolve("results");
    assertEquals(0, CliRun.of("run", config().toString(), "--results", results.toString())
        .exitCode());
    CliRun again = CliRun.of("run", config().toString(), "--results", results.toString(),
        "--overwrite");
    assertEquals(0, again.exitCode(), again.err());
    assertTrue(again.out().contains("6 trials: 0 already complete, 6 to run"), again.out());
  }

  @Test
  void resumingTrialsRecordedWithOtherNativesIsRefused() throws IOException {
    Path results = dir.resolve("results");
    CliRun first = CliRun.of("run", config().toString(), "--results", results.toString());
    assertEquals(0, first.exitCode(), first.err());
    assertTrue(first.out().startsWith("natives: nd4j-native linux-x86_64-onednn-avx2, oneDNN ISA "),
        first.out());
    Path root = results.resolve("cli-check");
    Path manifest = root.resolve("manifest.json");
    String recorded = Files.readString(manifest);
    assertTrue(recorded.contains("\"layerHelpers\" : \"oneDNN\""), recorded);
    assertTrue(recorded.contains("\"oneDnnIsa\" : "), recorded);
    // The test JVM runs with the launcher's allocator settings (pom.xml), as ./optbench does.
    assertTrue(first.out().lines().anyMatch(l -> l.equals("C allocator (this JVM): optbench's"
        + " (MALLOC_ARENA_MAX=1, MALLOC_MMAP_MAX_=0, MALLOC_TRIM_THRESHOLD_=1099511627776)")),
        first.out());
    assertTrue(recorded.contains("\"cAllocator\" : \"optbench's (MALLOC_ARENA_MAX=1"), recorded);
    // As an earlier optbench, built with the plain AVX2 natives, would have left it; and one
    // trial left to run, so the run would train.
    Files.writeString(manifest, recorded.replace("linux-x86_64-onednn-avx2", "linux-x86_64-avx2"));
    try (Stream<Path> files = Files.walk(root.resolve("trials"))) {
      Files.delete(files.filter(p -> p.getFileName().toString().equals("result.json"))
          .findFirst().orElseThrow());
    }

    CliRun resumed = CliRun.of("run", config().toString(), "--results", results.toString());
    assertEquals(2, resumed.exitCode(), resumed.out());
    assertTrue(resumed.err().startsWith("error: " + root + " holds results computed with other"
        + " native settings than this run has: nativeClassifier linux-x86_64-avx2 (this run:"
        + " linux-x86_64-onednn-avx2). These settings decide"), resumed.err());
    assertTrue(resumed.err().contains("Write to a new results folder (--results DIR or --name"
        + " NAME), run every trial again here with --overwrite, or resume with the recorded"
        + " values (nativeClassifier: build with mvn -q package -DskipTests"
        + " -Dnd4j.classifier=linux-x86_64-avx2)"), resumed.err());
    assertTrue(Files.readString(manifest).contains("\"linux-x86_64-avx2\""), "left alone");

    CliRun overwritten = CliRun.of("run", config().toString(), "--results", results.toString(),
        "--overwrite");
    assertEquals(0, overwritten.exitCode(), overwritten.err());
    assertTrue(Files.readString(manifest).contains("\"linux-x86_64-onednn-avx2\""));
  }

  /**
   * Runs the config, replaces {@code from} by {@code to} in the manifest, deletes one result and
   * runs again.
   *
   * @return the second run
   */
  private CliRun resumeAfterEditingTheManifest(String from, String to) throws IOException {
    return CliRun.of("run", config().toString(), "--results",
        trainThenEditTheManifest(from, to).toString());
  }

  /** @return the results folder, after a run whose manifest then had {@code from} replaced */
  private Path trainThenEditTheManifest(String from, String to) throws IOException {
    Path results = dir.resolve("results");
    assertEquals(0, CliRun.of("run", config().toString(), "--results", results.toString())
        .exitCode());
    Path root = results.resolve("cli-check");
    Path manifest = root.resolve("manifest.json");
    String recorded = Files.readString(manifest);
    assertTrue(recorded.contains(from), recorded);
    Files.writeString(manifest, recorded.replace(from, to));
    try (Stream<Path> files = Files.walk(root.resolve("trials"))) {
      Files.delete(files.filter(p -> p.getFileName().toString().equals("result.json"))
          .findFirst().orElseThrow());
    }
    return results;
  }

  @Test
  void aFolderFromBeforeTheDenseLayersRanInOneDnnIsNotResumed() throws IOException {
    // As an optbench whose dense layers computed with OpenBLAS left it.
    CliRun resumed = resumeAfterEditingTheManifest(DENSE_PRODUCTS_LINE, "");
    assertEquals(2, resumed.exitCode(), resumed.out());
    assertTrue(resumed.err().contains(" than this run has: denseProducts not recorded (this run:"
        + " oneDNN matmul (ReluDenseLayer's row-major Nd4j.gemm)). These settings decide"),
        resumed.err());
    assertTrue(resumed.err().contains("(denseProducts: not recorded by the optbench that wrote"
        + " it, which only that version matches (CHANGELOG.md says which versions changed it))"),
        resumed.err());
  }

  /**
   * --overwrite reruns every trial with this run's settings, but with --only it reruns some and
   * keeps the others: the folder would mix two kinds of results, so that is refused too.
   */
  @Test
  void overwritingSomeTrialsOfAFolderFromOtherSettingsIsRefused() throws IOException {
    Path results = trainThenEditTheManifest(DENSE_PRODUCTS_LINE, "");
    Map<String, String> before = FileHashes.of(results);

    CliRun some = CliRun.of("run", config().toString(), "--results", results.toString(),
        "--only", "problem=ravine-2d", "--overwrite");

    assertEquals(2, some.exitCode(), some.out());
    assertTrue(some.err().contains(" run every trial again here with --overwrite (not from this"
        + " run: "), some.err());
    assertTrue(some.err().contains(" finished trial(s) of the folder outside --only would keep"
        + " the recorded values; run without --only), or resume"), some.err());
    assertEquals(before, FileHashes.of(results), "nothing was rerun or rewritten");
    // The dry run says so too, also when the trials --only selects are all finished (one of
    // the two problems has every trial finished).
    for (String problem : List.of("ravine-2d", "ravine-regression")) {
      CliRun selected = CliRun.of("run", config().toString(), "--results", results.toString(),
          "--only", "problem=" + problem, "--overwrite", "--dry-run");
      assertEquals(2, selected.exitCode(), problem + ": " + selected.out());
    }
    assertEquals(before, FileHashes.of(results), "a dry run writes nothing");
    CliRun every = CliRun.of("run", config().toString(), "--results", results.toString(),
        "--overwrite");
    assertEquals(0, every.exitCode(), every.err());
  }

  /** The same when --overwrite of another config would leave the old config's trials. */
  @Test
  void overwritingWithAConfigThatNoLongerPlansSomeTrialsIsRefused() throws IOException {
    Path results = trainThenEditTheManifest(DENSE_PRODUCTS_LINE, "");
    Map<String, String> before = FileHashes.of(results);
    Path ravineOnly = dir.resolve("ravine-only.yaml");
    Files.writeString(ravineOnly, CONFIG.substring(0, CONFIG.indexOf("  - id: ravine-regression")));

    CliRun run = CliRun.of("run", ravineOnly.toString(), "--results", results.toString(),
        "--name", "cli-check", "--replace-config", "--overwrite");

    assertEquals(2, run.exitCode(), run.out());
    assertTrue(run.err().contains(" finished trial(s) of the folder are not in this config and"
        + " would keep the recorded values; use a new folder)"), run.err());
    assertEquals(before, FileHashes.of(results), "nothing was rerun or rewritten");
  }

  @Test
  void aDryRunOnAFolderTheRunWouldRefuseSaysSo() throws IOException {
    Path results = trainThenEditTheManifest(DENSE_PRODUCTS_LINE, "");
    Map<String, String> before = FileHashes.of(results);

    CliRun dry = CliRun.of("run", config().toString(), "--results", results.toString(),
        "--dry-run");

    // The run's exit code, so that a script can use the dry run as its check.
    assertEquals(2, dry.exitCode(), dry.err());
    assertTrue(dry.out().startsWith("natives: nd4j-native "), dry.out());
    // The plan says that it would stop; the reason is printed once, on stderr.
    assertTrue(dry.out().contains("\nestimate: none, as the run would stop\n"), dry.out());
    assertTrue(dry.out().lines().anyMatch(l -> l.matches("ravine-2d +grid +2 +1 +1  -")),
        dry.out());
    assertTrue(dry.out().endsWith("\n  the run will stop before training anything (exit code 2),"
        + " for the reason below\n"), dry.out());
    assertFalse(dry.out().contains("holds results computed"), dry.out());
    assertTrue(dry.err().startsWith("error: the run would stop before training anything: "
        + results.resolve("cli-check") + " holds results computed with other native settings than"
        + " this run has: denseProducts not recorded (this run: "), dry.err());
    assertEquals(before, FileHashes.of(results), "a dry run writes nothing");
    // The real run stops as the dry run said.
    assertEquals(2, CliRun.of("run", config().toString(), "--results", results.toString())
        .exitCode());
  }

  /**
   * The manifest records the values that decided the trials' bits; without it they are unknown,
   * so trials are not added to the folder (before, a run did, and wrote its own values).
   */
  @Test
  void aFolderWhoseManifestWasDeletedIsNotAddedTo() throws IOException {
    Path results = trainThenEditTheManifest(DENSE_PRODUCTS_LINE, DENSE_PRODUCTS_LINE);
    Path root = results.resolve("cli-check");
    Files.delete(root.resolve("manifest.json"));
    Map<String, String> before = FileHashes.of(results);

    CliRun dry = CliRun.of("run", config().toString(), "--results", results.toString(),
        "--dry-run");
    CliRun resumed = CliRun.of("run", config().toString(), "--results", results.toString());

    String refusal = root + " holds 5 finished trial(s) but no manifest.json, so the native"
        + " settings that computed them are unknown, and they decide the last bits of network"
        + " trials: a folder is added to only when they match, whichever problems it holds. Put"
        + " back the manifest.json the run"
        + " that trained them wrote, write to a new results folder (--results DIR or --name NAME),"
        + " or run every trial again here with --overwrite";
    assertEquals(2, dry.exitCode(), dry.out());
    assertEquals("error: the run would stop before training anything: " + refusal + "\n",
        dry.err());
    assertEquals(2, resumed.exitCode(), resumed.out());
    assertEquals("error: " + refusal + "\n", resumed.err());
    assertEquals(before, FileHashes.of(results), "nothing was trained or written");
    CliRun some = CliRun.of("run", config().toString(), "--results", results.toString(),
        "--only", "problem=ravine-2d", "--overwrite");
    assertEquals(2, some.exitCode(), some.out());
    assertTrue(some.err().endsWith(" finished trial(s) of the folder outside --only would keep"
        + " the recorded values; run without --only)\n"), some.err());

    CliRun every = CliRun.of("run", config().toString(), "--results", results.toString(),
        "--overwrite");
    assertEquals(0, every.exitCode(), every.err());
    assertTrue(Files.exists(root.resolve("manifest.json")));
  }

  /** A complete folder trains nothing, so nothing is refused; both commands say what is lost. */
  @Test
  void aCompleteFolderWhoseManifestWasDeletedIsNamedByRunAndReport() throws IOException {
    Path results = dir.resolve("results");
    assertEquals(0, CliRun.of("run", config().toString(), "--results", results.toString())
        .exitCode());
    Path manifest = results.resolve("cli-check").resolve("manifest.json");
    Files.delete(manifest);
    Map<String, String> before = FileHashes.of(results);

    CliRun dry = CliRun.of("run", config().toString(), "--results", results.toString(),
        "--dry-run");
    CliRun again = CliRun.of("run", config().toString(), "--results", results.toString());
    CliRun report = CliRun.of("report", results.resolve("cli-check").toString(), "--out",
        dir.resolve("report").toString());

    String missing = manifest + " is missing, so the software, native settings and data"
        + " checksums that computed these trials are unknown; put back the manifest.json the run"
        + " that trained them wrote, or run every trial again with --overwrite to record them"
        + " anew\n";
    assertEquals(0, dry.exitCode(), dry.err());
    assertTrue(dry.out().endsWith("\n  note: " + missing), dry.out());
    assertEquals(0, again.exitCode(), again.err());
    assertTrue(again.out().contains("note: " + missing), again.out());
    assertEquals(before, FileHashes.of(results), "nothing was trained or written");
    assertEquals(0, report.exitCode(), report.err());
    assertTrue(report.out().startsWith("warning: manifest.json is missing, so the software,"
        + " native settings and data checksums that computed these results are unknown; put back"
        + " the manifest.json the run wrote\n"), report.out());
  }

  @Test
  void aFolderTrainedWithOtherOpenBlasKernelsIsNotResumed() throws IOException {
    // This JVM's value is whatever the environment set; the folder's becomes another one.
    String own = System.getenv("OPENBLAS_CORETYPE");
    String ours = own == null ? "unset (OpenBLAS picks kernels for the CPU)" : own;
    String other = "Zen".equals(own) ? "SkylakeX" : "Zen";
    CliRun resumed = resumeAfterEditingTheManifest("\"OPENBLAS_CORETYPE\" : \"" + ours + "\"",
        "\"OPENBLAS_CORETYPE\" : \"" + other + "\"");
    assertEquals(2, resumed.exitCode(), resumed.out());
    assertTrue(resumed.err().contains(" than this run has: OPENBLAS_CORETYPE " + other
        + " (this run: " + ours + "). These settings decide"), resumed.err());
    assertTrue(resumed.err().contains("(OPENBLAS_CORETYPE: start with OPENBLAS_CORETYPE=" + other
        + ")"), resumed.err());
  }

  @Test
  void aBadConfigExitsWithCodeTwoAndNoStackTrace() throws IOException {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, "name: bad\nproblems:\n  - id: ravine2d\n");
    CliRun run = CliRun.of("run", file.toString(), "--results", dir.resolve("r").toString());
    assertEquals(2, run.exitCode());
    assertEquals("error: " + file + ": problems[0].id: 'ravine2d' is not a problem; did you mean"
        + " 'ravine-2d'?; accepted: mnist-logreg, mnist-mlp, mnist-2c2d, fashion-mnist-logreg,"
        + " fashion-mnist-mlp, fashion-mnist-2c2d, cifar10-3c3d, ravine-regression, ravine-2d,"
        + " rosenbrock, saddle, two-wells, or any new id with data: (your own files)\n",
        run.err());
    assertFalse(Files.exists(dir.resolve("r")), "nothing is written for an invalid config");
  }

  @Test
  void missingDataFailsBeforeTrainingAndSaysWhereItLooked() throws IOException {
    Path file = dir.resolve("mnist.yaml");
    Files.writeString(file, """
        name: needs-mnist
        problems:
          - id: mnist-logreg
            optimizers: [{name: sgd, learningRate: 0.1}]
        """);
    Path empty = Files.createDirectory(dir.resolve("empty"));
    CliRun run = CliRun.of("run", file.toString(), "--results", dir.resolve("r").toString(),
        "--data-dir", empty.toString(), "--no-download");
    assertEquals(2, run.exitCode(), run.out());
    assertTrue(run.err().startsWith("error: "), run.err());
    assertTrue(run.err().contains(empty.resolve("mnist").toString()), run.err());
    assertFalse(run.out().contains("trials:"), "no trial starts without data: " + run.out());
  }

  @Test
  void parallelismBelowOneIsRejected() throws IOException {
    CliRun run = CliRun.of("run", config().toString(), "--parallelism", "0");
    assertEquals(2, run.exitCode());
    assertEquals("error: --parallelism 0 is not accepted; give an integer >= 1\n", run.err());
  }

  @Test
  void aResultsPathThatIsAFileIsRejected() throws IOException {
    Path file = Files.writeString(dir.resolve("taken"), "x");
    CliRun run = CliRun.of("run", config().toString(), "--results", file.toString());
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("cannot create results directory " + file.resolve("cli-check")),
        run.err());
    assertEquals("x", Files.readString(file), "the file is left as it was");
  }

  @Test
  void listShowsEveryProblemAndOptimizerWithDefaults() {
    CliRun run = CliRun.of("list");
    assertEquals(0, run.exitCode());
    for (String id : List.of("mnist-mlp", "fashion-mnist-2c2d", "cifar10-3c3d",
        "ravine-regression", "ravine-2d",
        "rosenbrock", "saddle", "two-wells", "sgd", "nesterovs", "adagrad", "rmsprop",
        "adadelta", "adam", "nadam", "adamax", "amsgrad")) {
      assertTrue(run.out().contains("  " + id + " "), id + " missing from\n" + run.out());
    }
    assertTrue(run.out().contains("adam       Adam      learningRate=0.001 beta1=0.9 beta2=0.999"
        + " epsilon=1.0E-8"), run.out());
  }

  @Test
  void unknownOptionIsAUsageError() {
    CliRun run = CliRun.of("run", "x.yaml", "--paralelism", "2");
    assertEquals(2, run.exitCode());
    assertEquals("error: Unknown options: '--paralelism', '2'\n"
        + "Possible solutions: --parallelism\nsee: optbench run --help\n", run.err());
  }
}
