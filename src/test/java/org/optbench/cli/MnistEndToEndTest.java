package org.optbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.testing.Prerequisites;

/**
 * One epoch of softmax regression with SGD on the real MNIST files, through the CLI. Needs the
 * four MNIST files where the CLI finds them ({@code $OPTBENCH_DATA/mnist/}, else
 * {@code ./data/mnist/}); skipped without them (see {@link Prerequisites}).
 */
class MnistEndToEndTest {
  @TempDir
  Path dir;

  @BeforeEach
  void needsMnist() {
    Prerequisites.fromEnvironment().mnist();
  }

  @Test
  void oneEpochOfSgdOnMnistReachesLogisticRegressionAccuracy() throws IOException {
    CliRun run = CliRun.of("run", "configs/smoke/mnist-logreg.yaml", "--results", dir.toString(),
        "--no-download");
    assertEquals(0, run.exitCode(), run.out() + run.err());
    Path result;
    try (Stream<Path> files = Files.walk(dir)) {
      result = files.filter(p -> p.getFileName().toString().equals("result.json")).findFirst()
          .orElseThrow();
    }
    JsonNode json = new ObjectMapper().readTree(result.toFile());
    assertEquals("COMPLETED", json.get("status").asText());
    // 50,000 training images / batch 128 = 391 steps, the last one partial.
    assertEquals(391, json.get("steps").asLong());
    assertEquals(50_000, json.get("examplesSeen").asLong());
    double accuracy = json.get("finalMetrics").get("test_accuracy").asDouble();
    assertTrue(accuracy >= 0.88, "test accuracy " + accuracy);
    String manifest = Files.readString(dir.resolve("mnist-logreg").resolve("manifest.json"));
    assertTrue(manifest.contains(
        "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609"), manifest);

    // Complete: a rerun prints the summary without needing the data (here: an empty folder).
    Path noData = Files.createDirectories(dir.resolve("no-data"));
    CliRun again = CliRun.of("run", "configs/smoke/mnist-logreg.yaml", "--results",
        dir.toString(), "--data-dir", noData.toString(), "--no-download");
    assertEquals(0, again.exitCode(), again.out() + again.err());
    assertTrue(again.out().contains("1 trial: 1 already complete, 0 to run"), again.out());
    assertEquals(manifest,
        Files.readString(dir.resolve("mnist-logreg").resolve("manifest.json")));
  }
}
