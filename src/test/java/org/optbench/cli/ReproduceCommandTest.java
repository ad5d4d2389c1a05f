package org.optbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.Sha256;
import org.optbench.dl4j.Backend;
import org.optbench.testing.PluginJars;
import org.optbench.testing.Prerequisites;
import org.optbench.testing.SmallCsv;

/**
 * {@code optbench reproduce} on trials this test runs first: an intact trial is identical, one
 * whose stored curve was altered is named at the first differing cell. The surefire JVM runs
 * with OMP_NUM_THREADS=1, the trials' thread count, so the replay runs in this JVM.
 */
class ReproduceCommandTest {
  private static final String RAVINE = """
      name: reproduce-check
      seeds: [0]
      problems:
        - id: ravine-2d
          steps: 30
          optimizers:
            - {name: adam, learningRate: 0.1}
      """;

  private static final String MNIST = """
      name: reproduce-mnist
      seeds: [3]
      problems:
        - id: mnist-mlp
          params: {trainExamples: 1000, validationExamples: 1000, evalExamples: 500,
                   testExamples: 500}
          batchSize: 50
          steps: 6
          evalEvery: 3
          optimizers:
            - {name: adam, learningRate: 0.001}
      """;

  /** Synthetic data in mini-batches, so the data order matters and no data set is needed. */
  private static final String BUFFERED = """
      name: reproduce-buffered
      seeds: [1]
      problems:
        - id: ravine-regression
          batchSize: 16
          steps: 12
          shuffleBuffer: 40
          optimizers:
            - {name: sgd, learningRate: 0.01}
      """;

  @TempDir
  Path dir;

  private Path runOneTrial(String yaml, String... more) throws IOException {
    Path config = Files.writeString(dir.resolve("config.yaml"), yaml);
    List<String> args = new ArrayList<>(List.of("run", config.toString(), "--results",
        dir.resolve("results").toString()));
    args.addAll(List.of(more));
    CliRun run = CliRun.of(args.toArray(String[]::new));
    assertEquals(0, run.exitCode(), run.out() + run.err());
    try (Stream<Path> files = Files.walk(dir.resolve("results"))) {
      return files.filter(p -> p.getFileName().toString().equals("result.json")).findFirst()
          .orElseThrow().getParent();
    }
  }

  /** @return the manifest of the experiment holding {@code trial} (five folders up) */
  private static Path manifestOf(Path trial) {
    return trial.getParent().getParent().getParent().getParent().getParent()
        .resolve("manifest.json");
  }

  @Test
  void anIntactTrialIsIdentical() throws IOException {
    Path trial = runOneTrial(RAVINE);
    CliRun run = CliRun.of("reproduce", trial.toString());
    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().startsWith(Backend.summaryLine() + "\nreproducing " + trial),
        run.out());
    assertTrue(run.out().endsWith("identical: curve.csv (31 rows) matches bit for bit"
        + " (train_time_s aside)\n"), run.out());
  }

  /** A damaged stored trial is compared anyway, and the difference is not blamed on training. */
  @Test
  void aDamagedStoredTrialIsComparedWithANoteThatTheDamageMayBeTheDifference()
      throws IOException {
    Path trial = runOneTrial(RAVINE);
    // Its last row gone: the curve ends before the trial's last step.
    Path curve = trial.resolve("curve.csv");
    List<String> lines = Files.readAllLines(curve);
    Files.write(curve, lines.subList(0, lines.size() - 1));
    CliRun run = CliRun.of("reproduce", trial.toString());
    assertEquals(4, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().startsWith("warning: the stored trial is damaged (seed-0/curve.csv"),
        run.out());
    assertTrue(run.out().endsWith("\nnote: the stored trial is damaged (see the warning above),"
        + " so the difference may be the damage, not the training\n"), run.out());
  }

  @Test
  void anAlteredCurveIsNamedAtItsFirstDifference() throws IOException {
    Path trial = runOneTrial(RAVINE);
    Path curve = trial.resolve("curve.csv");
    List<String> lines = new ArrayList<>(Files.readAllLines(curve));
    // Line 1 is the units comment, line 2 the header: line 9 is iteration 6.
    List<String> header = List.of(lines.get(1).split(","));
    String[] cells = lines.get(8).split(",");
    assertEquals("6", cells[0]);
    int y = header.indexOf("y");
    String original = cells[y];
    cells[y] = "0.25";
    lines.set(8, String.join(",", cells));
    // A later timing change alone is no difference.
    String[] later = lines.get(12).split(",");
    later[header.indexOf("train_time_s")] = "99.5";
    lines.set(12, String.join(",", later));
    Files.write(curve, lines);

    CliRun run = CliRun.of("reproduce", trial.toString());
    assertEquals(4, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().endsWith("differs: curve.csv line 9 (iteration 6), column y: stored"
        + " 0.25, reproduced " + original + "\n"), run.out());

    // Only the timing column changed: identical again.
    lines.set(8, lines.get(8).replace(",0.25,", "," + original + ","));
    Files.write(curve, lines);
    CliRun timingOnly = CliRun.of("reproduce", trial.toString());
    assertEquals(0, timingOnly.exitCode(), timingOnly.out() + timingOnly.err());
  }

  @Test
  void aShortMnistTrialIsIdentical() throws IOException {
    Prerequisites.fromEnvironment().mnist();
    Path trial = runOneTrial(MNIST, "--no-download");
    CliRun run = CliRun.of("reproduce", trial.toString(), "--no-download");
    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().endsWith("identical: curve.csv (6 rows), evals.csv (3 rows) match bit"
        + " for bit (train_time_s aside)\n"), run.out());

    // MNIST is named in the id, not hashed: the manifest's checksums are what decide.
    String recorded = zeroChecksum(manifestOf(trial), "t10k-images-idx3-ubyte.gz");
    CliRun edited = CliRun.of("reproduce", trial.toString(), "--no-download");
    assertEquals(2, edited.exitCode(), edited.out() + edited.err());
    assertEquals("error: data file mnist/t10k-images-idx3-ubyte.gz has SHA-256 " + recorded
        + " here, but manifest.json records " + "0".repeat(64) + " for the run that trained the"
        + " trial; give the recorded data with --data-dir (or, if manifest.json was edited,"
        + " restore it)\n", edited.err());
  }

  /** Replaces a file's checksum in the manifest by 64 zeros; @return the checksum replaced */
  private static String zeroChecksum(Path manifest, String file) throws IOException {
    String text = Files.readString(manifest);
    Matcher recorded = Pattern.compile("\"" + Pattern.quote(file) + "\" : \"([0-9a-f]{64})\"")
        .matcher(text);
    assertTrue(recorded.find(), text);
    Files.writeString(manifest, text.replace(recorded.group(1), "0".repeat(64)));
    return recorded.group(1);
  }

  /**
   * A trial on the user's files holds their SHA-256 in its id: the replay rebuilds the spec from
   * the files read now, so a manifest that describes other data (a later run on files since put
   * back) does not stop it.
   */
  @Test
  void aTrialOnTheUsersFilesIsCheckedByItsIdNotByTheManifest() throws IOException {
    String rows = SmallCsv.rows();
    Path csv = Files.writeString(dir.resolve("rows.csv"), rows);
    Path trial = runOneTrial(SmallCsv.config("reproduce-csv", csv, 6, "sgd"));
    zeroChecksum(manifestOf(trial), "train: rows.csv");
    CliRun run = CliRun.of("reproduce", trial.toString());
    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().contains("identical: "), run.out());

    // Other data at the path: no trial of the config hashes to the id any more.
    Files.writeString(csv, rows.replace("0.25,", "0.5,"));
    CliRun changed = CliRun.of("reproduce", trial.toString());
    assertEquals(2, changed.exitCode(), changed.out() + changed.err());
    assertTrue(changed.err().startsWith("error: no trial of "), changed.err());
    assertTrue(changed.err().endsWith("the config was replaced after this trial ran, or the files"
        + " it names (data, a network) no longer hold what the trial read; put back those the"
        + " trial ran with\n"), changed.err());
  }

  /** The replay rebuilds the trial with its shuffle buffer: without it the id would not match. */
  @Test
  void aTrialWithAShuffleBufferIsIdentical() throws IOException {
    Path trial = runOneTrial(BUFFERED);
    assertTrue(Files.readString(trial.resolve("spec.json")).contains("\"shuffleBuffer\" : 40"));
    CliRun run = CliRun.of("reproduce", trial.toString());
    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().contains("\nidentical: curve.csv (12 rows)"), run.out());
  }

  @Test
  void aPluginTrialNeedsItsRecordedJar() throws IOException {
    Path jar = PluginJars.build(dir, "signum.jar", Map.of(), true);
    Path trial = runOneTrial("""
        name: reproduce-plugin
        seeds: [0]
        plugins: [%s]
        problems:
          - id: ravine-2d
            steps: 10
            optimizers:
              - {name: signum, learningRate: 0.01, beta: 0.9}
        """.formatted(jar.toAbsolutePath()));
    CliRun intact = CliRun.of("reproduce", trial.toString());
    assertEquals(0, intact.exitCode(), intact.out() + intact.err());
    assertTrue(intact.out().contains("identical: curve.csv (11 rows)"), intact.out());

    String recorded = Sha256.of(jar);
    // Rebuilt with one more class: another jar under the same name.
    Files.move(PluginJars.build(dir.resolve("other"), "signum.jar", Map.of("org.example.Extra",
        "package org.example; public class Extra {}"), true), jar,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    CliRun changed = CliRun.of("reproduce", trial.toString());
    assertEquals(2, changed.exitCode(), changed.out() + changed.err());
    assertEquals("error: the plugin jar " + jar.toAbsolutePath() + " has SHA-256 "
        + Sha256.of(jar) + ", but the trial ran with " + recorded + ": it was rebuilt or"
        + " replaced; put the recorded jar back at that path\n", changed.err());

    Files.delete(jar);
    CliRun missing = CliRun.of("reproduce", trial.toString());
    assertEquals(2, missing.exitCode(), missing.out() + missing.err());
    assertEquals("error: the plugin jar " + jar.toAbsolutePath() + " of optimizer"
        + " org.example.signum.Signum is missing; put the jar with SHA-256 " + recorded
        + " back at that path\n", missing.err());
  }

  @Test
  void aMissingPathOrAFileIsNamedAsSuch() throws IOException {
    Path missing = dir.resolve("nope");
    CliRun run = CliRun.of("reproduce", missing.toString());
    assertEquals(2, run.exitCode());
    assertTrue(run.err().startsWith("error: " + missing + " does not exist; give a trial folder"),
        run.err());
    Path file = Files.writeString(dir.resolve("q.csv"), "x\n");
    assertTrue(CliRun.of("reproduce", file.toString()).err().startsWith("error: " + file
        + " is a file; give a trial folder"));
  }

  @Test
  void aStoreOfANewerFormatIsRefused() throws IOException {
    Path trial = runOneTrial(RAVINE);
    Path manifest = manifestOf(trial);
    String text = Files.readString(manifest);
    Files.writeString(manifest, text.replace("\"formatVersion\" : 1", "\"formatVersion\" : 99"));
    CliRun run = CliRun.of("reproduce", trial.toString());
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("format version 99, newer than this optbench reads"),
        run.err());
  }

  @Test
  void otherNativesAreRefusedNamingEachDifferenceAndHowToMatchIt() throws IOException {
    Path trial = runOneTrial(RAVINE);
    Path manifest = manifestOf(trial);
    String text = Files.readString(manifest);
    // This JVM's own values, then the manifest as another machine and an older optbench left it.
    String coreType = System.getenv("OPENBLAS_CORETYPE");
    String ours = coreType == null ? "unset (OpenBLAS picks kernels for the CPU)" : coreType;
    String other = "Zen".equals(coreType) ? "SkylakeX" : "Zen";
    String dense = "oneDNN matmul (ReluDenseLayer's row-major Nd4j.gemm)";
    String edited = text.replace("\"OPENBLAS_CORETYPE\" : \"" + ours + "\"",
        "\"OPENBLAS_CORETYPE\" : \"" + other + "\"")
        .replace("    \"denseProducts\" : \"" + dense + "\",\n", "");
    assertTrue(!edited.equals(text) && !edited.contains("denseProducts"), edited);
    Files.writeString(manifest, edited);

    CliRun run = CliRun.of("reproduce", trial.toString());

    assertEquals(2, run.exitCode(), run.out());
    assertEquals("error: the trial was computed with other native settings than this JVM has,"
        + " which can change a trial's last bits, so a difference could come from them alone."
        + " denseProducts not recorded"
        + " (this JVM: " + dense + "): not recorded by the optbench that wrote it, which only"
        + " that version matches (CHANGELOG.md says which versions changed it);"
        + " OPENBLAS_CORETYPE " + other + " (this JVM: " + ours
        + "): start with OPENBLAS_CORETYPE=" + other + "\n", run.err());
  }

  @Test
  void aFolderThatIsNotATrialIsABadInput() throws IOException {
    Path plain = Files.createDirectories(dir.resolve("plain"));
    CliRun run = CliRun.of("reproduce", plain.toString());
    assertEquals(2, run.exitCode());
    assertTrue(run.err().startsWith("error: " + plain + " is not a trial folder: it holds no"
        + " spec.json"), run.err());
  }

  @Test
  void theChildJvmNoteSaysWhetherOmpNumThreadsIsUnsetOrOtherwiseSet() {
    assertEquals("note: the trial ran with 1 native thread(s) and this JVM has OMP_NUM_THREADS"
        + " unset; running it in a new JVM with OMP_NUM_THREADS=1",
        ReproduceCommand.childJvmNote(1, null));
    assertEquals("note: the trial ran with 2 native thread(s) and this JVM has"
        + " OMP_NUM_THREADS=1; running it in a new JVM with OMP_NUM_THREADS=2",
        ReproduceCommand.childJvmNote(2, "1"));
  }
}
