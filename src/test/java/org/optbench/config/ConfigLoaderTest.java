package org.optbench.config;

import org.optbench.testing.Optimizers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.optbench.problem.Target;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.UserInputException;
import org.optbench.experiment.BatchSize;
import org.optbench.experiment.Budget;
import org.optbench.experiment.DataOrder;
import org.optbench.experiment.TrialSpec;
import org.optbench.optimizer.OptimizerSpec;
import org.optbench.problem.ProblemCatalog;
import org.optbench.problem.ProblemSpec;
import org.optbench.problem.TestFunction;
import org.optbench.stats.Goal;

/** What valid configs resolve to: grids, defaults, batch sizes, the trial plan and file access. */
class ConfigLoaderTest {
  private static final Path FILE = Path.of("test.yaml");

  /**
   * perDecade: 2 over [1e-4, 1e-1] spans 3 decades, so 3 × 2 + 1 = 7 points 10^(−4 + i/2): the
   * powers of ten and, between them, √10 = 3.16227766016838… times a power of ten. The loader
   * keeps 12 significant digits, hence 3.16227766017.
   */
  @Test
  void logRangePerDecadeExpandsToHalfDecades() {
    assertEquals(List.of(1e-4, 3.16227766017e-4, 1e-3, 3.16227766017e-3, 1e-2, 3.16227766017e-2,
        1e-1), learningRates("{logRange: [1e-4, 1e-1], perDecade: 2}"));
  }

  /** points: 3 over two decades puts the middle point at the geometric mean, 0.01. */
  @Test
  void logRangePointsCountsTheEnds() {
    assertEquals(List.of(0.001, 0.01, 0.1),
        learningRates("{logRange: [1.0e-3, 1.0e-1], points: 3}"));
  }

  @Test
  void scalarAndListLearningRates() {
    assertEquals(List.of(0.05), learningRates("0.05"));
    assertEquals(List.of(0.3, 0.1, 0.2), learningRates("[0.3, 0.1, 0.2]"));
  }

  /**
   * Grids multiply in the optimizer's parameter order (learningRate before momentum), whatever
   * the order in the file, so trial order does not depend on how the YAML was written.
   */
  @Test
  void gridsMultiplyInParameterOrder() {
    ExperimentConfig config = parse("""
        name: grid
        problems:
          - id: saddle
            optimizers:
              - {name: nesterovs, momentum: [0.5, 0.9, 0.99], learningRate: [0.01, 0.1]}
              - {name: sgd, learningRate: 0.2}
        """);
    assertEquals(List.of(
        Optimizers.spec("nesterovs", 0.01, 0.5),
        Optimizers.spec("nesterovs", 0.01, 0.9),
        Optimizers.spec("nesterovs", 0.01, 0.99),
        Optimizers.spec("nesterovs", 0.1, 0.5),
        Optimizers.spec("nesterovs", 0.1, 0.9),
        Optimizers.spec("nesterovs", 0.1, 0.99),
        Optimizers.spec("sgd", 0.2)), config.problems().get(0).optimizers());
  }

  @Test
  void unsetHyperparametersTakeTheOptimizerDefaults() {
    ExperimentConfig config = parse("""
        name: defaults
        problems: [{id: saddle, optimizers: [{name: adam, beta2: 0.99}, {name: adadelta}]}]
        """);
    assertEquals(List.of(Optimizers.spec("adam", 1e-3, 0.9, 0.99, 1e-8),
        Optimizers.spec("adadelta", 0.95, 1e-6)), config.problems().get(0).optimizers());
  }

  /** A problem's own setting beats {@code defaults:}, which beats {@link Defaults}. */
  @Test
  void protocolSettingsCascade() {
    ExperimentConfig config = parse("""
        name: cascade
        defaults: {batchSize: 64, epochs: 3, evalEvery: 10, lossEvery: 5, divergenceFactor: 50}
        optimizers: [{name: sgd, learningRate: 0.1}]
        problems:
          - {id: ravine-regression, batchSize: 16, steps: 7, evalEvery: epoch, lossEvery: 2}
          - {id: mnist-logreg}
          - {id: saddle}
        """);
    ProblemPlan own = config.problems().get(0);
    assertEquals(List.of(new BatchSize(16)), own.batchSizes());
    assertEquals(new Budget(Budget.Unit.STEPS, 7), own.budget());
    assertEquals(0, own.evalEverySteps());
    assertEquals(2, own.lossEvery());
    assertEquals(50, own.divergenceFactor());

    ProblemPlan inherited = config.problems().get(1);
    assertEquals(List.of(new BatchSize(64)), inherited.batchSizes());
    assertEquals(new Budget(Budget.Unit.EPOCHS, 3), inherited.budget());
    assertEquals(10, inherited.evalEverySteps());
    assertEquals(5, inherited.lossEvery());
    assertEquals(50, inherited.divergenceFactor());

    // Epochs under defaults mean nothing to an analytic problem: it keeps its step budget.
    assertEquals(new Budget(Budget.Unit.STEPS, Defaults.ANALYTIC_STEPS),
        config.problems().get(2).budget());
  }

  @Test
  void silentConfigsTakeTheBuiltInDefaults() {
    ExperimentConfig config = parse("""
        name: bare
        optimizers: [{name: sgd}]
        problems: [{id: mnist-mlp}, {id: two-wells}]
        """);
    assertEquals("", config.description());
    assertEquals(Defaults.SEEDS, config.seeds());
    assertEquals(Optional.empty(), config.dataDir());
    assertEquals(Path.of(Defaults.RESULTS_DIR), config.resultsDir());
    assertTrue(config.download());
    assertEquals(Defaults.THREADS, config.threads());

    ProblemPlan image = config.problems().get(0);
    assertEquals(List.of(new BatchSize(Defaults.BATCH_SIZE)), image.batchSizes());
    assertEquals(new Budget(Budget.Unit.EPOCHS, Defaults.EPOCHS), image.budget());
    assertEquals(Defaults.EVAL_EVERY_STEPS, image.evalEverySteps());
    assertEquals(Defaults.LOSS_EVERY, image.lossEvery());
    assertEquals(ProblemCatalog.IMAGE_DIVERGENCE_FACTOR, image.divergenceFactor());
    assertEquals(new Budget(Budget.Unit.STEPS, Defaults.ANALYTIC_STEPS),
        config.problems().get(1).budget());
  }

  @Test
  void topLevelSettingsAreRead() {
    ExperimentConfig config = parse("""
        name: settings_1
        description: a study
        seeds: [7, 3]
        dataDir: data/here
        resultsDir: out
        download: false
        threads: 4
        optimizers: [{name: sgd}]
        problems: [{id: saddle}]
        """);
    assertEquals("settings_1", config.name());
    assertEquals("a study", config.description());
    assertEquals(List.of(7L, 3L), config.seeds());
    assertEquals(Optional.of(Path.of("data/here")), config.dataDir());
    assertEquals(Path.of("out"), config.resultsDir());
    assertFalse(config.download());
    assertEquals(4, config.threads());
  }

  @Test
  void problemParametersOverrideTheCatalogue() {
    ExperimentConfig config = parse("""
        name: params
        optimizers: [{name: sgd}]
        problems:
          - {id: ravine-2d, params: {kappa: 1000, start: [-4, 1]}}
          - {id: mnist-logreg, params: {trainExamples: 5000, evalExamples: 1000}}
          - {id: ravine-regression, params: {dimension: 3, samples: 50}}
        """);
    assertEquals(new ProblemSpec.Analytic(new TestFunction.Ravine2d(1000), List.of(-4.0, 1.0)),
        config.problems().get(0).problem());
    ProblemSpec.Image image = (ProblemSpec.Image) config.problems().get(1).problem();
    assertEquals(5000, image.trainExamples());
    assertEquals(10_000, image.validationExamples());
    assertEquals(1000, image.evalExamples());
    assertEquals(10_000, image.testExamples());
    ProblemSpec.RavineRegression regression =
        (ProblemSpec.RavineRegression) config.problems().get(2).problem();
    assertEquals(3, regression.dimension());
    assertEquals(50, regression.samples());
    assertEquals(List.of(0.0, 0.0, 0.0), regression.start());
  }

  @Test
  void batchSizesMayMixNumbersAndFull() {
    ExperimentConfig config = parse("""
        name: batches
        optimizers: [{name: sgd}]
        problems: [{id: ravine-regression, batchSize: [1, 32, full]}]
        """);
    assertEquals(List.of(new BatchSize(1), new BatchSize(32), BatchSize.FULL),
        config.problems().get(0).batchSizes());
  }

  /**
   * The plan is problem × optimizer × batch size × seed, except that analytic problems are
   * deterministic full-gradient runs: one batch size (full) and only the first seed.
   */
  @Test
  void analyticProblemsUseOneBatchSizeAndTheFirstSeed() {
    ExperimentConfig config = parse("""
        name: plan
        seeds: [5, 6, 7]
        defaults: {batchSize: [1, 32]}
        optimizers: [{name: sgd, learningRate: [0.01, 0.1]}]
        problems: [{id: ravine-2d}, {id: ravine-regression}]
        """);
    List<TrialSpec> trials = config.trials();
    assertEquals(2 + 2 * 2 * 3, trials.size());

    List<TrialSpec> analytic = trials.subList(0, 2);
    for (TrialSpec trial : analytic) {
      assertEquals("ravine-2d", trial.problem().id());
      assertEquals(BatchSize.FULL, trial.batchSize());
      assertEquals(5L, trial.seed());
    }
    assertEquals(List.of(0.01, 0.1),
        analytic.stream().map(t -> t.optimizer().learningRate()).toList());

    // Seeds vary fastest, then batch size, then the optimizer setting.
    TrialSpec first = trials.get(2);
    TrialSpec fourth = trials.get(5);
    TrialSpec seventh = trials.get(8);
    assertEquals(List.of(5L, 6L, 7L),
        trials.subList(2, 5).stream().map(TrialSpec::seed).toList());
    assertEquals(new BatchSize(1), first.batchSize());
    assertEquals(new BatchSize(32), fourth.batchSize());
    assertEquals(0.01, fourth.optimizer().learningRate());
    assertEquals(0.1, seventh.optimizer().learningRate());
    assertEquals(new BatchSize(1), seventh.batchSize());
  }

  @Test
  void loadReadsAFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("tiny.yaml");
    String yaml = "name: tiny\noptimizers: [{name: sgd}]\nproblems: [{id: saddle}]\n";
    Files.writeString(file, yaml);
    assertEquals(ConfigLoader.parse(file, yaml), ConfigLoader.load(file));
  }

  /** Errors from a loaded file name that file, as the user typed it. */
  @Test
  void loadErrorsNameTheFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("typo.yaml");
    Files.writeString(file, "name: typo\nproblems: [{id: sadle, optimizers: [{name: sgd}]}]\n");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
    assertEquals(file, e.file());
    assertTrue(e.getMessage().startsWith(file + ": problems[0].id: 'sadle' is not a problem;"
        + " did you mean 'saddle'?"), e.getMessage());
  }

  @Test
  void missingFileIsNamed(@TempDir Path dir) {
    Path file = dir.resolve("nope.yaml");
    UserInputException e = assertThrows(UserInputException.class, () -> ConfigLoader.load(file));
    assertFalse(e instanceof ConfigException);
    assertEquals("config file " + file + " does not exist; the configs folder holds examples,"
        + " e.g. configs/quickstart.yaml", e.getMessage());
  }

  @Test
  void directoryIsRefused(@TempDir Path dir) {
    UserInputException e = assertThrows(UserInputException.class, () -> ConfigLoader.load(dir));
    assertEquals(dir + " is a directory; give the path of a YAML experiment file, e.g."
        + " configs/quickstart.yaml", e.getMessage());
  }

  @Test
  void binaryFileIsRefused(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("results.zip");
    Files.write(file, new byte[] {'P', 'K', 3, 4, (byte) 0xC3, (byte) 0x28, (byte) 0xFF});
    UserInputException e = assertThrows(UserInputException.class, () -> ConfigLoader.load(file));
    assertEquals(file + " is not UTF-8 text; a config must be a YAML file", e.getMessage());
  }

  @Test
  void targetsDefaultPerProblemAndCanBeOverridden() {
    ExperimentConfig config = parse("""
        name: t
        optimizers: [{name: sgd}]
        problems:
          - {id: mnist-mlp}
          - {id: ravine-2d}
          - {id: fashion-mnist-mlp, target: {metric: validation_loss, value: 0.35}}
        """);
    assertEquals(new Target("test_accuracy", 0.97, Goal.MAX),
        config.problems().get(0).target());
    assertEquals(new Target("suboptimality", 1e-6, Goal.MIN),
        config.problems().get(1).target());
    assertEquals(new Target("validation_loss", 0.35, Goal.MIN),
        config.problems().get(2).target());
  }

  @Test
  void evalSubsetShrinksWithASmallTrainingSet() {
    ExperimentConfig config = parse("""
        name: t
        optimizers: [{name: sgd}]
        problems: [{id: mnist-logreg, params: {trainExamples: 1000}}]
        """);
    ProblemSpec.Image image = (ProblemSpec.Image) config.problems().get(0).problem();
    assertEquals(1000, image.evalExamples(), "min(10000, trainExamples)");
  }

  @Test
  void aBareProblemIdIsTheProblemWithItsDefaults() {
    ExperimentConfig bare = parse("name: b\noptimizers: [{name: sgd}]\nproblems: [mnist-mlp,"
        + " saddle]\n");
    ExperimentConfig mapped = parse("name: b\noptimizers: [{name: sgd}]\nproblems: [{id:"
        + " mnist-mlp}, {id: saddle}]\n");
    assertEquals(mapped, bare);
  }

  /** The image classifiers' loss cannot reach 100 × its start (it is clipped), others can. */
  @Test
  void divergenceFactorDefaultsPerProblemAndAConfigOverridesIt() {
    ExperimentConfig config = parse("""
        name: d
        optimizers: [{name: sgd}]
        problems: [mnist-mlp, ravine-regression, saddle, {id: fashion-mnist-2c2d,
          divergenceFactor: 8}]
        """);
    assertEquals(List.of(5.0, 100.0, 100.0, 8.0), config.problems().stream()
        .map(ProblemPlan::divergenceFactor).toList());
  }

  /**
   * A shuffle buffer cascades from the defaults like the other protocol settings, passes by a
   * problem without examples to order, and reaches every trial of its problem; without one,
   * epochs take a uniform permutation.
   */
  @Test
  void shuffleBufferCascadesAndOtherwiseEpochsTakeAPermutation() {
    ExperimentConfig config = parse("""
        name: s
        defaults: {shuffleBuffer: 500}
        optimizers: [{name: sgd, learningRate: [0.01, 0.1]}]
        problems: [ravine-regression, saddle, {id: mnist-mlp, shuffleBuffer: 20000},
                   {id: fashion-mnist-mlp, shuffleBuffer: none}]
        """);
    // none asks for the permutation back on a problem; the 2-D saddle has no order to take.
    assertEquals(List.of(new DataOrder(500), DataOrder.PERMUTATION, new DataOrder(20000),
            DataOrder.PERMUTATION),
        config.problems().stream().map(ProblemPlan::order).toList());
    assertEquals(List.of(new DataOrder(20000)), config.trials().stream()
        .filter(t -> t.problem().id().equals("mnist-mlp")).map(TrialSpec::order).distinct()
        .toList());
    assertEquals(DataOrder.PERMUTATION, parse("""
        name: p
        optimizers: [{name: sgd}]
        problems: [mnist-mlp]
        """).problems().get(0).order());
  }

  /** A batch of every example draws no order, so its trial is the one without a buffer. */
  @Test
  void aFullBatchTrialTakesNoShuffleBuffer() {
    ExperimentConfig config = parse("""
        name: f
        optimizers: [{name: sgd}]
        problems: [{id: ravine-regression, batchSize: [50, full], shuffleBuffer: 100}]
        """);
    assertEquals(new DataOrder(100), config.problems().get(0).order());
    assertEquals(List.of("50 " + new DataOrder(100), "full " + DataOrder.PERMUTATION),
        config.trials().stream().map(t -> t.batchSize() + " " + t.order()).distinct().toList());
  }

  private static ExperimentConfig parse(String yaml) {
    return ConfigLoader.parse(FILE, yaml);
  }

  /** The learning rates of an Sgd grid written as {@code learningRate: <grid>}. */
  private static List<Double> learningRates(String grid) {
    ExperimentConfig config = parse("name: lr\nproblems: [{id: saddle, optimizers: [{name: sgd,"
        + " learningRate: " + grid + "}]}]\n");
    return config.problems().get(0).optimizers().stream().map(OptimizerSpec::learningRate)
        .toList();
  }
}
