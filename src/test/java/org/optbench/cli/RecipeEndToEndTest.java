package org.optbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run with recipes, through the command line: trials with a schedule, weight decay and
 * clipping train, the index and report say what each setting used (decoupled or coupled, biases
 * or not) and draw the schedule, a rerun finds the trials complete, and {@code reproduce}
 * rebuilds a recipe trial from its spec and matches it bit for bit.
 */
class RecipeEndToEndTest {
  private static final String CONFIG = """
      name: recipe-check
      seeds: [0]
      problems:
        - id: ravine-2d
          steps: 40
          optimizers:
            - {name: adam, learningRate: 0.1}
            - name: sgd
              learningRate: 0.015
              schedule: {type: warmup-cosine, warmupSteps: 5, finalFraction: 0.0}
              clipGlobalNorm: 10
        - id: ravine-regression
          batchSize: 50
          epochs: 2
          optimizers:
            - name: adam
              learningRate: 0.05
              schedule: {type: step, decayRate: 0.5, step: 1, unit: epochs}
              l2: 0.001
            - name: sgdm
              learningRate: 0.002
              weightDecay: 0.01
              decayBiases: true
      """;

  @TempDir
  Path dir;

  @Test
  void recipesRunAreReportedAndReproduce() throws IOException {
    Path config = Files.writeString(dir.resolve("recipe.yaml"), CONFIG);
    Path results = dir.resolve("results");
    CliRun run = CliRun.of("run", config.toString(), "--results", results.toString(),
        "--report");
    assertEquals(0, run.exitCode(), run.out() + run.err());
    Path experiment = results.resolve("recipe-check");

    String index = Files.readString(experiment.resolve("trials.csv"));
    assertTrue(index.contains("learningRate=0.015;warmup-cosine.warmupSteps=5;"
        + "warmup-cosine.finalFraction=0;clipGlobalNorm=10"), index);
    assertTrue(index.contains("step@epochs.decayRate=0.5;step@epochs.step=1;l2=0.001;"
        + "decayBiases=0"), index);
    assertTrue(index.contains("weightDecay=0.01;decayBiases=1"), index);

    String resolved = Files.readString(experiment.resolve("experiment.resolved.yaml"));
    assertTrue(resolved.contains("decayBiases: false"), resolved);
    assertTrue(resolved.contains("decayBiases: true"), resolved);

    Path report = experiment.resolve("report");
    assertTrue(Files.exists(report.resolve("figures/ravine-2d-schedule.png")),
        "schedule figure drawn");
    assertTrue(Files.exists(report.resolve("figures/ravine-regression-schedule.png")));
    String html = Files.readString(report.resolve("index.html"));
    assertTrue(html.contains("l2(coupled)=0.001"), "coupled L2 named");
    assertTrue(html.contains("biases=not-decayed"), "bias decay named");
    assertTrue(html.contains("weightDecay(decoupled)=0.01"), "decoupled decay named");
    assertTrue(html.contains("biases=decayed"));

    CliRun again = CliRun.of("run", config.toString(), "--results", results.toString());
    assertEquals(0, again.exitCode(), again.out() + again.err());
    assertTrue(again.out().contains("4 trials: 4 already complete, 0 to run"), again.out());
    assertTrue(run.out().contains("biases=not-decayed"), run.out());

    for (Path trial : trials(experiment)) {
      CliRun reproduce = CliRun.of("reproduce", trial.toString());
      assertEquals(0, reproduce.exitCode(), trial + ": " + reproduce.out() + reproduce.err());
      assertTrue(reproduce.out().contains("identical"), reproduce.out());
    }

    // An index rebuilt from the trial folders keeps the recipes apart and named.
    Files.delete(experiment.resolve("trials.csv"));
    CliRun report2 = CliRun.of("report", experiment.toString(), "--out",
        dir.resolve("report2").toString());
    assertEquals(0, report2.exitCode(), report2.out() + report2.err());
    String rebuilt = Files.readString(dir.resolve("report2").resolve("index.html"));
    assertTrue(rebuilt.contains("l2(coupled)=0.001"), "recipe kept by the rebuilt index");
    assertTrue(rebuilt.contains("warmup-cosine.warmupSteps=5"));
  }

  private static List<Path> trials(Path experiment) throws IOException {
    try (Stream<Path> files = Files.walk(experiment.resolve("trials"))) {
      return files.filter(p -> p.getFileName().toString().equals("result.json"))
          .map(Path::getParent).sorted().toList();
    }
  }
}
