package org.optbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.UserInputException;

/** The whole report: files, determinism, partial stores, escaping. */
class ReportGeneratorTest {
  @TempDir
  Path dir;

  private static Map<String, String> hashes(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        out.put(root.relativize(p).toString(), sha256(Files.readAllBytes(p)));
      }
    }
    return out;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void writesEveryTableAndFigure() {
    Path root = ResultStoreFixture.standard(dir.resolve("hand-made"), "test").root();
    ReportSummary summary = ReportGenerator.generate(root, root.resolve("report"));
    assertEquals(root.resolve("report/index.html"), summary.index());
    assertEquals(2, summary.problems());
    // best, lr, settings for each of two problems, plus the missing-trials table.
    assertEquals(7, summary.tables());
    assertEquals(8, summary.figures());
    // mnist-mlp: sgd 3 seeds, adam 2 settings × 2 seeds; ravine-2d: 2 settings × 1 seed.
    assertEquals(9, summary.trials());
    assertEquals(9, summary.trialsWithResults());
    assertTrue(summary.missing().isEmpty());
    for (String stem : List.of("mnist-mlp-best", "mnist-mlp-lr", "mnist-mlp-settings",
        "ravine-2d-best", "missing")) {
      for (String ext : List.of(".csv", ".md", ".tex")) {
        assertTrue(Files.isRegularFile(root.resolve("report/tables/" + stem + ext)), stem + ext);
      }
    }
    for (String stem : List.of("mnist-mlp-loss", "mnist-mlp-test-accuracy",
        "ravine-2d-trajectories", "ravine-2d-suboptimality")) {
      assertTrue(Files.isRegularFile(root.resolve("report/figures/" + stem + ".png")), stem);
      assertTrue(Files.isRegularFile(root.resolve("report/figures/" + stem + ".svg")), stem);
    }
  }

  @Test
  void reportingTwiceGivesIdenticalBytes() throws IOException {
    Path root = ResultStoreFixture.standard(dir.resolve("hand-made"), "test").root();
    Path out = root.resolve("report");
    ReportGenerator.generate(root, out);
    Map<String, String> first = hashes(out);
    ReportGenerator.generate(root, out);
    assertEquals(first, hashes(out));
    // A second folder beside it: same relative path to the experiment, same bytes.
    Path other = root.resolve("report-again");
    ReportGenerator.generate(root, other);
    assertEquals(first, hashes(other));
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
  void truncatedCurveIsListed() throws IOException {
    ResultStoreFixture fixture = ResultStoreFixture.standard(dir.resolve("hand-made"), "test");
    Path curve = fixture.root().resolve(
        "trials/ravine-2d/sgd/learningRate-0.015_batch-full--00000004/seed-0/curve.csv");
    List<String> lines = Files.readAllLines(curve);
    Files.write(curve, lines.subList(0, lines.size() - 2));
    List<Gap> gaps = Aggregator.gaps(Aggregator.summarize(StoreReader.read(fixture.root())));
    assertEquals(1, gaps.size());
    assertEquals("curve.csv truncated at iteration 3 of 5", gaps.get(0).reason());
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
    assertTrue(html.contains("generated from experiment folder hand-made (.. relative to this"
        + " page)"), html);
    assertFalse(html.contains("http://") || html.contains("https://"), "no external resources");
  }

  @Test
  void aFolderThatIsNoExperimentIsAUserError() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    UserInputException e = org.junit.jupiter.api.Assertions.assertThrows(
        UserInputException.class, () -> ReportGenerator.generate(empty, empty.resolve("r")));
    assertTrue(e.getMessage().contains("experiment.resolved.yaml is missing"), e.getMessage());
  }
}
