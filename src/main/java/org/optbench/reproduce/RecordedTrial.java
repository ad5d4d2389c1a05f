package org.optbench.reproduce;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.optbench.Sha256;
import org.optbench.UserInputException;
import org.optbench.config.ConfigLoader;
import org.optbench.config.ExperimentConfig;
import org.optbench.config.ProblemPlan;
import org.optbench.experiment.BatchSize;
import org.optbench.experiment.Budget;
import org.optbench.experiment.DataOrder;
import org.optbench.experiment.TrialId;
import org.optbench.experiment.TrialSpec;
import org.optbench.optimizer.OptimizerSearch;
import org.optbench.optimizer.OptimizerSpec;
import org.optbench.optimizer.OptimizerType;
import org.optbench.optimizer.Recipe;
import org.optbench.result.ResultStore;
import org.optbench.result.StoreFormat;
import org.optbench.result.TrialFolder;
import org.optbench.result.TrialStatus;

/**
 * A finished trial as recorded, with its spec rebuilt: the problem and the optimizer type from
 * the experiment's resolved config (and, for a plugin optimizer, the jar the manifest names,
 * whose SHA-256 must be the recorded one), every other field from {@code spec.json}. The rebuilt
 * spec must hash to the folder's trial id, so it is the trial that ran, not a lookalike.
 *
 * @param trialDir the trial folder
 * @param root its experiment folder
 * @param spec the rebuilt spec
 * @param experiment the experiment's resolved config
 * @param manifest the experiment's {@code manifest.json}
 * @param warning a note about the folder worth printing (e.g. its result is damaged), or empty
 * @param recordedSteps optimizer steps the stored result records (steps taken)
 */
public record RecordedTrial(Path trialDir, Path root, TrialSpec spec, ExperimentConfig experiment,
    Map<String, Object> manifest, Optional<String> warning, long recordedSteps) {

  /**
   * What to run to reproduce the trial. A trial with a step or epoch limit only runs as it is. A
   * time-limited trial stopped at a step count that depended on the machine and its load, so it
   * is replayed with a step limit equal to the steps it recorded and no time limit: the loop takes
   * the same steps and evaluations whichever limit ends it, so the curves match bit for bit.
   *
   * @return the spec to train; its id differs from the trial's when it is a replay
   */
  public TrialSpec replaySpec() {
    if (!spec.budget().hasTimeLimit()) {
      return spec;
    }
    return spec.replayTo(Math.max(1, recordedSteps));
  }

  /** @return whether {@link #replaySpec} replaces a time limit with the recorded step count */
  public boolean replaysToRecordedSteps() {
    return spec.budget().hasTimeLimit();
  }

  /**
   * @param trialDir {@code <experiment>/trials/<problem>/<optimizer>/<setting>/seed-<n>}
   * @return the trial
   * @throws UserInputException if the folder is not a trial folder of an experiment, the trial
   *     is unfinished or FAILED, the manifest or resolved config is missing, a plugin jar is
   *     missing or differs from the recorded one, or no trial of the config hashes to its id
   */
  public static RecordedTrial load(Path trialDir) {
    if (!java.nio.file.Files.isDirectory(trialDir)) {
      throw new UserInputException(trialDir + (java.nio.file.Files.exists(trialDir)
          ? " is a file" : " does not exist") + "; give a trial folder such as"
          + " results/quickstart/trials/<problem>/<optimizer>/<setting>/seed-0");
    }
    ResultStore.SpecFile file = ResultStore.readSpec(trialDir);
    Path root = ResultStore.experimentOf(trialDir).orElseThrow(() -> new UserInputException(
        trialDir + " is not inside an experiment's " + ResultStore.TRIALS + "/ folder (expected"
        + " <experiment>/" + ResultStore.TRIALS + "/<problem>/<optimizer>/<setting>/seed-<n>)"));
    Optional<String> warning = Optional.empty();
    long recordedSteps = 0;
    StoreFormat.checkStore(root);
    TrialFolder.State state = TrialFolder.inspect(trialDir, file.trialId());
    if (state instanceof TrialFolder.Unfinished) {
      throw new UserInputException(trialDir + " has no " + ResultStore.RESULT + ": the trial is"
          + " unfinished, so there is nothing to compare with; finish it with 'optbench run'");
    } else if (state instanceof TrialFolder.Finished f
        && f.result().status() == TrialStatus.FAILED) {
      throw new UserInputException(trialDir + " holds a FAILED trial (" + f.result().message()
          + "): its curves stop wherever it failed, so there is nothing to reproduce");
    } else if (state instanceof TrialFolder.Finished f) {
      recordedSteps = f.result().steps();
    } else if (state instanceof TrialFolder.Damaged d) {
      recordedSteps = ResultStore.readRecordedSteps(trialDir).orElse(0L);
      warning = Optional.of("the stored trial is damaged (" + d.reason() + "); comparing its"
          + " curves anyway");
    }
    Map<String, Object> manifest = new ResultStore(root).manifest().orElseThrow(() ->
        new UserInputException(root.resolve(ResultStore.MANIFEST) + " is missing: the natives,"
            + " data and plugins the trial ran with are unknown; put back the manifest.json the"
            + " run that trained it wrote"));
    Path config = root.resolve(ResultStore.RESOLVED_CONFIG);
    if (!Files.isRegularFile(config)) {
      throw new UserInputException(config + " is missing: the trial's problem cannot be rebuilt");
    }
    Map<String, Object> description = file.description();
    Map<String, Object> optimizer = map(description.get("optimizer"));
    List<Path> jars = new ArrayList<>(pluginJars(optimizer, manifest, root));
    problemJar(map(description.get("problem")), manifest, root).ifPresent(jars::add);
    ExperimentConfig experiment = ConfigLoader.load(config, jars);
    TrialSpec spec = rebuild(experiment, description, file.trialId()).orElseThrow(() ->
        new UserInputException("no trial of " + config + " hashes to " + file.trialId()
            + " (problem " + map(description.get("problem")).get("id") + ", optimizer "
            + optimizer.get("id") + "): the config was replaced after this trial ran, or the"
            + " files it names (data, a network) no longer hold what the trial read; put back"
            + " those the trial ran with"));
    if (spec.budget().hasTimeLimit() && recordedSteps < 1) {
      throw new UserInputException(trialDir.resolve(ResultStore.RESULT) + " records no steps:"
          + " the trial had a time limit, and without the step count it reached it cannot be"
          + " replayed");
    }
    return new RecordedTrial(trialDir, root, spec, experiment, manifest, warning, recordedSteps);
  }

  /**
   * The spec of a trial folder that is about to train (its {@code spec.json} written, its result
   * not yet): the problem and optimizer type from the experiment's resolved config, loaded with
   * the given plugin path, every other field from {@code spec.json}. Used by a child JVM that
   * trains one trial of a run.
   *
   * @param trialDir {@code <experiment>/trials/<problem>/<optimizer>/<setting>/seed-<n>}
   * @param plugins the run's plugin jars or folders ({@code --plugins}), searched before the
   *     resolved config's {@code plugins:}
   * @return the spec, which hashes to the folder's trial id
   * @throws UserInputException if the folder is not a trial folder of an experiment, the
   *     resolved config is missing, or no trial of the config hashes to its id
   */
  public static TrialSpec specToRun(Path trialDir, List<Path> plugins) {
    ResultStore.SpecFile file = ResultStore.readSpec(trialDir);
    Path root = ResultStore.experimentOf(trialDir).orElseThrow(() -> new UserInputException(
        trialDir + " is not inside an experiment's " + ResultStore.TRIALS + "/ folder"));
    Path config = root.resolve(ResultStore.RESOLVED_CONFIG);
    if (!Files.isRegularFile(config)) {
      throw new UserInputException(config + " is missing: the trial's problem cannot be rebuilt");
    }
    ExperimentConfig experiment = ConfigLoader.load(config, plugins);
    return rebuild(experiment, file.description(), file.trialId()).orElseThrow(() ->
        new UserInputException("no trial of " + config + " hashes to " + file.trialId()));
  }

  /**
   * A plugin optimizer's jar as the manifest records it, checked against the SHA-256 in the
   * trial's spec: a changed jar would train another optimizer under the same name.
   */
  private static List<Path> pluginJars(Map<String, Object> optimizer,
      Map<String, Object> manifest, Path root) {
    Object className = optimizer.get("class");
    if (className == null) {
      return List.of();
    }
    Object sha = optimizer.get("sha256");
    Map<String, Object> entry = null;
    if (manifest.get("plugins") instanceof List<?> plugins) {
      for (Object p : plugins) {
        if (p instanceof Map<?, ?> m && className.equals(m.get("class"))) {
          entry = map(m);
        }
      }
    }
    if (entry == null || entry.get("jar") == null) {
      if (sha == null) {
        return List.of(); // a class of the class path, as the run found it
      }
      throw new UserInputException(root.resolve(ResultStore.MANIFEST) + " names no jar for the"
          + " plugin optimizer " + className + " (SHA-256 " + sha + ")");
    }
    return List.of(checkedJar(Path.of(String.valueOf(entry.get("jar"))), String.valueOf(sha),
        "optimizer " + className));
  }

  /**
   * @param jar a plugin jar as a results folder recorded it
   * @param sha its recorded SHA-256
   * @param what the plugin, for messages, e.g. {@code optimizer org.example.Lion}
   * @return the jar, if it is still the one the trial ran with
   * @throws UserInputException if it is missing, unreadable or has another SHA-256
   */
  private static Path checkedJar(Path jar, String sha, String what) {
    if (!Files.isRegularFile(jar)) {
      throw new UserInputException("the plugin jar " + jar + " of " + what
          + " is missing; put the jar with SHA-256 " + sha + " back at that path");
    }
    String actual;
    try {
      actual = Sha256.of(jar);
    } catch (IOException e) {
      throw new UserInputException("cannot read the plugin jar " + jar + " (" + e.getMessage()
          + ")", e);
    }
    if (!actual.equals(sha)) {
      throw new UserInputException("the plugin jar " + jar + " has SHA-256 " + actual + ", but"
          + " the trial ran with " + sha + ": it was rebuilt or replaced; put the recorded jar"
          + " back at that path");
    }
    return jar;
  }

  /**
   * The jar of a problem written in Java, as the manifest records it with the problem's data,
   * checked against the SHA-256 in the trial's spec; empty for any other problem.
   */
  private static Optional<Path> problemJar(Map<String, Object> problem,
      Map<String, Object> manifest, Path root) {
    if (!(problem.get("plugin") instanceof Map<?, ?> plugin) || plugin.get("sha256") == null) {
      return Optional.empty();
    }
    Object className = plugin.get("class");
    Object jar = manifest.get("dataSha256") instanceof Map<?, ?> data
        && data.get(problem.get("id")) instanceof Map<?, ?> recorded
        ? recorded.get("plugin: jar") : null;
    if (jar == null) {
      throw new UserInputException(root.resolve(ResultStore.MANIFEST) + " names no jar for the"
          + " plugin problem " + className + " (SHA-256 " + plugin.get("sha256") + ")");
    }
    return Optional.of(checkedJar(Path.of(String.valueOf(jar)), String.valueOf(
        plugin.get("sha256")), "problem " + className));
  }

  /** @return spec.json's step or epoch limit, or null when it has none (a time limit alone) */
  private static Budget stepBudget(Map<String, Object> description) {
    if (description.containsKey("epochs")) {
      return new Budget(Budget.Unit.EPOCHS, number(description, "epochs").intValue());
    }
    if (description.containsKey("steps")) {
      return new Budget(Budget.Unit.STEPS, number(description, "steps").intValue());
    }
    return null;
  }

  /** The config's problem and optimizer type with spec.json's values, if it hashes to the id. */
  private static Optional<TrialSpec> rebuild(ExperimentConfig experiment,
      Map<String, Object> description, String trialId) {
    Map<String, Object> problem = map(description.get("problem"));
    Map<String, Object> optimizer = map(description.get("optimizer"));
    BatchSize batch = "full".equals(String.valueOf(description.get("batchSize")))
        ? BatchSize.FULL : new BatchSize(Integer.parseInt(
            String.valueOf(description.get("batchSize"))));
    Budget budget = stepBudget(description);
    if (description.get("stop") instanceof Map<?, ?> stop
        && stop.get("seconds") instanceof Number seconds) {
      budget = budget == null ? Budget.timeOnly(seconds.doubleValue())
          : budget.withTimeLimit(seconds.doubleValue());
    }
    if (budget == null) {
      return Optional.empty();
    }
    List<OptimizerType> types = new ArrayList<>();
    for (ProblemPlan plan : experiment.problems()) {
      if (!plan.problem().id().equals(problem.get("id"))) {
        continue;
      }
      for (OptimizerSearch search : plan.searches()) {
        OptimizerType type = search.type();
        if (!type.id().equals(optimizer.get("id")) || types.contains(type)) {
          continue;
        }
        types.add(type);
        Map<String, Double> values = new LinkedHashMap<>();
        for (String name : type.parameterNames()) {
          if (optimizer.get(name) instanceof Number n) {
            values.put(name, n.doubleValue());
          }
        }
        if (values.size() != type.parameterNames().size()) {
          continue;
        }
        // The recipe is the spec's own (absent for trials without one).
        OptimizerSpec optimizerSpec = new OptimizerSpec(type, values,
            Recipe.fromDescription(map(optimizer.get("recipe"))));
        TrialSpec spec = new TrialSpec(plan.problem(), optimizerSpec, batch,
            budget, number(description, "evalEverySteps").intValue(),
            number(description, "lossEvery").intValue(),
            number(description, "divergenceFactor").doubleValue(),
            number(description, "seed").longValue(), number(description, "threads").intValue(),
            description.containsKey("shuffleBuffer")
                ? new DataOrder(number(description, "shuffleBuffer").intValue())
                : DataOrder.PERMUTATION);
        if (TrialId.of(spec).hex().equals(trialId)) {
          return Optional.of(spec);
        }
      }
      types.clear();
    }
    return Optional.empty();
  }

  private static Number number(Map<String, Object> map, String key) {
    if (map.get(key) instanceof Number n) {
      return n;
    }
    throw new UserInputException("the trial's spec.json has no number '" + key + "' (found "
        + Objects.toString(map.get(key)) + ")");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }
}
