package org.optbench.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.Reader;
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
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.optbench.config.Protocol;
import org.optbench.UserInputException;
import org.optbench.optimizer.OptimizerKind;
import org.optbench.problem.ProblemCatalog;
import org.optbench.problem.ProblemInfo;
import org.optbench.problem.ProblemParameter;
import org.optbench.problem.ProblemSpec;
import org.optbench.problem.Target;
import org.optbench.experiment.Arm;
import org.optbench.result.CurveTable;
import org.optbench.result.IndexRow;
import org.optbench.result.ResultStore;
import org.optbench.result.SelectionFile;
import org.optbench.result.SelectionRow;
import org.optbench.result.TrialFolder;
import org.optbench.result.TrialIndex;
import org.optbench.result.TrialResult;
import org.optbench.stats.Goal;

/**
 * Reads an experiment folder (layout in {@link org.optbench.result}) without changing it.
 * Missing or unreadable trial files are not errors: such trials are reported as missing.
 */
final class StoreReader {
  private static final YAMLMapper YAML = new YAMLMapper();
  // result.json may gain fields in later versions; a report should still read it.
  private static final ObjectMapper JSON = new ObjectMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(SerializationFeature.INDENT_OUTPUT);

  private final Path root;
  private final List<String> warnings = new ArrayList<>();
  private final Map<String, JsonNode> paramsByKey = new HashMap<>();

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
    JsonNode config;
    try {
      config = YAML.readTree(yaml);
    } catch (IOException e) {
      throw new UserInputException(configFile + " is not valid YAML (" + firstLine(e) + "); it is"
          + " written by 'optbench run': restore it, or rerun the experiment's config into a new"
          + " results folder", e);
    }
    if (config == null || !config.isObject()) {
      throw new UserInputException(configFile + " is not an experiment config (expected a YAML"
          + " mapping with name and problems); it is written by 'optbench run': restore it, or"
          + " rerun the experiment's config into a new results folder");
    }
    List<ProblemEntry> problems = problems(config);
    Map<String, List<ProblemEntry>> byId = new LinkedHashMap<>();
    for (ProblemEntry p : problems) {
      byId.computeIfAbsent(p.id(), k -> new ArrayList<>()).add(p);
    }
    Protocol protocol = protocol(config);
    List<TrialRecord> trials = trials(indexRows(protocol), byId);
    List<Selection> selections = protocol.tunes() ? selections(byId, trials) : List.of();
    return new ExperimentData(config.path("name").asText(root.getFileName().toString()),
        config.path("description").asText(""), root, yaml, manifest(), problems, trials,
        warnings, protocol, selections);
  }

  /** Reads {@code protocol}, {@code tuning} and {@code defaultsArm}; absent means the grid. */
  private static Protocol protocol(JsonNode config) {
    if (!config.path("protocol").asText("grid").equals("tune-then-evaluate")) {
      return Protocol.GRID_SWEEP;
    }
    JsonNode tuning = config.path("tuning");
    Protocol.Search search = tuning.path("search").asText("random").equals("grid")
        ? Protocol.Search.GRID : Protocol.Search.RANDOM;
    return new Protocol(Protocol.Kind.TUNE_THEN_EVALUATE, search, tuning.path("budget").asInt(0),
        tuning.path("seed").asLong(0), config.path("defaultsArm").asBoolean(false));
  }

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
      warnings.add(ResultStore.SELECTION + " cannot be read (" + e.getMessage() + "); the chosen"
          + " settings are not reported");
      return List.of();
    }
    if (rows.isEmpty()) {
      if (trials.stream().anyMatch(t -> t.inArm(Arm.TUNING))) {
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
          row.metric(), row.value(), row.candidates(), row.excluded()));
    }
    return out;
  }

  private String manifest() {
    Path file = root.resolve(ResultStore.MANIFEST);
    if (!Files.isRegularFile(file)) {
      warnings.add(ResultStore.MANIFEST + " is missing");
      return null;
    }
    try {
      return JSON.writeValueAsString(JSON.readTree(file.toFile()));
    } catch (IOException e) {
      warnings.add(ResultStore.MANIFEST + " cannot be parsed ("
          + e.getMessage().lines().findFirst().orElse("") + ")");
      return readText(file);
    }
  }

  private List<ProblemEntry> problems(JsonNode config) {
    JsonNode nodes = config.path("problems");
    Map<String, Integer> seen = new HashMap<>();
    Map<String, Integer> total = new HashMap<>();
    nodes.forEach(n -> total.merge(n.path("id").asText(), 1, Integer::sum));
    List<ProblemEntry> out = new ArrayList<>();
    for (JsonNode node : nodes) {
      String id = node.path("id").asText();
      int occurrence = seen.merge(id, 1, Integer::sum);
      boolean repeated = total.get(id) > 1;
      String key = occurrence == 1 ? id : id + "-" + occurrence;
      Optional<ProblemInfo> info = ProblemCatalog.byId(id);
      if (info.isEmpty()) {
        warnings.add("problem '" + id + "' in " + ResultStore.RESOLVED_CONFIG
            + " is not known to this version of optbench; its trials are not reported");
        continue;
      }
      ProblemSpec spec = spec(info.get(), node.path("params"));
      String label = repeated && spec != null ? id + " (" + paramsText(spec) + ")" : id;
      Target target = info.get().target();
      boolean fromConfig = false;
      try {
        Target stated = target(id, node.get("target"));
        if (stated != null) {
          target = stated;
          fromConfig = true;
        }
      } catch (IllegalArgumentException e) {
        warnings.add(e.getMessage() + "; using the default target " + target.metric());
      }
      String budget = node.has("steps") ? node.get("steps").asText() + " steps"
          : node.has("epochs") ? node.get("epochs").asText() + " epochs" : "";
      paramsByKey.put(key, node.path("params"));
      int batchSizes = !info.get().kind().usesMiniBatches() ? 1
          : Math.max(1, node.path("batchSize").isArray() ? node.path("batchSize").size() : 1);
      out.add(new ProblemEntry(key, id, label, info.get().kind(), spec, target, fromConfig,
          budget, entries(node.path("optimizers")), batchSizes));
    }
    return out;
  }

  /** Reads a problem's optimizer entries: {@code {name, <hyperparameter>: <domain>, ...}}. */
  private static List<SearchEntry> entries(JsonNode nodes) {
    List<SearchEntry> out = new ArrayList<>();
    for (JsonNode node : nodes) {
      Map<String, SearchEntry.Domain> domains = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        SearchEntry.Domain domain = domain(field.getValue());
        if (!field.getKey().equals("name") && domain != null) {
          domains.put(field.getKey(), domain);
        }
      }
      out.add(new SearchEntry(out.size(), node.path("name").asText(), domains));
    }
    return out;
  }

  /** A number, a list of numbers, or {@code {logUniform|uniform: [low, high]}}; else null. */
  private static SearchEntry.Domain domain(JsonNode v) {
    if (v.isNumber()) {
      return new SearchEntry.Domain("values", List.of(v.doubleValue()));
    }
    if (v.isArray()) {
      List<Double> values = new ArrayList<>();
      v.forEach(x -> values.add(x.doubleValue()));
      return new SearchEntry.Domain("values", values);
    }
    for (String kind : List.of("logUniform", "uniform")) {
      JsonNode range = v.path(kind);
      if (range.isArray() && range.size() == 2) {
        return new SearchEntry.Domain(kind, List.of(range.get(0).doubleValue(),
            range.get(1).doubleValue()));
      }
    }
    return null;
  }

  /**
   * Reads {@code target: {metric, value, goal}}; {@code goal} defaults as in the config loader
   * (max for accuracies, min otherwise).
   *
   * @return the stated target, or null if the entry has none
   * @throws IllegalArgumentException if the node is malformed
   */
  private static Target target(String problemId, JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    JsonNode metric = node.get("metric");
    JsonNode value = node.get("value");
    JsonNode goal = node.get("goal");
    if (metric == null || !metric.isTextual() || value == null || !value.isNumber()
        || (goal != null && !goal.asText().matches("(?i)max|min"))) {
      throw new IllegalArgumentException("target of " + problemId + " in "
          + ResultStore.RESOLVED_CONFIG + " is not {metric: <column>, value: <number>,"
          + " goal: max|min} (found " + node + ")");
    }
    Target t = Target.of(metric.asText(), value.doubleValue());
    return goal == null ? t : new Target(t.metric(), t.value(),
        Goal.parse(goal.asText()));
  }

  /** Rebuilds the problem from the config's parameters, filling defaults as the loader does. */
  private ProblemSpec spec(ProblemInfo info, JsonNode params) {
    Map<String, Object> values = new LinkedHashMap<>();
    try {
      for (ProblemParameter p : info.parameters()) {
        JsonNode v = params.get(p.name());
        values.put(p.name(), v == null || v.isNull() ? p.defaultValue() : convert(p, v));
      }
      return info.create(values);
    } catch (RuntimeException e) {
      warnings.add("parameters of " + info.id() + " cannot be read (" + e.getMessage()
          + "); its contour figure is left out");
      return null;
    }
  }

  private static Object convert(ProblemParameter p, JsonNode v) {
    return switch (p.type()) {
      case INT -> v.intValue();
      case LONG -> v.longValue();
      case DOUBLE -> v.doubleValue();
      case VECTOR -> {
        List<Double> list = new ArrayList<>();
        v.forEach(x -> list.add(x.doubleValue()));
        yield list;
      }
    };
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
    List<IndexRow> rows = TrialIndex.rebuild(root, protocol.tunes(), problem, warnings::add);
    long folders = rows.stream().map(IndexRow::path).distinct().count();
    warnings.add(ResultStore.INDEX + " " + problem + "; the index was rebuilt from the "
        + folders + " trial folders (the next 'optbench run' of this experiment rewrites it)");
    return rows;
  }

  private static String firstLine(Exception e) {
    return String.valueOf(e.getMessage()).lines().findFirst().orElse("");
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
        settingKey, result, damage, curve, evals, arms);
  }

  /** A problem listed twice: the trial's spec.json says which parameters it ran with. */
  private ProblemEntry match(List<ProblemEntry> candidates, Path dir) {
    Path specFile = dir.resolve(ResultStore.SPEC);
    if (Files.isRegularFile(specFile)) {
      try {
        JsonNode problem = JSON.readTree(specFile.toFile()).path("spec").path("problem");
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
