package org.optbench.config;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.optbench.UserInputException;
import org.optbench.experiment.Budget;
import org.optbench.optimizer.Domain;
import org.optbench.problem.Architecture;
import org.optbench.problem.DataProblem;
import org.optbench.problem.PluginProblem;
import org.optbench.problem.NetworkFile;
import org.optbench.optimizer.OptimizerType;
import org.optbench.plugin.registry.OptimizerRegistry;
import org.optbench.problem.ProblemCatalog;
import org.optbench.problem.ProblemInfo;
import org.optbench.problem.ProblemKind;
import org.optbench.problem.ProblemParameter;
import org.optbench.problem.ProblemSpec;
import org.optbench.problem.Target;
import org.optbench.stats.Goal;

/**
 * Reads a resolved config back: the counterpart of {@link ResolvedConfigWriter}, for the report
 * on an experiment whose config was saved beside its results.
 *
 * <p>Unlike {@link ConfigLoader}, which checks a user's config strictly and refuses it at the
 * first doubt, this reader is lenient: it accepts every resolved config this and earlier versions
 * wrote (older ones state no protocol and no targets, and list {@code batchSize: [full]} on
 * analytic problems) and turns what it cannot use into warnings, so that a report still shows
 * what can be shown: a problem this version does not know is left out, a malformed target falls
 * back to the catalogue's, unreadable parameters leave the problem without a spec. What it reads
 * is only what a report needs; it does not rebuild an {@link ExperimentConfig}.
 */
public final class ResolvedConfigReader {
  private static final YAMLMapper YAML = new YAMLMapper();

  private ResolvedConfigReader() {}

  /**
   * What a resolved config states.
   *
   * @param name the experiment's name, or empty if the file states none
   * @param description its description, empty if none
   * @param protocol grid sweep, or tune-then-evaluate with its search (a file without
   *     {@code protocol} is a grid sweep)
   * @param problems the problems this version knows, in config order
   * @param warnings what could not be used, in file order, each a sentence naming the file
   */
  public record Reading(Optional<String> name, String description, Protocol protocol,
      List<Problem> problems, List<String> warnings) {
    /** Copies the lists. */
    public Reading {
      problems = List.copyOf(problems);
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * One problem of a resolved config.
   *
   * @param key file-name-safe key: the problem id, with {@code -2}, {@code -3}… for its second,
   *     third… listing
   * @param id the problem id
   * @param kind its kind (from the catalogue)
   * @param spec the problem rebuilt from its parameters, defaults filled in as the loader does,
   *     or null if they cannot be read
   * @param params the {@code params} mapping as written (numbers, lists, strings), empty if the
   *     entry has none; identifies which listing a trial belongs to when an id is repeated
   * @param target the time-to-target threshold: the stated one, else the catalogue's
   * @param targetStated whether the file states a (well-formed) target
   * @param budget the training budget as written, e.g. {@code 10 epochs} or {@code 300 steps},
   *     empty if none
   * @param entries the optimizer entries with their search domains, in config order
   * @param batchSizes how many batch sizes the problem lists (at least 1; 1 for a kind without
   *     mini-batches, whatever older files list)
   */
  public record Problem(String key, String id, ProblemKind kind, ProblemSpec spec,
      Map<String, Object> params, Target target, boolean targetStated, String budget,
      List<Entry> entries, int batchSizes) {
    /** Copies the collections, keeping the parameter order. */
    public Problem {
      params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
      entries = List.copyOf(entries);
    }
  }

  /**
   * One optimizer entry of a problem.
   *
   * @param optimizer the optimizer id as written
   * @param domains every hyperparameter the entry states, in file order: a number or a list is a
   *     {@link Domain.Values}, {@code {logUniform|uniform: [low, high]}} a range; other values
   *     are left out
   */
  public record Entry(String optimizer, Map<String, Domain> domains) {
    /** Copies the map, keeping its order. */
    public Entry {
      domains = Collections.unmodifiableMap(new LinkedHashMap<>(domains));
    }
  }

  /**
   * @param file the resolved config, named in messages and warnings
   * @param text its content
   * @return what it states
   * @throws UserInputException if the text is not YAML or not a mapping
   */
  public static Reading read(Path file, String text) {
    JsonNode config;
    try {
      config = YAML.readTree(text);
    } catch (IOException e) {
      throw new UserInputException(file + " is not valid YAML (" + firstLine(e) + "); it is"
          + " written by 'optbench run': restore it, or rerun the experiment's config into a new"
          + " results folder", e);
    }
    if (config == null || !config.isObject()) {
      throw new UserInputException(file + " is not an experiment config (expected a YAML"
          + " mapping with name and problems); it is written by 'optbench run': restore it, or"
          + " rerun the experiment's config into a new results folder");
    }
    List<String> warnings = new ArrayList<>();
    List<Problem> problems = problems(config, String.valueOf(file.getFileName()), warnings);
    return new Reading(Optional.ofNullable(config.path("name").asText(null)),
        config.path("description").asText(""), protocol(config), problems, warnings);
  }

  private static String firstLine(Exception e) {
    return String.valueOf(e.getMessage()).lines().findFirst().orElse("");
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
        tuning.path("seed").asLong(0), config.path("defaultsArm").asBoolean(false),
        Math.max(1, tuning.path("seeds").asInt(1)));
  }

  private static List<Problem> problems(JsonNode config, String fileName,
      List<String> warnings) {
    JsonNode nodes = config.path("problems");
    Map<String, Integer> seen = new HashMap<>();
    List<Problem> out = new ArrayList<>();
    for (JsonNode node : nodes) {
      String id = node.path("id").asText();
      int occurrence = seen.merge(id, 1, Integer::sum);
      String key = occurrence == 1 ? id : id + "-" + occurrence;
      boolean fromFiles = node.has("data");
      JsonNode plugin = node.get(PluginProblem.CONFIG_KEY);
      Optional<ProblemInfo> info = fromFiles ? Optional.of(DataProblem.info(id))
          : plugin != null ? Optional.of(PluginProblem.info(id, "defined by "
              + plugin.path("class").asText()))
          : ProblemCatalog.byId(id);
      if (info.isEmpty()) {
        warnings.add("problem '" + id + "' in " + fileName
            + " is not known to this version of optbench; its trials are not reported");
        continue;
      }
      ProblemSpec spec = fromFiles ? recordedDataProblem(id, node.path("network"), warnings)
          : plugin != null ? recordedPluginProblem(id, plugin)
          : spec(info.get(), node.path("params"), warnings);
      Target target = info.get().target();
      boolean stated = false;
      try {
        Target written = target(id, node.get("target"), fileName);
        if (written != null) {
          target = written;
          stated = true;
        }
      } catch (IllegalArgumentException e) {
        warnings.add(e.getMessage() + "; using the default target " + target.metric());
      }
      String budget = node.has("steps") ? node.get("steps").asText() + " steps"
          : node.has("epochs") ? node.get("epochs").asText() + " epochs" : "";
      if (node.path("stop").has("seconds")) {
        String time = Budget.formatSeconds(node.path("stop").path("seconds").asDouble()) + " s";
        budget = budget.isEmpty() ? time : budget + " or " + time;
      }
      // Older versions listed batchSize: [full] on analytic problems; such a kind has one.
      int batchSizes = !info.get().kind().usesMiniBatches() ? 1
          : Math.max(1, node.path("batchSize").isArray() ? node.path("batchSize").size() : 1);
      out.add(new Problem(key, id, info.get().kind(), spec, params(node.path("params")), target,
          stated, budget, entries(node.path("optimizers")), batchSizes));
    }
    return out;
  }

  private static Map<String, Object> params(JsonNode node) {
    return node.isObject() ? YAML.convertValue(node, new TypeReference<Map<String, Object>>() { })
        : Map.of();
  }

  /**
   * Reads a problem's optimizer entries: {@code {name, <hyperparameter>: <domain>, ...}}, or
   * {@code {class, ...}} for an updater class without a provider, whose trials carry the class
   * name as their optimizer id.
   */
  private static List<Entry> entries(JsonNode nodes) {
    List<Entry> out = new ArrayList<>();
    for (JsonNode node : nodes) {
      Map<String, Domain> domains = new LinkedHashMap<>();
      String id = node.has("class") ? node.path("class").asText() : node.path("name").asText();
      // Recipe keys are not hyperparameters, unless the optimizer has one of that name (AdamW's
      // and Lion's weightDecay); a plugin's are taken as recipe keys.
      List<String> own = OptimizerRegistry.builtIn().byName(id)
          .map(OptimizerType::parameterNames).orElse(List.of());
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        Domain domain = domain(field.getValue());
        boolean recipe = RecipeReader.KEYS.contains(field.getKey())
            && !own.contains(field.getKey());
        if (!field.getKey().equals("name") && !field.getKey().equals("class")
            && domain != null && !recipe) {
          domains.put(field.getKey(), domain);
        }
      }
      out.add(new Entry(id, domains));
    }
    return out;
  }

  /** A number, a list of numbers, or {@code {logUniform|uniform: [low, high]}}; else null. */
  private static Domain domain(JsonNode v) {
    if (v.isNumber()) {
      return new Domain.Values(List.of(v.doubleValue()));
    }
    if (v.isArray()) {
      List<Double> values = new ArrayList<>();
      v.forEach(x -> values.add(x.doubleValue()));
      return new Domain.Values(values);
    }
    JsonNode log = v.path("logUniform");
    if (log.isArray() && log.size() == 2) {
      return new Domain.LogUniform(log.get(0).doubleValue(), log.get(1).doubleValue());
    }
    JsonNode linear = v.path("uniform");
    if (linear.isArray() && linear.size() == 2) {
      return new Domain.Uniform(linear.get(0).doubleValue(), linear.get(1).doubleValue());
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
  private static Target target(String problemId, JsonNode node, String fileName) {
    if (node == null || node.isNull()) {
      return null;
    }
    JsonNode metric = node.get("metric");
    JsonNode value = node.get("value");
    JsonNode goal = node.get("goal");
    if (metric == null || !metric.isTextual() || value == null || !value.isNumber()
        || (goal != null && !goal.asText().matches("(?i)max|min"))) {
      throw new IllegalArgumentException("target of " + problemId + " in " + fileName
          + " is not {metric: <column>, value: <number>, goal: max|min} (found " + node + ")");
    }
    Target t = Target.of(metric.asText(), value.doubleValue());
    return goal == null ? t : new Target(t.metric(), t.value(), Goal.parse(goal.asText()));
  }

  /**
   * A problem on the user's files, as far as the report needs it: its id and network. The data
   * files are not read (the report reads the results folder alone).
   */
  /** A problem written in Java, as its resolved config's {@code plugin:} entry records it. */
  private static ProblemSpec recordedPluginProblem(String id, JsonNode plugin) {
    String jar = plugin.path("jar").isTextual() ? plugin.path("jar").asText() : null;
    String sha = plugin.path("sha256").isTextual() ? plugin.path("sha256").asText() : null;
    return PluginProblem.recorded(id, new PluginProblem.Origin(plugin.path("class").asText(),
        jar == null || sha == null ? null : java.nio.file.Path.of(jar), jar == null ? null : sha),
        Math.max(1, plugin.path("trainExamples").asInt(1)));
  }

  private static ProblemSpec recordedDataProblem(String id, JsonNode network,
      List<String> warnings) {
    String builtin = network.path("builtin").asText("");
    for (Architecture a : Architecture.values()) {
      if (a.suffix().equals(builtin)) {
        List<Integer> hidden = new ArrayList<>();
        network.path("hidden").forEach(h -> hidden.add(h.intValue()));
        return DataProblem.recorded(id, new DataProblem.Builtin(a, hidden));
      }
    }
    for (NetworkFile.Format format : NetworkFile.Format.values()) {
      if (network.path(format.key()).isTextual()) {
        // The report never parses model files: the path stands for the network.
        return DataProblem.recorded(id, new DataProblem.FromFile(new NetworkFile(format,
            Path.of(network.get(format.key()).asText()), null, false, List.of())));
      }
    }
    warnings.add("the network of " + id + " cannot be read (" + network + "); its figures are"
        + " left out");
    return null;
  }

  /** Rebuilds the problem from its parameters, filling defaults as the loader does. */
  private static ProblemSpec spec(ProblemInfo info, JsonNode params, List<String> warnings) {
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
}
