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
}
