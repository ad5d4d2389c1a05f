package org.optbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A config with bad recipes stops {@code run} with exit code 2, every error named (file, entry,
 * field, accepted values), and nothing written: not even the results folder.
 */
class RecipeBadInputTest {
  @TempDir
  Path dir;

  @Test
  void badRecipesExitWithCodeTwoAndWriteNothing() throws Exception {
    Path config = dir.resolve("recipe.yaml");
    Files.writeString(config, """
        name: bad-recipe
        problems:
          - id: saddle
            steps: 5
            optimizers:
              - {name: adadelta, schedule: {type: warmup-cosine, warmupSteps: 2, finalFraction: 0}}
              - {name: sgd, learningRate: 0.1, schedule: {type: linear}}
              - {name: sgd, learningRate: 0.1, schedule: {type: step, step: 2}}
              - {name: adam, clipGlobalNorm: -1}
        """);
    Path results = dir.resolve("results");
    CliRun run = CliRun.of("run", config.toString(), "--results", results.toString());
    assertEquals(2, run.exitCode(), run.err());
    assertEquals("error: " + config + ": 4 errors:\n"
        + "  problems[0].optimizers[0].schedule: adadelta has no learning rate (no learningRate"
        + " hyperparameter), so it takes no schedule; remove schedule, or use an optimizer with a"
        + " learning rate\n"
        + "  problems[0].optimizers[1].schedule.type: 'linear' is not a schedule; accepted: step,"
        + " exponential, inverse, poly, sigmoid, cycle, map, warmup, warmup-cosine\n"
        + "  problems[0].optimizers[2].schedule.decayRate: is missing; step takes decayRate,"
        + " step\n"
        + "  problems[0].optimizers[3].clipGlobalNorm: -1 is not accepted; clipGlobalNorm must be"
        + " > 0 and finite\n", run.err());
    assertFalse(Files.exists(results), "nothing written");
  }

  @Test
  void aCycleWithoutRoomForItsRampsAWeightDecayWithoutALearningRateAndAListOfTypes()
      throws Exception {
    Path config = dir.resolve("recipe2.yaml");
    Files.writeString(config, """
        name: bad-recipe-2
        problems:
          - id: saddle
            steps: 5
            optimizers:
              - {name: sgd, learningRate: 0.1, schedule: {type: cycle, cycleLength: 4,
                 annealingLength: 10, maxLearningRate: 0.5, annealingDecay: 0.9}}
              - {name: sgd, learningRate: 0.1, schedule: {type: cycle, cycleLength: [2, 30],
                 annealingLength: 1, maxLearningRate: 0.5, annealingDecay: 0.9}}
              - {name: adadelta, weightDecay: 0.01}
              - {name: sgd, learningRate: 0.1, schedule: {type: [step, exponential]}}
        """);
    Path results = dir.resolve("results");
    CliRun run = CliRun.of("run", config.toString(), "--results", results.toString());
    assertEquals(2, run.exitCode(), run.err());
    assertEquals("error: " + config + ": 4 errors:\n"
        + "  problems[0].optimizers[0].schedule.cycleLength: 4 leaves no room for the two ramps"
        + " beside annealingLength 10; cycleLength must be at least annealingLength + 2\n"
        + "  problems[0].optimizers[1].schedule.cycleLength: 2 leaves no room for the two ramps"
        + " beside annealingLength 1; cycleLength must be at least annealingLength + 2\n"
        + "  problems[0].optimizers[2].weightDecay: decoupled weight decay steps η·λ·w with the"
        + " learning rate η, and adadelta has none; use l2: λ (the coupled penalty, added to the"
        + " gradient) instead\n"
        + "  problems[0].optimizers[3].schedule.type: [\"step\",\"exponential\"] is not"
        + " accepted; give one schedule type (an entry's schedule is not searched over types:"
        + " list one entry per type); accepted types: step, exponential, inverse, poly, sigmoid,"
        + " cycle, map, warmup, warmup-cosine\n", run.err());
    assertFalse(Files.exists(results), "nothing written");
  }
}
