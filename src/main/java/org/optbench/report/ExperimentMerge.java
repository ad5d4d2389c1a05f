package org.optbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.optbench.Sha256;
import org.optbench.UserInputException;
import org.optbench.result.ResultStore;

/**
 * Several experiments as one, for a report that compares optimizers run at different times
 * (a new optimizer against baselines run earlier).
 *
 * <p>Problems are matched by their key (the problem id; {@code id-2}… for a repeated id). A
 * problem two experiments share must agree on everything that makes results comparable: every
 * setting of the problem in the resolved config except its optimizers, batch sizes and target
 * (that is its data and network parameters, budget, evaluation and loss intervals and divergence
 * rule), the experiments' seeds, native threads per trial and protocol, and the checksums of the
 * data files both used. Otherwise the merge is refused with a message naming the first
 * difference. A target that differs is not refused: the first experiment's is used, with a
 * warning. Tune-then-evaluate experiments merge with each other when their protocols agree as
 * well (the {@code tuning} settings: search, budget, tuning seed and seed count; and the
 * selection metric of each shared problem): each keeps the settings it chose and its evaluation
 * and defaults trials. A grid experiment never merges with a tune-then-evaluate one, whose
 * settings were chosen on other seeds by another rule.
 *
 * <p>Trials keep the experiment they came from ({@link TrialRecord.Origin}), which labels their
 * lines and settings. A trial with the same id in two experiments ran the same configuration
 * twice: the first experiment's is used and a warning says so.
 */
final class ExperimentMerge {
  private static final YAMLMapper YAML = new YAMLMapper();
  /** Problem settings that vary between the arms of a fair comparison. */
  private static final Set<String> PER_ARM = Set.of("optimizers", "batchSize", "target");
  /** Experiment settings that make results comparable. */
  private static final List<String> EXPERIMENT_WIDE = List.of("seeds", "threads", "protocol");
  /**
   * Settings of tune-then-evaluate experiments that make their choices comparable: an optimizer
   * tuned with a larger budget or more tuning seeds would be favoured.
   */
  private static final String TUNING = "tuning";
  /** Problem settings that name files, which may lie elsewhere with the same contents. */
  private static final Set<String> FILES = Set.of("data", "network");

  private ExperimentMerge() {}

  /**
   * @param stores two experiments or more, in the order given
   * @return them as one experiment: problems of the first, then those only later ones have;
   *     trials in store order, each labelled with its experiment
   * @throws UserInputException if two experiments share a problem they ran differently, differ
   *     in seeds, threads, protocol or data, tuned differently (tune-then-evaluate), or one is a
   *     grid experiment and another a tune-then-evaluate one
   */
  static ExperimentData merge(List<ExperimentData> stores) {
    List<String> labels = labels(stores);
    List<JsonNode> configs = new ArrayList<>();
    for (ExperimentData s : stores) {
      configs.add(readConfig(s));
    }
    for (int i = 1; i < stores.size(); i++) {
      sameProtocol(stores.get(0), labels.get(0), stores.get(i), labels.get(i));
    }
    for (int i = 1; i < stores.size(); i++) {
      comparable(stores.get(0), configs.get(0), labels.get(0), stores.get(i), configs.get(i),
          labels.get(i));
    }

    List<String> warnings = new ArrayList<>();
    Map<String, ProblemEntry> merged = new LinkedHashMap<>();
    Map<String, List<SearchEntry>> entries = new LinkedHashMap<>();
    List<Selection> selections = new ArrayList<>();
    Set<String> earlierIds = new HashSet<>();
    for (int i = 0; i < stores.size(); i++) {
      Set<String> fresh = freshProblems(stores.get(i), earlierIds);
      for (ProblemEntry p : stores.get(i).problems()) {
        ProblemEntry first = merged.putIfAbsent(p.key(), p);
        List<SearchEntry> list = entries.computeIfAbsent(p.key(), k -> new ArrayList<>());
        if (first != null && stores.get(i).protocol().tunes() && !fresh.contains(p.key())) {
          // Every trial of this problem is already in an earlier experiment (the same folder
          // given twice): its entries and choices are those of that experiment, kept once.
          continue;
        }
        // The merged problem lists every experiment's entries one after the other, so a
        // selection row's entry index moves by the entries listed before its experiment's.
        int offset = list.size();
        for (Selection sel : stores.get(i).selections()) {
          if (sel.problemKey().equals(p.key())) {
            selections.add(new Selection(sel.problemKey(), sel.optimizer(),
                sel.entry() + offset, sel.trialId(), sel.metric(), sel.value(),
                sel.candidates(), sel.excluded(), sel.seedValues()));
          }
        }
        for (SearchEntry e : p.entries()) {
          list.add(new SearchEntry(list.size(), e.optimizer(), e.domains()));
        }
        if (first != null && !first.targetText().equals(p.targetText())) {
          warnings.add(p.label() + ": the target is " + first.targetText() + " in "
              + labels.get(0) + " but " + p.targetText() + " in " + labels.get(i) + "; the"
              + " report uses " + first.targetText());
        }
      }
    }
    Map<String, ProblemEntry> problems = new LinkedHashMap<>();
    merged.forEach((key, p) -> problems.put(key, new ProblemEntry(p.key(), p.id(), p.label(),
        p.kind(), p.spec(), p.target(), p.targetFromConfig(), p.budget(), entries.get(key),
        Math.max(p.batchSizes(), batchSizes(stores, key)), p.networkNotes())));

    List<TrialRecord> trials = new ArrayList<>();
    Map<String, String> seenIds = new HashMap<>();
    Map<String, Integer> keyOwner = new HashMap<>();
    for (int i = 0; i < stores.size(); i++) {
      ExperimentData s = stores.get(i);
      TrialRecord.Origin origin = new TrialRecord.Origin(s.root(), labels.get(i));
      int index = i;
      int duplicates = 0;
      for (TrialRecord t : s.trials()) {
        String earlier = seenIds.putIfAbsent(t.trialId(), labels.get(i));
        if (earlier != null) {
          duplicates++;
          continue;
        }
        String setting = t.problem().key() + "|" + t.settingKey();
        int owner = keyOwner.computeIfAbsent(setting, k -> index);
        // The same setting folder in two experiments holds different trials (same settings,
        // different ids): keep them apart rather than mixing their seeds.
        String key = owner == i ? t.settingKey() : labels.get(i) + ":" + t.settingKey();
        trials.add(t.inMerge(problems.get(t.problem().key()), key, origin));
      }
      if (duplicates > 0) {
        warnings.add(labels.get(i) + ": " + duplicates + " trial" + (duplicates == 1 ? "" : "s")
            + " also in an experiment listed earlier (same configuration and seed); the"
            + " earlier one is used");
      }
      String label = labels.get(i);
      s.warnings().forEach(w -> warnings.add(label + ": " + w));
    }

    StringBuilder config = new StringBuilder();
    StringBuilder manifest = new StringBuilder();
    for (int i = 0; i < stores.size(); i++) {
      config.append("# ").append(labels.get(i)).append(": experiment.resolved.yaml\n")
          .append(stores.get(i).resolvedConfig()).append(i + 1 < stores.size() ? "\n" : "");
      manifest.append("// ").append(labels.get(i)).append(": manifest.json\n")
          .append(stores.get(i).manifest().present() ? stores.get(i).manifest().text()
              : "(missing)").append(i + 1 < stores.size() ? "\n\n" : "");
    }
    String description = "Merged from " + String.join(", ", labels) + ": each line and setting"
        + " names the experiment it came from in brackets.";
    return new ExperimentData(String.join(" + ", labels), description, stores.get(0).root(),
        config.toString(), new RecordedManifest(manifest.toString(), null),
        List.copyOf(problems.values()), trials, warnings, stores.get(0).protocol(), selections);
  }

  /**
   * @param store one experiment
   * @param earlierIds trial ids of the experiments listed before it; its own are added
   * @return keys of its problems with a trial no earlier experiment has
   */
  private static Set<String> freshProblems(ExperimentData store, Set<String> earlierIds) {
    Set<String> fresh = new HashSet<>();
    for (TrialRecord t : store.trials()) {
      if (!earlierIds.contains(t.trialId())) {
        fresh.add(t.problem().key());
      }
    }
    store.trials().forEach(t -> earlierIds.add(t.trialId()));
    return fresh;
  }

  /**
   * Refuses a grid experiment with a tune-then-evaluate one, naming both; of two
   * tune-then-evaluate experiments, refuses the pair when a problem they share was chosen on
   * different selection metrics. (Their {@code tuning} settings are compared with the config.)
   */
  private static void sameProtocol(ExperimentData a, String labelA, ExperimentData b,
      String labelB) {
    if (a.protocol().tunes() != b.protocol().tunes()) {
      throw new UserInputException("cannot merge " + labelA + " (" + a.root() + ") and "
          + labelB + " (" + b.root() + "): " + labelA + " is " + kind(a) + " but " + labelB
          + " is " + kind(b) + "; a tune-then-evaluate experiment chose its settings on other"
          + " seeds than it compares, so it merges only with tune-then-evaluate experiments"
          + " tuned the same way");
    }
    Map<String, String> metricsA = new LinkedHashMap<>();
    a.selections().forEach(s -> metricsA.putIfAbsent(s.problemKey(), s.metric()));
    for (Selection s : b.selections()) {
      String metric = metricsA.get(s.problemKey());
      if (metric != null && !metric.equals(s.metric())) {
        throw new UserInputException("cannot merge " + labelA + " (" + a.root() + ") and "
            + labelB + " (" + b.root() + "): problem " + s.problemKey() + " chose its settings"
            + " on " + metric + " in " + labelA + " but on " + s.metric() + " in " + labelB
            + "; tuned settings are comparable only when chosen on the same metric");
      }
    }
  }

  private static String kind(ExperimentData s) {
    return s.protocol().tunes() ? "a tune-then-evaluate experiment" : "a grid experiment";
  }

  /**
   * @param data a merged experiment
   * @param problem one of its problems
   * @return e.g. {@code from baselines: sgd, adam; from mine: lion}, or empty for a problem
   *     whose trials all come from one experiment of one store
   */
  static Optional<String> origins(ExperimentData data, ProblemEntry problem) {
    Map<String, Set<String>> byOrigin = new LinkedHashMap<>();
    for (TrialRecord t : data.trials()) {
      if (t.problem() == problem && !t.origin().label().isEmpty()) {
        byOrigin.computeIfAbsent(t.origin().label(), k -> new LinkedHashSet<>())
            .add(t.optimizer());
      }
    }
    if (byOrigin.isEmpty()) {
      return Optional.empty();
    }
    List<String> parts = new ArrayList<>();
    byOrigin.forEach((label, optimizers) -> parts.add("from " + label + ": "
        + String.join(", ", optimizers)));
    return Optional.of(String.join("; ", parts));
  }

  private static int batchSizes(List<ExperimentData> stores, String key) {
    Set<String> sizes = new HashSet<>();
    for (ExperimentData s : stores) {
      s.trials().stream().filter(t -> t.problem().key().equals(key))
          .forEach(t -> sizes.add(t.batchSize()));
    }
    return sizes.size();
  }

  /** Experiment names, made unique by the folder name and then by position. */
  static List<String> labels(List<ExperimentData> stores) {
    List<String> labels = new ArrayList<>();
    Set<String> used = new HashSet<>();
    for (int i = 0; i < stores.size(); i++) {
      ExperimentData s = stores.get(i);
      String label = s.name();
      if (used.contains(label) && s.root().getFileName() != null) {
        label = s.root().getFileName().toString();
      }
      if (used.contains(label)) {
        label = label + " (" + (i + 1) + ")";
      }
      used.add(label);
      labels.add(label);
    }
    return labels;
  }

  /** Refuses, naming the first difference, when {@code b} cannot be compared with {@code a}. */
  private static void comparable(ExperimentData a, JsonNode configA, String labelA,
      ExperimentData b, JsonNode configB, String labelB) {
    String rule = "; results are comparable only with the same data, network, budget, seeds"
        + " and threads: rerun one of them with the other's settings";
    for (String field : EXPERIMENT_WIDE) {
      JsonNode x = configA.path(field);
      JsonNode y = configB.path(field);
      if (!x.equals(y)) {
        throw new UserInputException("cannot merge " + labelA + " (" + a.root() + ") and "
            + labelB + " (" + b.root() + "): " + field + " is " + text(x) + " in " + labelA
            + " but " + text(y) + " in " + labelB + rule);
      }
    }
    if (a.protocol().tunes()) {
      Optional<String> difference = difference(TUNING, configA.path(TUNING),
          configB.path(TUNING));
      if (difference.isPresent()) {
        String[] parts = difference.get().split("\u0000");
        throw new UserInputException("cannot merge " + labelA + " (" + a.root() + ") and "
            + labelB + " (" + b.root() + "): " + parts[0] + " is " + parts[1] + " in " + labelA
            + " but " + parts[2] + " in " + labelB + "; tuned settings are comparable only"
            + " with the same search, budget and tuning seeds: rerun one of them with the"
            + " other's tuning settings");
      }
    }
    Map<String, JsonNode> problemsA = problemsByKey(configA);
    Map<String, JsonNode> problemsB = problemsByKey(configB);
    // Problems whose data and network are the same by content, wherever their files are.
    Set<String> sameContent = new HashSet<>();
    for (Map.Entry<String, JsonNode> e : problemsA.entrySet()) {
      JsonNode other = problemsB.get(e.getKey());
      if (other == null) {
        continue;
      }
      Set<String> fields = new LinkedHashSet<>();
      e.getValue().fieldNames().forEachRemaining(fields::add);
      other.fieldNames().forEachRemaining(fields::add);
      fields.removeAll(PER_ARM);
      for (String field : fields) {
        Optional<String> difference = difference(field, e.getValue().path(field),
            other.path(field));
        if (difference.isPresent() && FILES.contains(field)
            && sameTrainingInput(a, b, e.getKey())) {
          // Paths differ, contents agree: the trials' identities say so.
          sameContent.add(e.getValue().path("id").asText());
          continue;
        }
        if (difference.isPresent()) {
          String[] parts = difference.get().split("\u0000");
          String contents = FILES.contains(field) && contentsDiffer(a, b, e.getKey())
              ? ", and the files' contents differ too (the trials' spec.json hold other"
                  + " checksums or another network)" : "";
          throw new UserInputException("cannot merge " + labelA + " (" + a.root() + ") and "
              + labelB + " (" + b.root() + "): problem " + e.getKey() + " has " + parts[0]
              + " " + parts[1] + " in " + labelA + " but " + parts[2] + " in " + labelB
              + contents + rule);
        }
      }
    }
    // A missing or damaged manifest was reported when its store was read; it has no checksums.
    JsonNode dataA = a.manifest().intact().map(m -> m.path("dataSha256"))
        .orElse(MissingNode.getInstance());
    JsonNode dataB = b.manifest().intact().map(m -> m.path("dataSha256"))
        .orElse(MissingNode.getInstance());
    for (Iterator<String> it = dataA.fieldNames(); it.hasNext(); ) {
      String dataset = it.next();
      if (!dataB.has(dataset) || sameContent.contains(dataset)) {
        // A problem on files checked above records their paths here beside the checksums.
        continue;
      }
      // A file's checksum first: the facts derived from it (statistics, counts) follow it.
      Optional<String> difference = checksumDifference("dataSha256." + dataset,
          dataA.get(dataset), dataB.get(dataset)).or(() -> difference("dataSha256." + dataset,
              dataA.get(dataset), dataB.get(dataset)));
      if (difference.isPresent()) {
        throw new UserInputException("cannot merge " + labelA + " (" + a.root() + ") and "
            + labelB + " (" + b.root() + "): the " + dataset + " data differ (manifest.json "
            + difference.get().split("\u0000")[0] + ")" + rule);
      }
    }
  }

  /**
   * Whether both experiments' trials of a problem read the same data and network: the problem
   * in a trial's {@code spec.json} holds the files' SHA-256 and the network's canonical JSON, not
   * their paths, so equal problems there mean equal contents.
   */
  private static boolean sameTrainingInput(ExperimentData a, ExperimentData b, String key) {
    Optional<JsonNode> specA = specProblem(a, key);
    return specA.isPresent() && specA.equals(specProblem(b, key));
  }

  /** Whether both experiments' trials of a problem are readable and read other contents. */
  private static boolean contentsDiffer(ExperimentData a, ExperimentData b, String key) {
    Optional<JsonNode> specA = specProblem(a, key);
    Optional<JsonNode> specB = specProblem(b, key);
    return specA.isPresent() && specB.isPresent() && !specA.equals(specB);
  }

  /** @return the problem of the first readable spec.json among the experiment's trials of it */
  private static Optional<JsonNode> specProblem(ExperimentData s, String key) {
    for (TrialRecord t : s.trials()) {
      if (t.problem().key().equals(key)) {
        try {
          return Optional.of(ResultStore.readSpecProblem(s.root().resolve(t.path())));
        } catch (IOException unreadable) {
          // Reported with the trial; another trial of the problem may say it.
        }
      }
    }
    return Optional.empty();
  }

  /** @return the first difference among the fields that hold a SHA-256 on either side */
  private static Optional<String> checksumDifference(String path, JsonNode a, JsonNode b) {
    Set<String> fields = new LinkedHashSet<>();
    a.fieldNames().forEachRemaining(fields::add);
    b.fieldNames().forEachRemaining(fields::add);
    for (String f : fields) {
      if (Sha256.isValidHex(a.path(f).asText("")) || Sha256.isValidHex(b.path(f).asText(""))) {
        Optional<String> d = difference(path + "." + f, a.path(f), b.path(f));
        if (d.isPresent()) {
          return d;
        }
      }
    }
    return Optional.empty();
  }

  /** @return {@code path\0valueA\0valueB} of the first difference, or empty */
  private static Optional<String> difference(String path, JsonNode a, JsonNode b) {
    if (a.isObject() && b.isObject()) {
      Set<String> fields = new LinkedHashSet<>();
      a.fieldNames().forEachRemaining(fields::add);
      b.fieldNames().forEachRemaining(fields::add);
      for (String f : fields) {
        Optional<String> d = difference(path + "." + f, a.path(f), b.path(f));
        if (d.isPresent()) {
          return d;
        }
      }
      return Optional.empty();
    }
    boolean same = a.isNumber() && b.isNumber() ? a.doubleValue() == b.doubleValue()
        : a.equals(b);
    return same ? Optional.empty() : Optional.of(path + "\u0000" + text(a) + "\u0000" + text(b));
  }

  private static String text(JsonNode node) {
    return node.isMissingNode() ? "not set" : node.toString();
  }

  /** The resolved config's problems by key, as the report keys them. */
  private static Map<String, JsonNode> problemsByKey(JsonNode config) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    Map<String, Integer> seen = new HashMap<>();
    for (JsonNode p : config.path("problems")) {
      String id = p.path("id").asText();
      int n = seen.merge(id, 1, Integer::sum);
      out.put(n == 1 ? id : id + "-" + n, p);
    }
    return out;
  }

  private static JsonNode readConfig(ExperimentData s) {
    try {
      return YAML.readTree(s.resolvedConfig());
    } catch (IOException e) {
      throw new UserInputException("cannot merge " + s.root() + ": its"
          + " experiment.resolved.yaml cannot be parsed ("
          + e.getMessage().lines().findFirst().orElse("") + ")", e);
    }
  }
}
