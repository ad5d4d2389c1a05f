package org.optbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.optbench.testing.FileHashes;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.UserInputException;

/** The whole report: files, determinism, partial stores, escaping. */
class ReportGeneratorTest {
  @TempDir
  Path dir;


  @Test
  void writesEveryTableAndFigure() {
    Path root = ResultStoreFixture.standard(dir.resolve("hand-made"), "test").root();
    ReportSummary summary = ReportGenerator.generate(root, root.resolve("report"));
    assertEquals(root.resolve("report/index.html"), summary.index());
    assertEquals(2, summary.problems());
    // best, time-to-target, lr, settings for each of two problems, the comparison of mnist-mlp
    // (the only problem with two seeds or more), the profile areas and the missing trials.
    assertEquals(11, summary.tables());
    // Four per problem and the performance profiles on steps and wall time.
    assertEquals(10, summary.figures());
    // mnist-mlp: sgd 3 seeds, adam 2 settings × 2 seeds; ravine-2d: 2 settings × 1 seed.
    assertEquals(9, summary.trials());
    assertEquals(9, summary.trialsWithResults());
    assertTrue(summary.missing().isEmpty());
    for (String stem : List.of("mnist-mlp-best", "mnist-mlp-lr", "mnist-mlp-settings",
        "mnist-mlp-comparison", "mnist-mlp-time-to-target", "ravine-2d-best",
        "ravine-2d-time-to-target", "performance-profiles", "missing")) {
      for (String ext : List.of(".csv", ".md", ".tex")) {
        assertTrue(Files.isRegularFile(root.resolve("report/tables/" + stem + ext)), stem + ext);
      }
    }
    // One seed only: no statistics to compare.
    assertFalse(Files.exists(root.resolve("report/tables/ravine-2d-comparison.csv")));
    for (String stem : List.of("mnist-mlp-loss", "mnist-mlp-test-accuracy",
        "ravine-2d-trajectories", "ravine-2d-suboptimality", "performance-profile-steps",
        "performance-profile-seconds")) {
      assertTrue(Files.isRegularFile(root.resolve("report/figures/" + stem + ".png")), stem);
      assertTrue(Files.isRegularFile(root.resolve("report/figures/" + stem + ".svg")), stem);
    }
  }

  @Test
  void gridStoreGetsStatisticsWhereThereAreTwoSeeds() throws IOException {
    Path root = ResultStoreFixture.standard(dir.resolve("hand-made"), "test").root();
    ReportGenerator.generate(root, root.resolve("report"));
    List<String> lines = Files.readAllLines(root.resolve("report/tables/mnist-mlp-comparison.csv"));
    // Sgd completed seeds 0 and 1 at 0.92 and 0.94 (seed 2 diverged). Two values resample to
    // means 0.92, 0.93, 0.94 with probabilities 1/4, 1/2, 1/4, so the 2.5 % and 97.5 % quantiles
    // are 0.92 and 0.94. Adam lr=0.001 ends at 0.90 on both seeds: [0.90, 0.90].
    // Paired seeds are 0 and 1 (adam has no seed 2); adam is lower on both: W+ = 0, exact
    // p = 2 / 2^2 = 0.5, and Holm over one comparison leaves it at 0.5.
    assertEquals(3, lines.size(), String.join("\n", lines));
    assertTrue(lines.get(1).startsWith("mnist-mlp,grid,sgd,lr=0.1 batch=128,,,,,2,1,0,0.9300,"
        + "0.9200,0.9400,0.95,10000,1,2,–,–,best"), lines.get(1));
    assertTrue(lines.get(2).contains(",2,0,0,0.9000,0.9000,0.9000,0.95,10000,1,2,0.5000,0.5000,"
        + "≈ best"), lines.get(2));
    String md = Files.readString(root.resolve("report/tables/mnist-mlp-comparison.md"));
    assertTrue(md.contains("the smallest attainable adjusted p is 0.5000"), md);

    // Time to target on three clocks: adam lr=0.001 reaches 0.9 at step 40 on both seeds,
    // 40 · 128 = 5120 examples, 0.1 s per step.
    String ttt = Files.readString(root.resolve("report/tables/mnist-mlp-time-to-target.csv"));
    assertTrue(ttt.contains("adam,lr=0.001 beta1=0.9 beta2=0.999 epsilon=1e-8 batch=128,"
        + "test_accuracy ≥ 0.9,2,2,40.00,5120,4.000"), ttt);
    // Profiles (steps): mnist-mlp adam 40, sgd not on every seed, nesterovs not run; ravine-2d
    // sgd 3, nesterovs 2, adam not run. Areas Σ max(0, 4 − r) / (2 · 3): sgd (4 − 1.5)/6,
    // adam 3/6, nesterovs 3/6.
    String areas = Files.readString(root.resolve("report/tables/performance-profiles.csv"));
    assertTrue(areas.contains("sgd,1/2,0.4167,"), areas);
    assertTrue(areas.contains("adam,1/2,0.5000,"), areas);
  }

  @Test
  void reportingTwiceGivesIdenticalBytes() throws IOException {
    Path root = ResultStoreFixture.standard(dir.resolve("hand-made"), "test").root();
    Path out = root.resolve("report");
    ReportGenerator.generate(root, out);
    Map<String, String> first = FileHashes.of(out);
    ReportGenerator.generate(root, out);
    assertEquals(first, FileHashes.of(out));
    // A second folder beside it: same relative path to the experiment, same bytes.
    Path other = root.resolve("report-again");
    ReportGenerator.generate(root, other);
    assertEquals(first, FileHashes.of(other));
    assertTrue(first.size() > 30, first.keySet().toString());
  }

  @Test
  void partialStoreReportsWhatExistsAndListsWhatIsMissing() throws IOException {
    ResultStoreFixture fixture = ResultStoreFixture.standard(dir.resolve("hand-made"), "test");
    fixture.addPending(0);
    fixture.addPending(1);
    String interrupted = fixture.interrupt("mnist-mlp", "adam", 1);
    Path root = fixture.root();
    ReportSummary summary = ReportGenerator.generate(root, root.resolve("report"));
    assertEquals(11, summary.trials());
    assertEquals(8, summary.trialsWithResults());
    assertEquals(3, summary.missingTrials());
    assertEquals(List.of(
        "mnist-mlp adam lr=0.001 beta1=0.9 beta2=0.999 epsilon=1e-8 batch=128: seed 1 not"
            + " finished (no result.json)",
        "mnist-mlp nesterovs lr=0.05 momentum=0.9 batch=128: seeds 0, 1 not run (PENDING)"),
        summary.missing());
    String missingCsv = Files.readString(root.resolve("report/tables/missing.csv"));
    assertTrue(missingCsv.contains(interrupted), missingCsv);
    assertEquals(4, missingCsv.lines().count(), missingCsv);
    String html = Files.readString(summary.index());
    assertTrue(html.contains("3 missing or incomplete"), html);
    assertTrue(html.contains("not run (PENDING)"), html);
    // The interrupted seed is left out of the statistics: adam lr=0.001 now has n = 1.
    String settings = Files.readString(root.resolve("report/tables/mnist-mlp-settings.csv"));
    assertTrue(settings.lines().anyMatch(l -> l.contains("lr=0.001") && l.contains(",2,1,0,0,1,")),
        settings);
  }

  @Test
  void aDamagedResultIsListedAsDamagedNotAsUnfinished() throws IOException {
    ResultStoreFixture fixture = ResultStoreFixture.standard(dir.resolve("damaged"), "test");
    fixture.damage("mnist-mlp", "adam", 1);
    Path root = fixture.root();
    ReportSummary summary = ReportGenerator.generate(root, root.resolve("report"));
    assertEquals(List.of(
        "mnist-mlp adam lr=0.001 beta1=0.9 beta2=0.999 epsilon=1e-8 batch=128: seed 1 damaged:"
            + " seed-1/result.json is not a trial result (Unexpected end-of-input within/between"
            + " Object entries at line 1) (left out; delete the trial folder and rerun to redo"
            + " it)"),
        summary.missing());
  }

  @Test
  void truncatedCurveIsListed() throws IOException {
    ResultStoreFixture fixture = ResultStoreFixture.standard(dir.resolve("hand-made"), "test");
    Path curve = fixture.root().resolve(
        "trials/ravine-2d/sgd/learningRate-0.015_batch-full--00000004/seed-0/curve.csv");
    List<String> lines = Files.readAllLines(curve);
    Files.write(curve, lines.subList(0, lines.size() - 2));
    List<Gap> gaps = Aggregator.gaps(Aggregator.summarize(StoreReader.read(fixture.root())));
    assertEquals(1, gaps.size());
    assertEquals("damaged: seed-0/curve.csv ends at iteration 3, not at the trial's last"
        + " recorded iteration 5 (left out; delete the trial folder and rerun to redo it)",
        gaps.get(0).reason());
  }

  @Test
  void stringsFromFilesAreEscapedInThePage() throws IOException {
    Path root = ResultStoreFixture.standard(dir.resolve("hand-made"),
        "<script>alert(1)</script> & more").root();
    ReportSummary summary = ReportGenerator.generate(root, root.resolve("report"));
    String html = Files.readString(summary.index());
    assertFalse(html.contains("<script>alert"), "description must be escaped");
    assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more"));
    assertTrue(html.contains("&lt;b&gt;not bold&lt;/b&gt; &amp; friends"), "manifest escaped");
    assertTrue(html.contains("generated from the results of experiment hand-made (the folder"
        + " above this page)"), html);
    // The inlined plotting library names its home page in text (its banner, the licence note);
    // nothing may be loaded or linked from the network.
    assertFalse(java.util.regex.Pattern.compile("(src|href)\\s*=\\s*[\"']?https?:|url\\(\\s*"
        + "['\"]?https?:|@import").matcher(html).find(), "no external resources");
  }

  @Test
  void aFolderThatIsNoExperimentIsAUserError() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    UserInputException e = org.junit.jupiter.api.Assertions.assertThrows(
        UserInputException.class, () -> ReportGenerator.generate(empty, empty.resolve("r")));
    assertTrue(e.getMessage().contains("experiment.resolved.yaml is missing"), e.getMessage());
  }
}
