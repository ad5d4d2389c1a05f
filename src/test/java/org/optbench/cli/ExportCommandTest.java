package org.optbench.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.report.ResultStoreFixture;

/** {@code optbench export} on a hand-made result store with a diverged and a failed trial. */
class ExportCommandTest {
  private static final String HEADER = "experiment,problem,optimizer,arm,setting_hash,"
      + "hyperparameters,batch_size,seed,trial_id,status,kind,iteration,metric,value";

  @TempDir
  Path dir;

  private ResultStoreFixture store() {
    ResultStoreFixture fixture = ResultStoreFixture.standard(dir.resolve("hand-made"), "export");
    fixture.addFailed(0);
    return fixture;
  }

  @Test
  void oneRowPerValueOfEveryCurveAndEvaluationRow() throws IOException {
    Path root = store().root();
    Path out = dir.resolve("all.csv");
    CliRun run = CliRun.of("export", root.toString(), "--out", out.toString());
    assertEquals(0, run.exitCode(), run.err());
    List<CSVRecord> rows = read(Files.newInputStream(out));
    // Counted from the files themselves: per curve file, data rows times the columns besides
    // iteration.
    long expected = 0;
    try (Stream<Path> files = Files.walk(root.resolve("trials"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".csv")).toList()) {
        List<String> lines = Files.readAllLines(f).stream().filter(l -> !l.startsWith("#"))
            .toList();
        expected += (long) (lines.size() - 1) * (lines.get(0).split(",").length - 1);
      }
    }
    // By hand: 6 completed mnist-mlp trials (40 steps × 5 values + 5 evaluations × 9 values),
    // the diverged one (13 × 5 + 3 × 9), 2 ravine-2d trials (6 × 7), the failed one (3 × 5 + 9).
    assertEquals(6 * 245 + 92 + 2 * 42 + 24, expected);
    assertEquals(expected, rows.size());
    assertTrue(run.out().contains("10 trial(s), 1670 row(s)"), run.out());
    assertEquals(1670, rows.stream().filter(r -> r.get("experiment").equals("hand-made")).count());
    assertEquals(92, rows.stream().filter(r -> r.get("status").equals("DIVERGED")).count());
    assertEquals(24, rows.stream().filter(r -> r.get("status").equals("FAILED")).count());
    assertEquals(6 * 45 + 27 + 9,
        rows.stream().filter(r -> r.get("kind").equals("evaluation")).count());
  }

  @Test
  void rowsHoldTheStoresValues() throws IOException {
    Path root = store().root();
    Path out = dir.resolve("all.csv");
    assertEquals(0, CliRun.of("export", root.toString(), "--out", out.toString()).exitCode());
    List<String> lines = Files.readAllLines(out);
    assertEquals(HEADER, lines.get(0));
    // sgd seed 0's evaluation at step 20: test accuracy 0.91 (the fixture's setting 1).
    assertTrue(lines.stream().anyMatch(l -> l.matches("hand-made,mnist-mlp,sgd,grid,00000001,"
        + "learningRate=0.1,128,0,[0-9a-f]{64},COMPLETED,evaluation,20,test_accuracy,0.91")),
        "evaluation row");
    // the diverged seed 2: its step 12 had loss 1e6.
    assertTrue(lines.stream().anyMatch(l -> l.matches("hand-made,mnist-mlp,sgd,grid,00000001,"
        + "learningRate=0.1,128,2,[0-9a-f]{64},DIVERGED,step,12,loss,1000000")), "diverged");
    // the failed trial's third step, cumulative training time 0.3 s (0.1 × 3 in doubles).
    assertTrue(lines.stream().anyMatch(l -> l.matches("hand-made,mnist-mlp,sgd,grid,00000006,"
        + "learningRate=0.5,128,0,[0-9a-f]{64},FAILED,step,2,train_time_s,"
        + "0.30000000000000004")), "failed");
    // ravine-2d sgd: x after one step is −4 × 0.985.
    assertTrue(lines.contains("hand-made,ravine-2d,sgd,grid,00000004,learningRate=0.015,full,0,"
        + trialId(lines, "ravine-2d,sgd") + ",COMPLETED,step,1,x,-3.94"), "ravine x");
  }

  private static String trialId(List<String> lines, String problemOptimizer) {
    return lines.stream().filter(l -> l.startsWith("hand-made," + problemOptimizer + ","))
        .findFirst().orElseThrow().split(",")[8];
  }

  @Test
  void gzipHoldsTheSameTable() throws IOException {
    Path root = store().root();
    Path plain = dir.resolve("all.csv");
    Path gz = dir.resolve("all.csv.gz");
    assertEquals(0, CliRun.of("export", root.toString(), "--out", plain.toString()).exitCode());
    CliRun run = CliRun.of("export", root.toString(), "--out", gz.toString());
    assertEquals(0, run.exitCode(), run.err());
    byte[] unzipped;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
      unzipped = in.readAllBytes();
    }
    assertArrayEquals(Files.readAllBytes(plain), unzipped);
    assertTrue(Files.size(gz) < Files.size(plain) / 4, "compressed");
  }

  @Test
  void refusesToOverwriteWithoutForce() throws IOException {
    Path root = store().root();
    Path out = dir.resolve("all.csv");
    Files.writeString(out, "keep me\n");
    CliRun refused = CliRun.of("export", root.toString(), "--out", out.toString());
    assertEquals(2, refused.exitCode());
    assertEquals("error: " + out + " exists; give another --out, or --force to replace it\n",
        refused.err());
    assertEquals("keep me\n", Files.readString(out));
    CliRun forced = CliRun.of("export", root.toString(), "--out", out.toString(), "--force");
    assertEquals(0, forced.exitCode(), forced.err());
    assertEquals(HEADER, Files.readAllLines(out).get(0));
    try (Stream<Path> files = Files.list(dir)) {
      assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")));
    }
  }

  @Test
  void leavesOutUnfinishedAndDamagedTrialsWithAWarning() {
    ResultStoreFixture fixture = store();
    String interrupted = fixture.interrupt("mnist-mlp", "adam", 1L);
    Path out = dir.resolve("all.csv");
    CliRun run = CliRun.of("export", fixture.root().toString(), "--out", out.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("warning: left out, unfinished: " + interrupted + "\n"),
        run.out());
    assertTrue(run.out().contains("9 trial(s), " + (1670 - 245) + " row(s)"), run.out());
  }

  @Test
  void aFolderThatIsNotResultsIsABadInput() throws IOException {
    Path plain = Files.createDirectories(dir.resolve("plain"));
    Path out = dir.resolve("all.csv");
    CliRun run = CliRun.of("export", plain.toString(), "--out", out.toString());
    assertEquals(2, run.exitCode());
    assertEquals("error: " + plain + " is not a results folder (it holds neither trials.csv nor"
        + " trials/); give an experiment folder such as results/quickstart\n", run.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void anOutInsideTheResultsFolderIsRefusedAndNothingThereChanges() throws IOException {
    Path root = store().root();
    Path index = root.resolve("trials.csv");
    String before = Files.readString(index);
    CliRun run = CliRun.of("export", root.toString(), "--out", index.toString(), "--force");
    assertEquals(2, run.exitCode());
    assertEquals("error: --out " + index + " is inside the results folder " + root + ", whose"
        + " files belong to optbench; write the export elsewhere, e.g. --out "
        + root.getFileName() + ".csv\n", run.err());
    assertEquals(before, Files.readString(index));
  }

  @Test
  void aStoreOfANewerFormatIsRefused() throws IOException {
    Path root = store().root();
    Path manifest = root.resolve("manifest.json");
    Files.writeString(manifest, "{ \"formatVersion\" : 99 }\n");
    CliRun run = CliRun.of("export", root.toString(), "--out", dir.resolve("x.csv").toString());
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("format version 99, newer than this optbench reads"),
        run.err());
    assertFalse(Files.exists(dir.resolve("x.csv")));
  }

  @Test
  void aMissingFolderIsNamedAsMissing() {
    Path missing = dir.resolve("nope");
    CliRun run = CliRun.of("export", missing.toString(), "--out",
        dir.resolve("x.csv").toString());
    assertEquals(2, run.exitCode());
    assertEquals("error: " + missing + " does not exist; give an experiment folder such as"
        + " results/quickstart\n", run.err());
  }

  @Test
  void anOutWithoutCsvExtensionIsABadInput() {
    Path root = store().root();
    Path out = dir.resolve("all.xlsx");
    CliRun run = CliRun.of("export", root.toString(), "--out", out.toString());
    assertEquals(2, run.exitCode());
    assertEquals("error: --out " + out + ": the file name must end in .csv or .csv.gz"
        + " (gzip-compressed CSV)\n", run.err());
    assertFalse(Files.exists(out));
    assertEquals(2, CliRun.of("export", root.toString()).exitCode(), "--out is required");
  }

  private static List<CSVRecord> read(InputStream in) throws IOException {
    try (Reader reader = new java.io.InputStreamReader(in, StandardCharsets.UTF_8);
        CSVParser parser = CSVParser.parse(reader, CSVFormat.DEFAULT.builder().setHeader()
            .setSkipHeaderRecord(true).build())) {
      return new ArrayList<>(parser.getRecords());
    }
  }
}
