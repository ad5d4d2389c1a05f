package org.optbench.result;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.optbench.UserInputException;
import org.optbench.experiment.Arm;
import org.optbench.experiment.TrialId;
import org.optbench.experiment.TrialSpec;

/**
 * One experiment's folder of results (layout in the package documentation). Writes of whole files
 * are atomic; curves are appended and flushed at every evaluation.
 */
public final class ResultStore {
  /** Name of the resolved config file. */
  public static final String RESOLVED_CONFIG = "experiment.resolved.yaml";
  /** Name of the environment manifest. */
  public static final String MANIFEST = "manifest.json";
  /** Name of the trial index. */
  public static final String INDEX = "trials.csv";
  /** The protocol's choices of a tune-then-evaluate run. */
  public static final String SELECTION = "selection.csv";
  /** Folder of the trial folders, {@code trials/<problem>/<optimizer>/<setting>/seed-<n>}. */
  public static final String TRIALS = "trials";
  /** Folder inside a trial folder holding its latest epoch checkpoint, until it completes. */
  public static final String CHECKPOINT = "checkpoint";
  /**
   * A checkpoint's network with its updater state (DL4J's model archive) as checkpoints written
   * before models were named by their step ({@code model-<step>.zip}) call it.
   */
  public static final String CHECKPOINT_MODEL = "model.zip";
  /** A checkpoint's loop counters, written after the model: it names its complete model. */
  public static final String CHECKPOINT_STATE = "state.json";
  /** Name of a trial's final result, written last: without it the trial is unfinished. */
  public static final String RESULT = "result.json";
  /** Name of a trial's spec: its id and the description that hashes to it. */
  public static final String SPEC = "spec.json";
  /** Name of a trial's per-step curve. */
  public static final String CURVE = "curve.csv";
  /** Name of a network trial's evaluations. */
  public static final String EVALS = "evals.csv";

  private static final ObjectMapper JSON = StoreJson.mapper()
      .enable(SerializationFeature.INDENT_OUTPUT);

  private final Path root;
  private boolean keepOtherRows;

  /**
   * Opens (creating if needed) an experiment folder.
   *
   * @param root {@code <resultsDir>/<experiment>}
   * @throws UserInputException if the folder is a file or cannot be created or written
   */
  public ResultStore(Path root) {
    this.root = root;
    if (Files.exists(root) && !Files.isDirectory(root)) {
      throw new UserInputException("results path " + root + " is a file; give a directory with"
          + " --results (or resultsDir in the config)");
    }
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      String reason = e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null
          ? fs.getReason() : e.getClass().getSimpleName() + " " + e.getMessage();
      throw new UserInputException("cannot create results directory " + root + " (" + reason
          + "); choose a writable directory with --results", e);
    }
    if (!Files.isWritable(root)) {
      throw new UserInputException("results directory " + root + " is not writable; choose a"
          + " writable directory with --results");
    }
  }

  private ResultStore(Path root, boolean readOnly) {
    this.root = root;
  }

  /**
   * Opens an experiment folder to read it, creating nothing (e.g. for a dry run).
   *
   * @param root {@code <resultsDir>/<experiment>}
   * @return the store, or empty if the folder does not exist
   */
  public static Optional<ResultStore> existing(Path root) {
    return Files.isDirectory(root) ? Optional.of(new ResultStore(root, true)) : Optional.empty();
  }

  /** @return the experiment folder */
  public Path root() {
    return root;
  }

  /**
   * @param spec a trial
   * @return its folder, {@code trials/<problem>/<optimizer>/<setting>--<hash8>/seed-<n>}
   */
  public Path trialDir(TrialSpec spec) {
    String setting = spec.optimizer().labels().entrySet().stream()
        .map(e -> e.getKey().replaceAll("[^A-Za-z0-9.-]", "-") + "-"
            + CurveWriter.format(e.getValue()))
        .collect(Collectors.joining("_"));
    setting = (setting.isEmpty() ? "" : setting + "_") + "batch-" + spec.batchSize();
    String hash = TrialId.ofSetting(spec).hex().substring(0, 8);
    return root.resolve(TRIALS).resolve(spec.problem().id()).resolve(spec.optimizer().id())
        .resolve(setting + "--" + hash).resolve("seed-" + spec.seed());
  }

  /**
   * A trial folder's {@code spec.json} as written by {@link #writeSpec}.
   *
   * @param trialId the trial's id (64 hex digits); its description hashes to it
   * @param description the trial's resolved spec ({@link TrialSpec#description}), as JSON values:
   *     numbers as {@code Integer}/{@code Long}/{@code Double}, lists, maps
   * @param arms the protocol arms it serves, by label
   */
  public record SpecFile(String trialId, Map<String, Object> description, List<String> arms) {}

  /**
   * Reads a trial folder's {@code spec.json} and checks that its description hashes to its id.
   *
   * @param trialDir a trial folder
   * @return the spec file
   * @throws UserInputException if the folder has no {@code spec.json}, it is not a spec, or it
   *     was edited (its description no longer hashes to its id)
   */
  public static SpecFile readSpec(Path trialDir) {
    Path file = trialDir.resolve(SPEC);
    if (!Files.isRegularFile(file)) {
      throw new UserInputException(trialDir + " is not a trial folder: it holds no " + SPEC
          + "; give a folder such as <results>/<experiment>/" + TRIALS
          + "/<problem>/<optimizer>/<setting>/seed-<n>");
    }
    Map<String, Object> node;
    try {
      node = JSON.readValue(file.toFile(),
          new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { });
    } catch (IOException e) {
      throw new UserInputException(file + " cannot be read as JSON (" + StoreJson.reason(e)
          + ")", e);
    }
    if (!(node.get("spec") instanceof Map<?, ?> raw) || !(node.get("trialId") instanceof String id)) {
      throw new UserInputException(file + " is not a trial spec (no 'spec' or 'trialId')");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> description = (Map<String, Object>) raw;
    String hash = TrialId.ofDescription(description).hex();
    if (!hash.equals(id)) {
      throw new UserInputException(file + " was edited: its spec hashes to " + hash + ", not to"
          + " its trial id " + id);
    }
    List<String> arms = new ArrayList<>();
    if (node.get("arms") instanceof List<?> list) {
      list.forEach(a -> arms.add(String.valueOf(a)));
    }
    return new SpecFile(id, description, List.copyOf(arms));
  }

  /**
   * The experiment folder a trial folder belongs to.
   *
   * @param trialDir {@code <experiment>/trials/<problem>/<optimizer>/<setting>/seed-<n>}
   * @return {@code <experiment>}, if the trial folder sits at that depth under a {@code trials}
   *     folder
   */
  public static Optional<Path> experimentOf(Path trialDir) {
    Path trials = trialDir.toAbsolutePath().normalize();
    for (int i = 0; i < 4 && trials != null; i++) {
      trials = trials.getParent();
    }
    return trials != null && trials.getFileName() != null
        && trials.getFileName().toString().equals(TRIALS) && trials.getParent() != null
        ? Optional.of(trials.getParent()) : Optional.empty();
  }

  /**
   * The setting hash a trial folder is filed under: the {@code <hash8>} of its parent's name
   * {@code <setting>--<hash8>}, the first 8 hex digits of {@link TrialId#ofSetting}.
   *
   * @param trialDir a trial folder, {@code .../<setting>--<hash8>/seed-<n>}
   * @return the hash8, or an empty string if the parent's name has no {@code --}
   */
  public static String settingHash(Path trialDir) {
    Path setting = trialDir.toAbsolutePath().normalize().getParent();
    String name = setting == null ? "" : setting.getFileName().toString();
    int at = name.lastIndexOf("--");
    return at < 0 ? "" : name.substring(at + 2);
  }

  /**
   * @return the folders of the folder's trials that have a result file, whatever experiment
   *     config planned them (FAILED ones and damaged files included: each was trained by some
   *     run)
   * @throws UncheckedIOException if the folder cannot be listed
   */
  public List<Path> finishedTrialDirs() {
    Path trials = root.resolve(TRIALS);
    if (!Files.isDirectory(trials)) {
      return List.of();
    }
    try (java.util.stream.Stream<Path> files = Files.walk(trials)) {
      return files.filter(f -> f.getFileName().toString().equals(RESULT)).map(Path::getParent)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the trials of " + root, e);
    }
  }

  /**
   * @param spec a trial
   * @return its result if the trial is complete
   * @throws UserInputException if the result file exists but is not a readable result (damaged
   *     outside optbench, which writes it atomically); the message says how to rerun the trial
   */
  public Optional<TrialResult> completed(TrialSpec spec) {
    Path dir = trialDir(spec);
    TrialFolder.State state = TrialFolder.inspect(dir, TrialId.of(spec).hex());
    if (state instanceof TrialFolder.Damaged damaged) {
      throw new UserInputException("the finished trial in " + dir + " is damaged: "
          + damaged.reason() + ". Delete that folder to run the trial again (the other results"
          + " are kept), or rerun with --overwrite to run every trial again");
    }
    // A FAILED trial is retried: its failure may have been the machine's, not the trial's.
    return state instanceof TrialFolder.Finished finished
        && finished.result().status() != TrialStatus.FAILED
        ? Optional.of(finished.result()) : Optional.empty();
  }

  /**
   * Deletes everything a trial has written (result, curves, checkpoint), so it runs from scratch.
   *
   * @param spec the trial
   * @throws UncheckedIOException if a file cannot be deleted
   */
  public void discard(TrialSpec spec) {
    AtomicFiles.deleteTree(trialDir(spec));
  }

  /**
   * Prepares a trial's folder for a run: writes {@code spec.json}. A checkpoint and the curves
   * of an interrupted earlier attempt are kept, so the runner can continue from them.
   *
   * @param spec the trial
   * @param arms the protocol arms it serves (e.g. {@code [grid]}), recorded beside the spec so
   *     the index can be rebuilt from the trial folders alone; not part of the trial's identity
   * @return the trial folder
   */
  public Path begin(TrialSpec spec, List<Arm> arms) {
    Path dir = trialDir(spec);
    try {
      Files.createDirectories(dir);
      Files.deleteIfExists(dir.resolve(RESULT));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare " + dir, e);
    }
    writeSpec(dir, TrialId.of(spec).hex(), spec.description(), arms);
    return dir;
  }

  /**
   * Writes a trial folder's {@code spec.json} atomically: canonical JSON (keys sorted) of the id,
   * the description it hashes to and the arms it serves.
   *
   * @param dir the trial folder (it exists)
   * @param trialId the id, 64 hex digits
   * @param description the trial's description ({@link TrialSpec#description})
   * @param arms the protocol arms it serves, in order of first appearance
   */
  public static void writeSpec(Path dir, String trialId, Map<String, Object> description,
      List<Arm> arms) {
    AtomicFiles.write(dir.resolve(SPEC), TrialId.canonicalJson(Map.of("trialId", trialId,
        "spec", description, "arms", arms.stream().map(Arm::label).toList())) + "\n");
  }

  /**
   * Writes a trial folder's {@code result.json} atomically; the folder's curves must be whole by
   * then, since from this moment the trial counts as finished.
   *
   * @param dir the trial folder
   * @param result the result
   */
  public static void writeResult(Path dir, TrialResult result) {
    writeJson(dir.resolve(RESULT), versioned(JSON.valueToTree(result),
        StoreFormat.forResult(result)));
  }

  /** @return {@code node}'s fields after {@code formatVersion}, which comes first */
  private static com.fasterxml.jackson.databind.node.ObjectNode versioned(
      com.fasterxml.jackson.databind.node.ObjectNode node, int version) {
    com.fasterxml.jackson.databind.node.ObjectNode out = JSON.createObjectNode();
    out.put(StoreFormat.KEY, version);
    node.fields().forEachRemaining(e -> {
      if (!e.getKey().equals(StoreFormat.KEY)) {
        out.set(e.getKey(), e.getValue());
      }
    });
    return out;
  }

  /**
   * Reads the step count a trial's {@code result.json} records, leniently: for a trial whose
   * other files are damaged, or whose result lacks fields the finished rule needs.
   *
   * @param trialDir a trial folder
   * @return its {@code steps}, if {@code result.json} is JSON and holds an integer there
   */
  public static Optional<Long> readRecordedSteps(Path trialDir) {
    try {
      JsonNode steps = JSON.readTree(trialDir.resolve(RESULT).toFile()).path("steps");
      return steps.isIntegralNumber() ? Optional.of(steps.asLong()) : Optional.empty();
    } catch (IOException | RuntimeException unreadable) {
      return Optional.empty();
    }
  }

  /**
   * Reads the problem a trial ran, as its {@code spec.json} records it.
   *
   * @param trialDir a trial folder
   * @return the {@code problem} object of its spec: {@code id} and the problem's parameters
   * @throws IOException if the file cannot be read or parsed
   */
  public static JsonNode readSpecProblem(Path trialDir) throws IOException {
    return JSON.readTree(trialDir.resolve(SPEC).toFile()).path("spec").path("problem");
  }

  /**
   * Writes {@code result.json} last and atomically: the trial is complete from this moment.
   *
   * @param spec the trial
   * @param result its result
   */
  public void finish(TrialSpec spec, TrialResult result) {
    Path dir = trialDir(spec);
    writeResult(dir, result);
    // Only now is the checkpoint no longer needed to finish the trial.
    AtomicFiles.deleteTree(checkpointDir(dir));
  }

  /**
   * @return the resolved config of an earlier run in this folder, if any
   * @throws UncheckedIOException if it exists but cannot be read
   */
  public Optional<String> resolvedConfig() {
    Path file = root.resolve(RESOLVED_CONFIG);
    try {
      return Files.exists(file) ? Optional.of(Files.readString(file)) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /**
   * @param spec a trial
   * @return whether it has an epoch checkpoint to continue from
   */
  public boolean hasCheckpoint(TrialSpec spec) {
    return Files.exists(checkpointDir(trialDir(spec)).resolve(CHECKPOINT_STATE));
  }

  /**
   * @param trialDir a trial folder
   * @return the folder of its epoch checkpoint (which may not exist)
   */
  public static Path checkpointDir(Path trialDir) {
    return trialDir.resolve(CHECKPOINT);
  }

  /** @param yaml the resolved config, written atomically */
  public void writeResolvedConfig(String yaml) {
    AtomicFiles.write(root.resolve(RESOLVED_CONFIG), yaml);
  }

  /**
   * @return {@code manifest.json} of an earlier run, if there is one
   * @throws UserInputException if it exists but is not one JSON object
   */
  public Optional<Map<String, Object>> manifest() {
    Path file = root.resolve(MANIFEST);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    String problem;
    try {
      if (JSON.readTree(file.toFile()) instanceof ObjectNode object) {
        return Optional.of(JSON.convertValue(object,
            new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { }));
      }
      problem = "holds no JSON object";
    } catch (IOException e) {
      problem = "cannot be read as JSON (" + StoreJson.reason(e) + ")";
    }
    throw new UserInputException(file + " " + problem
        + "; restore it, or run every trial again with --overwrite");
  }

  /**
   * @param manifest environment facts, written atomically as JSON after the store's
   *     {@code formatVersion} ({@link StoreFormat#FIRST})
   */
  public void writeManifest(Map<String, Object> manifest) {
    writeManifest(manifest, StoreFormat.FIRST);
  }

  /**
   * @param manifest environment facts, written atomically as JSON after {@code formatVersion}
   * @param version the store's format version ({@link StoreFormat#forExperiment})
   */
  public void writeManifest(Map<String, Object> manifest, int version) {
    writeJson(root.resolve(MANIFEST), versioned(JSON.valueToTree(manifest), version));
  }

  /**
   * Rewrites {@code trials.csv} atomically: one row per planned trial and protocol arm,
   * {@code PENDING} for trials without a result.
   *
   * @param trials the plan: each trial with its arm
   * @param results results by trial id (hex)
   */
  public void writeIndex(List<? extends Armed> trials, Map<String, TrialResult> results) {
    List<IndexRow> rows = new ArrayList<>();
    for (Armed armed : trials) {
      TrialSpec spec = armed.spec();
      String id = TrialId.of(spec).hex();
      TrialResult r = results.get(id);
      String hyper = spec.optimizer().labels().entrySet().stream()
          .map(e -> e.getKey() + "=" + CurveWriter.format(e.getValue()))
          .collect(Collectors.joining(";"));
      rows.add(new IndexRow(id, armed.arm().label(), spec.problem().id(), spec.optimizer().id(),
          hyper, spec.batchSize().toString(), Long.toString(spec.seed()),
          r == null ? "PENDING" : r.status().name(), r == null ? "" : Long.toString(r.steps()),
          r == null ? "" : Double.toString(r.trainSeconds()),
          root.relativize(trialDir(spec)).toString()));
    }
    if (keepOtherRows && TrialIndex.read(root) instanceof TrialIndex.Rows earlier) {
      rows = merged(earlier.rows(), rows, r -> r.trialId() + "\u0000" + r.arm());
    }
    TrialIndex.write(root, rows);
  }

  /**
   * Makes {@link #writeIndex} and {@link #writeSelection} keep the rows of trials and choices
   * they are not given, as a run of a subset of the plan ({@code --only}) must: the rest of the
   * experiment stays indexed and reported.
   *
   * @return this store
   */
  public ResultStore keepingOtherRows() {
    this.keepOtherRows = true;
    return this;
  }

  /** The earlier rows, each replaced by its fresh version, then the fresh rows that are new. */
  private static <T> List<T> merged(List<T> earlier, List<T> fresh,
      java.util.function.Function<T, String> key) {
    Map<String, T> byKey = new java.util.LinkedHashMap<>();
    fresh.forEach(r -> byKey.put(key.apply(r), r));
    List<T> out = new ArrayList<>();
    for (T r : earlier) {
      T replacement = byKey.remove(key.apply(r));
      out.add(replacement != null ? replacement : r);
    }
    out.addAll(byKey.values());
    return out;
  }

  /** A trial with the protocol arm it serves, for the index. */
  public interface Armed {
    /** @return the arm */
    Arm arm();

    /** @return the trial */
    TrialSpec spec();
  }

  /**
   * Writes {@code selection.csv} atomically.
   *
   * @param rows the choices of the tuning phase, in plan order
   */
  public void writeSelection(List<SelectionRow> rows) {
    if (keepOtherRows) {
      Optional<List<SelectionRow>> earlier;
      try {
        earlier = SelectionFile.read(root);
      } catch (IOException | RuntimeException e) {
        earlier = Optional.empty(); // unreadable: the fresh choices replace it, as a full run's
      }
      if (earlier.isPresent()) {
        rows = merged(earlier.get(), rows, r -> r.problem() + "\u0000" + r.entry());
      }
    }
    SelectionFile.write(root, rows);
  }

  private static void writeJson(Path file, Object value) {
    try {
      AtomicFiles.write(file, JSON.writeValueAsString(value) + "\n");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + file.getFileName(), e);
    }
  }
}
