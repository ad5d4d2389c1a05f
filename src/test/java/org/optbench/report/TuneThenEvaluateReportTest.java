package org.optbench.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYShapeRenderer;
import org.junit.jupiter.api.Test;
import org.optbench.experiment.Arm;
import org.optbench.testing.FileHashes;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of a tune-then-evaluate store, on the hand-made store of
 * {@link ResultStoreFixture#tuneThenEvaluate}: every statistic is checked against a value worked
 * out by hand in the comments.
 */
class TuneThenEvaluateReportTest {
  private static final double EPS = 1e-12;

  @TempDir
  Path dir;

  private ProblemStudy.All studies(boolean grid) {
    return ProblemStudy.of(StoreReader.read(
        ResultStoreFixture.tuneThenEvaluate(dir.resolve(grid ? "grid" : "random"), grid)
            .root()));
  }

  private static ProblemStudy study(ProblemStudy.All all, String problem) {
    return all.studies().stream().filter(s -> s.problem().id().equals(problem)).findFirst()
        .orElseThrow();
  }

  private static Map<String, Comparisons.Row> byLabel(Comparisons.Result r) {
    return r.rows().stream().collect(Collectors.toMap(x -> x.contender().label(),
        Function.identity()));
  }

  private static List<CSVRecord> csv(Path file) throws IOException {
    return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
        .parse(new StringReader(Files.readString(file))).getRecords();
  }

  @Test
  void storeIsReadByArm() {
    ProblemStudy.All all = studies(false);
    assertTrue(all.warnings().isEmpty(), all.warnings().toString());
    ProblemStudy mnist = study(all, "mnist-mlp");
    // Three entries with three tuning trials each; one chosen setting per entry.
    assertEquals(List.of(3, 3, 3), mnist.tuning().stream().map(e -> e.trials().size()).toList());
    assertEquals(9, mnist.searchSettings().size());
    assertEquals(List.of("sgd", "nesterovs", "adam"),
        mnist.contenders().stream().map(Contender::label).toList());
    // Evaluation: seven seeds each; the tuning seed 1000 is not among them.
    for (Contender c : mnist.contenders()) {
      assertEquals(7, c.setting().planned(), c.label());
      assertTrue(c.setting().trials().stream().noneMatch(t -> t.seed() == 1000), c.label());
    }
    // Adam's defaults are its chosen setting: the same seven trials serve both arms.
    Contender adamDefaults = mnist.defaults().stream()
        .filter(c -> c.optimizer().equals("adam")).findFirst().orElseThrow();
    assertEquals(List.of(Arm.EVALUATION, Arm.DEFAULTS),
        adamDefaults.setting().trials().get(0).arms());
    assertEquals(List.of("sgd", "nesterovs", "adam"),
        mnist.defaults().stream().map(Contender::label).toList());
  }

  @Test
  void comparisonOnTheEvaluationSeedsHasBootstrapIntervalsAndHolmAdjustedTests() {
    ProblemStudy mnist = study(studies(false), "mnist-mlp");
    Metric test = Metric.headline(mnist.problem().kind());
    Comparisons.Result r = Comparisons.of(mnist.contenders(), test);
    Map<String, Comparisons.Row> rows = byLabel(r);
    assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L), r.pairedSeeds());
    assertTrue(r.tested());

    // Adam: 0.98 on every seed. Every resample is the same, so the interval is [0.98, 0.98].
    Comparisons.Row adam = rows.get("adam");
    assertEquals(Comparisons.BEST, adam.mark());
    assertEquals(0.98, adam.mean(), EPS);
    assertEquals(0.98, adam.interval().low(), EPS);
    assertEquals(0.98, adam.interval().high(), EPS);
    assertEquals(10_000, adam.interval().resamples());
    assertEquals(Comparisons.BOOTSTRAP_SEED, adam.interval().seed());

    // Sgd: 0.97 on six seeds, 0.90 on seed 3: mean 6.72 / 7 = 0.96. A resample draws the 0.90
    // J ~ Binomial(7, 1/7) times: P(J = 0) = (6/7)^7 = 0.340 > 0.025, so the 97.5 % quantile is
    // the all-0.97 mean; P(J ≥ 4) = 0.0101 < 0.025 < P(J ≥ 3) = 0.0652, so the 2.5 % quantile is
    // the mean with J = 3, (4·0.97 + 3·0.90)/7 = 0.94. With 10,000 resamples about 100 and 650
    // means lie below the two bounds of that quantile's position 251: no seed could move it.
    Comparisons.Row sgd = rows.get("sgd");
    assertEquals((6 * 0.97 + 0.90) / 7, sgd.mean(), EPS);
    assertEquals((4 * 0.97 + 3 * 0.90) / 7, sgd.interval().low(), EPS);
    assertEquals(0.97, sgd.interval().high(), EPS);
    // Nesterovs: 0.98 on six seeds, 0.97 on seed 5; by the same argument [(4·0.98 + 3·0.97)/7,
    // 0.98].
    Comparisons.Row nesterovs = rows.get("nesterovs");
    assertEquals((6 * 0.98 + 0.97) / 7, nesterovs.mean(), EPS);
    assertEquals((4 * 0.98 + 3 * 0.97) / 7, nesterovs.interval().low(), EPS);
    assertEquals(0.98, nesterovs.interval().high(), EPS);

    // Wilcoxon against adam. Sgd is lower on all 7 seeds: W+ = 0, exact p = 2 / 2^7 = 0.015625.
    // Nesterovs ties on 6 seeds (dropped) and is lower on one: p = 2 · P(S ≥ 1 | n = 1) = 1.
    // Holm over m = 2: sgd 2 · 0.015625 = 0.03125 ≤ 0.05 (differs); nesterovs max(0.03125, 1) = 1
    // (cannot be told from the best).
    assertEquals(0.015625, sgd.pValue(), EPS);
    assertEquals(0.03125, sgd.adjusted(), EPS);
    assertEquals(Comparisons.DIFFERS, sgd.mark());
    assertEquals(1.0, nesterovs.pValue(), EPS);
    assertEquals(1.0, nesterovs.adjusted(), EPS);
    assertEquals(Comparisons.TIED, nesterovs.mark());
    // The smallest attainable adjusted p with 7 seeds and 2 tests: 2 · 2 / 2^7 = 0.03125.
    assertEquals(0.03125, r.smallestAdjustedP(), EPS);
  }

  @Test
  void defaultsArmAndTheGainFromTuning() {
    ProblemStudy mnist = study(studies(false), "mnist-mlp");
    Metric test = Metric.headline(mnist.problem().kind());
    Map<String, Comparisons.Row> rows = byLabel(Comparisons.of(mnist.defaults(), test));
    // Defaults: adam 0.98 everywhere (best), sgd 0.90 everywhere, nesterovs 0.98 but diverged on
    // seeds 1 and 4. Sgd vs adam: 7 negative differences, p = 2/128. Nesterovs vs adam: five
    // zeros and two −∞ (diverged counts as worst): W+ = 0 over k = 2, p = 2 · 1/4 = 0.5.
    // Holm: sgd 2 · 2/128 = 0.03125, nesterovs max(0.03125, 0.5) = 0.5.
    assertEquals(Comparisons.BEST, rows.get("adam").mark());
    assertEquals(0.03125, rows.get("sgd").adjusted(), EPS);
    assertEquals(0.5, rows.get("nesterovs").adjusted(), EPS);
    assertEquals(2, rows.get("nesterovs").diverged());
    assertEquals(0.98, rows.get("nesterovs").mean(), EPS);

    List<Comparisons.GapRow> gaps = Comparisons.gaps(mnist.contenders(), mnist.defaults(), test);
    assertEquals(3, gaps.size());
    // Sgd: tuned 0.96 − defaults 0.90 = 0.06. Paired differences +0.07 on six seeds and 0 on
    // seed 3 (dropped): exact p = 2 / 2^6 = 0.03125.
    Comparisons.GapRow sgd = gaps.get(0);
    assertEquals((6 * 0.97 + 0.90) / 7 - 0.90, sgd.gap(), EPS);
    assertEquals(0.03125, sgd.pValue(), EPS);
    // Nesterovs: tuned 6.85/7, defaults 0.98 over its five completed seeds. Tuned is the better
    // (no diverged seed); defaults − tuned is 0 on four seeds, +0.01 on seed 5, −∞ on seeds 1
    // and 4: ranks 1 and 2.5, 2.5, so W+ = 1, W− = 5 and p = 2 · P(S ≥ 5 | n = 3) = 2 · 2/8.
    Comparisons.GapRow nesterovs = gaps.get(1);
    assertEquals((6 * 0.98 + 0.97) / 7 - 0.98, nesterovs.gap(), EPS);
    assertEquals(0.5, nesterovs.pValue(), EPS);
    // Adam: the same trials, every difference zero, p = 1 and no gain.
    assertEquals(0.0, gaps.get(2).gap(), EPS);
    assertEquals(1.0, gaps.get(2).pValue(), EPS);
    // Holm over the three: 3 · 0.03125 = 0.09375; max(0.09375, 2 · 0.5) = 1; 1.
    assertEquals(0.09375, sgd.adjusted(), EPS);
    assertEquals(1.0, nesterovs.adjusted(), EPS);
    assertEquals(1.0, gaps.get(2).adjusted(), EPS);
  }

  /** A lost or damaged selection.csv is said for what it is, with how to write it again. */
  @Test
  void aLostOrDamagedSelectionCsvIsNamedWithTheWayToWriteItAgain() throws IOException {
    Path root = ResultStoreFixture.tuneThenEvaluate(dir.resolve("store"), false).root();
    Path selection = root.resolve("selection.csv");
    String written = Files.readString(selection);
    String rewrite = "run the experiment's config again with 'optbench run' (its finished"
        + " trials are kept, not retrained) to write it again";

    Files.writeString(selection, written + "mnist-mlp,adam,x,,,,,\n");
    List<String> damaged = ReportGenerator.generate(root, root.resolve("report")).warnings();
    assertTrue(damaged.contains("selection.csv cannot be read (line "
        + (written.lines().count() + 1) + ": For input string: \"x\"), so the chosen settings and"
        + " the evaluation and defaults arms are not reported; " + rewrite), damaged.toString());

    Files.delete(selection);
    List<String> lost = ReportGenerator.generate(root, root.resolve("report")).warnings();
    assertTrue(lost.contains("selection.csv is missing although the evaluation arm has trials,"
        + " so the chosen settings and the evaluation and defaults arms are not reported; "
        + rewrite), lost.toString());
  }

  @Test
  void theReportShowsWhatSelectionCsvChoseNeverTheTestBest() throws IOException {
    Path root = ResultStoreFixture.tuneThenEvaluate(dir.resolve("store"), false).root();
    ReportGenerator.generate(root, root.resolve("report"));
    // Adam's tuning trial lr=0.01 has the best test accuracy (0.99) but the worst validation
    // accuracy (0.90); selection.csv chose lr=0.001 (validation 0.98, test 0.90).
    List<CSVRecord> comparison = csv(root.resolve("report/tables/mnist-mlp-comparison.csv"));
    CSVRecord adam = comparison.stream().filter(r -> r.get("optimizer").equals("adam"))
        .findFirst().orElseThrow();
    assertEquals("lr=0.001 beta1=0.9 beta2=0.999 epsilon=1e-8 batch=128", adam.get("setting"));
    assertEquals("validation_accuracy", adam.get("selection metric"));
    assertEquals("0.9800", adam.get("selection value"));
    for (String table : List.of("comparison", "best", "time-to-target", "defaults-vs-tuned")) {
      String text = Files.readString(root.resolve("report/tables/mnist-mlp-" + table + ".csv"));
      assertFalse(text.contains("lr=0.01 beta1=0.5"), table + ": " + text);
    }
    // The tuning log marks the run's choice, and only it, for adam.
    List<CSVRecord> lr = csv(root.resolve("report/tables/mnist-mlp-lr.csv"));
    List<String> chosen = lr.stream().filter(r -> r.get("optimizer").equals("adam")
        && r.get("chosen").equals("yes")).map(r -> r.get("learning rate")).toList();
    assertEquals(List.of("0.001"), chosen);
  }

  @Test
  void timeToTargetOnThreeClocks() throws IOException {
    ProblemStudy mnist = study(studies(false), "mnist-mlp");
    Map<String, TimeToTarget> t = mnist.contenders().stream().collect(Collectors.toMap(
        Contender::label, c -> c.setting().toTarget()));
    // Target test accuracy ≥ 0.95. Sgd reaches it at step 30 on six seeds (seed 3 never);
    // 30 steps of batch 128 = 3840 examples; 0.1 s per step = 3 s.
    assertEquals(6, t.get("sgd").reached());
    assertEquals(7, t.get("sgd").eligible());
    assertEquals(30.0, t.get("sgd").steps().mean(), EPS);
    assertEquals(3840.0, t.get("sgd").examples().mean(), EPS);
    assertEquals(3.0, t.get("sgd").seconds().mean(), 1e-9);
    assertEquals(20.0, t.get("nesterovs").steps().mean(), EPS);
    assertEquals(1280.0, t.get("adam").examples().mean(), EPS);
    assertTrue(t.get("adam").reachedOnEverySeed());
    assertFalse(t.get("sgd").reachedOnEverySeed());
  }

  @Test
  void performanceProfileAreasOnBothClocks() {
    List<ProblemStudy> all = studies(false).studies();
    // Steps to target (every seed must reach it): mnist-mlp sgd ∞ (6/7), nesterovs 20, adam 10;
    // ravine-2d sgd 3, nesterovs 2, adam ∞ (f = 58 · 0.7225^t > 10 for t ≤ 5). Ratios: mnist
    // adam 1, nesterovs 2; ravine nesterovs 1, sgd 1.5. Area (τ_max = 4, |P| = 2):
    // Σ max(0, 4 − r) / (2 · 3): adam 3/6, nesterovs (2 + 3)/6, sgd 2.5/6.
    Profiles.Clock steps = Profiles.of(all, "steps");
    assertEquals(2, steps.profile().solvedProblems());
    assertEquals(0.5, steps.profile().area("adam"), EPS);
    assertEquals(5.0 / 6, steps.profile().area("nesterovs"), EPS);
    assertEquals(2.5 / 6, steps.profile().area("sgd"), EPS);
    // Wall time: mnist adam 1 s, nesterovs 2 s; ravine sgd 3 · 0.001 s, nesterovs 2 · 0.004 s,
    // ratio 8/3. Areas: adam 3/6, sgd 3/6, nesterovs (2 + 4 − 8/3)/6 = (10/3)/6.
    Profiles.Clock seconds = Profiles.of(all, "seconds");
    assertEquals(0.5, seconds.profile().area("adam"), 1e-9);
    assertEquals(0.5, seconds.profile().area("sgd"), 1e-9);
    assertEquals(10.0 / 18, seconds.profile().area("nesterovs"), 1e-9);
  }

  @Test
  void expectedBestAfterKTuningTrials() {
    ProblemStudy.All all = studies(false);
    ProblemStudy mnist = study(all, "mnist-mlp");
    List<Tuning.Curve> curves = Tuning.curves(mnist.problem(), mnist.tuning());
    // Adam's pool of validation accuracies: 0.98, 0.90 and the diverged trial scored at its
    // step-0 value 0.5. k = 1: the mean 2.38/3; k = 2: the pairs' maxima 0.98, 0.98, 0.90,
    // mean 2.86/3; k = 3: the best, 0.98.
    Tuning.Curve adam = curves.get(2);
    assertEquals("adam", adam.entry().label());
    assertEquals(3, adam.pool());
    assertEquals(1, adam.diverged());
    assertArrayEquals(new double[] {2.38 / 3, 2.86 / 3, 0.98}, adam.expected(), EPS);
    // Ravine-2d sgd minimises f − f*: lr=0.015 ends at a = f after 5 steps of (0.985, −0.5),
    // lr=0.001 at b after (0.999, 0.9), the diverged lr=0.5 is scored at the start, 58.
    // k = 1: (a + b + 58)/3; k = 2: pair minima a, a, b: (2a + b)/3; k = 3: a.
    ProblemStudy ravine = study(all, "ravine-2d");
    Tuning.Curve sgd = Tuning.curves(ravine.problem(), ravine.tuning()).get(0);
    double a = ResultStoreFixture.finalF(0.985, -0.5);
    double b = ResultStoreFixture.finalF(0.999, 0.9);
    assertArrayEquals(new double[] {(a + b + 58) / 3, (2 * a + b) / 3, a}, sgd.expected(),
        1e-9);
  }

  @Test
  void stableLearningRateRange() {
    ProblemStudy mnist = study(studies(false), "mnist-mlp");
    List<Tuning.StableRange> ranges = Tuning.stableRanges(mnist.tuning());
    // Sgd completed at 0.1 and 0.001 and diverged at 1: log10(0.1 / 0.001) = 2 decades.
    assertEquals(2.0, ranges.get(0).width(), EPS);
    assertEquals(1.0, ranges.get(0).smallestDiverged(), 0);
    assertEquals("log-uniform [0.0001, 1]", ranges.get(0).searched());
    // Nesterovs 0.01 and 0.001 (0.1 diverged), adam 0.001 and 0.01 (0.1 diverged): 1 decade.
    assertEquals(1.0, ranges.get(1).width(), EPS);
    assertEquals(1.0, ranges.get(2).width(), EPS);
  }

  @Test
  void figuresHaveTheExpectedSeries() {
    Path root = ResultStoreFixture.tuneThenEvaluate(dir.resolve("store"), false).root();
    ReportSummary summary = ReportGenerator.generate(root, root.resolve("report"));
    // Per problem: comparison, defaults, defaults-vs-tuned, time-to-target, tuning-budget,
    // stability, best, lr, settings; then the profile areas and the missing-trials table.
    assertEquals(20, summary.tables());
    // mnist-mlp: loss, loss-time, test-accuracy, lr, defaults-vs-tuned, tuning-budget and two
    // stability maps; ravine-2d: suboptimality, loss-time, trajectories, lr and the same four;
    // two performance profiles.
    assertEquals(18, summary.figures());
    for (String stem : List.of("mnist-mlp-stability-nesterovs-momentum",
        "mnist-mlp-stability-adam-beta1", "ravine-2d-stability-nesterovs-momentum",
        "mnist-mlp-tuning-budget", "mnist-mlp-defaults-vs-tuned", "performance-profile-steps",
        "performance-profile-seconds")) {
      assertTrue(Files.isRegularFile(root.resolve("report/figures/" + stem + ".png")), stem);
      assertTrue(Files.isRegularFile(root.resolve("report/figures/" + stem + ".svg")), stem);
    }

    ProblemStudy.All all = studies(false);
    ProblemStudy mnist = study(all, "mnist-mlp");
    List<Tuning.Map2d> maps = Tuning.maps(mnist.problem(), mnist.tuning(), true);
    List<Figure> stability = StudyFigures.stability(mnist.problem(), maps, true);
    assertEquals(2, stability.size());
    // Nesterovs: two completed points, one diverged cross, the chosen trial ringed.
    XYPlot plot = stability.get(0).chart().getXYPlot();
    assertTrue(plot.getRenderer(0) instanceof XYShapeRenderer);
    assertEquals(2, plot.getDataset(0).getItemCount(0));
    assertEquals(1, plot.getDataset(1).getItemCount(0));
    assertEquals(1, plot.getDataset(2).getItemCount(0));
    assertEquals(0.01, plot.getDataset(2).getXValue(0, 0), 0);
    assertEquals(0.9, plot.getDataset(2).getYValue(0, 0), 0);

    Figure budget = StudyFigures.tuningBudget(mnist.problem(),
        Tuning.curves(mnist.problem(), mnist.tuning()));
    assertEquals(3, budget.chart().getXYPlot().getDataset().getSeriesCount());
    assertEquals(3, budget.chart().getXYPlot().getDataset().getItemCount(0));

    Metric test = Metric.headline(mnist.problem().kind());
    Figure dumbbells = StudyFigures.defaultsVsTuned(mnist.problem(),
        Comparisons.gaps(mnist.contenders(), mnist.defaults(), test), test);
    XYPlot d = dumbbells.chart().getXYPlot();
    // One segment per optimizer; points: tuned (3) and defaults (3).
    assertEquals(3, d.getDataset(0).getSeriesCount());
    assertEquals(3, d.getDataset(1).getItemCount(0));
    assertEquals(3, d.getDataset(1).getItemCount(1));

    List<Figure> profiles = StudyFigures.profiles(Profiles.of(all.studies(), "steps"),
        Profiles.of(all.studies(), "seconds"));
    assertEquals(2, profiles.size());
    XYPlot profile = profiles.get(0).chart().getXYPlot();
    assertEquals(3, profile.getDataset().getSeriesCount());
    // Adam: ρ = 1/2 from τ = 1 (fastest on mnist-mlp) to τ = 4 (never on ravine-2d).
    assertEquals("adam (area 0.5000)", profile.getDataset().getSeriesKey(2));
    assertEquals(0.5, profile.getDataset().getYValue(2, 0), EPS);
  }

  @Test
  void gridSearchGetsCellHeatMaps() {
    ProblemStudy mnist = study(studies(true), "mnist-mlp");
    List<Tuning.Map2d> maps = Tuning.maps(mnist.problem(), mnist.tuning(), false);
    assertTrue(maps.stream().allMatch(Tuning.Map2d::cells));
    Figure nesterovs = StudyFigures.stability(mnist.problem(), maps, false).get(0);
    XYPlot plot = nesterovs.chart().getXYPlot();
    assertTrue(plot.getRenderer(0) instanceof XYBlockRenderer);
    // Grid lr {0.001, 0.01, 0.1} × momentum {0.5, 0.9, 0.99}: two completed cells, the cell
    // (0.1, 0.5) crossed out; cells sit at column and row indices.
    assertEquals(2, plot.getDataset(0).getItemCount(0));
    assertEquals(1, plot.getDataset(1).getItemCount(0));
    assertEquals(2.0, plot.getDataset(1).getXValue(0, 0), 0);
    assertEquals(0.0, plot.getDataset(1).getYValue(0, 0), 0);
    // The chosen (0.01, 0.9) is column 1, row 1.
    assertEquals(1.0, plot.getDataset(2).getXValue(0, 0), 0);
    assertEquals(1.0, plot.getDataset(2).getYValue(0, 0), 0);
  }

  @Test
  void reportingTwiceGivesIdenticalBytes() throws IOException {
    Path root = ResultStoreFixture.tuneThenEvaluate(dir.resolve("store"), false).root();
    Path out = root.resolve("report");
    ReportGenerator.generate(root, out);
    Map<String, String> first = FileHashes.of(out);
    ReportGenerator.generate(root, out);
    assertEquals(first, FileHashes.of(out));
    assertTrue(first.size() > 90, first.keySet().toString());
  }

  @Test
  void aStoreWithoutSelectionReportsTheTuningAlone() throws IOException {
    Path root = ResultStoreFixture.tuneThenEvaluate(dir.resolve("store"), false).root();
    Files.delete(root.resolve("selection.csv"));
    ReportSummary summary = ReportGenerator.generate(root, root.resolve("report"));
    assertTrue(summary.warnings().stream().anyMatch(w -> w.startsWith("selection.csv is"
        + " missing")), summary.warnings().toString());
    assertFalse(Files.exists(root.resolve("report/tables/mnist-mlp-comparison.csv")));
    assertNotNull(Files.readString(root.resolve("report/tables/mnist-mlp-tuning-budget.csv")));
    ProblemStudy mnist = study(ProblemStudy.of(StoreReader.read(root)), "mnist-mlp");
    assertTrue(mnist.contenders().isEmpty());
    assertNull(mnist.tuning().get(0).chosenTrial());
  }

}
