package org.optbench.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.commons.text.similarity.LevenshteinDistance;
import org.optbench.UserInputException;
import org.optbench.data.DataDeclaration;
import org.optbench.data.DataException;
import org.optbench.experiment.BatchSize;
import org.optbench.experiment.Budget;
import org.optbench.experiment.DataOrder;
import org.optbench.experiment.TrialSpec;
import org.optbench.optimizer.Domain;
import org.optbench.optimizer.OptimizerSearch;
import org.optbench.optimizer.OptimizerSpec;
import org.optbench.optimizer.OptimizerType;
import org.optbench.optimizer.RecipeSearch;
import org.optbench.optimizer.ScheduleKind;
import org.optbench.plugin.PluginException;
import org.optbench.plugin.registry.OptimizerRegistry;
import org.optbench.plugin.registry.PluginJars;
import org.optbench.plugin.registry.ProblemPlugins;
import org.optbench.problem.ProblemKind;
import org.optbench.problem.ProblemInfo;
import org.optbench.problem.ProblemParameter;
import org.optbench.problem.ProblemSpec;
import org.optbench.problem.Target;
import org.optbench.problem.DataProblem;
import org.optbench.problem.PluginProblem;
import org.optbench.problem.NetworkFileException;
import org.optbench.problem.ProblemCatalog;
import org.optbench.stats.Goal;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads an experiment YAML file into an {@link ExperimentConfig}. The schema is documented in the
 * README ("Config reference"); in short:
 *
 * <pre>
 * name: quickstart            # kebab-case, names the results folder
 * seeds: [0, 1]               # integers
 * defaults: {batchSize: 128, epochs: 1, evalEvery: epoch, lossEvery: 1, divergenceFactor: 100}
 *                             # and shuffleBuffer: N or none (default none: a permutation per epoch)
 * optimizers:                 # used by problems that list none
 *   - {name: sgd, learningRate: [0.01, 0.1]}
 *   - {name: adam, learningRate: {logRange: [1e-4, 1e-2], perDecade: 2}}
 * problems:
 *   - {id: ravine-2d, params: {kappa: 100}, steps: 300}
 * </pre>
 *
 * <p>Every error in the file is collected and thrown together as one {@link ConfigException}.
 */
public final class ConfigLoader {
  private static final Set<String> TOP_KEYS = Set.of("name", "description", "seeds", "dataDir",
      "resultsDir", "download", "threads", "defaults", "optimizers", "problems", "protocol",
      "tuning", "defaultsArm", "plugins", "report");
  private static final Set<String> TUNING_KEYS = Set.of("search", "budget", "seed", "seeds");
  /** Evaluation seeds of tune-then-evaluate when none are given. */
  private static final List<Long> EVALUATION_SEEDS =
      java.util.stream.LongStream.range(0, 10).boxed().toList();
  private static final Set<String> PROTOCOL_KEYS = Set.of("batchSize", "epochs", "steps",
      "stop", "evalEvery", "lossEvery", "divergenceFactor", "shuffleBuffer");
  private static final Set<String> STOP_KEYS = Set.of("seconds");
  private static final Set<String> PROBLEM_KEYS = union(PROTOCOL_KEYS,
      Set.of("id", "params", "optimizers", "target", "data", "network"));
  /**
   * What a resolved config records of a problem written in Java; accepted on such an entry only,
   * and not offered among the keys a user writes.
   */
  private static final String PLUGIN_KEY = PluginProblem.CONFIG_KEY;
  private static final Set<String> TARGET_KEYS = Set.of("metric", "value", "goal");
  private static final Set<String> GRID_KEYS = Set.of("logRange", "points", "perDecade");
  private static final int MAX_GRID_POINTS = 1000;
  /** More tuning seeds than this is surely a list of seeds mistyped as a count. */
  private static final int MAX_TUNING_SEEDS = 1000;
  // A repeated key would otherwise silently replace the earlier one (e.g. a second 'problems:').
  private static final YAMLMapper MAPPER = YAMLMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private final Path file;
  /** Plugin paths from the command line ({@code --plugins}), searched before the config's. */
  private final List<Path> extraPlugins;
  private final List<ConfigError> errors = new ArrayList<>();
  /** Built-in optimizers plus those of the plugin jars; set once {@code plugins:} is read. */
  private OptimizerRegistry registry = OptimizerRegistry.builtIn();
  /** The plugin path given (--plugins, then plugins:), for messages. */
  private List<Path> pluginPaths = List.of();
  /** Whether opening the plugin path failed (already reported: names are not checked). */
  private boolean pluginsFailed;
  /** The problems written in Java on the plugin path; loaded when a problem id needs them. */
  private ProblemPlugins problemPlugins;
  private boolean problemPluginsFailed;
  /** Whether tuning draws at random, where unnamed hyperparameters take search defaults. */
  private boolean randomSearch;
  /** YAML paths of random-search intervals, which only tune-then-evaluate may use. */
  private final List<String> intervalPaths = new ArrayList<>();

  private ConfigLoader(Path file, List<Path> extraPlugins) {
    this.file = file;
    this.extraPlugins = List.copyOf(extraPlugins);
  }

  /**
   * @param file a YAML experiment file
   * @return the validated, resolved experiment
   * @throws ConfigException listing every error in the file
   * @throws UserInputException if the file is missing, a directory, unreadable or not UTF-8
   */
  public static ExperimentConfig load(Path file) {
    return load(file, List.of());
  }

  /**
   * @param file a YAML experiment file
   * @param plugins plugin jars or folders of jars from the command line, relative to the working
   *     directory; searched before those of the config's {@code plugins:}
   * @return the validated, resolved experiment
   * @throws ConfigException listing every error in the file (a bad {@code --plugins} path is
   *     one of them, at {@code --plugins})
   * @throws UserInputException if the file is missing, a directory, unreadable or not UTF-8
   */
  public static ExperimentConfig load(Path file, List<Path> plugins) {
    String text;
    try {
      if (Files.isDirectory(file)) {
        throw new UserInputException(file + " is a directory; give the path of a YAML experiment"
            + " file, e.g. configs/quickstart.yaml");
      }
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new UserInputException("config file " + file + " does not exist; the configs folder"
          + " holds examples, e.g. configs/quickstart.yaml");
    } catch (MalformedInputException e) {
      throw new UserInputException(file + " is not UTF-8 text; a config must be a YAML file", e);
    } catch (IOException e) {
      throw new UserInputException("cannot read config file " + file + ": " + e.getMessage(), e);
    }
    return parse(file, text, plugins);
  }

  /**
   * @param file the file name used in error messages
   * @param yaml the file's text
   * @return the validated, resolved experiment
   * @throws ConfigException listing every error
   */
  public static ExperimentConfig parse(Path file, String yaml) {
    return parse(file, yaml, List.of());
  }

  /**
   * @param file the file name used in error messages
   * @param yaml the file's text
   * @param plugins plugin jars or folders from the command line, as for {@link #load(Path, List)}
   * @return the validated, resolved experiment
   * @throws ConfigException listing every error
   */
  public static ExperimentConfig parse(Path file, String yaml, List<Path> plugins) {
    ConfigLoader loader = new ConfigLoader(file, plugins);
    ExperimentConfig config = loader.read(yaml);
    if (!loader.errors.isEmpty()) {
      throw new ConfigException(file, loader.errors);
    }
    return config;
  }

  private ExperimentConfig read(String yaml) {
    JsonNode root;
    try (JsonParser parser = MAPPER.createParser(yaml)) {
      root = MAPPER.readTree(parser);
      // readTree stops after the first document: anything after a '---' would be ignored.
      JsonToken next = parser.nextToken();
      if (next != null && next != JsonToken.VALUE_NULL) {
        error("", "holds more than one YAML document (another starts after '---', at line "
            + parser.currentLocation().getLineNr() + "); an experiment is one document: put"
            + " each experiment in a file of its own");
        return null;
      }
    } catch (JacksonException e) {
      error("", "is not valid YAML" + syntaxError(e));
      return null;
    } catch (IOException e) {
      error("", "cannot be parsed: " + e.getMessage());
      return null;
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      error("", "is empty; an experiment needs at least 'name' and 'problems'"
          + " (see configs/quickstart.yaml)");
      return null;
    }
    if (!root.isObject()) {
      error("", "must be a YAML mapping with keys " + sorted(TOP_KEYS) + ", found "
          + describe(root));
      return null;
    }
    checkKeys(root, "", TOP_KEYS);
    String name = experimentName(root.get("name"));
    String description = optionalText(root, "description", "").orElse("");
    Protocol protocol = protocol(root);
    randomSearch = protocol.tunes() && protocol.search() == Protocol.Search.RANDOM;
    plugins(root.get("plugins"));
    List<Long> seeds = protocol.tunes() && root.get("seeds") == null ? EVALUATION_SEEDS
        : seeds(root.get("seeds"));
    Optional<Path> dataDir = optionalText(root, "dataDir", "").map(Path::of);
    Path resultsDir = Path.of(optionalText(root, "resultsDir", "").orElse(Defaults.RESULTS_DIR));
    boolean download = bool(root.get("download"), "download", true);
    int threads = integer(root.get("threads"), "threads", 1).orElse(Defaults.THREADS);
    double reportSmoothing = reportSmoothing(root.get("report"));

    JsonNode defaults = root.get("defaults");
    if (defaults != null && !defaults.isObject()) {
      error("defaults", "must be a mapping with keys " + sorted(PROTOCOL_KEYS) + ", found "
          + describe(defaults));
      defaults = null;
    } else if (defaults != null) {
      checkKeys(defaults, "defaults", PROTOCOL_KEYS);
    }
    List<OptimizerSearch> defaultOptimizers = root.has("optimizers")
        ? optimizers(root.get("optimizers"), "optimizers") : null;
    if (defaultOptimizers != null) {
      checkRepeatedSettings(defaultOptimizers, root.get("optimizers"), "optimizers");
    }

    List<ProblemPlan> problems = new ArrayList<>();
    JsonNode problemsNode = root.get("problems");
    if (problemsNode == null) {
      error("problems", "is missing; list at least one problem, e.g. problems: [{id: ravine-2d}];"
          + " accepted ids: " + ProblemCatalog.ids());
    } else if (!problemsNode.isArray() || problemsNode.isEmpty()) {
      error("problems", "must be a non-empty list of problems, found " + describe(problemsNode));
    } else {
      for (int i = 0; i < problemsNode.size(); i++) {
        ProblemPlan plan = problem(problemEntry(problemsNode.get(i)), "problems[" + i + "]",
            defaults, defaultOptimizers);
        if (plan != null) {
          problems.add(plan);
        }
      }
    }
    checkSearches(protocol, problems);
    checkDistinctProblems(problemsNode);
    if (protocol.tunes() && seeds.contains(protocol.seed())) {
      error("seeds", "contains the tuning seed " + protocol.seed() + "; evaluation seeds must"
          + " differ from it, or the run that chose a setting would also count in its"
          + " evaluation (set tuning.seed or seeds)");
    } else if (protocol.tunes() && protocol.tuningSeeds() > 1) {
      List<Long> shared = protocol.tuningSeedList().stream().filter(seeds::contains).toList();
      if (!shared.isEmpty()) {
        error("seeds", "contains the tuning seed " + shared.get(0) + " (tuning.seeds: "
            + protocol.tuningSeeds() + " uses seeds " + protocol.seed() + " to "
            + (protocol.seed() + protocol.tuningSeeds() - 1) + "); evaluation seeds must differ"
            + " from them, or the runs that chose a setting would also count in its evaluation"
            + " (set tuning.seed or seeds)");
      }
    }
    if (!errors.isEmpty()) {
      return null;
    }
    return new ExperimentConfig(name, description, seeds, dataDir, resultsDir, download, threads,
        problems, protocol, reportSmoothing);
  }

  /**
   * {@code report: {smoothing: β}}: how the report draws this experiment. It decides no result,
   * so it is not part of any trial.
   */
  private double reportSmoothing(JsonNode node) {
    if (node == null) {
      return Double.NaN;
    }
    if (!node.isObject()) {
      error("report", "must be a mapping such as {smoothing: 0.9}, found " + describe(node));
      return Double.NaN;
    }
    checkKeys(node, "report", Set.of("smoothing"));
    JsonNode value = node.get("smoothing");
    if (value == null) {
      return Double.NaN;
    }
    if (!value.isNumber() || !(value.doubleValue() >= 0 && value.doubleValue() < 1)) {
      error("report.smoothing", value + " is not accepted; expected β in [0, 1) of the moving"
          + " average over mini-batch losses (0: none, 0.9: about ten losses, the default)");
      return Double.NaN;
    }
    return value.doubleValue();
  }

  /**
   * Where and what the syntax error is. SnakeYAML's own mark is preferred: Jackson's location is
   * that of the last good token, which can be lines before the fault (e.g. a tab indent).
   */
  private static String syntaxError(JacksonException e) {
    if (e.getCause() instanceof MarkedYAMLException m && m.getProblemMark() != null) {
      String context = m.getContext() == null || m.getContextMark() == null ? ""
          : " (" + m.getContext() + " started at " + position(m.getContextMark()) + ")";
      return " at " + position(m.getProblemMark()) + ": " + m.getProblem() + context;
    }
    JsonLocation at = e.getLocation();
    String hint = "";
    if (e.getOriginalMessage().startsWith("Malformed numeric value")) {
      hint = "; every number in a config must be finite (.nan and .inf are not accepted), e.g."
          + " learningRate: 0.001";
      // The exception's location is the end of the bad scalar; point at its start.
      if (e.getProcessor() instanceof JsonParser parser) {
        at = parser.currentTokenLocation();
      }
    }
    String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    return where + ": " + e.getOriginalMessage() + hint;
  }

  private static String position(Mark mark) {
    return "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
  }

  private Protocol protocol(JsonNode root) {
    JsonNode kindNode = root.get("protocol");
    String kind = kindNode == null ? "grid" : kindNode.isTextual() ? kindNode.asText() : "";
    boolean tunes = kind.equals("tune-then-evaluate");
    if (!tunes && !kind.equals("grid")) {
      error("protocol", quote(kindNode) + " is not accepted; expected grid or tune-then-evaluate");
      return Protocol.GRID_SWEEP;
    }
    JsonNode tuning = root.get("tuning");
    JsonNode defaultsArm = root.get("defaultsArm");
    if (!tunes) {
      if (tuning != null) {
        error("tuning", "applies only to protocol: tune-then-evaluate");
      }
      if (defaultsArm != null) {
        error("defaultsArm", "applies only to protocol: tune-then-evaluate");
      }
      return Protocol.GRID_SWEEP;
    }
    Protocol.Search search = Protocol.Search.RANDOM;
    int budget = Defaults.TUNING_BUDGET;
    long seed = Defaults.TUNING_SEED;
    int tuningSeeds = 1;
    if (tuning != null && !tuning.isObject()) {
      error("tuning", "must be a mapping such as {search: random, budget: 20, seed: 0}, found "
          + describe(tuning));
    } else if (tuning != null) {
      checkKeys(tuning, "tuning", TUNING_KEYS);
      JsonNode searchNode = tuning.get("search");
      if (searchNode != null) {
        String name = searchNode.isTextual() ? searchNode.asText() : "";
        if (name.equals("grid")) {
          search = Protocol.Search.GRID;
        } else if (!name.equals("random")) {
          error("tuning.search", quote(searchNode) + " is not accepted; expected grid or random");
        }
      }
      budget = integer(tuning.get("budget"), "tuning.budget", 1).orElse(budget);
      if (tuning.has("budget") && search == Protocol.Search.GRID) {
        error("tuning.budget", "does not apply to search: grid, whose budget is the grid size");
      }
      if (tuning.has("seeds")) {
        Long n = asLong(tuning.get("seeds"));
        if (n == null || n < 1 || n > MAX_TUNING_SEEDS) {
          error("tuning.seeds", quote(tuning.get("seeds")) + " is not accepted; expected how many"
              + " seeds score each tuning setting, an integer from 1 to " + MAX_TUNING_SEEDS
              + " (the top-level seeds: is the list of evaluation seeds)");
        } else {
          tuningSeeds = n.intValue();
        }
      }
      if (tuning.has("seed")) {
        Long s = asLong(tuning.get("seed"));
        if (s == null) {
          error("tuning.seed", quote(tuning.get("seed")) + " is not accepted; expected an"
              + " integer");
        } else {
          seed = s;
        }
      }
    }
    return new Protocol(Protocol.Kind.TUNE_THEN_EVALUATE, search,
        search == Protocol.Search.GRID ? 0 : budget, seed,
        bool(defaultsArm, "defaultsArm", true), tuningSeeds);
  }

  /**
   * Tables, figures and summaries are per problem id, so two variants of one problem would be
   * pooled; each variant belongs in its own experiment.
   */
  private void checkDistinctProblems(JsonNode problemsNode) {
    if (problemsNode == null || !problemsNode.isArray()) {
      return;
    }
    Map<String, Integer> first = new LinkedHashMap<>();
    for (int i = 0; i < problemsNode.size(); i++) {
      JsonNode id = problemEntry(problemsNode.get(i)).get("id");
      if (id == null || !id.isTextual()) {
        continue;
      }
      Integer earlier = first.putIfAbsent(id.asText(), i);
      if (earlier != null) {
        error("problems[" + i + "].id", "'" + id.asText() + "' is already problems[" + earlier
            + "]; an experiment runs each problem once (results are grouped by problem id):"
            + " put another variant in an experiment of its own");
      }
    }
  }

  /** Intervals need random search; tuning grids must give every optimizer the same budget. */
  private void checkSearches(Protocol protocol, List<ProblemPlan> problems) {
    boolean random = protocol.tunes() && protocol.search() == Protocol.Search.RANDOM;
    if (!random) {
      for (String path : intervalPaths) {
        error(path, "is a random-search interval; use protocol: tune-then-evaluate with tuning:"
            + " {search: random}, or give a list of values");
      }
    }
    if (protocol.tunes() && protocol.search() == Protocol.Search.GRID && intervalPaths.isEmpty()) {
      for (int i = 0; i < problems.size(); i++) {
        List<OptimizerSearch> searches = problems.get(i).searches();
        java.util.Set<Integer> sizes = new java.util.TreeSet<>();
        searches.forEach(x -> sizes.add(x.gridSize()));
        if (sizes.size() > 1) {
          error("problems[" + i + "].optimizers", "tuning grids differ in size ("
              + searches.stream().map(x -> x.type().id() + " " + x.gridSize())
                  .collect(java.util.stream.Collectors.joining(", "))
              + "); a fair comparison gives every optimizer the same budget: use grids of one"
              + " size or search: random");
        }
      }
    }
  }

  private String experimentName(JsonNode node) {
    if (node == null) {
      error("name", "is missing; give the experiment a kebab-case name such as 'quickstart'"
          + " (it names the results folder)");
      return null;
    }
    String name = node.isTextual() ? node.asText() : null;
    if (!ExperimentName.isValid(name)) {
      error("name", quote(node) + " is not accepted; " + ExperimentName.RULE);
    }
    return name;
  }

  private List<Long> seeds(JsonNode node) {
    if (node == null) {
      return Defaults.SEEDS;
    }
    if (!node.isArray()) {
      // 'seeds: 3' reads as "three seeds" to some and "seed 3" to others: ask for the list.
      error("seeds", quote(node) + " is not accepted; seeds is the list of seeds to run: write"
          + " seeds: [0, 1, 2] for three seeds, or seeds: [" + node.asText() + "] for that seed"
          + " alone");
      return Defaults.SEEDS;
    }
    List<JsonNode> items = list(node);
    if (items.isEmpty()) {
      error("seeds", "is empty; give at least one integer seed, e.g. seeds: [0, 1, 2]");
    }
    Set<Long> seeds = new LinkedHashSet<>();
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      String path = "seeds[" + i + "]";
      Long value = asLong(item);
      if (value == null) {
        error(path, quote(item) + " is not accepted; seeds are integers, e.g. seeds: [0, 1, 2]");
      } else if (!seeds.add(value)) {
        error(path, value + " is listed twice; each seed may appear once");
      }
    }
    return List.copyOf(seeds);
  }

  /** A bare id ({@code problems: [mnist-mlp]}) stands for {@code {id: mnist-mlp}}. */
  private static JsonNode problemEntry(JsonNode node) {
    if (node.isTextual()) {
      return MAPPER.createObjectNode().put("id", node.asText());
    }
    return node;
  }

  private ProblemPlan problem(JsonNode node, String path, JsonNode defaults,
      List<OptimizerSearch> defaultOptimizers) {
    if (!node.isObject()) {
      error(path, "must be a problem id or a mapping such as {id: ravine-2d, steps: 300},"
          + " found " + describe(node));
      return null;
    }
    checkKeys(node, path, node.has(PLUGIN_KEY) ? union(PROBLEM_KEYS, Set.of(PLUGIN_KEY))
        : PROBLEM_KEYS);
    JsonNode idNode = node.get("id");
    if (idNode == null || !idNode.isTextual()) {
      error(path + ".id", (idNode == null ? "is missing" : quote(idNode) + " is not a problem id")
          + "; accepted: " + String.join(", ", ProblemCatalog.ids()));
      return null;
    }
    String id = idNode.asText();
    Optional<ProblemInfo> info;
    ProblemSpec spec;
    if (node.has("data")) {
      info = Optional.of(DataProblem.info(id));
      spec = dataProblem(id, node, path);
    } else {
      if (node.has("network")) {
        error(path + ".network", "applies only to a problem with data (data: {train: ...});"
            + " the built-in problems have their own networks");
      }
      info = ProblemCatalog.byId(id);
      Optional<ProblemPlugins.Found> plugin = info.isEmpty() ? problemPlugins(path + ".id")
          .flatMap(p -> p.byId(id)) : Optional.empty();
      if (plugin.isPresent()) {
        info = Optional.of(PluginProblem.info(id, plugin.get().plugin().description()));
        if (node.has("params")) {
          error(path + ".params", "does not apply to problem '" + id + "', which its plugin "
              + plugin.get().className() + " defines in code");
        }
        spec = PluginProblems.load(plugin.get(), id, path, this::error);
        if (spec == null) {
          return null;
        }
      } else if (info.isEmpty()) {
        List<String> ids = new ArrayList<>(ProblemCatalog.ids());
        List<String> fromPlugins = problemPlugins == null ? List.of() : problemPlugins.ids();
        ids.addAll(fromPlugins);
        error(path + ".id", "'" + id + "' is not a problem" + suggestion(id, ids)
            + "; accepted: " + String.join(", ", ProblemCatalog.ids())
            + (fromPlugins.isEmpty() ? "" : "; from plugins: " + String.join(", ", fromPlugins))
            + ", or any new id with data: (your own files)"
            + (node.has(PLUGIN_KEY) ? "; it was defined by "
                + node.path(PLUGIN_KEY).path("class").asText() + " in "
                + node.path(PLUGIN_KEY).path("jar").asText("the class path")
                + ", which must be on the plugin path (--plugins DIR_OR_JAR)" : ""));
        return null;
      } else {
        // A plugin cannot take a built-in id: the config would silently mean the built-in one.
        Optional<ProblemPlugins.Found> clash = pluginPaths.isEmpty() ? Optional.empty()
            : problemPlugins(path + ".id").flatMap(p -> p.byId(id));
        clash.ifPresent(c -> error(path + ".id", "'" + id + "' is a built-in problem, and "
            + c.className() + " (" + c.where() + ") gives a problem of the same id; rename"
            + " the plugin's"));
        spec = problemSpec(info.get(), node.get("params"), path + ".params");
      }
    }
    if (node.has(PLUGIN_KEY) && !(spec instanceof PluginProblem)) {
      // A resolved config records a plugin problem's class and jar under plugin:; the entry is
      // informational there (the trial ids hold the jar's hash) and meaningless elsewhere.
      error(path + "." + PLUGIN_KEY, "applies only to a problem defined by a plugin jar, which '"
          + id + "' is not");
    }

    List<OptimizerSearch> optimizers;
    if (node.has("optimizers")) {
      optimizers = optimizers(node.get("optimizers"), path + ".optimizers");
      checkRepeatedSettings(optimizers, node.get("optimizers"), path + ".optimizers");
    } else if (defaultOptimizers != null) {
      optimizers = defaultOptimizers;
    } else {
      error(path + ".optimizers", "is missing, and there is no top-level 'optimizers' list;"
          + " list at least one, e.g. optimizers: [{name: sgd, learningRate: 0.1}]");
      optimizers = List.of();
    }
    ProblemKind kind = info.get().kind();
    if (spec instanceof ProblemSpec.Analytic) {
      checkAnalyticRecipes(optimizers, node.has("optimizers") ? path + ".optimizers"
          : "optimizers", id);
    }
    Budget budget = budget(node, path, defaults, kind);
    if (budget != null && !budget.hasStepLimit()) {
      checkHorizonSchedules(optimizers, node.has("optimizers") ? path + ".optimizers"
          : "optimizers", id);
    }
    List<BatchSize> batches;
    if (!kind.usesMiniBatches()) {
      // Such problems take the exact gradient: there is no data to batch.
      if (node.has("batchSize")) {
        error(path + ".batchSize", "does not apply to " + id + ", which takes the full analytic"
            + " gradient at every step; remove it");
      }
      batches = List.of(BatchSize.FULL);
    } else {
      batches = batchSizes(setting(node, defaults, "batchSize"), path, spec);
    }
    if (spec != null && budget != null && budget.hasStepLimit() && batches != null) {
      checkWarmupFits(optimizers, node.has("optimizers") ? path + ".optimizers" : "optimizers",
          id, spec, batches, budget);
    }
    int evalEvery = evalEvery(setting(node, defaults, "evalEvery"), path);
    Optional<Setting> lossSetting = setting(node, defaults, "lossEvery");
    int lossEvery = lossSetting.flatMap(s -> integer(s.node(), s.path(path), 1))
        .orElse(Defaults.LOSS_EVERY);
    if (lossSetting.isPresent() && spec != null && budget != null && batches != null
        && kind.usesMiniBatches()) {
      checkLossEvery(lossEvery, lossSetting.get().path(path), spec, batches, budget);
    }
    double divergence = setting(node, defaults, "divergenceFactor")
        .flatMap(s -> real(s.node(), s.path(path), v -> v > 1, "a number > 1"))
        .orElse(info.get().divergenceFactor());
    DataOrder order = dataOrder(node, defaults, path, id, kind);
    Target target = target(node.get("target"), path + ".target", info.get());
    if (spec == null || budget == null || batches == null || target == null) {
      return null;
    }
    return new ProblemPlan(spec, optimizers, batches, budget, evalEvery, lossEvery, divergence,
        target, order);
  }

  /**
   * A problem on the user's files: its id must be new and name a results folder, its data and
   * network are read by {@link DataConfigReader}, and the data are loaded (once per process) so
   * that bad data stop the run here, before anything is written.
   */
  private ProblemSpec dataProblem(String id, JsonNode node, String path) {
    boolean ok = true;
    if (ProblemCatalog.byId(id).isPresent()) {
      error(path + ".id", "'" + id + "' is a built-in problem; a problem with data: needs an id"
          + " of its own, e.g. my-" + id);
      ok = false;
    } else if (!ExperimentName.isValid(id)) {
      error(path + ".id", "'" + id + "' is not accepted as the id of a problem with data: "
          + ExperimentName.RULE.replace("results folder", "problem's results folder"));
      ok = false;
    }
    if (node.has("params")) {
      error(path + ".params", "does not apply to a problem with data:; its settings are under"
          + " data and network");
      ok = false;
    }
    DataConfigReader reader = new DataConfigReader(this::error);
    Optional<DataDeclaration> data = reader.data(node.get("data"), path + ".data");
    Optional<DataProblem.Network> network = reader.network(node.get("network"),
        path + ".network");
    if (!ok || data.isEmpty() || network.isEmpty()) {
      return null;
    }
    try {
      return DataProblem.load(id, data.get(), network.get());
    } catch (DataException e) {
      error(path + ".data", e.getMessage());
      return null;
    } catch (NetworkFileException e) {
      error(path + ".network", e.getMessage());
      return null;
    }
  }

  /**
   * A 2-D function is a point, not a network: it has no layers to normalise per layer and no
   * epochs for a schedule to count (each step takes the exact gradient).
   */
  private void checkAnalyticRecipes(List<OptimizerSearch> searches, String path, String id) {
    for (int i = 0; i < searches.size(); i++) {
      RecipeSearch r = searches.get(i).recipe();
      if (r.layerMode() != null) {
        error(path + "[" + i + "].gradientNormalization", "does not apply to " + id + ", a 2-D"
            + " function with no layers; use clipGlobalNorm: c to clip its gradient");
      }
      if (r.scheduleEpochs()) {
        error(path + "[" + i + "].schedule.unit", "epochs does not apply to " + id + ", which"
            + " has no epochs; accepted: iterations");
      }
    }
  }

  /**
   * A decaying schedule ends at the trial's horizon (its steps or epochs limit); a trial limited
   * by training time alone has none, since the step it reaches depends on the machine.
   */
  private void checkHorizonSchedules(List<OptimizerSearch> searches, String path, String id) {
    for (int i = 0; i < searches.size(); i++) {
      ScheduleKind kind = searches.get(i).recipe().scheduleKind();
      if (kind != null && kind.needsHorizon()) {
        error(path + "[" + i + "].schedule", kind.id() + " decays until the trial's last step,"
            + " but " + id + " has only a training-time limit (stop: {seconds: ...}), so that"
            + " step is unknown; give steps: N or epochs: N beside it, or use a schedule that"
            + " needs no horizon (step, exponential, inverse, sigmoid, cycle, map, warmup)");
      }
    }
  }

  /**
   * Warm-up + cosine warms up over its first warmupSteps steps and decays over the rest of the
   * trial's horizon; a warm-up as long as the horizon leaves no decay, and the trial runs the
   * {@code warmup} schedule under another name.
   */
  private void checkWarmupFits(List<OptimizerSearch> searches, String path, String id,
      ProblemSpec spec, List<BatchSize> batches, Budget budget) {
    long horizon = Long.MAX_VALUE;
    for (BatchSize b : batches) {
      horizon = Math.min(horizon, TrialSpec.totalSteps(spec, b, budget));
    }
    for (int i = 0; i < searches.size(); i++) {
      RecipeSearch r = searches.get(i).recipe();
      Domain warmup = r.numbers().get(RecipeSearch.SCHEDULE_PREFIX + "warmupSteps");
      if (r.scheduleKind() != ScheduleKind.WARMUP_COSINE || warmup == null) {
        continue;
      }
      double longest = java.util.Collections.max(warmup.endpoints());
      if (longest >= horizon) {
        error(path + "[" + i + "].schedule.warmupSteps", format(longest) + " is not below the"
            + " trial's " + horizon + " steps (" + id + ", " + budget
            + (batches.size() > 1 ? ", at its smallest horizon over the batch sizes" : "")
            + "), so the cosine decay would never start; warm up for fewer steps, train"
            + " longer, or use type: warmup");
      }
    }
  }

  /**
   * The same setting listed twice (in two entries, e.g. {@code [{name: sgd, learningRate: 0.1},
   * {name: sgd, learningRate: [0.1, 0.2]}]}) would be one trial per seed counted twice in the
   * summary; refuse it, naming both entries.
   */
  private void checkRepeatedSettings(List<OptimizerSearch> searches, JsonNode entries,
      String path) {
    if (searches.size() != entries.size()) {
      return; // an entry is wrong already, so indices would not match; that error is reported
    }
    Map<OptimizerSpec, Integer> firstEntry = new LinkedHashMap<>();
    for (int i = 0; i < searches.size(); i++) {
      if (!searches.get(i).isGrid()) {
        continue;
      }
      for (OptimizerSpec setting : searches.get(i).grid()) {
        Integer earlier = firstEntry.putIfAbsent(setting, i);
        if (earlier != null && earlier != i) {
          error(path + "[" + i + "]", "repeats the setting " + setting.id() + " "
              + setting.hyperparameters() + " of " + path + "[" + earlier + "]; each setting"
              + " runs once per seed: remove the repeat");
          break;
        }
      }
    }
  }

  /** A loss recorded less often than once per trial leaves only the loss at iteration 0. */
  private void checkLossEvery(int lossEvery, String path, ProblemSpec spec,
      List<BatchSize> batches, Budget budget) {
    for (BatchSize batch : batches) {
      long steps = TrialSpec.totalSteps(spec, batch, budget);
      if (lossEvery > steps) {
        error(path, lossEvery + " is not accepted; it exceeds the " + steps + " steps of a"
            + " trial (batch size " + batch + "), so the curve would hold only the loss at"
            + " iteration 0: give at most " + steps);
        return;
      }
    }
  }

  /**
   * {@code shuffleBuffer: N}: the epochs' order streams through an N-example buffer (as
   * TensorFlow's {@code Dataset.shuffle(N)}) instead of a uniform permutation. A problem without
   * mini-batches refuses it, as it refuses {@code batchSize}; from {@code defaults:} it passes such
   * a problem by, but its value is checked all the same (an error there is reported once).
   */
  private DataOrder dataOrder(JsonNode node, JsonNode defaults, String path, String id,
      ProblemKind kind) {
    if (!kind.usesMiniBatches()) {
      if (node.has("shuffleBuffer")) {
        error(path + ".shuffleBuffer", "does not apply to " + id + ", which takes the full"
            + " analytic gradient at every step and has no examples to order; remove it");
      } else if (defaults != null && defaults.has("shuffleBuffer")) {
        shuffleBuffer(defaults.get("shuffleBuffer"), "defaults.shuffleBuffer");
      }
      return DataOrder.PERMUTATION;
    }
    return setting(node, defaults, "shuffleBuffer")
        .flatMap(s -> shuffleBuffer(s.node(), s.path(path)))
        .orElse(DataOrder.PERMUTATION);
  }

  /**
   * A {@code shuffleBuffer} value: an integer ≥ 1, or {@code none} for the uniform permutation
   * (so that a problem can ask for it back when {@code defaults} sets a buffer).
   */
  private Optional<DataOrder> shuffleBuffer(JsonNode node, String path) {
    if (node.isTextual() && node.asText().equals("none")) {
      return Optional.of(DataOrder.PERMUTATION);
    }
    return integer(node, path, 1, "an integer >= 1 (examples in the buffer) or none (a uniform"
        + " permutation every epoch)").map(DataOrder::new);
  }

  /** A protocol value found on the problem or, failing that, under {@code defaults}. */
  private record Setting(JsonNode node, boolean fromDefaults, String key) {
    String path(String problemPath) {
      return fromDefaults ? "defaults." + key : problemPath + "." + key;
    }
  }

  private static Optional<Setting> setting(JsonNode problem, JsonNode defaults, String key) {
    if (problem.has(key)) {
      return Optional.of(new Setting(problem.get(key), false, key));
    }
    if (defaults != null && defaults.has(key)) {
      return Optional.of(new Setting(defaults.get(key), true, key));
    }
    return Optional.empty();
  }

  private ProblemSpec problemSpec(ProblemInfo info, JsonNode params, String path) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (ProblemParameter p : info.parameters()) {
      values.put(p.name(), p.defaultValue());
    }
    if (params != null && !params.isObject()) {
      error(path, "must be a mapping of parameters, found " + describe(params));
      return null;
    }
    boolean ok = true;
    if (params != null) {
      List<String> names = info.parameters().stream().map(ProblemParameter::name).toList();
      for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String key = field.getKey();
        String at = path + "." + key;
        Optional<ProblemParameter> p = info.parameter(key);
        if (p.isEmpty()) {
          error(at, "is not a parameter of " + info.id() + suggestion(key, names) + "; accepted: "
              + (names.isEmpty() ? "none" : String.join(", ", names)));
          ok = false;
          continue;
        }
        Object value = parameterValue(p.get(), field.getValue());
        Optional<String> problem = value == null ? Optional.of(p.get().accepted())
            : p.get().check(value);
        if (problem.isPresent()) {
          error(at, quote(field.getValue()) + " is not accepted; expected " + problem.get());
          ok = false;
        } else {
          values.put(key, value);
        }
      }
    }
    if (!ok) {
      return null;
    }
    try {
      return info.create(values);
    } catch (IllegalArgumentException e) {
      error(path, e.getMessage());
      return null;
    }
  }

  private static Object parameterValue(ProblemParameter p, JsonNode node) {
    return switch (p.type()) {
      case INT -> {
        Long v = asLong(node);
        yield v == null || v != v.intValue() ? null : v.intValue();
      }
      case LONG -> asLong(node);
      case DOUBLE -> asDouble(node);
      case VECTOR -> {
        if (!node.isArray()) {
          yield null;
        }
        List<Double> out = new ArrayList<>();
        for (JsonNode item : node) {
          Double v = asDouble(item);
          if (v == null) {
            yield null;
          }
          out.add(v);
        }
        yield List.copyOf(out);
      }
    };
  }

  private List<OptimizerSearch> optimizers(JsonNode node, String path) {
    if (!node.isArray() || node.isEmpty()) {
      error(path, "must be a non-empty list such as [{name: sgd, learningRate: 0.1}], found "
          + describe(node));
      return List.of();
    }
    List<OptimizerSearch> searches = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      optimizer(node.get(i), path + "[" + i + "]").ifPresent(searches::add);
    }
    return searches;
  }

  /**
   * Reads {@code plugins:} (a path or a list of paths) and opens the jars, with those of
   * {@code --plugins} first. Relative paths are resolved against the working directory.
   */
  private void plugins(JsonNode node) {
    List<Path> paths = new ArrayList<>(extraPlugins);
    String where = extraPlugins.isEmpty() ? "plugins" : "--plugins / plugins";
    if (node != null) {
      List<JsonNode> items = node.isArray() ? list(node) : List.of(node);
      for (int i = 0; i < items.size(); i++) {
        JsonNode item = items.get(i);
        if (!item.isTextual() || item.asText().isBlank()) {
          error(node.isArray() ? "plugins[" + i + "]" : "plugins", quote(item) + " is not"
              + " accepted; expected the path of a plugin jar or of a folder of jars");
          return;
        }
        paths.add(Path.of(item.asText()));
      }
    }
    if (paths.isEmpty()) {
      return;
    }
    pluginPaths = List.copyOf(paths);
    try {
      registry = OptimizerRegistry.with(PluginJars.open(paths));
    } catch (PluginException e) {
      error(where, e.getMessage());
      pluginsFailed = true;
    }
  }

  /**
   * The problems of the plugin path, loaded on first use; empty (the error recorded at
   * {@code path}) when a problem plugin cannot be loaded, or when the plugin path failed.
   */
  private Optional<ProblemPlugins> problemPlugins(String path) {
    if (problemPlugins == null && !pluginsFailed && !problemPluginsFailed) {
      try {
        problemPlugins = ProblemPlugins.with(registry.jars());
      } catch (PluginException e) {
        error(path, e.getMessage());
        problemPluginsFailed = true;
      }
    }
    return Optional.ofNullable(problemPlugins);
  }

  private Optional<OptimizerSearch> optimizer(JsonNode node, String path) {
    List<String> ids = registry.names();
    if (!node.isObject()) {
      error(path, "must be a mapping such as {name: adam, learningRate: 0.001} or {class:"
          + " org.example.Lion, learningRate: 0.0001}, found " + describe(node));
      return Optional.empty();
    }
    Optional<OptimizerType> found = optimizerType(node, path, ids);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    OptimizerType type = found.get();
    String key0 = node.has("class") ? "class" : "name";
    List<String> params = type.parameterNames();
    Map<String, String> others = OptimizerRegistry.otherProperties(type);
    String owner = type.byClass() ? "a property of " + type.id() : "a hyperparameter of "
        + type.id();
    Map<String, Domain> domains = new LinkedHashMap<>();
    Map<String, JsonNode> recipeFields = new LinkedHashMap<>();
    boolean ok = true;
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String key = field.getKey();
      if (key.equals(key0)) {
        continue;
      }
      String at = path + "." + key;
      if (others.containsKey(key)) {
        error(at, "is a property of " + type.id() + " of type " + others.get(key) + ", not a"
            + " number; a config sets only numeric properties (double, float, int, long):"
            + " " + String.join(", ", params));
        ok = false;
        continue;
      }
      if (!params.contains(key) && RecipeReader.KEYS.contains(key)) {
        recipeFields.put(key, field.getValue());
        continue;
      }
      if (!params.contains(key)) {
        // Worded as for any other unknown key, so a stray key (e.g. 'type: adam') reads as one.
        List<String> recipeKeys = RecipeReader.KEYS.stream().filter(k -> !params.contains(k))
            .toList();
        List<String> all = new ArrayList<>(params);
        all.addAll(recipeKeys);
        error(at, "unknown key: not " + owner + suggestion(key, all) + "; accepted: " + key0
            + ", " + String.join(", ", params) + "; recipe keys: " + String.join(", ",
            recipeKeys));
        ok = false;
        continue;
      }
      Domain domain = domain(field.getValue(), at);
      if (domain == null) {
        ok = false;
        continue;
      }
      for (double v : domain.endpoints()) {
        Optional<String> problem = type.check(key, v);
        if (problem.isPresent()) {
          error(at, format(v) + " is not accepted; " + key + " " + problem.get());
          ok = false;
        }
      }
      if (domain.isInterval()) {
        intervalPaths.add(at);
      }
      domains.put(key, domain);
    }
    if (randomSearch) {
      for (String name : params) {
        if (domains.containsKey(name)) {
          continue;
        }
        Domain search = type.searchDefaults().get(name);
        if (search != null) {
          domains.put(name, search);
        } else if (type.byClass()) {
          error(path + "." + name, "has no range for random search: " + type.id() + " has no"
              + " provider to give one; set it, e.g. " + name + ": {logUniform: [low, high]},"
              + " {uniform: [low, high]} or a fixed value (its default is "
              + format(type.defaults().get(name)) + ")");
          ok = false;
        }
      }
    }
    Optional<RecipeSearch> recipe = new RecipeReader(this::error, (n, at) -> {
      Domain d = domain(n, at);
      if (d != null && d.isInterval()) {
        intervalPaths.add(at);
      }
      return d;
    }).read(recipeFields, path, type);
    if (!ok || recipe.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new OptimizerSearch(type, domains, recipe.get()));
  }

  /** The entry's {@code name} (a provider) or {@code class} (an updater class); exactly one. */
  private Optional<OptimizerType> optimizerType(JsonNode node, String path, List<String> ids) {
    JsonNode nameNode = node.get("name");
    JsonNode classNode = node.get("class");
    if (nameNode != null && classNode != null) {
      error(path, "has both name and class; give one: name for an optimizer with a provider ("
          + String.join(", ", ids) + "), class for any DL4J updater class on the plugin path");
      return Optional.empty();
    }
    if (classNode != null) {
      if (!classNode.isTextual() || classNode.asText().isBlank()) {
        error(path + ".class", quote(classNode) + " is not accepted; expected a fully qualified"
            + " class name, e.g. org.example.Lion");
        return Optional.empty();
      }
      try {
        return Optional.of(registry.byClass(classNode.asText().trim()));
      } catch (PluginException e) {
        error(path + ".class", e.getMessage());
        return Optional.empty();
      }
    }
    if (nameNode == null || !nameNode.isTextual()) {
      error(path + ".name", (nameNode == null ? "is missing" : quote(nameNode)
          + " is not an optimizer") + "; accepted: " + String.join(", ", ids)
          + " (or class: with an updater class name)");
      return Optional.empty();
    }
    String name = nameNode.asText();
    Optional<OptimizerType> type = registry.byName(name);
    if (type.isEmpty() && !pluginsFailed) {
      // The name may be a plugin's: say where providers were looked for.
      String plugins = pluginPaths.isEmpty()
          ? "; an optimizer from a plugin jar needs the jar on the plugin path (--plugins"
              + " DIR_OR_JAR, or plugins: in the config)"
          : "; no OptimizerProvider in " + pluginPaths.stream().map(Path::toString)
              .collect(java.util.stream.Collectors.joining(", ")) + " names it: name its updater"
              + " class instead ({class: org.example.MyUpdater, ...})";
      String suggestion = suggestion(name, ids);
      error(path + ".name", "'" + name + "' is not an optimizer" + suggestion
          + "; accepted: " + String.join(", ", ids) + (suggestion.isEmpty() ? plugins : ""));
    }
    return type;
  }

  /** A grid axis (scalar, list, logRange) or a random-search interval (logUniform, uniform). */
  private Domain domain(JsonNode node, String path) {
    if (node.isObject() && (node.has("logUniform") || node.has("uniform"))) {
      boolean log = node.has("logUniform");
      String key = log ? "logUniform" : "uniform";
      checkKeys(node, path, Set.of(key));
      JsonNode range = node.get(key);
      Double low = range.isArray() && range.size() == 2 ? asDouble(range.get(0)) : null;
      Double high = low != null ? asDouble(range.get(1)) : null;
      if (low == null || high == null || !(high > low) || Double.isInfinite(high)
          || Double.isInfinite(low) || (log && !(low > 0))) {
        error(path + "." + key, quote(range) + " is not accepted; expected [low, high] with "
            + (log ? "0 < low < high" : "low < high"));
        return null;
      }
      return log ? new Domain.LogUniform(low, high) : new Domain.Uniform(low, high);
    }
    List<Double> values = gridValues(node, path);
    return values == null ? null : new Domain.Values(values);
  }

  /** A scalar, a list, or {logRange: [lo, hi], points: n | perDecade: k}. */
  private List<Double> gridValues(JsonNode node, String path) {
    if (node.isObject()) {
      return logRange(node, path);
    }
    List<JsonNode> items = node.isArray() ? list(node) : List.of(node);
    if (items.isEmpty()) {
      error(path, "is an empty list; give at least one value");
      return null;
    }
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      Double v = asDouble(items.get(i));
      if (v == null) {
        error(node.isArray() ? path + "[" + i + "]" : path, quote(items.get(i))
            + " is not accepted; expected a number, a list of numbers or"
            + " {logRange: [low, high], points: n}");
        return null;
      }
      if (values.contains(v)) {
        error(node.isArray() ? path + "[" + i + "]" : path, format(v) + " is listed twice");
        return null;
      }
      values.add(v);
    }
    return values;
  }

  private List<Double> logRange(JsonNode node, String path) {
    checkKeys(node, path, GRID_KEYS);
    JsonNode range = node.get("logRange");
    Double low = range != null && range.isArray() && range.size() == 2 ? asDouble(range.get(0))
        : null;
    Double high = low != null ? asDouble(range.get(1)) : null;
    if (low == null || high == null || !(low > 0) || !(high > low) || Double.isInfinite(high)) {
      error(path + ".logRange", (range == null ? "is missing" : quote(range) + " is not accepted")
          + "; expected [low, high] with 0 < low < high, e.g. logRange: [1e-4, 1e-1]");
      return null;
    }
    boolean hasPoints = node.has("points");
    boolean hasPerDecade = node.has("perDecade");
    if (hasPoints == hasPerDecade) {
      error(path, "give exactly one of 'points' (total, >= 2) or 'perDecade' (>= 1)"
          + " with logRange");
      return null;
    }
    int count;
    if (hasPoints) {
      Optional<Integer> n = integer(node.get("points"), path + ".points", 2);
      if (n.isEmpty()) {
        return null;
      }
      count = n.get();
    } else {
      Optional<Integer> k = integer(node.get("perDecade"), path + ".perDecade", 1);
      if (k.isEmpty()) {
        return null;
      }
      count = (int) Math.round(Math.log10(high / low) * k.get()) + 1;
      count = Math.max(count, 2);
    }
    if (count > MAX_GRID_POINTS) {
      error(path, count + " grid points is not accepted; at most " + MAX_GRID_POINTS);
      return null;
    }
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      double v = low * Math.pow(high / low, (double) i / (count - 1));
      values.add(Double.parseDouble(String.format(java.util.Locale.ROOT, "%.12g", v)));
    }
    return values;
  }

  /** {metric: name, value: number, goal: max|min}; the goal defaults from the metric name. */
  private Target target(JsonNode node, String path, ProblemInfo info) {
    if (node == null) {
      return info.target();
    }
    List<String> metrics = info.kind().recordedMetrics();
    if (!node.isObject()) {
      error(path, "must be a mapping such as {metric: " + info.target().metric() + ", value: "
          + format(info.target().value()) + "}, found " + describe(node));
      return null;
    }
    checkKeys(node, path, TARGET_KEYS);
    JsonNode metric = node.get("metric");
    String name = metric != null && metric.isTextual() ? metric.asText() : null;
    if (name == null || !metrics.contains(name)) {
      error(path + ".metric", (metric == null ? "is missing" : quote(metric)
          + " is not a metric of " + info.id() + suggestion(String.valueOf(name), metrics))
          + "; accepted: " + String.join(", ", metrics));
      return null;
    }
    JsonNode valueNode = node.get("value");
    Double value = valueNode == null ? null : asDouble(valueNode);
    if (value == null || !Double.isFinite(value)) {
      error(path + ".value", (valueNode == null ? "is missing" : quote(valueNode)
          + " is not accepted") + "; expected a finite number");
      return null;
    }
    Target target = Target.of(name, value);
    JsonNode goal = node.get("goal");
    if (goal != null) {
      String g = goal.isTextual() ? goal.asText() : "";
      if (!g.equals("max") && !g.equals("min")) {
        error(path + ".goal", quote(goal) + " is not accepted; expected max or min");
        return null;
      }
      target = new Target(name, value, Goal.parse(g));
    }
    Optional<String> unreachable = target.unreachable();
    if (unreachable.isPresent()) {
      error(path + ".value", format(value) + " can never be reached: " + unreachable.get());
      return null;
    }
    return target;
  }

  /**
   * The step limit as before, with the time limit of {@code stop:} (problem, else defaults)
   * added: a trial stops at whichever it reaches first. With {@code stop:} and no
   * {@code steps:}/{@code epochs:} at either level, the time limit alone ends the trial (the
   * per-problem default step limit applies only when there is no limit at all).
   */
  private Budget budget(JsonNode problem, String path, JsonNode defaults, ProblemKind kind) {
    Optional<Setting> stop = setting(problem, defaults, "stop");
    Double seconds = stop.isEmpty() ? null : stopSeconds(stop.get().node(), stop.get().path(path));
    if (stop.isPresent() && seconds == null) {
      return null;
    }
    boolean stepLimitGiven = problem.has("epochs") || problem.has("steps")
        || (defaults != null && (defaults.has("epochs") || defaults.has("steps")));
    if (seconds != null && !stepLimitGiven) {
      return Budget.timeOnly(seconds);
    }
    Budget steps = stepBudget(problem, path, defaults, kind);
    return steps == null || seconds == null ? steps : steps.withTimeLimit(seconds);
  }

  /** @return the seconds of {@code stop: {seconds: N}}, or null after reporting an error */
  private Double stopSeconds(JsonNode node, String at) {
    if (!node.isObject()) {
      error(at, quote(node) + " is not accepted; expected a mapping such as {seconds: 600}");
      return null;
    }
    checkKeys(node, at, STOP_KEYS);
    if (!node.has("seconds")) {
      error(at + ".seconds", "is missing; give the training time limit, e.g. {seconds: 600}");
      return null;
    }
    int before = errors.size();
    Optional<Double> v = real(node.get("seconds"), at + ".seconds", x -> x > 0,
        "a training time in seconds > 0 (evaluation not counted)");
    return v.isEmpty() || errors.size() > before ? null : v.get();
  }

  private Budget stepBudget(JsonNode problem, String path, JsonNode defaults, ProblemKind kind) {
    JsonNode source = problem.has("epochs") || problem.has("steps") ? problem : defaults;
    String prefix = source == problem ? path + "." : "defaults.";
    if (source == null || !(source.has("epochs") || source.has("steps"))) {
      return !kind.usesMiniBatches()
          ? new Budget(Budget.Unit.STEPS, Defaults.ANALYTIC_STEPS)
          : new Budget(Budget.Unit.EPOCHS, Defaults.EPOCHS);
    }
    if (source.has("epochs") && source.has("steps")) {
      error(prefix + "steps", "give either 'epochs' or 'steps', not both");
      return null;
    }
    boolean epochs = source.has("epochs");
    String key = epochs ? "epochs" : "steps";
    if (epochs && !kind.usesMiniBatches()) {
      if (source == problem) {
        error(prefix + key, "analytic problems take full-gradient steps and have no epochs;"
            + " use steps");
        return null;
      }
      return new Budget(Budget.Unit.STEPS, Defaults.ANALYTIC_STEPS);
    }
    return integer(source.get(key), prefix + key, 1)
        .map(n -> new Budget(epochs ? Budget.Unit.EPOCHS : Budget.Unit.STEPS, n)).orElse(null);
  }

  private List<BatchSize> batchSizes(Optional<Setting> setting, String path, ProblemSpec spec) {
    if (setting.isEmpty()) {
      return List.of(new BatchSize(Defaults.BATCH_SIZE));
    }
    JsonNode node = setting.get().node();
    String at = setting.get().path(path);
    List<JsonNode> items = node.isArray() ? list(node) : List.of(node);
    if (items.isEmpty()) {
      error(at, "is an empty list; give at least one batch size, e.g. [32, 128, full]");
      return null;
    }
    int trainExamples = spec == null ? Integer.MAX_VALUE : spec.trainExamples();
    List<BatchSize> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      String itemPath = node.isArray() ? at + "[" + i + "]" : at;
      Long v = asLong(item);
      if (item.isTextual() && item.asText().equals("full")) {
        out.add(BatchSize.FULL);
      } else if (v == null || v < 1) {
        error(itemPath, quote(item) + " is not accepted; expected an integer >= 1 or 'full'");
        return null;
      } else if (v > trainExamples) {
        error(itemPath, v + " is larger than the " + trainExamples + " training examples of "
            + spec.id() + "; use at most " + trainExamples + " or 'full'");
        return null;
      } else {
        out.add(new BatchSize(v.intValue()));
      }
    }
    if (new LinkedHashSet<>(out).size() != out.size()) {
      error(at, "lists a batch size twice");
      return null;
    }
    return out;
  }

  private int evalEvery(Optional<Setting> setting, String path) {
    if (setting.isEmpty()) {
      return Defaults.EVAL_EVERY_STEPS;
    }
    JsonNode node = setting.get().node();
    if (node.isTextual() && node.asText().equals("epoch")) {
      return 0;
    }
    Long v = asLong(node);
    if (v == null || v < 1 || v > Integer.MAX_VALUE) {
      error(setting.get().path(path), quote(node) + " is not accepted; expected 'epoch' or a"
          + " number of steps >= 1");
      return Defaults.EVAL_EVERY_STEPS;
    }
    return v.intValue();
  }

  private void checkKeys(JsonNode object, String path, Set<String> allowed) {
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!allowed.contains(key)) {
        error(path.isEmpty() ? key : path + "." + key, "unknown key"
            + suggestion(key, List.copyOf(allowed)) + "; accepted: " + sorted(allowed));
      }
    }
  }

  private Optional<String> optionalText(JsonNode parent, String key, String path) {
    JsonNode node = parent.get(key);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isTextual() || node.asText().isBlank()) {
      error(path.isEmpty() ? key : path + "." + key, quote(node) + " is not accepted; expected"
          + " a non-empty string");
      return Optional.empty();
    }
    return Optional.of(node.asText());
  }

  private boolean bool(JsonNode node, String path, boolean fallback) {
    if (node == null) {
      return fallback;
    }
    if (!node.isBoolean()) {
      error(path, quote(node) + " is not accepted; expected true or false");
      return fallback;
    }
    return node.booleanValue();
  }

  private Optional<Integer> integer(JsonNode node, String path, int min) {
    return integer(node, path, min, "an integer >= " + min);
  }

  /** @param accepted what the error names as accepted, when the value is not an integer ≥ min */
  private Optional<Integer> integer(JsonNode node, String path, int min, String accepted) {
    if (node == null) {
      return Optional.empty();
    }
    Long v = asLong(node);
    if (v != null && v > Integer.MAX_VALUE) {
      error(path, quote(node) + " is not accepted; the largest accepted is " + Integer.MAX_VALUE);
      return Optional.empty();
    }
    if (v == null || v < min) {
      error(path, quote(node) + " is not accepted; expected " + accepted);
      return Optional.empty();
    }
    return Optional.of(v.intValue());
  }

  private Optional<Double> real(JsonNode node, String path,
      java.util.function.DoublePredicate valid, String accepted) {
    Double v = asDouble(node);
    if (v == null || !valid.test(v) || !Double.isFinite(v)) {
      error(path, quote(node) + " is not accepted; expected " + accepted);
      return Optional.empty();
    }
    return Optional.of(v);
  }

  /** Integers, also when written as 1e3 or quoted; null for anything else. */
  private static Long asLong(JsonNode node) {
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return node.longValue();
    }
    Double d = asDouble(node);
    if (d != null && d == Math.rint(d) && Math.abs(d) < 9.0e15) {
      return d.longValue();
    }
    return null;
  }

  /** Numbers, including text such as "1e-3" that some YAML resolvers leave as strings. */
  private static Double asDouble(JsonNode node) {
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isTextual()) {
      try {
        return Double.parseDouble(node.asText().trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    array.forEach(out::add);
    return out;
  }

  private void error(String path, String message) {
    ConfigError error = new ConfigError(path, message);
    // A bad value under 'defaults' is checked once per problem but reported once.
    if (!errors.contains(error)) {
      errors.add(error);
    }
  }

  private static String suggestion(String given, List<String> accepted) {
    LevenshteinDistance distance = LevenshteinDistance.getDefaultInstance();
    String best = null;
    int bestScore = Integer.MAX_VALUE;
    for (String candidate : accepted) {
      int score = distance.apply(given.toLowerCase(java.util.Locale.ROOT),
          candidate.toLowerCase(java.util.Locale.ROOT));
      if (score < bestScore) {
        best = candidate;
        bestScore = score;
      }
    }
    return best != null && bestScore <= Math.max(2, given.length() / 3)
        ? "; did you mean '" + best + "'?" : "";
  }

  private static String quote(JsonNode node) {
    if (node.isTextual()) {
      return "'" + node.asText() + "'";
    }
    if (node.isBoolean()) {
      // YAML 1.1 reads on/off and yes/no as booleans too: a user who wrote "off" would not
      // recognise "false" without this.
      return node + " (YAML reads true/false, on/off and yes/no as a boolean)";
    }
    return node.isContainerNode() ? describe(node) + " " + node : node.toString();
  }

  private static String describe(JsonNode node) {
    JsonNodeType type = node.getNodeType();
    return switch (type) {
      case ARRAY -> node.isEmpty() ? "an empty list" : "a list";
      case OBJECT -> "a mapping";
      case STRING -> "the text '" + node.asText() + "'";
      case NUMBER -> "the number " + node;
      case BOOLEAN -> "the boolean " + node;
      case NULL -> "an empty value";
      default -> type.name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  private static String format(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  private static List<String> sorted(Set<String> keys) {
    return keys.stream().sorted().toList();
  }

  private static <T> Set<T> union(Set<T> a, Set<T> b) {
    Set<T> out = new LinkedHashSet<>(a);
    out.addAll(b);
    return Set.copyOf(out);
  }
}
