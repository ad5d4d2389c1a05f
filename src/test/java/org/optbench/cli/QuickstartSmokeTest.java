package org.optbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.testing.CurveCsv;
import org.optbench.testing.Prerequisites;

/**
 * The quickstart at smoke scale through the CLI, twice: once one trial at a time and once two at
 * a time. Every curve must be identical but for the wall-time column, and every final parameter
 * hash equal: results do not depend on the run or on the parallelism. Needs MNIST (see
 * {@link Prerequisites#mnist()}).
 */
class QuickstartSmokeTest {
  private static final String CONFIG = "configs/smoke/quickstart.yaml";

  @TempDir
  Path dir;

  @BeforeEach
  void needsMnist() {
    Prerequisites.fromEnvironment().mnist();
  }

  @Test
  void everyTrialRunsAndTwoRunsAgreeBitForBit() throws IOException {
    CliRun serial = CliRun.of("run", CONFIG, "--results", dir.resolve("a").toString(),
        "--parallelism", "1", "--no-download");
    assertEquals(0, serial.exitCode(), serial.out() + serial.err());
    CliRun parallel = CliRun.of("run", CONFIG, "--results", dir.resolve("b").toString(),
        "--parallelism", "2", "--no-download");
    assertEquals(0, parallel.exitCode(), parallel.out() + parallel.err());

    Path a = dir.resolve("a/smoke-quickstart");
    Path b = dir.resolve("b/smoke-quickstart");
    List<Path> curves = files(a, "curve.csv");
    assertEquals(30, curves.size(), "5 problems x 6 optimizers, one seed");
    List<Path> evals = files(a, "evals.csv");
    assertEquals(12, evals.size(), "ravine-regression and mnist-mlp have evaluations");
    for (Path file : concat(curves, evals)) {
      Path twin = b.resolve(a.relativize(file));
      assertEquals(CurveCsv.read(file).without("train_time_s"),
          CurveCsv.read(twin).without("train_time_s"), file.toString());
    }
    ObjectMapper json = new ObjectMapper();
    for (Path result : files(a, "result.json")) {
      JsonNode x = json.readTree(result.toFile());
      JsonNode y = json.readTree(b.resolve(a.relativize(result)).toFile());
      assertEquals("COMPLETED", x.get("status").asText(), result.toString());
      assertEquals(x.get("finalParamsSha256"), y.get("finalParamsSha256"), result.toString());
      assertEquals(x.get("finalMetrics"), y.get("finalMetrics"), result.toString());
    }
    assertTrue(serial.out().contains("mnist-mlp          adam"), serial.out());
  }

  private static List<Path> files(Path root, String name) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> p.getFileName().toString().equals(name)).sorted().toList();
    }
  }

  private static List<Path> concat(List<Path> x, List<Path> y) {
    return Stream.concat(x.stream(), y.stream()).toList();
  }
}
