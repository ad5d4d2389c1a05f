package org.optbench.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.optbench.UserInputException;
import org.optbench.config.ConfigLoader;
import org.optbench.config.ExperimentConfig;
import org.optbench.config.ExperimentName;
import org.optbench.config.ResolvedConfigWriter;
import org.optbench.data.DatasetRepository;
import org.optbench.dl4j.Backend;
import org.optbench.dl4j.Dl4jTrialRunner;
import org.optbench.experiment.TrialId;
import org.optbench.experiment.TrialSpec;
import org.optbench.plugin.registry.PluginManifest;
import org.optbench.report.ReportGenerator;
import org.optbench.result.ResultStore;
import org.optbench.result.RunLock;
import org.optbench.result.TrialResult;
import org.optbench.result.TrialStatus;
import org.optbench.run.EnvironmentFacts;
import org.optbench.run.ExperimentRunner;
import org.optbench.run.NativesGuard;
import org.optbench.run.PlannedTrial;
import org.optbench.run.ProcessMemory;
import org.optbench.run.TuneThenEvaluate;
import org.optbench.run.RunSummary;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code optbench run CONFIG}: runs every trial of an experiment that is not complete yet. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Run an experiment: every (problem, optimizer setting, batch size, seed) of the"
        + " config is one trial. Trials already complete in the results folder are skipped, so"
        + " an interrupted run continues where it stopped.",
        "Results go to <results>/<experiment name>/. If that folder holds the experiment run"
            + " with a different config, nothing is written and the run stops: choose --name,"
            + " --results or --replace-config."})
final class RunCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "CONFIG", description = "Experiment YAML file, e.g."
      + " configs/quickstart.yaml.")
  Path config;

  @Option(names = "--results", paramLabel = "DIR", description = "Parent folder of the"
      + " experiment's results (default: the config's resultsDir, else ./results).")
  Path results;

  @Option(names = "--name", paramLabel = "NEW", description = "Run the config as experiment"
      + " NEW instead of under its own name: results go to <results>/NEW/ and the resolved"
      + " config records NEW (same rule as the config's name).")
  String name;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Folder holding mnist/ and"
      + " fashion-mnist/ (default: the config's dataDir, else $OPTBENCH_DATA, else ./data;"
      + " Fashion-MNIST is also found in /usr/share/datasets).")
  Path dataDir;

  @Option(names = "--parallelism", paramLabel = "N", description = "Trials run at once, each"
      + " with its own native threads (default: number of cores = ${DEFAULT-VALUE}).")
  int parallelism = Runtime.getRuntime().availableProcessors();

  @Option(names = "--plugins", paramLabel = "DIR_OR_JAR", split = ",", description = "Plugin"
      + " optimizers: a jar, or a folder whose .jar files are all taken (repeat or separate with"
      + " commas); searched before the config's plugins:. Relative to the working directory.")
  List<Path> plugins = List.of();

  @Option(names = "--no-download", description = "Fail instead of downloading missing data.")
  boolean noDownload;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Existing existing = new Existing();

  /** What to do with trials that already have results: keep them (default) or run them again. */
  static final class Existing {
    @Option(names = "--resume", description = "Keep complete trials and run only the rest"
        + " (the default).")
    boolean resume;

    @Option(names = "--overwrite", description = "Run every trial again, replacing earlier"
        + " results of this config. Asks nothing.")
    boolean overwrite;
  }

  @Option(names = "--replace-config", description = "If the results folder holds this"
      + " experiment with a different config, make this config the experiment's: earlier trials"
      + " stay on disk, those not in the new plan leave trials.csv and the report. Without it"
      + " such a run is refused.")
  boolean replaceConfig;

  @Option(names = "--report", description = "Make the report right after the run, as"
      + " 'optbench report' would, into <results>/<experiment name>/report/.")
  boolean report;

  @Override
  public Integer call() throws InterruptedException {
    if (parallelism < 1) {
      throw new org.optbench.UserInputException(
          "--parallelism " + parallelism + " is not accepted; give an integer >= 1");
    }
    if (name != null && !ExperimentName.isValid(name)) {
      throw new org.optbench.UserInputException(
          "--name '" + name + "' is not accepted; " + ExperimentName.RULE);
    }
    PrintWriter out = spec.commandLine().getOut();
    ExperimentConfig loaded = ConfigLoader.load(config, plugins);
    ExperimentConfig experiment = name == null ? loaded : loaded.withName(name);
    Path root = Optional.ofNullable(results).orElse(experiment.resultsDir())
        .resolve(experiment.name());
    String resolved = ResolvedConfigWriter.toYaml(experiment);
    // Before any data is loaded or any file written: a clash is the user's choice to make.
    checkConfigClash(root, resolved);
    boolean tunes = experiment.protocol().tunes();
    List<PlannedTrial> firstPhase = tunes ? TuneThenEvaluate.tuning(experiment)
        : experiment.trials().stream().map(t -> new PlannedTrial(PlannedTrial.GRID, t)).toList();
    List<TrialSpec> trials = firstPhase.stream().map(PlannedTrial::spec).toList();

    DatasetRepository repository = DatasetRepository.fromEnvironment(
        Optional.ofNullable(dataDir).or(experiment::dataDir),
        experiment.download() && !noDownload);
    Dl4jTrialRunner runner = new Dl4jTrialRunner(repository, experiment.threads());
    out.println(Backend.summaryLine());
    // Data first: a missing or corrupt data set must not leave an empty results folder behind.
    // A grid experiment with every trial complete trains nothing and needs no data.
    boolean allComplete = false;
    ResultStore earlier = Files.isDirectory(root) ? new ResultStore(root) : null;
    if (!existing.overwrite && !tunes && earlier != null) {
      try {
        allComplete = trials.stream().allMatch(t -> earlier.completed(t).isPresent());
      } catch (UserInputException damaged) {
        allComplete = false; // the runner names every damaged trial, not just this first one
      }
    }
    if (!existing.overwrite && !allComplete && earlier != null) {
      // Before the data and before anything is written: trials computed with other natives must
      // not be joined by new ones.
      earlier.manifest().ifPresent(manifest -> NativesGuard.check(root, manifest,
          runner.describeBackend(), Backend.BIT_DECIDING_KEYS));
    }
    Map<String, Map<String, String>> checksums = allComplete ? Map.of() : runner.prepare(trials);
    ResultStore store = new ResultStore(root);

    int workers = Math.min(parallelism, Math.max(1, trials.size()));
    int cores = Runtime.getRuntime().availableProcessors();
    if (workers > cores) {
      out.println("note: " + workers + " trials at once on " + cores + " cores: they will share"
          + " the cores, which slows each trial but changes no result");
    }
    List<TrialResult> done;
    try (RunLock lock = RunLock.acquire(root)) {
      Thread onInterrupt = new Thread(() -> {
        lock.close();
        System.err.println("\ninterrupted: complete trials are kept; run the same command again"
            + " to resume (image trials continue from their last epoch checkpoint)");
      }, "release-lock");
      Runtime.getRuntime().addShutdownHook(onInterrupt);
      try {
        done = runPhases(experiment, resolved, firstPhase, root, store, runner, checksums,
            workers, out);
      } finally {
        try {
          Runtime.getRuntime().removeShutdownHook(onInterrupt);
        } catch (IllegalStateException shuttingDown) {
          // The hook is already running and releases the lock itself.
        }
      }
    }
    out.println();
    out.print(RunSummary.format(done));
    out.println(RunSummary.peakLine(ProcessMemory.peakResidentBytes(),
        runner.sharedDataBytes()));
    out.println();
    out.println("results: " + root);
    if (report) {
      ReportCommand.print(ReportGenerator.generate(root, root.resolve("report")), out);
    } else {
      out.println("make the report: optbench report " + root);
    }
    out.flush();
    long failed = done.stream().filter(r -> r.status() == TrialStatus.FAILED).count();
    if (failed > 0) {
      out.println(failed + " trial(s) FAILED; their messages are in result.json and trials.csv");
      out.flush();
      return Main.EXIT_TRIALS_FAILED;
    }
    return 0;
  }

  /**
   * Writes the resolved config, then runs the protocol's phases; the manifest is written just
   * before the first trial that trains.
   */
  private List<TrialResult> runPhases(ExperimentConfig experiment, String resolved,
      List<PlannedTrial> firstPhase, Path root, ResultStore store, Dl4jTrialRunner runner,
      Map<String, Map<String, String>> checksums, int workers, PrintWriter out)
      throws InterruptedException {
    boolean tunes = experiment.protocol().tunes();
    // Again under the lock: another run may have written its config since the first check.
    if (checkConfigClash(root, resolved)) {
      out.println("note: " + config + " replaces the config of the experiment in " + root
          + " (--replace-config); trials no longer in the plan stay on disk but leave"
          + " trials.csv");
    }
    store.writeResolvedConfig(resolved);

    out.printf("experiment %s (%s): %d %strials -> %s%n", experiment.name(),
        experiment.protocol().kindName(), firstPhase.size(), tunes ? "tuning " : "", root);
    out.printf("arrangement: %d trial(s) at once in this JVM, %d native thread(s) each%n",
        workers, experiment.threads());
    // The manifest describes the invocation that trains: one that finds every trial complete, or
    // stops before training, leaves the earlier record alone.
    ExperimentRunner experimentRunner = new ExperimentRunner(store, runner, workers, out)
        .beforeTraining(() -> {
          Map<String, Object> manifest = new LinkedHashMap<>(EnvironmentFacts.collect());
          manifest.put("backend", runner.describeBackend());
          manifest.put("parallelism", workers);
          manifest.put("threadsPerTrial", experiment.threads());
          manifest.put("dataSha256", checksums);
          List<Map<String, Object>> pluginFacts = PluginManifest.describe(experiment.problems()
              .stream().flatMap(p -> p.searches().stream()).map(s -> s.type()).toList());
          if (!pluginFacts.isEmpty()) {
            manifest.put("plugins", pluginFacts);
          }
          store.writeManifest(manifest);
        });
    List<TrialResult> done = experimentRunner.run(firstPhase, existing.overwrite);
    return tunes ? evaluate(experiment, firstPhase, done, store, experimentRunner, out) : done;
  }

  /**
   * @param root the experiment folder
   * @param resolved the resolved config this run would write there
   * @return whether the folder holds a different config that {@code --replace-config} allows
   *     this run to replace
   * @throws org.optbench.UserInputException if it holds a different config and
   *     {@code --replace-config} was not given
   */
  private boolean checkConfigClash(Path root, String resolved) {
    Optional<ConfigClash> clash = ConfigClash.find(root, resolved);
    if (clash.isPresent() && !replaceConfig) {
      throw clash.get().refusal(config);
    }
    return clash.isPresent();
  }

  /** Chooses each optimizer's setting on validation, records the choice, runs both arms. */
  private List<TrialResult> evaluate(ExperimentConfig experiment, List<PlannedTrial> tuning,
      List<TrialResult> tuned, ResultStore store, ExperimentRunner experimentRunner,
      PrintWriter out) throws InterruptedException {
    Map<String, TrialResult> byId = new LinkedHashMap<>();
    tuned.stream().filter(java.util.Objects::nonNull).forEach(r -> byId.put(r.trialId(), r));
    List<TuneThenEvaluate.Choice> choices = TuneThenEvaluate.choose(experiment, byId);
    List<List<Object>> rows = new java.util.ArrayList<>();
    out.println();
    out.println("chosen by tuning (tuning seed " + experiment.protocol().seed() + "; validation"
        + " accuracy for image problems, final training loss where there is no validation"
        + " split):");
    for (TuneThenEvaluate.Choice c : choices) {
      String setting = c.chosen().map(s -> s.optimizer().hyperparameters() + " batch "
          + s.batchSize()).orElse("none: every tuning trial diverged or failed");
      String optimizer = experiment.problems().stream()
          .filter(p -> p.problem().id().equals(c.problem())).findFirst().orElseThrow()
          .searches().get(c.entry()).type().id();
      out.printf("  %s %s: %s (%s %s; %d of %d tuning trials excluded)%n", c.problem(),
          optimizer, setting, c.metric(), c.value(), c.excluded(), c.candidates());
      rows.add(List.of(c.problem(), optimizer, c.entry(),
          c.chosen().map(s -> TrialId.of(s).hex()).orElse(""), c.metric(), c.value(),
          c.candidates(), c.excluded()));
    }
    out.flush();
    store.writeCsv("selection.csv", List.of("problem", "optimizer", "entry", "trial_id",
        "metric", "value", "candidates", "excluded"), rows);
    List<PlannedTrial> arms = TuneThenEvaluate.evaluation(experiment, choices);
    List<PlannedTrial> all = new java.util.ArrayList<>(tuning);
    all.addAll(arms);
    List<TrialResult> results = experimentRunner.run(all, existing.overwrite);
    out.println();
    out.println("evaluation and defaults arms (" + experiment.seeds().size() + " seeds):");
    // The summary shows the arms that compare optimizers; tuning trials are in trials.csv.
    return results.subList(tuning.size(), results.size());
  }
}
