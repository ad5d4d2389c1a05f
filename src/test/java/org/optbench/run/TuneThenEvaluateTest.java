package org.optbench.run;

import org.optbench.testing.Optimizers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.optbench.experiment.Arm;
import org.optbench.config.ConfigLoader;
import org.optbench.config.ExperimentConfig;
import org.optbench.experiment.TrialId;
import org.optbench.experiment.TrialSpec;
import org.optbench.optimizer.OptimizerSpec;
import org.optbench.result.TrialResult;
import org.optbench.result.TrialStatus;

/** The tune-then-evaluate protocol on hand-made results: no training involved. */
class TuneThenEvaluateTest {
  private static final String CONFIG = """
      name: t
      protocol: tune-then-evaluate
      tuning: {search: random, budget: 4, seed: 7}
      seeds: [0, 1, 2]
      problems:
        - id: mnist-mlp
          optimizers:
            - {name: sgd, learningRate: {logUniform: [1.0e-3, 1.0]}}
            - {name: adam, learningRate: {logUniform: [1.0e-4, 1.0e-2]}}
      """;

  private static ExperimentConfig config(String yaml) {
    return ConfigLoader.parse(Path.of("t.yaml"), yaml);
  }

  @Test
  void tuningDrawsAnEqualSeededBudgetPerOptimizerWithTheTuningSeed() {
    List<PlannedTrial> tuning = TuneThenEvaluate.tuning(config(CONFIG));
    assertEquals(8, tuning.size(), "4 settings x 2 optimizers x 1 batch size");
    assertEquals(4, tuning.stream().filter(t -> t.spec().optimizer().id().equals("sgd")).count());
    assertTrue(tuning.stream().allMatch(t -> t.spec().seed() == 7));
    assertTrue(tuning.stream().allMatch(t -> t.arm().equals(Arm.TUNING)));
    assertEquals(tuning, TuneThenEvaluate.tuning(config(CONFIG)), "the draws are seeded");
    assertEquals(4, tuning.stream().map(t -> t.spec().optimizer()).distinct().limit(4).count());
    for (PlannedTrial t : tuning) {
      double lr = t.spec().optimizer().learningRate();
      boolean sgd = t.spec().optimizer().id().equals("sgd");
      assertTrue(sgd ? lr >= 1e-3 && lr <= 1 : lr >= 1e-4 && lr <= 1e-2, t.toString());
    }
    // Another entry has its own stream: adding one does not change the existing draws.
    List<PlannedTrial> more = TuneThenEvaluate.tuning(config(CONFIG.replace(
        "            - {name: adam, learningRate: {logUniform: [1.0e-4, 1.0e-2]}}",
        "            - {name: adam, learningRate: {logUniform: [1.0e-4, 1.0e-2]}}\n"
            + "            - {name: nadam}")));
    assertEquals(tuning, more.subList(0, 8));
  }

  @Test
  void selectionUsesValidationNeverTest() {
    ExperimentConfig config = config(CONFIG);
    List<PlannedTrial> tuning = TuneThenEvaluate.tuning(config);
    Map<String, TrialResult> results = new HashMap<>();
    // For sgd, validation accuracy rises with the index and test accuracy falls: the last setting
    // is best on validation, the first on test. Selection must pick the last.
    for (int i = 0; i < tuning.size(); i++) {
      TrialSpec spec = tuning.get(i).spec();
      int k = i % 4;
      results.put(TrialId.of(spec).hex(), result(spec, TrialStatus.COMPLETED,
          Map.of("validation_accuracy", 0.90 + 0.01 * k, "test_accuracy", 0.99 - 0.01 * k)));
    }
    List<TuneThenEvaluate.Choice> choices = TuneThenEvaluate.choose(config, results);
    assertEquals(2, choices.size());
    assertEquals(tuning.get(3).spec(), choices.get(0).chosen().orElseThrow());
    assertEquals("validation_accuracy", choices.get(0).metric());
    assertEquals(0.93, choices.get(0).value(), 1e-12);
  }

  @Test
  void divergedTrialsAreNeverChosenAndAnAllDivergedOptimizerGetsNoEvaluation() {
    ExperimentConfig config = config(CONFIG);
    List<PlannedTrial> tuning = TuneThenEvaluate.tuning(config);
    Map<String, TrialResult> results = new HashMap<>();
    for (int i = 0; i < tuning.size(); i++) {
      TrialSpec spec = tuning.get(i).spec();
      boolean sgd = i < 4;
      // sgd: the setting with the highest validation accuracy diverged; adam: all diverged.
      TrialStatus status = !sgd || i == 2 ? TrialStatus.DIVERGED : TrialStatus.COMPLETED;
      results.put(TrialId.of(spec).hex(), result(spec, status,
          Map.of("validation_accuracy", i == 2 ? 0.99 : 0.5 + 0.01 * i)));
    }
    List<TuneThenEvaluate.Choice> choices = TuneThenEvaluate.choose(config, results);
    assertEquals(tuning.get(3).spec(), choices.get(0).chosen().orElseThrow());
    assertEquals(1, choices.get(0).excluded());
    assertTrue(choices.get(1).chosen().isEmpty());
    assertEquals(4, choices.get(1).excluded());

    List<PlannedTrial> arms = TuneThenEvaluate.evaluation(config, choices);
    // sgd's choice x 3 seeds, then the defaults arm: sgd and adam x 3 seeds.
    assertEquals(9, arms.size());
    assertEquals(List.of(0L, 1L, 2L), arms.subList(0, 3).stream().map(t -> t.spec().seed())
        .toList());
    assertTrue(arms.subList(0, 3).stream().allMatch(t -> t.arm().equals(Arm.EVALUATION)
        && t.spec().optimizer().equals(tuning.get(3).spec().optimizer())));
    List<PlannedTrial> defaults = arms.subList(3, 9);
    assertTrue(defaults.stream().allMatch(t -> t.arm().equals(Arm.DEFAULTS)));
    assertEquals(Optimizers.spec("sgd", 1e-3), defaults.get(0).spec().optimizer());
    assertEquals(Optimizers.spec("adam", 1e-3, 0.9, 0.999, 1e-8), defaults.get(3).spec().optimizer());
    // Paired seeds: every optimizer in every arm sees the same seeds.
    assertEquals(defaults.subList(0, 3).stream().map(t -> t.spec().seed()).toList(),
        defaults.subList(3, 6).stream().map(t -> t.spec().seed()).toList());
  }

  @Test
  void evaluationSeedsMustNotContainTheTuningSeed() {
    String yaml = CONFIG.replace("seeds: [0, 1, 2]", "seeds: [5, 7]");
    org.optbench.config.ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(
        org.optbench.config.ConfigException.class, () -> config(yaml));
    assertEquals("t.yaml: seeds: contains the tuning seed 7; evaluation seeds must differ from"
        + " it, or the run that chose a setting would also count in its evaluation (set"
        + " tuning.seed or seeds)", e.getMessage());
  }

  @Test
  void defaultsGiveTenEvaluationSeedsAndATuningSeedOutsideThem() {
    ExperimentConfig config = config(CONFIG.replace("tuning: {search: random, budget: 4, seed: 7}\n"
        + "seeds: [0, 1, 2]\n", ""));
    assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L), config.seeds());
    assertEquals(1000, config.protocol().seed());
    assertEquals(20, config.protocol().budget());
    assertNotEquals(List.of(), TuneThenEvaluate.tuning(config));
  }

  private static TrialResult result(TrialSpec spec, TrialStatus status,
      Map<String, Double> metrics) {
    return new TrialResult(TrialId.of(spec).hex(), spec.problem().id(), spec.optimizer().id(),
        spec.optimizer().hyperparameters(), spec.batchSize().toString(), spec.seed(), status,
        null, 10, 1, 1280, status == TrialStatus.DIVERGED ? 3 : -1, 1.0, 0.1, 1, "", "",
        metrics, null);
  }
}
