package org.optbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.config.ConfigException;
import org.optbench.config.ConfigLoader;
import org.optbench.config.ExperimentConfig;
import org.optbench.config.ResolvedConfigWriter;
import org.optbench.experiment.TrialId;
import org.optbench.experiment.TrialSpec;
import org.optbench.result.SelectionFile;
import org.optbench.result.SelectionRow;
import org.optbench.result.TrialResult;
import org.optbench.result.TrialStatus;
import org.optbench.stats.Goal;

/**
 * Tuning over several seeds on hand-made results: each setting is scored by the median of its
 * tuning seeds' validation accuracy, so a setting that one lucky seed favours does not win.
 */
class MultiSeedTuningTest {
  /** Two sgd settings, three tuning seeds (7, 8, 9), evaluation seeds 0-2. */
  private static final String CONFIG = """
      name: t
      protocol: tune-then-evaluate
      tuning: {search: grid, seed: 7, seeds: 3}
      seeds: [0, 1, 2]
      problems:
        - id: mnist-mlp
          optimizers:
            - {name: sgd, learningRate: [0.01, 0.1]}
      """;
  private static final double DIVERGED = Double.NaN;

  @TempDir
  Path dir;

  private static ExperimentConfig config(String yaml) {
    return ConfigLoader.parse(Path.of("t.yaml"), yaml);
  }

  /**
   * @param perSetting validation accuracy of each setting (plan order) on each tuning seed, NaN
   *     for a seed that diverged
   */
  private static Map<String, TrialResult> results(ExperimentConfig config,
      double[][] perSetting) {
    List<PlannedTrial> tuning = TuneThenEvaluate.tuning(config);
    int seeds = perSetting[0].length;
    Map<String, TrialResult> results = new HashMap<>();
    for (int i = 0; i < tuning.size(); i++) {
      TrialSpec spec = tuning.get(i).spec();
      double v = perSetting[i / seeds][i % seeds];
      results.put(TrialId.of(spec).hex(), result(spec, Double.isNaN(v) ? TrialStatus.DIVERGED
          : TrialStatus.COMPLETED, Map.of("validation_accuracy", v, "test_accuracy", 0.5)));
    }
    return results;
  }

  @Test
  void eachSettingTrainsWithEveryTuningSeedAndTheFirstIsTheOneSeedTrial() {
    ExperimentConfig config = config(CONFIG);
    List<PlannedTrial> tuning = TuneThenEvaluate.tuning(config);
    assertEquals(List.of(7L, 8L, 9L, 7L, 8L, 9L),
        tuning.stream().map(t -> t.spec().seed()).toList());
    // The one-seed tuning of the same config plans exactly the first seed's trials.
    List<PlannedTrial> oneSeed = TuneThenEvaluate.tuning(config(CONFIG.replace(", seeds: 3",
        "")));
    assertEquals(List.of(tuning.get(0), tuning.get(3)), oneSeed);
    // A deterministic problem has nothing to gain from more seeds: it tunes with the first.
    ExperimentConfig analytic = config(CONFIG.replace("mnist-mlp", "ravine-2d"));
    assertEquals(List.of(7L, 7L), TuneThenEvaluate.tuning(analytic).stream()
        .map(t -> t.spec().seed()).toList());
  }

  @Test
  void theMedianOverSeedsChoosesTheSettingOneLuckySeedWouldNot() {
    // lr 0.01: 0.95 on seed 7 (lucky), 0.80 and 0.82 on the others: sorted 0.80, 0.82, 0.95,
    // median 0.82. lr 0.1: 0.90, 0.88, 0.89: sorted 0.88, 0.89, 0.90, median 0.89.
    double[][] values = {{0.95, 0.80, 0.82}, {0.90, 0.88, 0.89}};
    ExperimentConfig config = config(CONFIG);
    TuneThenEvaluate.Choice choice = TuneThenEvaluate.choose(config, results(config, values))
        .get(0);
    List<PlannedTrial> tuning = TuneThenEvaluate.tuning(config);
    assertEquals(tuning.get(3).spec(), choice.chosen().orElseThrow(), "lr 0.1, seed 7's trial");
    assertEquals(0.89, choice.value(), 0.0);
    assertEquals(List.of(7L, 8L, 9L), List.copyOf(choice.seedValues().keySet()));
    assertEquals(List.of(0.90, 0.88, 0.89), List.copyOf(choice.seedValues().values()));
    assertEquals(2, choice.candidates());
    assertEquals(0, choice.excluded());

    // Seed 7 alone, as a one-seed tuning scores it, picks lr 0.01.
    ExperimentConfig oneSeed = config(CONFIG.replace(", seeds: 3", ""));
    TuneThenEvaluate.Choice lucky = TuneThenEvaluate.choose(oneSeed,
        results(oneSeed, new double[][] {{0.95}, {0.90}})).get(0);
    assertEquals(tuning.get(0).spec(), lucky.chosen().orElseThrow(), "lr 0.01");
    assertEquals(0.95, lucky.value(), 0.0);
    assertTrue(lucky.seedValues().isEmpty());
  }

  @Test
  void aDivergedSeedCountsAsTheWorstValue() {
    ExperimentConfig config = config(CONFIG);
    List<PlannedTrial> tuning = TuneThenEvaluate.tuning(config);
    // lr 0.1's best seed diverged: sorted −∞, 0.88, 0.89, median 0.88 > lr 0.01's 0.82.
    TuneThenEvaluate.Choice one = TuneThenEvaluate.choose(config, results(config,
        new double[][] {{0.95, 0.80, 0.82}, {DIVERGED, 0.88, 0.89}})).get(0);
    assertEquals(tuning.get(3).spec(), one.chosen().orElseThrow());
    assertEquals(0.88, one.value(), 0.0);
    assertEquals(Double.NEGATIVE_INFINITY, one.seedValues().get(7L));

    // Two of three diverged: the median is −∞, the setting is excluded, lr 0.01 is chosen.
    TuneThenEvaluate.Choice two = TuneThenEvaluate.choose(config, results(config,
        new double[][] {{0.95, 0.80, 0.82}, {DIVERGED, DIVERGED, 0.99}})).get(0);
    assertEquals(tuning.get(0).spec(), two.chosen().orElseThrow());
    assertEquals(0.82, two.value(), 0.0);
    assertEquals(1, two.excluded());
  }

  @Test
  void anEvenNumberOfSeedsTakesTheMeanOfTheTwoMiddleValues() {
    ExperimentConfig config = config(CONFIG.replace("seeds: 3", "seeds: 2"));
    // lr 0.01: (0.80 + 0.95) / 2 = 0.875; lr 0.1: (0.88 + 0.90) / 2 = 0.89.
    TuneThenEvaluate.Choice choice = TuneThenEvaluate.choose(config, results(config,
        new double[][] {{0.95, 0.80}, {0.90, 0.88}})).get(0);
    assertEquals(TuneThenEvaluate.tuning(config).get(2).spec(), choice.chosen().orElseThrow());
    assertEquals((0.88 + 0.90) / 2, choice.value(), 0.0);
    assertEquals(0.875, TuneThenEvaluate.median(List.of(0.95, 0.80), Goal.MAX.worst()), 1e-15);
    assertEquals(Double.NEGATIVE_INFINITY, TuneThenEvaluate.median(
        List.of(Double.NEGATIVE_INFINITY, 0.9), Goal.MAX.worst()));
    assertEquals(Double.POSITIVE_INFINITY, TuneThenEvaluate.median(
        List.of(Double.POSITIVE_INFINITY, 1e-3), Goal.MIN.worst()));
  }

  @Test
  void selectionCsvRecordsEachSeedsValueOnlyWhenThereAreSeveral() throws Exception {
    Map<Long, Double> values = new LinkedHashMap<>();
    values.put(7L, 0.9);
    values.put(8L, Double.NEGATIVE_INFINITY);
    values.put(9L, 0.89);
    SelectionRow several = new SelectionRow("mnist-mlp", "sgd", 0, "ab", "validation_accuracy",
        0.89, 2, 0, values);
    SelectionFile.write(dir, List.of(several));
    String text = Files.readString(dir.resolve("selection.csv"));
    assertEquals("problem,optimizer,entry,trial_id,metric,value,candidates,excluded,seed_values\n"
        + "mnist-mlp,sgd,0,ab,validation_accuracy,0.89,2,0,7=0.9;8=diverged;9=0.89\n", text);
    assertEquals(List.of(several), SelectionFile.read(dir).orElseThrow());

    SelectionRow one = new SelectionRow("mnist-mlp", "sgd", 0, "ab", "validation_accuracy",
        0.95, 2, 0);
    SelectionFile.write(dir, List.of(one));
    assertEquals("problem,optimizer,entry,trial_id,metric,value,candidates,excluded\n"
        + "mnist-mlp,sgd,0,ab,validation_accuracy,0.95,2,0\n",
        Files.readString(dir.resolve("selection.csv")));
    assertEquals(List.of(one), SelectionFile.read(dir).orElseThrow());
  }

  @Test
  void theResolvedConfigStatesSeveralTuningSeedsOnly() {
    String several = ResolvedConfigWriter.toYaml(config(CONFIG));
    assertTrue(several.contains("  seed: 7\n  seeds: 3\n"), several);
    assertEquals(config(CONFIG), config(several).withName("t"));
    String one = ResolvedConfigWriter.toYaml(config(CONFIG.replace(", seeds: 3", "")));
    assertTrue(!one.contains("seeds: 1"), one);
  }

  @Test
  void badTuningSeedsAreNamed() {
    ConfigException zero = assertThrows(ConfigException.class,
        () -> config(CONFIG.replace("seeds: 3", "seeds: 0")));
    assertEquals("t.yaml: tuning.seeds: 0 is not accepted; expected how many seeds score each"
        + " tuning setting, an integer from 1 to 1000 (the top-level seeds: is the list of"
        + " evaluation seeds)", zero.getMessage());
    ConfigException overlap = assertThrows(ConfigException.class,
        () -> config(CONFIG.replace("seeds: [0, 1, 2]", "seeds: [0, 8]")));
    assertEquals("t.yaml: seeds: contains the tuning seed 8 (tuning.seeds: 3 uses seeds 7 to"
        + " 9); evaluation seeds must differ from them, or the runs that chose a setting would"
        + " also count in its evaluation (set tuning.seed or seeds)", overlap.getMessage());
  }

  private static TrialResult result(TrialSpec spec, TrialStatus status,
      Map<String, Double> metrics) {
    return new TrialResult(TrialId.of(spec).hex(), spec.problem().id(), spec.optimizer().id(),
        spec.optimizer().hyperparameters(), spec.batchSize().toString(), spec.seed(), status,
        null, 10, 1, 1280, status == TrialStatus.DIVERGED ? 3 : -1, 1.0, 0.1, 1, "", "",
        metrics, null);
  }
}
