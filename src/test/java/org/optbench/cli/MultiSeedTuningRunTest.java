package org.optbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tuning: {seeds: k}} end to end on ravine regression: every tuning setting trains with k
 * seeds, {@code selection.csv} and the report show each seed's value and the median.
 */
class MultiSeedTuningRunTest {
  private static final String CONFIG = """
      name: tuned
      protocol: tune-then-evaluate
      tuning: {search: random, budget: 2, seed: 100, seeds: 3}
      seeds: [0, 1]
      defaultsArm: false
      problems:
        - id: ravine-regression
          params: {samples: 64}
          batchSize: 16
          epochs: 1
          optimizers:
            - {name: sgd, learningRate: {logUniform: [1.0e-3, 1.0e-1]}}
      """;

  @TempDir
  Path dir;

  @Test
  void selectionAndReportShowEachTuningSeedAndTheMedian() throws IOException {
    Path config = Files.writeString(dir.resolve("c.yaml"), CONFIG);
    Path results = dir.resolve("results");
    CliRun run = CliRun.of("run", config.toString(), "--results", results.toString(),
        "--parallelism", "1", "--report");
    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().contains("median over tuning seeds 100, 101, 102, a diverged seed"
        + " counting as the worst value"), run.out());

    Path root = results.resolve("tuned");
    List<String> trials = Files.readAllLines(root.resolve("trials.csv"));
    assertEquals(6, trials.stream().filter(l -> l.contains(",tuning,")).count(),
        "2 settings x 3 tuning seeds");
    List<String> selection = Files.readAllLines(root.resolve("selection.csv"));
    assertTrue(selection.get(0).endsWith(",excluded,seed_values"), selection.get(0));
    String[] cells = selection.get(1).split(",");
    String[] pairs = cells[8].split(";");
    assertEquals(3, pairs.length, selection.get(1));
    double[] values = new double[3];
    for (int i = 0; i < 3; i++) {
      assertTrue(pairs[i].startsWith((100 + i) + "="), pairs[i]);
      values[i] = Double.parseDouble(pairs[i].substring(pairs[i].indexOf('=') + 1));
    }
    java.util.Arrays.sort(values);
    assertEquals(values[1], Double.parseDouble(cells[5]), 0.0, "value is the median");

    String table = Files.readString(root.resolve("report/tables/ravine-regression-tuning-seeds.md"));
    assertTrue(table.contains("| seed 100 | seed 101 | seed 102 | median |"), table);
    assertTrue(Files.readString(root.resolve("report/index.html"))
        .contains("settings chosen on the median over 3 tuning seeds"));
  }

  @Test
  void zeroTuningSeedsIsRefusedBeforeAnythingIsWritten() throws IOException {
    Path config = Files.writeString(dir.resolve("c.yaml"), CONFIG.replace("seeds: 3",
        "seeds: 0"));
    CliRun run = CliRun.of("run", config.toString(), "--results", dir.resolve("results")
        .toString());
    assertEquals(2, run.exitCode(), run.out() + run.err());
    assertTrue(run.err().contains("tuning.seeds: 0 is not accepted; expected how many seeds"
        + " score each tuning setting"), run.err());
    assertFalse(Files.exists(dir.resolve("results")));
  }
}
