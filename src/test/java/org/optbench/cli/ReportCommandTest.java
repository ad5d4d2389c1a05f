package org.optbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.report.ResultStoreFixture;
import org.optbench.testing.FileHashes;

/** {@code optbench report} on a hand-made result store. */
class ReportCommandTest {
  @TempDir
  Path dir;

  @Test
  void writesTheReportAndSaysWhere() {
    Path root = ResultStoreFixture.standard(dir.resolve("hand-made"), "cli").root();
    CliRun run = CliRun.of("report", root.toString());
    assertEquals(0, run.exitCode(), run.err());
    Path index = root.resolve("report").resolve("index.html");
    assertTrue(Files.isRegularFile(index));
    assertTrue(run.out().startsWith("report: " + index + "\n"), run.out());
    assertTrue(run.out().contains("2 problem(s), 11 table(s) as Markdown/CSV/LaTeX, 10 figure(s)"
        + " as PNG/SVG; 9 of 9 trials have results"), run.out());
    assertTrue(!run.out().contains("missing"), run.out());
  }

  @Test
  void outPutsTheReportElsewhere() {
    Path root = ResultStoreFixture.standard(dir.resolve("hand-made"), "cli").root();
    Path out = dir.resolve("elsewhere");
    CliRun run = CliRun.of("report", root.toString(), "--out", out.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(Files.isRegularFile(out.resolve("index.html")));
    assertTrue(Files.notExists(root.resolve("report")));
  }

  @Test
  void listsMissingTrialsOnStandardOutput() throws IOException {
    ResultStoreFixture fixture = ResultStoreFixture.standard(dir.resolve("hand-made"), "cli");
    fixture.addPending(0);
    fixture.addPending(1);
    CliRun run = CliRun.of("report", fixture.root().toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("missing: 2 of 11 trials are missing or incomplete:\n"
        + "  mnist-mlp nesterovs lr=0.05 momentum=0.9 batch=128: seeds 0, 1 not run"
        + " (PENDING)\n"), run.out());
  }

  @Test
  void aFolderThatIsNotAnExperimentIsABadInput() throws IOException {
    Path notExperiment = Files.createDirectories(dir.resolve("plain"));
    CliRun run = CliRun.of("report", notExperiment.toString());
    assertEquals(2, run.exitCode());
    assertTrue(run.err().startsWith("error: " + notExperiment + " is not an experiment folder:"
        + " experiment.resolved.yaml is missing"), run.err());
    CliRun missing = CliRun.of("report", dir.resolve("nowhere").toString());
    assertEquals(2, missing.exitCode());
    assertTrue(missing.err().contains("is not a directory"), missing.err());
  }

  @Test
  void aFolderHoldingOtherFilesIsRefusedAndLeftAsItWas() throws IOException {
    Path root = ResultStoreFixture.standard(dir.resolve("hand-made"), "cli").root();
    Path site = Files.createDirectories(dir.resolve("site"));
    Files.writeString(site.resolve("index.html"), "<p>my own page</p>\n");
    Files.writeString(site.resolve("style.css"), "p {}\n");
    Map<String, String> before = FileHashes.of(dir);
    CliRun run = CliRun.of("report", root.toString(), "--out", site.toString());
    assertEquals(2, run.exitCode());
    assertEquals("error: report folder " + site + " holds files that 'optbench report' did not"
        + " write (index.html, style.css), which the report would replace; give --out a new or"
        + " empty folder, or move those files away\n", run.err());
    assertEquals(before, FileHashes.of(dir), "nothing written, nothing changed");
    try (var entries = Files.list(dir)) {
      assertEquals(2, entries.count(), "no folder left beside it");
    }
  }

  @Test
  void anEmptyFolderOrAnEarlierReportIsReplacedWholeWithoutStaleFiles() throws IOException {
    Path root = ResultStoreFixture.standard(dir.resolve("hand-made"), "cli").root();
    Path out = Files.createDirectories(dir.resolve("out"));
    assertEquals(0, CliRun.of("report", root.toString(), "--out", out.toString()).exitCode());
    assertTrue(Files.isRegularFile(out.resolve(".optbench-report")));
    Map<String, String> first = FileHashes.of(out);
    // What an earlier report of a problem no longer in the experiment would have left.
    Files.writeString(out.resolve("figures/gone-problem-loss.svg"), "<svg/>\n");
    CliRun again = CliRun.of("report", root.toString(), "--out", out.toString());
    assertEquals(0, again.exitCode(), again.err());
    assertEquals(first, FileHashes.of(out), "the same files, byte for byte, and no stale one");
    try (var entries = Files.list(dir)) {
      assertEquals(2, entries.count(), "no staging or retired folder left beside it");
    }
  }

  @Test
  void severalFoldersMergeIntoOneReportOrAreRefusedWithExitCode2() throws IOException {
    Path baselines = ResultStoreFixture.standard(dir.resolve("hand-made"), "cli").root();
    Path newcomer = ResultStoreFixture.newcomer(dir.resolve("newcomer"), 40).root();
    Path out = dir.resolve("merged");
    CliRun noOut = CliRun.of("report", baselines.toString(), newcomer.toString());
    assertEquals(2, noOut.exitCode());
    assertTrue(noOut.err().startsWith("error: --out is required with 2 results folders"),
        noOut.err());

    CliRun run = CliRun.of("report", baselines.toString(), newcomer.toString(), "--out",
        out.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("2 problem(s)") && run.out().contains("12 of 12 trials"),
        run.out());

    Path longer = ResultStoreFixture.newcomer(dir.resolve("longer"), 80).root();
    CliRun refused = CliRun.of("report", baselines.toString(), longer.toString(), "--out",
        dir.resolve("refused").toString());
    assertEquals(2, refused.exitCode());
    assertTrue(refused.err().contains("problem mnist-mlp has steps 40 in hand-made but 80 in"
        + " newcomer"), refused.err());
    assertTrue(Files.notExists(dir.resolve("refused")));
  }

  @Test
  void smoothingIsAnOptionStatedInTheCaption() throws IOException {
    Path root = ResultStoreFixture.standard(dir.resolve("hand-made"), "cli").root();
    CliRun run = CliRun.of("report", root.toString(), "--smoothing", "0.5");
    assertEquals(0, run.exitCode(), run.err());
    String page = Files.readString(root.resolve("report/index.html"));
    assertTrue(page.contains("exponential moving average, &beta; = 0.5 (about 2 recorded"
        + " losses)"),
        "caption states the factor");
    CliRun none = CliRun.of("report", root.toString(), "--smoothing", "0");
    assertEquals(0, none.exitCode(), none.err());
    assertTrue(Files.readString(root.resolve("report/index.html"))
        .contains("the mini-batch losses are not smoothed (&beta; = 0)."), "caption says β = 0");
    // Without the option, the experiment config's report: {smoothing: β} decides.
    Path config = root.resolve("experiment.resolved.yaml");
    Files.writeString(config, Files.readString(config) + "report:\n  smoothing: 0.75\n");
    assertEquals(0, CliRun.of("report", root.toString()).exitCode());
    assertTrue(Files.readString(root.resolve("report/index.html"))
        .contains("exponential moving average, &beta; = 0.75 (about 4 recorded losses)"),
        "the config's factor");
    CliRun nan = CliRun.of("report", root.toString(), "--smoothing", "NaN");
    assertEquals(2, nan.exitCode());
    assertTrue(nan.err().startsWith("error: --smoothing must be in [0, 1)"), nan.err());
    CliRun twice = CliRun.of("report", root.toString(), root.resolve(".").toString(), "--out",
        dir.resolve("twice").toString());
    assertEquals(2, twice.exitCode());
    assertTrue(twice.err().startsWith("error: the results folder " + root.resolve(".")
        + " is given twice (also as " + root + "); give each experiment once"), twice.err());
    assertTrue(Files.notExists(dir.resolve("twice")));
    // A link to the folder is the folder.
    Path link = Files.createSymbolicLink(dir.resolve("link"), root);
    CliRun linked = CliRun.of("report", root.toString(), link.toString(), "--out",
        dir.resolve("twice").toString());
    assertEquals(2, linked.exitCode());
    assertTrue(linked.err().startsWith("error: the results folder " + link + " is given twice"
        + " (also as " + root + "); give each experiment once"), linked.err());
    assertTrue(Files.notExists(dir.resolve("twice")));
    CliRun bad = CliRun.of("report", root.toString(), "--smoothing", "1");
    assertEquals(2, bad.exitCode());
    assertTrue(bad.err().startsWith("error: --smoothing must be in [0, 1)"), bad.err());
  }
}
