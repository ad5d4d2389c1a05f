package org.optbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.UserInputException;
import org.optbench.testing.FileHashes;

/**
 * {@code optbench report DIR1 DIR2 --out DIR}: two small grid stores merged into one report,
 * and the refusal of stores whose problems were run differently.
 */
class ReportMergeTest {
  @TempDir
  Path dir;

  @Test
  void twoStoresMakeOneReportThatNamesWhereEachArmCameFrom() throws IOException {
    Path baselines = ResultStoreFixture.standard(dir.resolve("hand-made"), "baselines").root();
    Path newcomer = ResultStoreFixture.newcomer(dir.resolve("newcomer"), 40).root();
    Path out = dir.resolve("merged");
    ReportSummary summary = ReportGenerator.generate(List.of(baselines, newcomer), out,
        ReportOptions.DEFAULTS);

    // mnist-mlp from both, ravine-2d from the first only; 9 + 3 trials.
    assertEquals(2, summary.problems());
    assertEquals(12, summary.trials());
    assertEquals(12, summary.trialsWithResults());
    // The best setting per optimizer: sgd and adam (lr 0.001, chosen on validation) from the
    // first store, rmsprop from the second, in that order.
    List<String> best = Files.readAllLines(out.resolve("tables/mnist-mlp-best.csv"));
    assertEquals(4, best.size(), String.join("\n", best));
    assertTrue(best.get(1).contains(",sgd,") && best.get(2).contains(",adam,")
        && best.get(3).contains(",rmsprop,"), String.join("\n", best));
    assertTrue(best.get(2).contains("0.001") && best.get(3).contains("0.99"),
        String.join("\n", best));
    // Each row's setting names the experiment it came from.
    assertTrue(best.get(1).contains("[hand-made]") && best.get(2).contains("[hand-made]")
        && best.get(3).contains("[newcomer]"), String.join("\n", best));

    String page = Files.readString(out.resolve("index.html"));
    assertTrue(page.contains("optbench report: hand-made + newcomer"), "title");
    assertTrue(page.contains("from hand-made: sgd, adam; from newcomer: rmsprop"), "origins");
    assertTrue(page.contains("RmsProp, lr 0.001 (3 seeds) [newcomer]"), "legend names origin");
    assertTrue(page.contains("Sgd, lr 0.1 (3 seeds) [hand-made]"), "legend names origin");
    assertTrue(page.contains("the results of experiments hand-made (../hand-made from this page)"
        + " and newcomer (../newcomer from this page)"), "generated from");
    // The CSV links of the newcomer's lines lead into its own folder.
    Matcher link = Pattern.compile("RmsProp, lr 0\\.001 \\(3 seeds\\) \\[newcomer\\]: <a href=\""
        + "([^\"]+)\">CSV</a>").matcher(page);
    assertTrue(link.find(), "CSV link of the newcomer's loss");
    assertTrue(link.group(1).startsWith("../newcomer/trials/mnist-mlp/rmsprop/"), link.group(1));
    assertTrue(Files.isRegularFile(out.resolve(link.group(1))), link.group(1));

    // Merging is deterministic, and the single-store report is unchanged by it.
    Map<String, String> first = FileHashes.of(out);
    ReportGenerator.generate(List.of(baselines, newcomer), out, ReportOptions.DEFAULTS);
    assertEquals(first, FileHashes.of(out));
    Path alone = dir.resolve("alone");
    Path viaList = dir.resolve("via-list");
    ReportGenerator.generate(baselines, alone);
    ReportGenerator.generate(List.of(baselines), viaList, ReportOptions.DEFAULTS);
    assertEquals(FileHashes.of(alone), FileHashes.of(viaList));
    assertTrue(!Files.readString(alone.resolve("index.html")).contains("[hand-made]"),
        "one experiment names no origin");
  }

  @Test
  void theSameStoreTwiceUsesEachTrialOnce() {
    Path baselines = ResultStoreFixture.standard(dir.resolve("hand-made"), "baselines").root();
    ReportSummary summary = ReportGenerator.generate(List.of(baselines, baselines),
        dir.resolve("twice"), ReportOptions.DEFAULTS);
    assertEquals(9, summary.trials());
    assertTrue(summary.warnings().contains("hand-made (2): 9 trials also in an experiment listed"
        + " earlier (same configuration and seed); the earlier one is used"),
        summary.warnings().toString());
  }

  @Test
  void problemsRunWithDifferentBudgetsAreRefusedNamingTheDifference() {
    Path baselines = ResultStoreFixture.standard(dir.resolve("hand-made"), "baselines").root();
    Path longer = ResultStoreFixture.newcomer(dir.resolve("newcomer"), 80).root();
    Path out = dir.resolve("merged");
    UserInputException e = assertThrows(UserInputException.class, () ->
        ReportGenerator.generate(List.of(baselines, longer), out, ReportOptions.DEFAULTS));
    assertEquals("cannot merge hand-made (" + baselines + ") and newcomer (" + longer + "):"
        + " problem mnist-mlp has steps 40 in hand-made but 80 in newcomer; results are"
        + " comparable only with the same data, network, budget, seeds and threads: rerun one"
        + " of them with the other's settings", e.getMessage());
    assertTrue(Files.notExists(out), "nothing written");
  }

  @Test
  void differentSeedsAreRefused() throws IOException {
    Path baselines = ResultStoreFixture.standard(dir.resolve("hand-made"), "baselines").root();
    Path newcomer = ResultStoreFixture.newcomer(dir.resolve("newcomer"), 40).root();
    Path config = newcomer.resolve("experiment.resolved.yaml");
    String yaml = Files.readString(config);
    String changed = yaml.replace("seeds:\n- 0\n- 1\n- 2\n", "seeds:\n- 0\n- 1\n");
    assertTrue(!changed.equals(yaml), yaml);
    Files.writeString(config, changed);
    UserInputException e = assertThrows(UserInputException.class, () ->
        ReportGenerator.generate(List.of(baselines, newcomer), dir.resolve("merged"),
            ReportOptions.DEFAULTS));
    assertTrue(e.getMessage().contains(": seeds is [0,1,2] in hand-made but [0,1] in newcomer;"),
        e.getMessage());
  }

  @Test
  void tuneThenEvaluateStoresAreNotMerged() {
    Path tuned = ResultStoreFixture.tuneThenEvaluate(dir.resolve("tuned"), false).root();
    Path baselines = ResultStoreFixture.standard(dir.resolve("hand-made"), "baselines").root();
    UserInputException e = assertThrows(UserInputException.class, () ->
        ReportGenerator.generate(List.of(baselines, tuned), dir.resolve("merged"),
            ReportOptions.DEFAULTS));
    assertTrue(e.getMessage().contains("it is a tune-then-evaluate experiment"), e.getMessage());
  }
}
