package org.optbench.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.config.ConfigLoader;
import org.optbench.config.ExperimentConfig;
import org.optbench.config.ResolvedConfigWriter;
import org.optbench.experiment.Arm;
import org.optbench.experiment.TrialSpec;
import org.optbench.result.ResultStore;

/** The executor's side of a task, without Spark: what it trains and what it sends back. */
class TaskTrainerTest {
  @TempDir
  Path dir;

  @Test
  void aTrialTrainsFromItsShippedTextAndSendsItsFilesBack() throws IOException {
    ShippedTrial trial = ship("""
        name: task-check
        seeds: [0]
        problems:
          - id: ravine-2d
            steps: 30
            optimizers:
              - {name: adam, learningRate: 0.1}
        """, dir.resolve("data"));
    TrialFiles files = TaskTrainer.train(trial);
    assertNull(files.error());
    // The spec stays on the driver; the curve and the result come back.
    assertEquals(List.of(ResultStore.CURVE, ResultStore.RESULT), List.copyOf(
        files.files().keySet()));
    JsonNode result = new ObjectMapper().readTree(files.files().get(ResultStore.RESULT));
    assertEquals("COMPLETED", result.get("status").asText());
    assertEquals(30, result.get("steps").asInt());
    // Header, units line and one row per step including the start.
    assertEquals(33, files.files().get(ResultStore.CURVE).lines().count());
  }

  @Test
  void dataMissingOnTheExecutorFailsTheTrialNamingTheHost() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("no-data"));
    ShippedTrial trial = ship("""
        name: task-missing-data
        seeds: [0]
        problems:
          - id: mnist-logreg
            steps: 2
            optimizers:
              - {name: sgd, learningRate: 0.1}
        """, empty);
    TrialFiles files = TaskTrainer.train(trial);
    JsonNode result = new ObjectMapper().readTree(files.files().get(ResultStore.RESULT));
    assertEquals("FAILED", result.get("status").asText());
    String message = result.get("message").asText();
    assertTrue(message.startsWith("on executor host " + InetAddress.getLocalHost().getHostName()
        + ": "), message);
    assertTrue(message.contains(empty.toString()), "names where it looked: " + message);
  }

  /** @return the config's first trial as the driver ships it, its data in {@code data} */
  private ShippedTrial ship(String yaml, Path data) throws IOException {
    Path config = Files.writeString(dir.resolve("config.yaml"), yaml);
    ExperimentConfig experiment = ConfigLoader.load(config, List.of());
    TrialSpec spec = experiment.trials().get(0);
    ResultStore store = new ResultStore(dir.resolve("store"));
    Path trialDir = store.begin(spec, List.of(Arm.GRID));
    return new ShippedTrial(store.root().relativize(trialDir).toString(),
        Files.readString(trialDir.resolve(ResultStore.SPEC)),
        ResolvedConfigWriter.toYaml(experiment),
        new ShippedTrial.TaskSettings(1, data.toString(), false, List.of(), 1));
  }
}
