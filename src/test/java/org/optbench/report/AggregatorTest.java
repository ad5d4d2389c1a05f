package org.optbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.stats.Summary;

/** Aggregation over seeds on the hand-made store of {@link ResultStoreFixture}. */
class AggregatorTest {
  private static final double EPS = 1e-12;

  @TempDir
  Path dir;

  private List<SettingSummary> settings;

  @BeforeEach
  void read() {
    ResultStoreFixture fixture = ResultStoreFixture.standard(dir.resolve("hand-made"), "test");
    settings = Aggregator.summarize(StoreReader.read(fixture.root()));
  }

  private SettingSummary setting(String problem, String optimizer, double lr) {
    return settings.stream().filter(s -> s.problem().id().equals(problem)
        && s.optimizer().equals(optimizer) && s.learningRate() == lr).findFirst().orElseThrow();
  }

  private static Metric metric(SettingSummary s, String id) {
    return Metric.of(s.problem().kind()).stream().filter(m -> m.id().equals(id)).findFirst()
        .orElseThrow();
  }

  @Test
  void groupsTrialsIntoSettingsInPlanOrder() {
    assertEquals(5, settings.size());
    assertEquals(List.of("sgd", "adam", "adam", "sgd", "nesterovs"),
        settings.stream().map(SettingSummary::optimizer).toList());
    SettingSummary sgd = setting("mnist-mlp", "sgd", 0.1);
    assertEquals(3, sgd.planned());
    assertEquals("lr=0.1 batch=128", sgd.settingText());
    assertEquals("lr=0.005 momentum=0.9", setting("ravine-2d", "nesterovs", 0.005).settingText());
  }

  @Test
  void meanAndSampleStandardDeviationOverCompletedSeeds() {
    SettingSummary sgd = setting("mnist-mlp", "sgd", 0.1);
    // Completed seeds 0 and 1 end at test accuracy 0.92 and 0.94: mean 0.93, sample sd
    // sqrt(((0.92 - 0.93)² + (0.94 - 0.93)²) / (2 - 1)) = sqrt(0.0002) = 0.0141421...
    Summary test = sgd.stats(metric(sgd, "final_test_accuracy"));
    assertEquals(2, test.n());
    assertEquals(0.93, test.mean(), EPS);
    assertEquals(Math.sqrt(0.0002), test.std(), 1e-12);
    assertEquals("0.9300 ± 0.01414", Numbers.display(test));
    // Best over evaluations: 0.92 (seed 0) and 0.94 (seed 1), the diverged seed's 0.95 excluded.
    assertEquals(0.93, sgd.stats(metric(sgd, "best_test_accuracy")).mean(), EPS);
    // Final training loss 1 / (1 + 40) on both seeds: no spread.
    Summary train = sgd.stats(metric(sgd, "final_train_loss"));
    assertEquals(1.0 / 41, train.mean(), EPS);
    assertEquals(0.0, train.std(), EPS);
  }

  @Test
  void divergedSeedIsCountedAndNeverReachesTheTarget() {
    SettingSummary sgd = setting("mnist-mlp", "sgd", 0.1);
    assertEquals(2, sgd.completed());
    assertEquals(1, sgd.diverged());
    TimeToTarget t = sgd.toTarget();
    // Target test_accuracy ≥ 0.9. Seed 0 first meets it at iteration 20 (0.91), seed 1 at 10
    // (0.91); seed 2 shows 0.95 at iteration 10 but diverged, so it does not count.
    assertEquals(2, t.reached());
    assertEquals(3, t.eligible());
    assertEquals(15.0, t.steps().mean(), EPS);
    // Epochs: examples seen / 5120 = 2560 / 5120 = 0.5 and 1280 / 5120 = 0.25; mean 0.375.
    assertEquals(0.375, t.epochs().mean(), EPS);
    // Training time at those rows: 0.1 s per step, so 2.0 s and 1.0 s; mean 1.5 s.
    assertEquals(1.5, t.seconds().mean(), 1e-9);
    assertEquals("15", t.stepsText());
    assertEquals("2/3", t.reachedText());
  }

  @Test
  void aSettingThatNeverMeetsTheTargetSaysSo() {
    // adam lr=0.001 ends at test accuracy 0.90: reached at iteration 40 on both seeds.
    SettingSummary small = setting("mnist-mlp", "adam", 0.001);
    assertEquals("40", small.toTarget().stepsText());
    TimeToTarget never = new TimeToTarget(Summary.EMPTY, Summary.EMPTY, Summary.EMPTY, Summary.EMPTY, 0, 2,
        true);
    assertEquals("not reached", never.stepsText());
    assertEquals("not reached", never.secondsText());
    assertEquals("0/2", never.reachedText());
  }

  @Test
  void analyticTimeToTargetUsesCurveRows() {
    // f = ½(x² + 100y²) along x ← 0.985x, y ← −0.5y from (−4, 1): 58, 20.26, 10.66, 8.088.
    // The target suboptimality ≤ 10 is first met at step 3, after 0.003 s.
    SettingSummary sgd = setting("ravine-2d", "sgd", 0.015);
    assertEquals(3.0, sgd.toTarget().steps().mean(), EPS);
    assertEquals(0.003, sgd.toTarget().seconds().mean(), 1e-12);
    assertEquals("–", sgd.toTarget().epochsText());
    // The halving path: 58, 14.5, 3.625: step 2.
    assertEquals(2.0, setting("ravine-2d", "nesterovs", 0.005).toTarget().steps().mean(), EPS);
  }

  @Test
  void bestSettingIsChosenOnValidationNotTest() {
    List<SettingSummary> mnist = settings.stream()
        .filter(s -> s.problem().id().equals("mnist-mlp")).toList();
    List<SettingSummary> best = Aggregator.bestPerOptimizer(mnist);
    assertEquals(List.of("sgd", "adam"), best.stream().map(SettingSummary::optimizer).toList());
    SettingSummary adam = best.get(1);
    // lr=0.001: validation 0.98, test 0.90; lr=0.01: validation 0.95, test 0.97. Choosing on
    // test would return lr=0.01.
    assertEquals(0.001, adam.learningRate(), 0);
    assertEquals(0.90, adam.stats(metric(adam, "final_test_accuracy")).mean(), EPS);
  }

  @Test
  void analyticSelectionUsesFinalSuboptimality() {
    List<SettingSummary> ravine = settings.stream()
        .filter(s -> s.problem().id().equals("ravine-2d")).toList();
    // Final f: sgd ½((−4·0.985⁵)² + 100(0.5⁵)²) ≈ 6.93; nesterovs 58 / 4⁵ ≈ 0.0566.
    List<Aggregator.LrRow> rows = Aggregator.learningRateRows(ravine);
    assertEquals(2, rows.size());
    assertTrue(rows.stream().allMatch(Aggregator.LrRow::overallBest));
    SettingSummary nesterovs = setting("ravine-2d", "nesterovs", 0.005);
    assertEquals(58.0 / 1024, nesterovs.stats(metric(nesterovs, "final_suboptimality")).mean(),
        1e-12);
  }

  @Test
  void learningRateRowsListEveryRateOnceAndMarkTheBest() {
    List<SettingSummary> mnist = settings.stream()
        .filter(s -> s.problem().id().equals("mnist-mlp")).toList();
    List<Aggregator.LrRow> rows = Aggregator.learningRateRows(mnist);
    assertEquals(List.of(0.1, 0.001, 0.01),
        rows.stream().map(Aggregator.LrRow::learningRate).toList());
    assertTrue(rows.get(1).overallBest());
    assertFalse(rows.get(2).overallBest());
  }

  @Test
  void aTrialListedTwiceInTheIndexCountsOnce() {
    ResultStoreFixture fixture = ResultStoreFixture.standard(dir.resolve("twice"), "test");
    fixture.listTwice("mnist-mlp", "sgd", 0);
    List<SettingSummary> again = Aggregator.summarize(StoreReader.read(fixture.root()));
    SettingSummary sgd = again.get(0);
    assertEquals(3, sgd.planned());
    assertEquals(0.93, sgd.stats(metric(sgd, "final_test_accuracy")).mean(), EPS);
  }

  @Test
  void completeStoreHasNoGaps() {
    assertTrue(Aggregator.gaps(settings).isEmpty());
  }
}
