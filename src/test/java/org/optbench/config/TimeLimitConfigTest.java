package org.optbench.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.optbench.experiment.Budget;
import org.optbench.experiment.TrialId;
import org.optbench.experiment.TrialSpec;

/**
 * {@code stop: {seconds: N}}: how it combines with {@code steps:}/{@code epochs:}, and that
 * trials without it keep the ids they always had.
 */
class TimeLimitConfigTest {
  private static final Path STORE = Path.of("src/test/resources/stores/format-v1");
  /** The id the checked-in store's ravine-2d trial (sgd, seed 0) was written under. */
  private static final String RAVINE_TRIAL_ID =
      "f770bee98a3389347edf67348bf357a29ef070fc8f0c6263b5e79594f0608000";

  private static ExperimentConfig parse(String yaml) {
    return ConfigLoader.parse(Path.of("t.yaml"), yaml);
  }

  @Test
  void aConfigWithoutAStopKeepsItsTrialIds() throws IOException {
    String yaml = Files.readString(STORE.resolve("experiment.resolved.yaml"));
    TrialSpec ravine = parse(yaml).trials().get(0);
    assertEquals(RAVINE_TRIAL_ID, TrialId.of(ravine).hex());
    assertFalse(ravine.budget().hasTimeLimit());
    assertFalse(ravine.description().containsKey("stop"));
  }

  @Test
  void aTimeLimitIsPartOfTheTrialsIdentity() throws IOException {
    String yaml = Files.readString(STORE.resolve("experiment.resolved.yaml"))
        .replaceFirst("  steps: 5\n", "  steps: 5\n  stop:\n    seconds: 60\n");
    TrialSpec timed = parse(yaml).trials().get(0);
    assertEquals(new Budget(Budget.Unit.STEPS, 5, 60), timed.budget());
    assertEquals(Map.of("seconds", 60.0), timed.description().get("stop"));
    assertNotEquals(RAVINE_TRIAL_ID, TrialId.of(timed).hex());
    // Without the time limit it is the stored trial again.
    assertEquals(RAVINE_TRIAL_ID,
        TrialId.of(timed.withBudget(new Budget(Budget.Unit.STEPS, 5))).hex());
  }

  @Test
  void stopWithAStepLimitEndsAtWhicheverComesFirstAndAloneHasNoStepHorizon() {
    ExperimentConfig config = parse("""
        name: t
        defaults: {stop: {seconds: 30}}
        optimizers: [{name: sgd, learningRate: 0.01}]
        problems:
          - {id: ravine-2d, steps: 100}
          - {id: saddle}
          - {id: rosenbrock, stop: {seconds: 0.5}, steps: 7}
          - {id: ravine-regression, epochs: 2}
        """);
    assertEquals(new Budget(Budget.Unit.STEPS, 100, 30), config.problems().get(0).budget());
    Budget timeOnly = config.problems().get(1).budget();
    assertEquals(Budget.timeOnly(30), timeOnly);
    assertFalse(timeOnly.hasStepLimit(), "no steps: anywhere, so the time limit alone");
    assertEquals(Long.MAX_VALUE, config.trials().get(1).totalSteps());
    assertEquals(new Budget(Budget.Unit.STEPS, 7, 0.5), config.problems().get(2).budget());
    assertEquals(new Budget(Budget.Unit.EPOCHS, 2, 30), config.problems().get(3).budget());
    assertTrue(config.trials().get(0).hasStepHorizon());
    assertFalse(config.trials().get(1).hasStepHorizon());
    assertEquals("100 steps or 30 s", config.problems().get(0).budget().toString());
    assertEquals("0.5 s", Budget.timeOnly(0.5).toString());
  }

  @Test
  void theResolvedConfigStatesTheTimeLimitAndLoadsToTheSamePlan() {
    ExperimentConfig config = parse("""
        name: t
        optimizers: [{name: sgd, learningRate: 0.01}]
        problems:
          - {id: saddle, stop: {seconds: 2}}
          - {id: ravine-2d, steps: 50, stop: {seconds: 1.5}}
        """);
    String resolved = ResolvedConfigWriter.toYaml(config);
    assertTrue(resolved.contains("  stop:\n    seconds: 2.0\n"), resolved);
    assertTrue(resolved.contains("  steps: 50\n"), resolved);
    ExperimentConfig again = parse(resolved);
    assertEquals(config.trials(), again.trials());
    assertEquals(resolved, ResolvedConfigWriter.toYaml(again));
  }
}
