package org.optbench.report;

import org.optbench.optimizer.OptimizerType;
import org.optbench.plugin.registry.OptimizerRegistry;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.optbench.UserInputException;
import org.optbench.config.Protocol;
import org.optbench.config.ResolvedConfigReader;
import org.optbench.experiment.Arm;
import org.optbench.problem.DataProblem;
import org.optbench.problem.ProblemSpec;
import org.optbench.result.CurveTable;
import org.optbench.result.IndexRow;
import org.optbench.result.ResultStore;
import org.optbench.result.SelectionFile;
import org.optbench.result.SelectionRow;
import org.optbench.result.StoreJson;
import org.optbench.result.TrialFolder;
import org.optbench.result.TrialIndex;
import org.optbench.result.TrialResult;

/**
 * Reads an experiment folder (layout in {@link org.optbench.result}) without changing it.
 * Missing or unreadable trial files are not errors: such trials are reported as missing.
 */
final class StoreReader {
  // result.json may gain fields in later versions; a report should still read it.
  private static final ObjectMapper JSON = StoreJson.mapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(SerializationFeature.INDENT_OUTPUT);

  private final Path root;
  private final List<String> warnings = new ArrayList<>();
  private final Map<String, JsonNode> paramsByKey = new HashMap<>();
  /**
   * Hyperparameter names of each optimizer id in its own order, from the resolved config (which
   * states every one): spec.json sorts keys, the rebuilt index must not.
   */
  private final Map<String, List<String>> hyperparameterOrder = new HashMap<>();

  private StoreReader(Path root) {
    this.root = root;
  }

  /**
   * @param root an experiment folder, {@code results/<experiment>/}
   * @return its contents
   * @throws UserInputException if the folder does not exist or lacks
   *     {@code experiment.resolved.yaml} or {@code trials.csv}, or these cannot be parsed
   */
  static ExperimentData read(Path root) {
    return new StoreReader(root).read();
  }

  private ExperimentData read() {
    if (!Files.isDirectory(root)) {
      throw new UserInputException(root + " is not a directory; give an experiment folder such"
          + " as results/quickstart (the folder holding experiment.resolved.yaml)");
    }
    Path configFile = root.resolve(ResultStore.RESOLVED_CONFIG);
    Path indexFile = root.resolve(ResultStore.INDEX);
    boolean hasTrials = Files.isDirectory(root.resolve(ResultStore.TRIALS));
    for (Path required : List.of(configFile, indexFile)) {
      // A lost index can be rebuilt from the trial folders; a lost config cannot.
      if (!Files.isRegularFile(required) && (required == configFile || !hasTrials)) {
        throw new UserInputException(root + " is not an experiment folder: "
            + required.getFileName() + " is missing; give results/<experiment>/ as written by"
            + " 'optbench run'");
      }
    }
    String yaml = readText(configFile);
    ResolvedConfigReader.Reading config = ResolvedConfigReader.read(configFile, yaml);
    warnings.addAll(config.warnings());
    List<String> manifestWarnings = new ArrayList<>();
    RecordedManifest manifest = manifest(manifestWarnings);
    List<ProblemEntry> problems = problems(config.problems(), manifest);
    Map<String, List<ProblemEntry>> byId = new LinkedHashMap<>();
    for (ProblemEntry p : problems) {
      byId.computeIfAbsent(p.id(), k -> new ArrayList<>()).add(p);
    }
    Protocol protocol = config.protocol();
    List<TrialRecord> trials = trials(indexRows(protocol), byId);
    List<Selection> selections = protocol.tunes() ? selections(byId, trials) : List.of();
    // Listed after the trials' warnings, where reports have always listed it.
    warnings.addAll(manifestWarnings);
    return new ExperimentData(config.name().orElse(root.getFileName().toString()),
        config.description(), root, yaml, manifest, problems, trials, warnings, protocol,
        selections);
  }

  /** How a lost or damaged selection.csv is written again. */
  private static final String REWRITE_SELECTION = "run the experiment's config again with"
      + " 'optbench run' (its finished trials are kept, not retrained) to write it again";

  /**
   * Reads {@code selection.csv}. Its rows follow the plan (problems in config order, entries in
   * order), so the n-th row for a problem id and entry belongs to the n-th problem with that id;
   * the chosen trial's own problem confirms it when a setting was chosen.
   */
  private List<Selection> selections(Map<String, List<ProblemEntry>> byId,
      List<TrialRecord> trials) {
    Optional<List<SelectionRow>> rows;
    try {
      rows = SelectionFile.read(root);
    } catch (IOException | IllegalArgumentException | IllegalStateException e) {
      warnings.add(ResultStore.SELECTION + " cannot be read (" + e.getMessage() + "), so the"
          + " chosen settings and the evaluation and defaults arms are not reported; "
          + REWRITE_SELECTION);
      return List.of();
    }
    if (rows.isEmpty()) {
      if (trials.stream().anyMatch(t -> t.inArm(Arm.EVALUATION) || t.inArm(Arm.DEFAULTS))) {
        warnings.add(ResultStore.SELECTION + " is missing although the evaluation arm has"
            + " trials, so the chosen settings and the evaluation and defaults arms are not"
            + " reported; " + REWRITE_SELECTION);
      } else if (trials.stream().anyMatch(t -> t.inArm(Arm.TUNING))) {
        warnings.add(ResultStore.SELECTION + " is missing: the run stopped before choosing"
            + " settings, so there is no evaluation or defaults arm to report");
      }
      return List.of();
    }
    Map<String, TrialRecord> byTrialId = new HashMap<>();
    trials.forEach(t -> byTrialId.put(t.trialId(), t));
    Map<String, Integer> occurrences = new HashMap<>();
    List<Selection> out = new ArrayList<>();
    for (SelectionRow row : rows.get()) {
      List<ProblemEntry> candidates = byId.get(row.problem());
      if (candidates == null) {
        continue;
      }
      int n = occurrences.merge(row.problem() + "\u0000" + row.entry(), 1, Integer::sum);
      ProblemEntry problem = candidates.get(Math.min(n, candidates.size()) - 1);
      TrialRecord chosen = byTrialId.get(row.trialId());
      if (chosen != null) {
        problem = chosen.problem();
      }
      out.add(new Selection(problem.key(), row.optimizer(), row.entry(), row.trialId(),
          row.metric(), row.value(), row.candidates(), row.excluded(), row.seedValues()));
    }
    return out;
  }

  /** What a report cannot say without the manifest; its warnings and page say it alike. */
  static final String WITHOUT_MANIFEST = "the software, native settings and data checksums that"
      + " computed these results are unknown";

  /**
   * Reads {@code manifest.json} once for the whole report; a missing or damaged one is named in
   * {@code said}.
   */
  private RecordedManifest manifest(List<String> said) {
    Path file = root.resolve(ResultStore.MANIFEST);
    if (!Files.isRegularFile(file)) {
      said.add(ResultStore.MANIFEST + " is missing, so " + WITHOUT_MANIFEST + "; put back the "
          + ResultStore.MANIFEST + " the run wrote");
      return RecordedManifest.MISSING;
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UserInputException("cannot read " + file + ": " + e.getMessage(), e);
    }
    String problem;
    try {
      // Strict: bytes that are not UTF-8, or text after the object, make the file damaged.
      if (JSON.readTree(bytes) instanceof ObjectNode facts) {
        return new RecordedManifest(JSON.writeValueAsString(facts), facts);
      }
      problem = "holds no JSON object";
    } catch (IOException e) {
      problem = "cannot be parsed (" + StoreJson.reason(e) + ")";
    }
    said.add(ResultStore.MANIFEST + " " + problem + ", so " + WITHOUT_MANIFEST
        + "; restore the " + ResultStore.MANIFEST + " the run wrote");
    // Shown as it is on the page; bytes that are not UTF-8 as U+FFFD.
    return new RecordedManifest(new String(bytes, StandardCharsets.UTF_8), null);
  }

  /**
   * The report's view of the resolved config's problems: a repeated problem id is labelled with
   * its parameters, and each problem's parameters are kept to match its trials to it.
   */
  private List<ProblemEntry> problems(List<ResolvedConfigReader.Problem> read,
      RecordedManifest manifest) {
    Map<String, Integer> total = new HashMap<>();
    read.forEach(p -> total.merge(p.id(), 1, Integer::sum));
    List<ProblemEntry> out = new ArrayList<>();
    for (ResolvedConfigReader.Problem p : read) {
      boolean repeated = total.get(p.id()) > 1;
      String label = repeated && p.spec() != null ? p.id() + " (" + paramsText(p.spec()) + ")"
          : p.id();
      paramsByKey.put(p.key(), JSON.valueToTree(p.params()));
      List<SearchEntry> entries = new ArrayList<>();
      for (ResolvedConfigReader.Entry e : p.entries()) {
        entries.add(new SearchEntry(entries.size(), e.optimizer(), e.domains()));
        hyperparameterOrder.putIfAbsent(e.optimizer(), List.copyOf(e.domains().keySet()));
      }
      out.add(new ProblemEntry(p.key(), p.id(), label, p.kind(),
          withRecordedSize(p.spec(), manifest), p.target(), p.targetStated(), p.budget(), entries,
          p.batchSizes(), manifest.networkNotes(p.id())));
    }
    return out;
  }

  /**
   * A problem on the user's files, read back from the resolved config, knows its network but not
   * its training split's size, which turns examples seen into epochs: the manifest recorded it
   * with the data's facts. Other problems, and folders whose manifest lacks it, are kept as read.
   */
  private ProblemSpec withRecordedSize(ProblemSpec spec, RecordedManifest manifest) {
    if (!(spec instanceof DataProblem data) || data.facts() != null) {
      return spec;
    }
    try {
      int n = Integer.parseInt(manifest.dataFact(data.id(), DataProblem.TRAIN_EXAMPLES_FACT)
          .map(v -> v.asText("")).orElse(""));
      if (n > 0) {
        return DataProblem.recorded(data.id(), data.network(), n);
      }
    } catch (NumberFormatException e) {
      // Said below, as for a manifest without the fact.
    }
    warnings.add("the training split's size of " + data.id() + " is not in "
        + ResultStore.MANIFEST + "; its epochs are counted in examples");
    return spec;
  }

  private static String paramsText(ProblemSpec spec) {
    List<String> parts = new ArrayList<>();
    spec.parameters().forEach((k, v) -> {
      if (v instanceof Number n) {
        parts.add(k + "=" + Numbers.exact(n.doubleValue()));
      } else if (v != null) {
        parts.add(k + "=" + v);
      }
    });
    return String.join(" ", parts);
  }

  private List<TrialRecord> trials(List<IndexRow> rows, Map<String, List<ProblemEntry>> byId) {
    List<TrialRecord> out = new ArrayList<>();
    // A trial that serves two protocol arms is listed once per arm but ran once.
    Map<String, IndexRow> first = new LinkedHashMap<>();
    Map<String, List<Arm>> arms = new HashMap<>();
    for (IndexRow row : rows) {
      String id = row.trialId();
      first.putIfAbsent(id, row);
      List<Arm> list = arms.computeIfAbsent(id, k -> new ArrayList<>());
      // An arm this version does not know serves none of the report's comparisons.
      Arm.byLabel(row.arm()).filter(arm -> !list.contains(arm)).ifPresent(list::add);
    }
    for (Map.Entry<String, IndexRow> e : first.entrySet()) {
      TrialRecord trial = trial(e.getValue(), byId, arms.get(e.getKey()));
      if (trial != null) {
        out.add(trial);
      }
    }
    return out;
  }

  /**
   * The rows of {@code trials.csv}, or, when it is missing, empty or unreadable, the same rows
   * rebuilt from the trial folders' {@code spec.json} (with a warning saying so).
   */
  private List<IndexRow> indexRows(Protocol protocol) {
    TrialIndex.Reading reading = TrialIndex.read(root);
    if (reading instanceof TrialIndex.Rows rows) {
      return rows.rows();
    }
    String problem = ((TrialIndex.Unusable) reading).problem();
    // optbench's own optimizers in their declared order; plugins as the resolved config lists
    // them (spec.json sorts keys, the index must not).
    List<IndexRow> rows = TrialIndex.rebuild(root, protocol.tunes(), problem,
        id -> OptimizerRegistry.builtIn().byName(id).map(OptimizerType::parameterNames)
            .orElse(hyperparameterOrder.get(id)), warnings::add);
    long folders = rows.stream().map(IndexRow::path).distinct().count();
    warnings.add(ResultStore.INDEX + " " + problem + "; the index was rebuilt from the "
        + folders + " trial folders (the next 'optbench run' of this experiment rewrites it)");
    return rows;
  }

  private TrialRecord trial(IndexRow row, Map<String, List<ProblemEntry>> byId,
      List<Arm> arms) {
    String problemId = row.problem();
    List<ProblemEntry> candidates = byId.get(problemId);
    if (candidates == null) {
      return null;
    }
    String path = row.path();
    Path dir = root.resolve(path).normalize();
    if (!dir.startsWith(root.normalize())) {
      warnings.add("trials.csv names a trial folder outside the experiment: " + path);
      return null;
    }
    ProblemEntry problem = candidates.size() == 1 ? candidates.get(0)
        : match(candidates, dir);
    Map<String, Double> hyper = hyperparameters(row.hyperparameters());
    String settingKey = dir.getParent() == null ? path : root.normalize().relativize(
        dir.getParent()).toString();
    TrialFolder.State state = TrialFolder.inspect(dir, row.trialId());
    TrialResult result = state instanceof TrialFolder.Finished f ? f.result() : null;
    // A damaged trial is listed once, with its reason, among the report's missing trials.
    String damage = state instanceof TrialFolder.Damaged d ? d.reason() : null;
    // A finished trial's curves were read whole by the check; the others (failed, unfinished,
    // damaged) are shown as far as they go.
    Optional<CurveTable> checkedCurve = state instanceof TrialFolder.Finished f
        ? f.curve() : Optional.empty();
    Optional<CurveTable> checkedEvals = state instanceof TrialFolder.Finished f
        ? f.evals() : Optional.empty();
    CurveTable curve = checkedCurve.orElseGet(() -> lenient(dir.resolve(ResultStore.CURVE),
        path));
    CurveTable evals = !problem.hasEvals() ? null : checkedEvals.orElseGet(() ->
        lenient(dir.resolve(ResultStore.EVALS), path));
    return new TrialRecord(row.trialId(), problem, row.optimizer(), hyper,
        row.batchSize(), Long.parseLong(row.seed()), row.status(), path,
        settingKey, result, damage, curve, evals, arms, new TrialRecord.Origin(root, ""));
  }

  /** A problem listed twice: the trial's spec.json says which parameters it ran with. */
  private ProblemEntry match(List<ProblemEntry> candidates, Path dir) {
    Path specFile = dir.resolve(ResultStore.SPEC);
    if (Files.isRegularFile(specFile)) {
      try {
        JsonNode problem = ResultStore.readSpecProblem(dir);
        for (ProblemEntry candidate : candidates) {
          if (sameValues(paramsByKey.get(candidate.key()), problem)) {
            return candidate;
          }
        }
      } catch (IOException e) {
        warnings.add("cannot read " + root.relativize(specFile) + ": " + e.getMessage());
      }
    }
    return candidates.get(0);
  }

  /** Every field of {@code expected} is in {@code actual} with a numerically equal value. */
  private static boolean sameValues(JsonNode expected, JsonNode actual) {
    if (expected == null || expected.isMissingNode()) {
      return true;
    }
    if (expected.isNumber() && actual.isNumber()) {
      return expected.doubleValue() == actual.doubleValue();
    }
    if (expected.isArray()) {
      if (!actual.isArray() || actual.size() != expected.size()) {
        return false;
      }
      for (int i = 0; i < expected.size(); i++) {
        if (!sameValues(expected.get(i), actual.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (expected.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!actual.has(e.getKey()) || !sameValues(e.getValue(), actual.get(e.getKey()))) {
          return false;
        }
      }
      return true;
    }
    return expected.equals(actual);
  }

  /** Parses the index's {@code name=value;name=value} hyperparameter column. */
  private static Map<String, Double> hyperparameters(String text) {
    Map<String, Double> map = new LinkedHashMap<>();
    if (text == null || text.isBlank()) {
      return map;
    }
    for (String part : text.split(";")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        map.put(part.substring(0, eq).trim(), Double.parseDouble(part.substring(eq + 1).trim()));
      }
    }
    return map;
  }

  /** A curve file read as far as it goes, or null (with a warning if it cannot be read). */
  private CurveTable lenient(Path file, String trialPath) {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      return CurveTable.readLenient(file);
    } catch (UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
      warnings.add("cannot read " + trialPath + "/" + file.getFileName() + " (" + e.getMessage()
          + ")");
      return null;
    }
  }

  private static String readText(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UserInputException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
