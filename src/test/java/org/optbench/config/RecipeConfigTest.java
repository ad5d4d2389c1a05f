package org.optbench.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.optbench.experiment.TrialId;
import org.optbench.experiment.TrialSpec;
import org.optbench.optimizer.Recipe;
import org.optbench.optimizer.ScheduleKind;

/**
 * Recipe keys of optimizer entries: parsed into specs, searched like hyperparameters, written
 * back by the resolved config, refused with named errors, and absent from the identity of
 * trials that do not use them.
 */
class RecipeConfigTest {
  private static final Path FILE = Path.of("bad.yaml");

  /**
   * Ids of three quickstart trials as optbench computed them before recipes existed: a recipe
   * at its default must leave every existing trial id (and folder) as it was.
   */
  @Test
  void trialsWithoutARecipeKeepTheirIds() {
    ExperimentConfig quickstart = ConfigLoader.load(Path.of("configs/quickstart.yaml"));
    Map<String, String> known = Map.of(
        "ravine-2d sgd", "b0758e87c2e094f3f32c303000360537dcd927854053afd5b1d27e5325f6a813",
        "ravine-regression sgd",
        "dc00d98f0a40af90235cc2662f3139bb288731245d309f852d68e6cd49e38944",
        "mnist-mlp adam", "4b3da81efd42b79f69e7127a8568c988d38502319bd6f18c6a358752d3d7f9f0");
    int found = 0;
    for (TrialSpec t : quickstart.trials()) {
      String key = t.problem().id() + " " + t.optimizer().id();
      if (known.containsKey(key)) {
        assertEquals(Recipe.NONE, t.optimizer().recipe());
        assertEquals(known.get(key), TrialId.of(t).hex(), key);
        found++;
      }
    }
    assertEquals(3, found);
  }

  @Test
  void theRecipeConfigComparesFourOptimizersUnderWarmupCosine() {
    ExperimentConfig c = ConfigLoader.load(Path.of("configs/recipe.yaml"));
    List<TrialSpec> trials = c.trials();
    assertEquals(8, trials.size(), "4 optimizers x 2 seeds");
    assertEquals(List.of("adam", "adamw", "sgdm", "lion"), trials.stream()
        .map(t -> t.optimizer().id()).distinct().toList());
    for (TrialSpec t : trials) {
      assertEquals("mnist-mlp", t.problem().id());
      assertEquals(300, t.totalSteps(), "a few hundred steps");
      assertEquals(ScheduleKind.WARMUP_COSINE, t.optimizer().recipe().schedule().kind());
      assertEquals(1.0, t.optimizer().recipe().clipGlobalNorm());
    }
  }

  @Test
  void aRecipeIsPartOfTheSpecAndChangesTheId() {
    ExperimentConfig plain = ConfigLoader.parse(FILE, """
        name: t
        problems: [{id: ravine-2d, steps: 50, optimizers: [{name: sgd, learningRate: 0.01}]}]
        """);
    ExperimentConfig scheduled = ConfigLoader.parse(FILE, """
        name: t
        problems:
          - id: ravine-2d
            steps: 50
            optimizers:
              - name: sgd
                learningRate: 0.01
                schedule: {type: warmup-cosine, warmupSteps: 5, finalFraction: 0.0}
                weightDecay: 1.0e-4
                clipGlobalNorm: 2
        """);
    TrialSpec a = plain.trials().get(0);
    TrialSpec b = scheduled.trials().get(0);
    Recipe r = b.optimizer().recipe();
    assertEquals(ScheduleKind.WARMUP_COSINE, r.schedule().kind());
    assertEquals(Map.of("warmupSteps", 5.0, "finalFraction", 0.0), r.schedule().values());
    assertEquals(1e-4, r.weightDecay());
    assertEquals(false, r.decayBiases());
    assertEquals(2.0, r.clipGlobalNorm());
    assertEquals(a.optimizer().hyperparameters(), b.optimizer().hyperparameters());
    assertNotEquals(TrialId.of(a), TrialId.of(b));
    assertEquals(Map.of("type", "warmup-cosine", "warmupSteps", 5.0, "finalFraction", 0.0),
        r.description().get("schedule"));
    assertEquals(List.of("problem", "optimizer", "batchSize", "steps", "evalEverySteps",
        "lossEvery", "divergenceFactor", "threads", "seed"),
        List.copyOf(b.description().keySet()));
  }

  @Test
  void recipeNumbersAreGridAxes() {
    ExperimentConfig c = ConfigLoader.parse(FILE, """
        name: t
        problems:
          - id: ravine-2d
            steps: 50
            optimizers:
              - name: sgd
                learningRate: [0.01, 0.02]
                schedule: {type: step, decayRate: [0.5, 0.1], step: 10}
                l2: 0.001
                decayBiases: true
        """);
    List<TrialSpec> trials = c.trials();
    assertEquals(4, trials.size());
    assertEquals(List.of(0.5, 0.1, 0.5, 0.1), trials.stream()
        .map(t -> t.optimizer().recipe().schedule().values().get("decayRate")).toList());
    assertEquals(List.of(0.01, 0.01, 0.02, 0.02), trials.stream()
        .map(t -> t.optimizer().learningRate()).toList());
    assertEquals(true, trials.get(0).optimizer().recipe().decayBiases());
    assertEquals(0.001, trials.get(0).optimizer().recipe().l2());
  }

  @Test
  void theResolvedConfigWritesTheRecipeAndLoadsToTheSamePlan() throws Exception {
    ExperimentConfig c = ConfigLoader.parse(FILE, """
        name: t
        problems:
          - id: mnist-logreg
            steps: 40
            batchSize: 100
            optimizers:
              - name: adam
                schedule: {type: map, values: {0: 1.0, 20: 0.1}}
                l2: [0.001, 0.01]
                gradientNormalization: {mode: ClipL2PerLayer, threshold: 1.5}
              - name: sgdm
                schedule: {type: poly, power: 2, unit: epochs}
                weightDecay: 0.0005
                decayBiases: true
                clipGlobalNorm: 1
        """);
    String yaml = ResolvedConfigWriter.toYaml(c);
    assertEquals(true, yaml.contains("decayBiases: false"), yaml);
    assertEquals(true, yaml.contains("decayBiases: true"), yaml);
    ExperimentConfig again = ConfigLoader.parse(FILE, yaml);
    assertEquals(c.trials(), again.trials());
    assertEquals(c.trials().stream().map(TrialId::of).toList(),
        again.trials().stream().map(TrialId::of).toList());
  }

  @Test
  void badRecipesAreNamedErrors() {
    String yaml = """
        name: t
        problems:
          - id: mnist-logreg
            optimizers:
              - {name: adadelta, schedule: {type: warmup, warmupSteps: 10}}
              - {name: adam, schedule: {type: cosine}}
              - {name: adam, schedule: {type: warmup-cosine, warmupSteps: -5}}
              - {name: adam, weightDecay: -0.1}
              - {name: adam, clipGlobalNorm: 0}
              - {name: adam, schedule: {type: step, decayRate: 0.5, step: 10, unit: days}}
              - {name: adam, decayBiases: true}
              - {name: adam, gradientNormalization: {mode: ClipSomehow}}
          - id: saddle
            optimizers: [{name: adam, gradientNormalization: {mode: RenormalizeL2PerLayer}}]
        """;
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(FILE,
        yaml));
    String p = "problems[0].optimizers";
    assertEquals(List.of(
        p + "[0].schedule: adadelta has no learning rate (no learningRate hyperparameter), so it"
            + " takes no schedule; remove schedule, or use an optimizer with a learning rate",
        p + "[1].schedule.type: 'cosine' is not a schedule; accepted: step, exponential,"
            + " inverse, poly, sigmoid, cycle, map, warmup, warmup-cosine",
        p + "[2].schedule.warmupSteps: -5 is not accepted; warmupSteps must be an integer >= 0",
        p + "[2].schedule.finalFraction: is missing; warmup-cosine takes warmupSteps,"
            + " finalFraction",
        p + "[3].weightDecay: -0.1 is not accepted; weightDecay must be >= 0 and finite",
        p + "[4].clipGlobalNorm: 0 is not accepted; clipGlobalNorm must be > 0 and finite",
        p + "[5].schedule.unit: 'days' is not accepted; step counts iterations or epochs;"
            + " accepted: iterations, epochs",
        p + "[6].decayBiases: says whether weightDecay or l2 act on biases, but the entry sets"
            + " neither; add weightDecay: or l2:, or remove decayBiases",
        p + "[7].gradientNormalization.mode: \"ClipSomehow\" is not accepted; accepted modes:"
            + " RenormalizeL2PerLayer, RenormalizeL2PerParamType, ClipElementWiseAbsoluteValue,"
            + " ClipL2PerLayer, ClipL2PerParamType (e.g. {mode: ClipL2PerLayer, threshold: 1.0})",
        "problems[1].optimizers[0].gradientNormalization: does not apply to saddle, a 2-D"
            + " function with no layers; use clipGlobalNorm: c to clip its gradient"),
        e.errors().stream().map(x -> x.path() + ": " + x.message()).toList());
  }

  @Test
  void recipeIntervalsNeedRandomSearch() {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(FILE, """
        name: t
        problems:
          - id: saddle
            optimizers: [{name: adam, weightDecay: {logUniform: [1.0e-5, 1.0e-2]}}]
        """));
    assertEquals("problems[0].optimizers[0].weightDecay", e.errors().get(0).path());
  }
}
