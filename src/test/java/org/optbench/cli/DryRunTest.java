package org.optbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.result.AtomicFiles;
import org.optbench.testing.CurveCsv;
import org.optbench.testing.FileHashes;
import org.optbench.testing.StoreFixtures;

/** {@code run --dry-run} and {@code run --only}, through the CLI on problems without data files. */
class DryRunTest {
  private static final String GRID = """
      name: grid-plan
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
            - {name: sgd, learningRate: 0.01}
      """;

  private static final String TUNED = """
      name: tuned-plan
      protocol: tune-then-evaluate
      tuning: {search: random, budget: 3, seed: 1000}
      seeds: [0, 1, 2]
      defaultsArm: true
      problems:
        - id: ravine-2d
          steps: 5
          optimizers:
            - {name: sgd, learningRate: {logUniform: [1.0e-3, 1.0e-1]}}
            - {name: adam, learningRate: {logUniform: [1.0e-3, 1.0e-1]}}
        - id: ravine-regression
          params: {samples: 64}
          batchSize: 16
          epochs: 1
          optimizers:
            - {name: sgd, learningRate: {logUniform: [1.0e-3, 1.0e-1]}}
            - {name: adam, learningRate: {logUniform: [1.0e-3, 1.0e-1]}}
      """;

  private static final String NEEDS_MNIST = """
      name: needs-mnist
      seeds: [1]
      problems:
        - id: ravine-2d
          steps: 5
          optimizers:
            - {name: sgd, learningRate: 0.01}
        - id: mnist-logreg
          epochs: 1
          optimizers:
            - {name: sgd, learningRate: 0.1}
      """;

  @TempDir
  Path dir;

  private Path write(String name, String yaml) throws IOException {
    return Files.writeString(dir.resolve(name), yaml);
  }

  /** @return the printed table's row for a problem and phase, split on blanks */
  private static List<String> row(String out, String problem, String phase) {
    return out.lines().filter(l -> l.startsWith(problem + " ") && l.contains(" " + phase + " "))
        .findFirst().map(l -> List.of(l.trim().split("\\s+"))).orElseThrow(
            () -> new AssertionError("no row " + problem + " " + phase + " in\n" + out));
  }

  @Test
  void gridCountsAndNothingWrittenWhenTheFolderDoesNotExist() throws IOException {
    Path config = write("grid.yaml", GRID);
    Path results = dir.resolve("results");
    Map<String, String> before = FileHashes.of(dir);
    CliRun run = CliRun.of("run", config.toString(), "--results", results.toString(),
        "--dry-run", "--parallelism", "2");
    assertEquals(0, run.exitCode(), run.out() + run.err());
    // ravine-2d: 2 settings x 1 seed (analytic: first seed only); regression: 2 optimizers x
    // 2 batch sizes x 2 seeds.
    assertEquals(List.of("ravine-2d", "grid", "2", "0", "2"),
        row(run.out(), "ravine-2d", "grid").subList(0, 5));
    assertEquals(List.of("ravine-regression", "grid", "8", "0", "8"),
        row(run.out(), "ravine-regression", "grid").subList(0, 5));
    assertTrue(run.out().contains("total: 10 trials, 0 complete, 10 to run"), run.out());
    assertTrue(run.out().contains("ravine-2d: from a probe of 5 step(s)"), run.out());
    assertTrue(run.out().contains("(does not exist yet): nothing is trained or written"),
        run.out());
    assertFalse(Files.exists(results), "results folder not created");
    assertEquals(before, FileHashes.of(dir), "parent folder unchanged");
  }

  @Test
  void tuneThenEvaluateCountsStateThatEvaluationSettingsComeAfterTuning() throws IOException {
    Path config = write("tuned.yaml", TUNED);
    CliRun run = CliRun.of("run", config.toString(), "--results",
        dir.resolve("results").toString(), "--dry-run");
    assertEquals(0, run.exitCode(), run.out() + run.err());
    // Tuning: 3 settings x 2 optimizers per problem, with the tuning seed.
    assertEquals(List.of("6", "0", "6"), row(run.out(), "ravine-2d", "tuning").subList(2, 5));
    assertEquals(List.of("6", "0", "6"),
        row(run.out(), "ravine-regression", "tuning").subList(2, 5));
    // Evaluation: analytic problems run the first seed only; regression every seed.
    assertEquals(List.of("2", "-", "2"), row(run.out(), "ravine-2d", "evaluation").subList(2, 5));
    assertEquals(List.of("6", "-", "6"),
        row(run.out(), "ravine-regression", "evaluation").subList(2, 5));
    assertTrue(run.out().contains("(3 evaluation seed(s) x 2 optimizer(s); settings chosen after"
        + " tuning)"), run.out());
    assertEquals(List.of("2", "0", "2"), row(run.out(), "ravine-2d", "defaults").subList(2, 5));
    assertEquals(List.of("6", "0", "6"),
        row(run.out(), "ravine-regression", "defaults").subList(2, 5));
    assertTrue(run.out().contains("total: 28 trials, 0 complete, 28 to run"), run.out());

    // Once tuning is complete the evaluation trials are known, and so are those run already.
    CliRun real = CliRun.of("run", config.toString(), "--results",
        dir.resolve("results").toString());
    assertEquals(0, real.exitCode(), real.out() + real.err());
    Path root = dir.resolve("results").resolve("tuned-plan");
    Map<String, String> store = FileHashes.of(root);
    CliRun after = CliRun.of("run", config.toString(), "--results",
        dir.resolve("results").toString(), "--dry-run");
    assertEquals(0, after.exitCode(), after.out() + after.err());
    assertEquals(List.of("6", "6", "0"),
        row(after.out(), "ravine-regression", "evaluation").subList(2, 5));
    assertTrue(after.out().contains("settings chosen by tuning"), after.out());
    assertEquals(store, FileHashes.of(root), "a dry run on an existing folder writes nothing");
  }

  @Test
  void estimateComesFromCompletedTrialsOfTheSameProblemAndSettings() throws IOException {
    Path config = StoreFixtures.formatV1(dir);
    Path root = dir.resolve("results").resolve("format-v1");
    // Seed 1 of the regression is to run again; seed 0 took 1.2 s of training + 0.3 s of
    // evaluation, so the estimate is 1.5 s (ravine-2d is complete).
    try (var seeds = Files.list(Files.list(root.resolve("trials/ravine-regression/adam"))
        .findFirst().orElseThrow())) {
      AtomicFiles.deleteTree(seeds.filter(p -> p.endsWith("seed-1")).findFirst().orElseThrow());
    }
    Map<String, String> before = FileHashes.of(dir);
    CliRun run = CliRun.of("run", config.toString(), "--results",
        dir.resolve("results").toString(), "--dry-run", "--parallelism", "1");
    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertEquals(List.of("ravine-regression", "grid", "2", "1", "1", "1.5", "s"),
        row(run.out(), "ravine-regression", "grid"));
    assertEquals(List.of("ravine-2d", "grid", "1", "1", "0", "-"),
        row(run.out(), "ravine-2d", "grid"));
    assertTrue(run.out().contains("estimate: 1.5 s at 1 trial(s) at once"), run.out());
    assertTrue(run.out().contains("ravine-regression: from 1 completed trial(s) of the same"
        + " problem and settings"), run.out());
    assertEquals(before, FileHashes.of(dir), "nothing written");
  }

  @Test
  void theEstimateLaysWholeTrialsOutOnTheWorkers() throws IOException {
    Path config = StoreFixtures.formatV1(dir);
    // All three trials again: ravine-2d 0.5 s, ravine-regression 1.65 s each (the mean of its
    // seeds' 1.5 and 1.8 s). On two workers, ravine-2d and one regression trial start together
    // and the second regression trial starts when ravine-2d ends: 0.5 + 1.65 = 2.15 s (the sum
    // over the workers would say 1.9). On three, the longest trial: 1.65 s.
    CliRun two = CliRun.of("run", config.toString(), "--results",
        dir.resolve("results").toString(), "--dry-run", "--overwrite", "--parallelism", "2");
    assertEquals(0, two.exitCode(), two.out() + two.err());
    assertTrue(two.out().contains("estimate: 2.2 s at 2 trial(s) at once"), two.out());
    CliRun three = CliRun.of("run", config.toString(), "--results",
        dir.resolve("results").toString(), "--dry-run", "--overwrite", "--parallelism", "3");
    assertTrue(three.out().contains("estimate: 1.7 s at 3 trial(s) at once"), three.out());
  }

  @Test
  void onlyRunsASubsetWithTheFullRunsTrialIds() throws IOException {
    Path config = write("grid.yaml", GRID);
    CliRun full = CliRun.of("run", config.toString(), "--results",
        dir.resolve("full").toString());
    assertEquals(0, full.exitCode(), full.out() + full.err());
    CliRun subset = CliRun.of("run", config.toString(), "--results",
        dir.resolve("part").toString(), "--only", "problem=ravine-regression,optimizer=adam");
    assertEquals(0, subset.exitCode(), subset.out() + subset.err());
    assertTrue(subset.out().contains("4 trials: 0 already complete, 4 to run"), subset.out());

    Set<String> fullIds = ids(dir.resolve("full/grid-plan"), "ravine-regression", "adam");
    Set<String> partIds = ids(dir.resolve("part/grid-plan"), "ravine-regression", "adam");
    assertEquals(4, fullIds.size());
    assertEquals(fullIds, partIds);
    // The index lists the whole plan: the subset's trials complete, the rest PENDING, so a
    // report of the folder lists them as missing.
    List<List<String>> index = CurveCsv.read(dir.resolve("part/grid-plan/trials.csv")).rows();
    assertEquals(10, index.size());
    assertEquals(6, index.stream().filter(r -> r.get(7).equals("PENDING")).count());
    CliRun report = CliRun.of("report", dir.resolve("part/grid-plan").toString());
    assertEquals(0, report.exitCode(), report.out() + report.err());
    assertTrue(report.out().contains("4 of 10 trials have results"), report.out());

    // A later full run reuses them.
    CliRun rest = CliRun.of("run", config.toString(), "--results",
        dir.resolve("part").toString());
    assertEquals(0, rest.exitCode(), rest.out() + rest.err());
    assertTrue(rest.out().contains("10 trials: 4 already complete, 6 to run"), rest.out());

    // A subset run in a folder that holds the whole experiment keeps the others indexed.
    List<List<String>> before = CurveCsv.read(dir.resolve("part/grid-plan/trials.csv")).rows();
    CliRun again = CliRun.of("run", config.toString(), "--results",
        dir.resolve("part").toString(), "--only", "optimizer=adam");
    assertEquals(0, again.exitCode(), again.out() + again.err());
    assertEquals(before, CurveCsv.read(dir.resolve("part/grid-plan/trials.csv")).rows());
  }

  private static Set<String> ids(Path root, String problem, String optimizer) throws IOException {
    return CurveCsv.read(root.resolve("trials.csv")).rows().stream()
        .filter(r -> r.get(2).equals(problem) && r.get(3).equals(optimizer))
        .map(r -> r.get(0)).collect(Collectors.toSet());
  }

  /**
   * A missing data set stops the run before anything trains when it may not download, so the dry
   * run says so and exits as the run does; when it may, the dry run (which never downloads) says
   * where the download will go.
   */
  @Test
  void aDryRunWithoutTheDataSaysTheRunWouldStopUnlessItMayDownload() throws IOException {
    Path config = write("mnist.yaml", NEEDS_MNIST);
    Path empty = Files.createDirectories(dir.resolve("no-data"));
    Path results = dir.resolve("r");
    String[] common = {"run", config.toString(), "--results", results.toString(), "--data-dir",
        empty.toString()};
    String notFound = "MNIST data files not found. Looked for train-images-idx3-ubyte.gz,"
        + " train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz"
        + " in:\n  " + empty.resolve("mnist") + " (data directory from --data-dir/config):"
        + " directory does not exist\nDownloading is disabled, so nothing was fetched.";

    CliRun refused = CliRun.of(concat(common, "--no-download", "--dry-run"));
    CliRun run = CliRun.of(concat(common, "--no-download"));
    CliRun allowed = CliRun.of(concat(common, "--dry-run"));

    assertEquals(2, refused.exitCode(), refused.out());
    // A run that would stop is not probed.
    assertTrue(refused.out().endsWith("\nestimate: none, as the run would stop\n  the run will"
        + " stop before training anything (exit code 2), for the reason below\n"), refused.out());
    assertTrue(refused.err().startsWith("error: the run would stop before training anything: "
        + notFound), refused.err());
    assertEquals(2, run.exitCode(), run.out());
    assertTrue(run.err().startsWith("error: " + notFound), run.err());
    assertEquals(0, allowed.exitCode(), allowed.err());
    assertEquals("", allowed.err());
    assertTrue(allowed.out().contains("\n  mnist-logreg: no estimate until MNIST is downloaded\n"),
        allowed.out());
    assertTrue(allowed.out().endsWith("\n  data: the run will download 4 file(s) of MNIST into "
        + empty.resolve("mnist") + " first (train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz,"
        + " t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz)\n"), allowed.out());
    assertFalse(Files.exists(results), "nothing was written");
    assertFalse(Files.exists(empty.resolve("mnist")), "nothing was downloaded");
  }

  /**
   * Where a run allowed to download would stop before downloading, the dry run stops with the
   * run's message: a data directory that is the data set's folder itself, or a file.
   */
  @Test
  void aDryRunStopsWhereTheRunWouldStopBeforeDownloading() throws IOException {
    Path config = write("mnist.yaml", NEEDS_MNIST);
    Path folder = Files.createDirectories(dir.resolve("data/mnist"));
    Files.writeString(folder.resolve("train-images-idx3-ubyte.gz"), "not gzip");
    Path file = Files.writeString(dir.resolve("a-file"), "");
    Map<String, String> before = FileHashes.of(dir);

    CliRun itself = CliRun.of("run", config.toString(), "--results", dir.resolve("r").toString(),
        "--data-dir", folder.toString(), "--dry-run");
    CliRun aFile = CliRun.of("run", config.toString(), "--results", dir.resolve("r").toString(),
        "--data-dir", file.toString(), "--dry-run");

    assertEquals(2, itself.exitCode(), itself.out());
    assertEquals("error: the run would stop before training anything: " + folder + " itself"
        + " holds train-images-idx3-ubyte.gz, so it looks like the MNIST folder; the data"
        + " directory is the folder that contains mnist/. Use " + folder.getParent() + " instead"
        + " (it was given as the data directory from --data-dir/config).\n", itself.err());
    assertEquals(2, aFile.exitCode(), aFile.out());
    assertEquals("error: the run would stop before training anything: Cannot create the download"
        + " directory " + file.resolve("mnist") + ": " + file + " is not a directory. Make sure"
        + " the path is a writable directory (not a file), or choose another data directory with"
        + " --data-dir or OPTBENCH_DATA.\n", aFile.err());
    assertEquals(before, FileHashes.of(dir), "nothing was written");
  }

  /** A corrupt data file stops the run whether or not it may download: the dry run says so. */
  @Test
  void aDryRunOnACorruptDataFileSaysTheRunWouldStop() throws IOException {
    Path config = write("mnist.yaml", NEEDS_MNIST);
    Path mnist = Files.createDirectories(dir.resolve("data/mnist"));
    for (String name : List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
        "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")) {
      Files.writeString(mnist.resolve(name), "not gzip");
    }
    Map<String, String> before = FileHashes.of(dir);

    CliRun dry = CliRun.of("run", config.toString(), "--results", dir.resolve("r").toString(),
        "--data-dir", dir.resolve("data").toString(), "--dry-run");

    assertEquals(2, dry.exitCode(), dry.out());
    assertTrue(dry.err().startsWith("error: the run would stop before training anything:"
        + " Checksum mismatch for " + mnist.resolve("train-images-idx3-ubyte.gz")
        + ": expected SHA-256 "), dry.err());
    assertEquals(before, FileHashes.of(dir), "the data files were left untouched");
  }

  private static String[] concat(String[] first, String... more) {
    return java.util.stream.Stream.concat(java.util.Arrays.stream(first),
        java.util.Arrays.stream(more)).toArray(String[]::new);
  }

  @Test
  void onlyWithAnUnknownValueNamesItAndTheAcceptedOnes() throws IOException {
    Path config = write("grid.yaml", GRID);
    CliRun problem = CliRun.of("run", config.toString(), "--results",
        dir.resolve("r").toString(), "--only", "problem=mnist-mlp", "--dry-run");
    assertEquals(2, problem.exitCode(), problem.out());
    assertEquals("error: --only problem=mnist-mlp: no such problem in grid-plan; accepted:"
        + " ravine-2d, ravine-regression\n", problem.err());
    CliRun optimizer = CliRun.of("run", config.toString(), "--results",
        dir.resolve("r").toString(), "--only", "optimizer=lion");
    assertEquals(2, optimizer.exitCode(), optimizer.out());
    assertEquals("error: --only optimizer=lion: no such optimizer in grid-plan; accepted: sgd,"
        + " adam\n", optimizer.err());
    CliRun pair = CliRun.of("run", config.toString(), "--results",
        dir.resolve("r").toString(), "--only", "problem=ravine-2d,optimizer=adam");
    assertEquals(2, pair.exitCode(), pair.out());
    assertEquals("error: --only problem=ravine-2d,optimizer=adam selects no trial: adam is not"
        + " among the optimizers of ravine-2d; accepted there: sgd\n", pair.err());
    assertFalse(Files.exists(dir.resolve("r")));
  }
}
