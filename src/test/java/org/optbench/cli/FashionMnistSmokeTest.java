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
 * Fashion-MNIST found where Debian's {@code dataset-fashion-mnist} package installs it, with an
 * empty data directory and downloads off, then a short softmax-regression run on it. Skipped
 * where that package is not installed (see {@link Prerequisites}).
 */
class FashionMnistSmokeTest {
  @TempDir
  Path dir;

  @BeforeEach
  void needsTheDebianPackage() {
    Prerequisites.fromEnvironment().fashionMnistPackage();
  }

  @Test
  void trainsOnTheDebianPackageData() throws IOException {
    Path config = Files.writeString(dir.resolve("fashion.yaml"), """
        name: fashion-smoke
        problems:
          - id: fashion-mnist-logreg
            params: {trainExamples: 4096, evalExamples: 1000, testExamples: 1000}
            batchSize: 128
            epochs: 1
            optimizers: [{name: sgd, learningRate: 0.5}]
        """);
    Path empty = Files.createDirectory(dir.resolve("no-data-here"));
    CliRun run = CliRun.of("run", config.toString(), "--results", dir.toString(), "--data-dir",
        empty.toString(), "--no-download");
    assertEquals(0, run.exitCode(), run.out() + run.err());
    JsonNode result;
    try (Stream<Path> files = Files.walk(dir.resolve("fashion-smoke"))) {
      Path file = files.filter(p -> p.getFileName().toString().equals("result.json")).findFirst()
          .orElseThrow();
      result = new ObjectMapper().readTree(file.toFile());
    }
    assertEquals(32, result.get("steps").asLong(), "4096 examples / batch 128");
    double accuracy = result.get("finalMetrics").get("test_accuracy").asDouble();
    // Ten classes: chance is 0.1; 32 SGD steps of softmax regression get well past 0.6.
    assertTrue(accuracy > 0.6, "test accuracy " + accuracy);
    String manifest = Files.readString(dir.resolve("fashion-smoke").resolve("manifest.json"));
    assertTrue(manifest.contains(
        "b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7"), manifest);
  }

  @Test
  void theConvolutionalProblemRunsUnderTheTuningProtocol() throws IOException {
    Path empty = Files.createDirectory(dir.resolve("still-no-data"));
    CliRun run = CliRun.of("run", "configs/smoke/fashion-mnist-2c2d.yaml", "--results",
        dir.toString(), "--data-dir", empty.toString(), "--no-download");
    assertEquals(0, run.exitCode(), run.out() + run.err());
    Path root = dir.resolve("smoke-fashion-mnist-2c2d");
    // 2 optimizers x 1 tuning setting, then each choice x 2 seeds (no defaults arm).
    java.util.List<String> index = Files.readAllLines(root.resolve("trials.csv"));
    assertEquals(1 + 2 + 4, index.size(), String.join("\n", index));
    assertTrue(index.stream().skip(1).allMatch(l -> l.contains(",COMPLETED,")),
        String.join("\n", index));
    assertEquals(3, Files.readAllLines(root.resolve("selection.csv")).size());
  }
}
