package org.optbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run} names the report command, and {@code run --report} makes the report at once. */
class ReportAfterRunTest {
  private static final String CONFIG = """
      name: report-after-run
      problems:
        - id: ravine-2d
          steps: 20
          optimizers:
            - {name: sgd, learningRate: [0.005, 0.015]}
            - {name: adam, learningRate: 0.1}
      """;

  @TempDir
  Path dir;

  @Test
  void runPrintsTheReportCommandAndReportFlagMakesTheReport() throws IOException {
    Path config = dir.resolve("report-after-run.yaml");
    Files.writeString(config, CONFIG);
    Path results = dir.resolve("results");
    Path root = results.resolve("report-after-run");

    CliRun plain = CliRun.of("run", config.toString(), "--results", results.toString());
    assertEquals(0, plain.exitCode(), plain.err());
    assertTrue(plain.out().contains("make the report: optbench report " + root + "\n"),
        plain.out());
    assertTrue(Files.notExists(root.resolve("report")));

    CliRun withReport = CliRun.of("run", config.toString(), "--results", results.toString(),
        "--report");
    assertEquals(0, withReport.exitCode(), withReport.err());
    Path index = root.resolve("report").resolve("index.html");
    assertTrue(withReport.out().contains("report: " + index + "\n"), withReport.out());
    assertTrue(Files.isRegularFile(index));
    assertTrue(Files.isRegularFile(root.resolve("report/figures/ravine-2d-trajectories.png")));
    String lr = Files.readString(root.resolve("report/tables/ravine-2d-lr.csv"));
    assertEquals(4, lr.lines().count(), "header + sgd at two rates + adam: " + lr);
  }
}
