package org.optbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.result.CurveComparison;
import org.optbench.result.ResultStore;
import org.optbench.testing.Prerequisites;

/**
 * {@code optbench run --isolate}: each trial trains in a child JVM and gives the same bits as
 * in-process. The surefire JVM runs with OMP_NUM_THREADS=1, the trials' thread count, which the
 * children inherit.
 */
class IsolateTest {
  private static final String RAVINE = """
      name: isolate-check
      seeds: [0]
      problems:
        - id: ravine-2d
          steps: 40
          optimizers:
            - {name: adam, learningRate: [0.05, 0.1]}
      """;

  private static final String MNIST = """
      name: isolate-mnist
      seeds: [3]
      problems:
        - id: mnist-mlp
          params: {trainExamples: 1000, validationExamples: 1000, evalExamples: 500,
                   testExamples: 500}
          batchSize: 50
          steps: 6
          evalEvery: 3
          optimizers:
            - {name: adam, learningRate: 0.001}
      """;

  @TempDir
  Path dir;

  @Test
  void twoDimensionalTrialsGiveTheSameBitsInChildJvms() throws IOException {
    List<Path> trials = sameBits(RAVINE, 2);
    for (Path trial : trials) {
      assertTrue(Files.readAllLines(trial.resolve("curve.csv")).size() > 40, trial.toString());
    }
  }

  @Test
  void aShortMnistTrialGivesTheSameBitsInAChildJvm() throws IOException {
    Prerequisites.fromEnvironment().mnist();
    List<Path> trials = sameBits(MNIST, 1, "--no-download");
    assertTrue(Files.exists(trials.get(0).resolve("evals.csv")));
  }

  /**
   * Runs the config in-process and with {@code --isolate} into two folders and checks every
   * trial's curves match bit for bit (timing aside).
   *
   * @return the isolated run's trial folders
   */
  private List<Path> sameBits(String yaml, int trials, String... more) throws IOException {
    Path config = Files.writeString(dir.resolve("config.yaml"), yaml);
    CliRun inProcess = run(config, "in-process", more);
    assertEquals(0, inProcess.exitCode(), inProcess.out() + inProcess.err());
    assertTrue(inProcess.out().contains("at once in this JVM"), inProcess.out());
    CliRun isolated = run(config, "isolated", concat(more, "--isolate"));
    assertEquals(0, isolated.exitCode(), isolated.out() + isolated.err());
    assertTrue(isolated.out().contains("at once each in a child JVM"), isolated.out());

    List<Path> children = trialFolders(dir.resolve("isolated"));
    assertEquals(trials, children.size(), children.toString());
    for (Path child : children) {
      Path same = dir.resolve("in-process").resolve(dir.resolve("isolated").relativize(child));
      assertTrue(Files.exists(same.resolve(ResultStore.RESULT)), same.toString());
      assertEquals(Optional.empty(), CurveComparison.first(same, child), child.toString());
      assertTrue(Files.readString(child.resolve(ResultStore.RESULT)).contains("COMPLETED"));
    }
    String manifest = Files.readString(dir.resolve("isolated/" + name(yaml) + "/manifest.json"));
    assertTrue(manifest.contains("\"isolated\" : true"), manifest);
    // The children's allocator settings, which the parent gives them, not the parent's own.
    assertTrue(manifest.contains("\"cAllocator\" : \"optbench's (MALLOC_ARENA_MAX=1,"
        + " MALLOC_MMAP_MAX_=0, MALLOC_TRIM_THRESHOLD_=1099511627776) (each trial's JVM)\""),
        manifest);
    assertTrue(isolated.out().contains("C allocator (each trial's JVM): optbench's"),
        isolated.out());
    return children;
  }

  private CliRun run(Path config, String results, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("run", config.toString(),
        "--results", dir.resolve(results).toString()));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(String[]::new));
  }

  private static String[] concat(String[] more, String last) {
    String[] all = java.util.Arrays.copyOf(more, more.length + 1);
    all[more.length] = last;
    return all;
  }

  private static String name(String yaml) {
    return yaml.lines().findFirst().orElseThrow().replace("name:", "").trim();
  }

  private static List<Path> trialFolders(Path results) throws IOException {
    try (Stream<Path> files = Files.walk(results)) {
      return files.filter(p -> p.getFileName().toString().equals(ResultStore.RESULT))
          .map(Path::getParent).sorted().toList();
    }
  }
}
