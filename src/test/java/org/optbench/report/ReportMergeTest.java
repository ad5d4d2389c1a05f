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
 * {@code optbench report DIR1 DIR2 --out DIR}: two small grid stores, and two small
 * tune-then-evaluate stores, merged into one report,
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

  /**
   * What the manifest records of a network from a file is listed with its problem, in a merged
   * report as in a single experiment's; a damaged manifest's are not, as none of its facts are.
   */
  @Test
  void aNetworkFromAFileIsDescribedInAMergedReportToo() throws IOException {
    Path baselines = ResultStoreFixture.standard(dir.resolve("hand-made"), "baselines").root();
    Path newcomer = ResultStoreFixture.newcomer(dir.resolve("newcomer"), 40).root();
    String manifest = """
        {
          "formatVersion" : 1,
          "cpu" : "AMD EPYC 7B13",
          "dataSha256" : {
            "mnist-mlp" : {
              "network: dl4jJson" : "/home/ada/nets/mlp_v2.json",
              "network: note 1" : "replaced by each optimizer entry's updater: Adam",
              "network: note 2" : "kept: layers, activations, weight init"
            }
          }
        }
        """;
    Files.writeString(baselines.resolve("manifest.json"), manifest);
    Files.writeString(newcomer.resolve("manifest.json"), manifest);
    // Escaped as Markdown, where the underscore would start emphasis; as it is on the page.
    String expected = "- network: dl4jJson /home/ada/nets/mlp\\_v2.json\n"
        + "- network: replaced by each optimizer entry's updater: Adam\n"
        + "- network: kept: layers, activations, weight init\n";

    Path merged = dir.resolve("merged");
    ReportGenerator.generate(List.of(baselines, newcomer), merged, ReportOptions.DEFAULTS);
    assertTrue(mnistFacts(merged).contains(expected), mnistFacts(merged));
    assertTrue(Files.readString(merged.resolve("index.html"))
        .contains("network: dl4jJson /home/ada/nets/mlp_v2.json"), "the page's facts");
    Path alone = dir.resolve("alone");
    ReportGenerator.generate(baselines, alone);
    assertTrue(mnistFacts(alone).contains(expected), mnistFacts(alone));

    Files.write(baselines.resolve("manifest.json"), manifest.replace("EPYC", "\u00c9PYC")
        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    ReportGenerator.generate(baselines, alone);
    assertTrue(!mnistFacts(alone).contains("- network:"), mnistFacts(alone));
  }

  /** @return the lines of report.md's mnist-mlp section before its first table or figure */
  private static String mnistFacts(Path report) throws IOException {
    String md = Files.readString(report.resolve("report.md"));
    int start = md.indexOf("## mnist-mlp\n");
    assertTrue(start >= 0, md);
    return md.substring(start, md.indexOf("\n\n", start + 14) + 1);
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
  void tunedStoresMergeKeepingEachStoresChoicesAndEvaluation() throws IOException {
    Path tuned = ResultStoreFixture.tuneThenEvaluate(dir.resolve("tuned"), false).root();
    Path newcomer = ResultStoreFixture.tunedNewcomer(dir.resolve("tuned-newcomer")).root();
    Path out = dir.resolve("merged");
    ReportSummary summary = ReportGenerator.generate(List.of(tuned, newcomer), out,
        ReportOptions.DEFAULTS);

    // hand-tuned: mnist-mlp 9 tuning + 21 evaluation + 14 defaults (adam's defaults are its
    // evaluation trials), ravine-2d 9 + 3 + 3; tuned-newcomer: 3 tuning + 7 evaluation.
    assertEquals(2, summary.problems());
    assertEquals(69, summary.trials());
    assertEquals(69, summary.trialsWithResults());
    assertTrue(summary.warnings().isEmpty(), summary.warnings().toString());

    // Each store's choice on its own tuning trials, evaluated on its own seeds 0-6: rmsprop's
    // lr=0.001 (validation 0.99) with test accuracy 0.99 on every seed, the best of the four.
    List<String> comparison = Files.readAllLines(
        out.resolve("tables/mnist-mlp-comparison.csv"));
    assertEquals(5, comparison.size(), String.join("\n", comparison));
    assertTrue(comparison.get(1).startsWith("mnist-mlp,evaluation,sgd,lr=0.1 batch=128"
        + " [hand-tuned],3,1,validation_accuracy,0.9500,7,0,0,0.9600,"), comparison.get(1));
    assertTrue(comparison.get(3).startsWith("mnist-mlp,evaluation,adam,lr=0.001 beta1=0.9"
        + " beta2=0.999 epsilon=1e-8 batch=128 [hand-tuned],3,1,validation_accuracy,0.9800,"),
        comparison.get(3));
    assertTrue(comparison.get(4).startsWith("mnist-mlp,evaluation,rmsprop,lr=0.001 batch=128"
        + " [tuned-newcomer],3,1,validation_accuracy,0.9900,7,0,0,0.9900,0.9900,0.9900,"),
        comparison.get(4));
    assertTrue(comparison.get(4).endsWith(",best"), comparison.get(4));
    // The tuning log marks each store's choice: rmsprop's from the newcomer's selection.csv.
    List<String> lr = Files.readAllLines(out.resolve("tables/mnist-mlp-lr.csv"));
    assertEquals(List.of("mnist-mlp,sgd,0.1", "mnist-mlp,nesterovs,0.01", "mnist-mlp,adam,0.001",
        "mnist-mlp,rmsprop,0.001"), lr.stream().filter(l -> l.endsWith(",yes"))
        .map(l -> String.join(",", List.of(l.split(",")).subList(0, 3))).toList());
    assertTrue(Files.readString(out.resolve("tables/mnist-mlp-tuning-budget.csv"))
        .contains("mnist-mlp,rmsprop,3,1,0,"), "rmsprop's tuning budget");
    // Defaults come from the store that ran them; the newcomer has no defaults arm.
    List<String> defaults = Files.readAllLines(out.resolve("tables/mnist-mlp-defaults.csv"));
    assertEquals(4, defaults.size(), String.join("\n", defaults));
    assertTrue(defaults.stream().skip(1).allMatch(l -> l.contains("[hand-tuned]")),
        String.join("\n", defaults));

    String page = Files.readString(out.resolve("index.html"));
    assertTrue(page.contains("from hand-tuned: sgd, nesterovs, adam; from tuned-newcomer:"
        + " rmsprop"), "origins");
    assertTrue(page.contains("RmsProp, lr 0.001 (7 seeds) [tuned-newcomer]"), "legend");
    assertTrue(page.contains("Adam, lr 0.001 (7 seeds) [hand-tuned]"), "legend");
    Matcher link = Pattern.compile("RmsProp, lr 0\\.001 \\(7 seeds\\) \\[tuned-newcomer\\]:"
        + " <a href=\"([^\"]+)\">CSV</a>").matcher(page);
    assertTrue(link.find(), "CSV link of the newcomer's curve");
    assertTrue(link.group(1).startsWith("../tuned-newcomer/trials/mnist-mlp/rmsprop/"),
        link.group(1));
    assertTrue(Files.isRegularFile(out.resolve(link.group(1))), link.group(1));

    Map<String, String> first = FileHashes.of(out);
    ReportGenerator.generate(List.of(tuned, newcomer), out, ReportOptions.DEFAULTS);
    assertEquals(first, FileHashes.of(out));
  }

  @Test
  void theSameTunedStoreTwiceKeepsItsChoicesOnce() throws IOException {
    Path tuned = ResultStoreFixture.tuneThenEvaluate(dir.resolve("tuned"), false).root();
    ReportSummary summary = ReportGenerator.generate(List.of(tuned, tuned),
        dir.resolve("twice"), ReportOptions.DEFAULTS);
    assertEquals(59, summary.trials());
    assertEquals(List.of("tuned: 59 trials also in an experiment listed earlier (same"
        + " configuration and seed); the earlier one is used"), summary.warnings());
    List<String> comparison = Files.readAllLines(
        dir.resolve("twice/tables/mnist-mlp-comparison.csv"));
    assertEquals(List.of("sgd", "nesterovs", "adam"), comparison.stream().skip(1)
        .map(l -> l.split(",")[2]).toList());
  }

  @Test
  void tunedStoresWithAnotherTuningBudgetAreRefusedNamingIt() throws IOException {
    Path tuned = ResultStoreFixture.tuneThenEvaluate(dir.resolve("tuned"), false).root();
    Path newcomer = ResultStoreFixture.tunedNewcomer(dir.resolve("tuned-newcomer")).root();
    Path config = newcomer.resolve("experiment.resolved.yaml");
    String yaml = Files.readString(config);
    String changed = yaml.replace("budget: 3", "budget: 5");
    assertTrue(!changed.equals(yaml), yaml);
    Files.writeString(config, changed);
    Path out = dir.resolve("merged");
    UserInputException e = assertThrows(UserInputException.class, () ->
        ReportGenerator.generate(List.of(tuned, newcomer), out, ReportOptions.DEFAULTS));
    assertEquals("cannot merge hand-tuned (" + tuned + ") and tuned-newcomer (" + newcomer
        + "): tuning.budget is 3 in hand-tuned but 5 in tuned-newcomer; tuned settings are"
        + " comparable only with the same search, budget and tuning seeds: rerun one of them"
        + " with the other's tuning settings", e.getMessage());
    assertTrue(Files.notExists(out), "nothing written");
  }

  @Test
  void tunedStoresWithOtherEvaluationSeedsOrSelectionMetricAreRefused() throws IOException {
    Path tuned = ResultStoreFixture.tuneThenEvaluate(dir.resolve("tuned"), false).root();
    Path newcomer = ResultStoreFixture.tunedNewcomer(dir.resolve("tuned-newcomer")).root();
    Path selection = newcomer.resolve("selection.csv");
    String rows = Files.readString(selection);
    String changed = rows.replace("validation_accuracy", "validation_loss");
    assertTrue(!changed.equals(rows), rows);
    Files.writeString(selection, changed);
    UserInputException e = assertThrows(UserInputException.class, () ->
        ReportGenerator.generate(List.of(tuned, newcomer), dir.resolve("merged"),
            ReportOptions.DEFAULTS));
    assertTrue(e.getMessage().contains("): problem mnist-mlp chose its settings on"
        + " validation_accuracy in hand-tuned but on validation_loss in tuned-newcomer;"),
        e.getMessage());

    Files.writeString(selection, rows);
    Path config = newcomer.resolve("experiment.resolved.yaml");
    String yaml = Files.readString(config);
    String fewer = yaml.replace("- 5\n- 6\n", "");
    assertTrue(!fewer.equals(yaml), yaml);
    Files.writeString(config, fewer);
    e = assertThrows(UserInputException.class, () ->
        ReportGenerator.generate(List.of(tuned, newcomer), dir.resolve("merged"),
            ReportOptions.DEFAULTS));
    assertTrue(e.getMessage().contains(": seeds is [0,1,2,3,4,5,6] in hand-tuned but"
        + " [0,1,2,3,4] in tuned-newcomer;"), e.getMessage());
  }

  @Test
  void aGridStoreAndATunedStoreAreRefusedNamingBoth() {
    Path tuned = ResultStoreFixture.tuneThenEvaluate(dir.resolve("tuned"), false).root();
    Path baselines = ResultStoreFixture.standard(dir.resolve("hand-made"), "baselines").root();
    UserInputException e = assertThrows(UserInputException.class, () ->
        ReportGenerator.generate(List.of(baselines, tuned), dir.resolve("merged"),
            ReportOptions.DEFAULTS));
    assertEquals("cannot merge hand-made (" + baselines + ") and hand-tuned (" + tuned + "):"
        + " hand-made is a grid experiment but hand-tuned is a tune-then-evaluate experiment; a"
        + " tune-then-evaluate experiment chose its settings on other seeds than it compares,"
        + " so it merges only with tune-then-evaluate experiments tuned the same way",
        e.getMessage());
  }
}
