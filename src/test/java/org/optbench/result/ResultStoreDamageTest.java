package org.optbench.result;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.optbench.Sha256;
import org.optbench.UserInputException;
import org.optbench.config.ConfigLoader;
import org.optbench.data.DatasetRepository;
import org.optbench.dl4j.Dl4jTrialRunner;
import org.optbench.experiment.Arm;
import org.optbench.experiment.TrialId;
import org.optbench.experiment.TrialSpec;

/**
 * Every way a finished trial's files can be damaged outside optbench: the one rule
 * ({@link TrialFolder}) names the file and line, {@code run} refuses to build on it, and nothing
 * on disk is changed.
 */
class ResultStoreDamageTest {
  /** A ravine-regression trial: 40 samples, batch 10, 2 epochs, so 8 steps and 3 evaluations. */
  private static final String CONFIG = """
      name: damaged
      seeds: [0, 1]
      problems:
        - id: ravine-regression
          params: {samples: 40, testSamples: 10}
          batchSize: 10
          epochs: 2
          optimizers: [{name: sgd, learningRate: 0.01}]
      """;

  @TempDir
  Path dir;

  /** A damage done to a finished trial folder, with the reason it must be reported with. */
  interface Damage {
    void apply(Path trial, Path otherTrial) throws IOException;
  }

  static Stream<Arguments> damages() {
    return Stream.of(
        Arguments.of("evals.csv cut mid-number", (Damage) (t, o) -> cut(t.resolve("evals.csv"), 4),
            "seed-0/evals.csv is cut off: its last line (line 5) has no line end"),
        Arguments.of("evals.csv last number shortened", (Damage) (t, o) -> {
          Path evals = t.resolve("evals.csv");
          String text = Files.readString(evals);
          Files.writeString(evals, text.substring(0, text.length() - 4) + "\n");
        }, null),
        Arguments.of("curve.csv deleted", (Damage) (t, o) -> Files.delete(t.resolve("curve.csv")),
            "seed-0/curve.csv is missing"),
        Arguments.of("a row of curve.csv too short", (Damage) (t, o) ->
            replaceLine(t.resolve("curve.csv"), 4, "3,0,30"),
            "seed-0/curve.csv line 4 has 3 values, the header 10"),
        Arguments.of("a word in curve.csv", (Damage) (t, o) -> {
          List<String> lines = Files.readAllLines(t.resolve("curve.csv"));
          replaceLine(t.resolve("curve.csv"), 5, lines.get(4).replaceFirst("^2,", "two,"));
        }, "seed-0/curve.csv line 5: 'two' in column iteration is not a number"),
        Arguments.of("curve rows out of order", (Damage) (t, o) -> {
          List<String> lines = Files.readAllLines(t.resolve("curve.csv"));
          replaceLine(t.resolve("curve.csv"), 5, lines.get(3));
        }, "seed-0/curve.csv line 5: iteration 1 does not follow 1"),
        Arguments.of("spec.json replaced by another trial's", (Damage) (t, o) ->
            Files.copy(o.resolve("spec.json"), t.resolve("spec.json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING),
            null),
        Arguments.of("spec.json edited", (Damage) (t, o) -> {
          Path spec = t.resolve("spec.json");
          Files.writeString(spec, Files.readString(spec).replace("\"seed\" : 0", "\"seed\" : 5"));
        }, null),
        Arguments.of("spec.json emptied", (Damage) (t, o) ->
            Files.writeString(t.resolve("spec.json"), ""), "seed-0/spec.json is empty"),
        Arguments.of("spec.json garbled", (Damage) (t, o) ->
            Files.writeString(t.resolve("spec.json"), "{\"trialId\""),
            null),
        Arguments.of("result.json of {}", (Damage) (t, o) ->
            Files.writeString(t.resolve("result.json"), "{}"),
            "seed-0/result.json lacks trialId, status, problem, optimizer, hyperparameters,"
                + " batchSize, steps"),
        Arguments.of("result.json cut", (Damage) (t, o) -> cut(t.resolve("result.json"), 40),
            null),
        Arguments.of("status edited to DIVERGED", (Damage) (t, o) -> status(t, "DIVERGED"),
            "seed-0/result.json says DIVERGED but records no step of divergence (divergedAtStep"
                + " -1): its status was edited"),
        Arguments.of("status edited to an unknown one", (Damage) (t, o) -> status(t, "RUNNING"),
            "seed-0/result.json has status 'RUNNING', none of [COMPLETED, DIVERGED, FAILED]: its"
                + " status was edited"),
        Arguments.of("status edited with a space", (Damage) (t, o) -> status(t, "COMPLETED "),
            "seed-0/result.json has status 'COMPLETED ', none of [COMPLETED, DIVERGED, FAILED]:"
                + " its status was edited"),
        Arguments.of("status edited to FAILED", (Damage) (t, o) -> status(t, "FAILED"),
            "seed-0/result.json says FAILED but records final metrics, which only a COMPLETED"
                + " trial has: its status was edited"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("damages")
  void runRefusesADamagedTrialNamingTheFileAndChangesNothing(String label, Damage damage,
      String reason) throws Exception {
    List<TrialSpec> specs = ConfigLoader.parse(dir.resolve("c.yaml"), CONFIG).trials();
    ResultStore store = new ResultStore(dir.resolve("store"));
    for (TrialSpec spec : specs) {
      finish(store, spec);
    }
    Path trial = store.trialDir(specs.get(0));
    damage.apply(trial, store.trialDir(specs.get(1)));
    Map<String, String> before = hashes(trial);

    TrialFolder.State state = TrialFolder.inspect(trial, TrialId.of(specs.get(0)).hex());
    String actual = assertInstanceOf(TrialFolder.Damaged.class, state).reason();
    if (reason != null) {
      assertEquals(reason, actual);
    }
    UserInputException e = assertThrows(UserInputException.class,
        () -> store.completed(specs.get(0)));
    assertEquals("the finished trial in " + trial + " is damaged: " + actual + ". Delete that"
        + " folder to run the trial again (the other results are kept), or rerun with"
        + " --overwrite to run every trial again", e.getMessage());
    assertEquals(before, hashes(trial), "nothing is changed or deleted");
  }

  /** The reasons whose wording depends on a hash or a parser are pinned by their shape. */
  @Test
  void specAndResultDamagesAreNamed() throws Exception {
    List<TrialSpec> specs = ConfigLoader.parse(dir.resolve("c.yaml"), CONFIG).trials();
    ResultStore store = new ResultStore(dir.resolve("store"));
    for (TrialSpec spec : specs) {
      finish(store, spec);
    }
    Path trial = store.trialDir(specs.get(0));
    String id = TrialId.of(specs.get(0)).hex();
    Path spec = trial.resolve("spec.json");
    String original = Files.readString(spec);

    Files.writeString(spec, original.replace("\"seed\" : 0", "\"seed\" : 5"));
    String edited = reason(trial, id);
    assertEquals("seed-0/spec.json was edited: its spec hashes to ", edited.substring(0, 48));
    assertEquals(", not to the trial id " + id, edited.substring(48 + 64));

    Files.copy(store.trialDir(specs.get(1)).resolve("spec.json"), spec,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertEquals("seed-0/spec.json does not describe trial " + id + " (no 'spec', or another"
        + " 'trialId'): it was replaced or edited", reason(trial, id));

    // Text after a file's JSON value damages it, although the value itself is whole.
    Files.writeString(spec, original + "[]");
    assertEquals("seed-0/spec.json is not a trial spec (text follows the JSON value at line "
        + (lineEnds(original) + 1) + ")", reason(trial, id));
    Files.writeString(spec, original);
    Path result = trial.resolve("result.json");
    String whole = Files.readString(result);
    Files.writeString(result, whole + "{\"steps\": 8}\n");
    assertEquals("seed-0/result.json is not a trial result (text follows the JSON value at line "
        + (lineEnds(whole) + 1) + ")", reason(trial, id));
    Files.writeString(result, whole);
    assertInstanceOf(TrialFolder.Finished.class, TrialFolder.inspect(trial, id));
    Path evals = trial.resolve("evals.csv");
    List<String> lines = Files.readAllLines(evals);
    String last = lines.get(lines.size() - 1);
    String[] cells = last.split(",");
    String shortened = cells[cells.length - 1].substring(0, cells[cells.length - 1].length() - 3);
    cells[cells.length - 1] = shortened;
    lines.set(lines.size() - 1, String.join(",", cells));
    Files.write(evals, lines);
    assertEquals("seed-0/evals.csv line 5: suboptimality " + shortened + " differs from"
        + " result.json's final " + last.substring(last.lastIndexOf(',') + 1), reason(trial, id));
  }

  @Test
  void aFailedTrialIsRetriedAndAnUnfinishedOneIsRun() throws Exception {
    List<TrialSpec> specs = ConfigLoader.parse(dir.resolve("c.yaml"), CONFIG).trials();
    ResultStore store = new ResultStore(dir.resolve("store"));
    TrialSpec spec = specs.get(0);
    store.begin(spec, List.of(Arm.GRID));
    assertEquals(Optional.empty(), store.completed(spec), "no result.json: unfinished");
    TrialResult failed = new TrialResult(TrialId.of(spec).hex(), "ravine-regression", "sgd",
        Map.of("learningRate", 0.1), "10", 0, TrialStatus.FAILED, "java.lang.OutOfMemoryError",
        0, 0, 0, -1, 0, 0, 1, "", "", Map.of(), null);
    store.finish(spec, failed);
    assertInstanceOf(TrialFolder.Finished.class,
        TrialFolder.inspect(store.trialDir(spec), TrialId.of(spec).hex()),
        "a FAILED trial's files are whole: the report counts it as failed");
    TrialFolder.Finished finished = (TrialFolder.Finished) TrialFolder.inspect(
        store.trialDir(spec), TrialId.of(spec).hex());
    assertEquals(Optional.empty(), finished.curve(), "a FAILED trial's curves are not checked");
    assertEquals(Optional.empty(), finished.evals());
    assertEquals(Optional.empty(), store.completed(spec), "but run tries it again");
  }

  /** The check reads the curves once; what it hands on equals the report's lenient reading. */
  @Test
  void aFinishedTrialCarriesTheCurvesItChecked() throws Exception {
    List<TrialSpec> specs = ConfigLoader.parse(dir.resolve("c.yaml"), CONFIG).trials();
    ResultStore store = new ResultStore(dir.resolve("store"));
    finish(store, specs.get(0));
    Path trial = store.trialDir(specs.get(0));
    TrialFolder.Finished finished = assertInstanceOf(TrialFolder.Finished.class,
        TrialFolder.inspect(trial, TrialId.of(specs.get(0)).hex()));
    CurveTable curve = finished.curve().orElseThrow();
    CurveTable evals = finished.evals().orElseThrow();
    // 8 steps, a loss every step before the last; evaluations at 0, 4 and 8.
    assertEquals(8, curve.rows());
    assertArrayEquals(new double[] {0, 4, 8}, evals.column("iteration"));
    assertEquals(finished.result().finalMetrics().get("suboptimality"),
        evals.column("suboptimality")[2]);
    for (CurveTable checked : List.of(curve, evals)) {
      String file = checked == curve ? "curve.csv" : "evals.csv";
      CurveTable lenient = CurveTable.readLenient(trial.resolve(file));
      assertEquals(lenient.names(), checked.names(), file);
      for (String column : checked.names()) {
        assertArrayEquals(lenient.column(column), checked.column(column), file + " " + column);
      }
    }
  }

  /** {@code run} reads an earlier run's manifest to compare natives: a damaged one stops it. */
  @Test
  void runRefusesAManifestWithTextAfterItsObjectOrThatIsNoObject() throws IOException {
    ResultStore store = new ResultStore(dir.resolve("store"));
    store.writeManifest(Map.of("cpu", "AMD EPYC 7B13"));
    Path file = dir.resolve("store").resolve("manifest.json");
    String written = Files.readString(file);
    assertEquals(Optional.of(Map.of("formatVersion", 1, "cpu", "AMD EPYC 7B13")),
        store.manifest());
    Files.writeString(file, written + "{\"cpu\": \"other\"}\n");
    UserInputException e = assertThrows(UserInputException.class, store::manifest);
    assertEquals(file + " cannot be read as JSON (text follows the JSON value at line "
        + (lineEnds(written) + 1) + "); restore it, or run every trial again with --overwrite",
        e.getMessage());
    // Jackson's reason, without the parser's note of where the value began.
    Files.writeString(file, written + "}\n");
    assertEquals(file + " cannot be read as JSON (Unexpected close marker '}': expected ']' at"
        + " line " + (lineEnds(written) + 1) + "); restore it, or run every trial again with"
        + " --overwrite", assertThrows(UserInputException.class, store::manifest).getMessage());
    for (String notAnObject : List.of("null", "[1, 2]", "\"cpu\"")) {
      Files.writeString(file, notAnObject);
      assertEquals(file + " holds no JSON object; restore it, or run every trial again with"
          + " --overwrite", assertThrows(UserInputException.class, store::manifest).getMessage(),
          notAnObject);
    }
  }

  private static long lineEnds(String text) {
    return text.chars().filter(c -> c == '\n').count();
  }

  private static String reason(Path trial, String id) {
    return assertInstanceOf(TrialFolder.Damaged.class, TrialFolder.inspect(trial, id)).reason();
  }

  private static void finish(ResultStore store, TrialSpec spec) {
    Path trialDir = store.begin(spec, List.of(Arm.GRID));
    // Ravine regression generates its data: the repository is never asked for files.
    TrialResult result = new Dl4jTrialRunner(
        DatasetRepository.fromEnvironment(Optional.empty(), false), 1)
        .run(spec, trialDir, n -> { });
    store.finish(spec, result);
  }

  private static void status(Path trial, String status) throws IOException {
    Path result = trial.resolve("result.json");
    String text = Files.readString(result);
    String edited = text.replace("\"status\" : \"COMPLETED\"", "\"status\" : \"" + status + "\"");
    if (edited.equals(text)) {
      throw new IllegalStateException("no COMPLETED status in " + text);
    }
    Files.writeString(result, edited);
  }

  private static void cut(Path file, int bytes) throws IOException {
    byte[] all = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(all, all.length - bytes));
  }

  private static void replaceLine(Path file, int line, String text) throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    lines.set(line - 1, text);
    Files.write(file, lines);
  }

  private static Map<String, String> hashes(Path folder) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        out.put(folder.relativize(f).toString(), Sha256.of(Files.readAllBytes(f)));
      }
    }
    return out;
  }
}
