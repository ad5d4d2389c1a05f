package org.optbench.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.optbench.experiment.Budget;
import org.optbench.optimizer.Domain;
import org.optbench.optimizer.OptimizerSearch;
import org.optbench.optimizer.RecipeSearch;

/**
 * Writes an {@link ExperimentConfig} back as YAML with every default filled in and every grid
 * expanded. Loading the output with {@link ConfigLoader} gives an equal config, so the file saved
 * beside the results reproduces the run.
 *
 * <p>{@link ResolvedConfigReader} is the counterpart that reads the saved file back for a report
 * (leniently, accepting what earlier versions wrote); {@link ConfigLoader} is for user configs. A
 * change of what is written here is a change of that reader too.
 */
public final class ResolvedConfigWriter {
  private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .stringQuotingChecker(new QuoteUnlessPlainWord())
      .build());

  private ResolvedConfigWriter() {}

  /**
   * The entry's recipe keys, as {@link RecipeReader} reads them; {@code decayBiases} is written
   * whenever {@code weightDecay} (decoupled) or {@code l2} (coupled) is, so the file says
   * whether biases decay.
   */
  private static void recipe(RecipeSearch r, Map<String, Object> o) {
    if (r.scheduleKind() != null) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("type", r.scheduleKind().id());
      s.put("unit", r.scheduleEpochs() ? "epochs" : "iterations");
      for (String name : r.scheduleKind().parameterNames()) {
        s.put(name, domainYaml(r.numbers().get(RecipeSearch.SCHEDULE_PREFIX + name)));
      }
      if (!r.scheduleMap().isEmpty()) {
        Map<String, Object> values = new LinkedHashMap<>();
        r.scheduleMap().forEach((k, v) -> values.put(Integer.toString(k), v));
        s.put("values", values);
      }
      o.put("schedule", s);
    }
    for (String key : List.of("weightDecay", "l2")) {
      if (r.numbers().containsKey(key)) {
        o.put(key, domainYaml(r.numbers().get(key)));
      }
    }
    if (r.numbers().containsKey("weightDecay") || r.numbers().containsKey("l2")) {
      o.put("decayBiases", r.decayBiases());
    }
    if (r.numbers().containsKey("clipGlobalNorm")) {
      o.put("clipGlobalNorm", domainYaml(r.numbers().get("clipGlobalNorm")));
    }
    if (r.layerMode() != null) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("mode", r.layerMode());
      if (r.numbers().containsKey(RecipeSearch.LAYER_THRESHOLD)) {
        c.put("threshold", domainYaml(r.numbers().get(RecipeSearch.LAYER_THRESHOLD)));
      }
      o.put("gradientNormalization", c);
    }
  }

  /** A single value, a list, or {@code {logUniform|uniform: [low, high]}}. */
  private static Object domainYaml(Domain domain) {
    if (domain instanceof Domain.Values v) {
      return v.values().size() == 1 ? v.values().get(0) : v.values();
    }
    if (domain instanceof Domain.LogUniform d) {
      return Map.of("logUniform", List.of(d.low(), d.high()));
    }
    Domain.Uniform d = (Domain.Uniform) domain;
    return Map.of("uniform", List.of(d.low(), d.high()));
  }

  /**
   * The jars the experiment's optimizers come from, as absolute paths, in first-use order. Only
   * these are recorded: a jar no entry uses does not change the plan.
   */
  private static List<String> pluginJars(ExperimentConfig config) {
    java.util.LinkedHashSet<String> jars = new java.util.LinkedHashSet<>();
    for (ProblemPlan plan : config.problems()) {
      for (OptimizerSearch search : plan.searches()) {
        search.type().origin().flatMap(o -> o.jarPath())
            .ifPresent(jar -> jars.add(jar.toString()));
      }
    }
    return List.copyOf(jars);
  }

  /**
   * Quotes every string value except plain lower-case words such as ids, 'epoch' and 'full'.
   * Jackson's default leaves number-like text bare, so a name such as '2024' or a description
   * such as '1e-3' would read back as a number and the file would no longer load.
   */
  private static final class QuoteUnlessPlainWord extends StringQuotingChecker.Default {
    private static final long serialVersionUID = 1L;
    private static final Pattern PLAIN_WORD = Pattern.compile("[a-z][a-z0-9-]*");

    @Override
    public boolean needToQuoteValue(String value) {
      return super.needToQuoteValue(value) || !PLAIN_WORD.matcher(value).matches();
    }
  }

  /**
   * @param config a resolved experiment
   * @return its YAML text
   */
  public static String toYaml(ExperimentConfig config) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("name", config.name());
    if (!config.description().isEmpty()) {
      root.put("description", config.description());
    }
    root.put("seeds", config.seeds());
    config.dataDir().ifPresent(d -> root.put("dataDir", d.toString()));
    root.put("resultsDir", config.resultsDir().toString());
    root.put("download", config.download());
    root.put("threads", config.threads());
    List<String> plugins = pluginJars(config);
    if (!plugins.isEmpty()) {
      root.put("plugins", plugins);
    }
    Protocol protocol = config.protocol();
    root.put("protocol", protocol.kindName());
    if (protocol.tunes()) {
      Map<String, Object> tuning = new LinkedHashMap<>();
      tuning.put("search", protocol.search() == Protocol.Search.GRID ? "grid" : "random");
      if (protocol.search() == Protocol.Search.RANDOM) {
        tuning.put("budget", protocol.budget());
      }
      tuning.put("seed", protocol.seed());
      // Written only when above 1, so the resolved config of a one-seed tuning is as before.
      if (protocol.tuningSeeds() > 1) {
        tuning.put("seeds", protocol.tuningSeeds());
      }
      root.put("tuning", tuning);
      root.put("defaultsArm", protocol.defaultsArm());
    }
    List<Object> problems = new ArrayList<>();
    for (ProblemPlan plan : config.problems()) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("id", plan.problem().id());
      p.putAll(plan.problem().configEntries());
      List<Object> optimizers = new ArrayList<>();
      for (OptimizerSearch search : plan.searches()) {
        Map<String, Object> o = new LinkedHashMap<>();
        if (search.type().byClass()) {
          o.put("class", search.type().id());
        } else {
          o.put("name", search.type().id());
        }
        search.domains().forEach((name, domain) -> o.put(name, domainYaml(domain)));
        recipe(search.recipe(), o);
        optimizers.add(o);
      }
      p.put("optimizers", optimizers);
      if (plan.problem().kind().usesMiniBatches()) {
        p.put("batchSize", plan.batchSizes().stream().map(Object::toString)
            .map(s -> s.equals("full") ? (Object) s : Integer.valueOf(s)).toList());
      }
      if (plan.budget().hasStepLimit()) {
        p.put(plan.budget().unit() == Budget.Unit.EPOCHS ? "epochs" : "steps",
            plan.budget().amount());
      }
      if (plan.budget().hasTimeLimit()) {
        p.put("stop", Map.of("seconds", plan.budget().seconds()));
      }
      p.put("evalEvery", plan.evalEverySteps() == 0 ? "epoch" : plan.evalEverySteps());
      p.put("lossEvery", plan.lossEvery());
      p.put("divergenceFactor", plan.divergenceFactor());
      // Written only when set, so resolved configs in the default order are as before.
      if (!plan.order().isPermutation()) {
        p.put("shuffleBuffer", plan.order().buffer());
      }
      Map<String, Object> target = new LinkedHashMap<>();
      target.put("metric", plan.target().metric());
      target.put("value", plan.target().value());
      target.put("goal", plan.target().goal().name().toLowerCase(java.util.Locale.ROOT));
      p.put("target", target);
      problems.add(p);
    }
    root.put("problems", problems);
    // Written only when the config sets it, so other resolved configs are as before.
    if (!Double.isNaN(config.reportSmoothing())) {
      root.put("report", Map.of("smoothing", config.reportSmoothing()));
    }
    try {
      return YAML.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write resolved config", e);
    }
  }
}
