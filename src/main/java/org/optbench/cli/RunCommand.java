package org.optbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.optbench.config.ConfigLoader;
import org.optbench.config.ExperimentConfig;
import org.optbench.config.ExperimentName;
import org.optbench.config.ResolvedConfigWriter;
import org.optbench.data.DatasetRepository;
import org.optbench.dl4j.Backend;
import org.optbench.dl4j.Dl4jTrialRunner;
import org.optbench.isolate.ChildTrialExecutor;
import org.optbench.platform.CAllocator;
import org.optbench.report.ReportGenerator;
import org.optbench.reproduce.ChildJvm;
import org.optbench.result.TrialResult;
import org.optbench.result.TrialStatus;
import org.optbench.run.DryRun;
import org.optbench.run.ExecutorConnection;
import org.optbench.run.ExecutorProvider;
import org.optbench.run.ExecutorProviders;
import org.optbench.run.ExecutorSettings;
import org.optbench.run.ExperimentSession;
import org.optbench.run.ProcessMemory;
import org.optbench.run.RunSummary;
import org.optbench.run.TrialBackend;
import org.optbench.run.TrialFilter;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code optbench run CONFIG}: runs every trial of an experiment that is not complete yet. The
 * command checks its arguments and the results folder's config, then hands the experiment to an
 * {@link ExperimentSession} and prints the summary.
 */
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

  @Option(names = "--isolate", description = "Run each trial in a child JVM of its own (same"
      + " java, options and class path; same results bit for bit): a native crash or an"
      + " off-heap out-of-memory error then fails that trial, recorded as FAILED with the exit"
      + " code and the last lines of its output, and the run goes on. Costs a JVM start and an"
      + " ND4J load per trial.")
  boolean isolate;

  @Option(names = "--executor", paramLabel = "NAME", description = "Where the trials run:"
      + " local (default: worker threads of this JVM) or an executor on the class path, e.g."
      + " spark (the Spark build: each trial a Spark task, the same result store; README,"
      + " Running on a cluster).")
  String executor = ExecutorProviders.LOCAL;

  @Option(names = "--master", paramLabel = "URL", description = "With --executor spark: the"
      + " cluster to run on, e.g. local[2] or spark://host:7077 (default: spark-submit's"
      + " --master).")
  String master;

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

  @Option(names = "--dry-run", description = "Print the plan without training or writing"
      + " anything: trials per problem and phase, how many are complete, and an estimate of the"
      + " time and disk space (from completed trials of the same problem and settings, else from"
      + " a probe of a few steps in a temporary folder). Never downloads data: names what the"
      + " run would download, and where to. Exits 2, as the run would, when the run would stop"
      + " before training anything (the reason on stderr): a different config in the folder"
      + " (without --replace-config), results there computed with other native settings, a"
      + " missing or unreadable manifest.json, or a data set that is corrupt, or missing while"
      + " downloading is off; else 0.")
  boolean dryRun;

  @Option(names = "--only", paramLabel = "problem=ID,optimizer=NAME", description = "Run (or"
      + " plan) only the trials of one problem, one optimizer, or both. The trials keep their"
      + " ids, so a later full run reuses them.")
  String only;

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
    boolean remote = !executor.equals(ExecutorProviders.LOCAL);
    if (master != null && !remote) {
      throw new org.optbench.UserInputException("--master " + master + " is for a cluster"
          + " executor; give --executor spark with it, or leave it out");
    }
    if (remote && isolate) {
      throw new org.optbench.UserInputException("--isolate runs trials in child JVMs of this"
          + " machine; it does not combine with --executor " + executor);
    }
    PrintWriter out = spec.commandLine().getOut();
    ExperimentConfig loaded = ConfigLoader.load(config, plugins);
    ExperimentConfig experiment = name == null ? loaded : loaded.withName(name);
    Path root = Optional.ofNullable(results).orElse(experiment.resultsDir())
        .resolve(experiment.name());
    String resolved = ResolvedConfigWriter.toYaml(experiment);
    TrialFilter filter = only == null ? TrialFilter.ALL : OnlyOption.parse(only, experiment);
    if (dryRun) {
      return dryRun(experiment, root, resolved, filter, out);
    }
    // Before any data is loaded or any file written: a clash is the user's choice to make.
    checkConfigClash(root, resolved);

    // Found (or refused) before any data is loaded or any file written.
    ExecutorProvider provider = remote
        ? ExecutorProviders.find(executor, Thread.currentThread().getContextClassLoader())
        : null;
    DatasetRepository repository = DatasetRepository.fromEnvironment(
        Optional.ofNullable(dataDir).or(experiment::dataDir),
        experiment.download() && !noDownload);
    Dl4jTrialRunner runner = new Dl4jTrialRunner(repository, experiment.threads());
    out.println(Backend.summaryLine());
    // Isolated trials train in child JVMs, which get the settings this JVM may lack.
    Map<String, String> trialEnvironment = new HashMap<>(System.getenv());
    if (isolate) {
      CAllocator.addTo(trialEnvironment);
    }
    out.println(CAllocator.startLine(trialEnvironment, isolate ? "each trial's JVM"
        : remote ? "this JVM; executors get optbench's unless the Spark conf sets them"
        : "this JVM"));
    Supplier<Map<String, Object>> facts = () -> {
      Map<String, Object> map = runner.describeBackend();
      if (isolate) {
        map.put("cAllocator", CAllocator.describe(trialEnvironment) + " (each trial's JVM)");
      }
      return map;
    };
    TrialBackend backend = new TrialBackend(runner, facts, runner::prepare,
        Backend.BITS);
    ExecutorConnection connection = remote ? provider.open(new ExecutorSettings(
        experiment.name(), experiment.threads(),
        Optional.ofNullable(dataDir).or(experiment::dataDir),
        experiment.download() && !noDownload, plugins, Optional.ofNullable(master))) : null;
    try {
      return train(experiment, root, resolved, filter, runner, backend, connection, out);
    } finally {
      if (connection != null) {
        connection.close();
      }
    }
  }

  /** The run proper, once the executor is known: trains, prints the summary, the report. */
  private int train(ExperimentConfig experiment, Path root, String resolved, TrialFilter filter,
      Dl4jTrialRunner runner, TrialBackend backend, ExecutorConnection connection,
      PrintWriter out) throws InterruptedException {
    // A cluster trains as many trials at once as it has task slots.
    int atOnce = connection == null ? parallelism : connection.slots();
    ExperimentSession session = new ExperimentSession(experiment, root, resolved, backend,
        atOnce, existing.overwrite, out).only(filter);
    if (connection != null) {
      session.executor((store, n) -> connection.executor(store), connection.where(), false);
    }
    if (isolate) {
      Optional<Path> data = Optional.ofNullable(dataDir).or(experiment::dataDir);
      session.executor((store, workers) -> new ChildTrialExecutor(store, workers,
          experiment.threads(), trialDir -> ChildJvm.command(Main.class.getName(),
              RunTrialCommand.arguments(trialDir, data, plugins, workers))),
          "each in a child JVM");
    }
    List<TrialResult> done = session
        .underLock(() -> {
          // Again under the lock: another run may have written its config since the first check.
          if (checkConfigClash(root, resolved)) {
            out.println("note: " + config + " replaces the config of the experiment in " + root
                + " (--replace-config); trials no longer in the plan stay on disk but leave"
                + " trials.csv");
          }
        })
        .run();
    out.println();
    out.print(RunSummary.format(done, session.defaultsOnlyTrials()));
    out.println(RunSummary.peakLine(ProcessMemory.peakResidentBytes(),
        runner.sharedDataBytes()));
    out.println();
    out.println("results: " + root);
    if (report) {
      ReportCommand.print(ReportGenerator.generate(root, root.resolve("report")), out);
    } else {
      out.println("make the report: optbench report " + ShellWord.of(root.toString()));
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
   * {@code --dry-run}: the plan, and whether the run would stop before training anything (exit
   * code 2, the reason printed once, on stderr, as the run's refusals are); nothing is written.
   *
   * @return the exit code the run would have before training: 0, or 2 if it would stop
   */
  private int dryRun(ExperimentConfig experiment, Path root, String resolved,
      TrialFilter filter, PrintWriter out) {
    boolean replaces;
    try {
      replaces = checkConfigClash(root, resolved);
    } catch (org.optbench.UserInputException clash) {
      return wouldStop(clash.getMessage());
    }
    // A dry run writes nothing, the data directory included.
    DatasetRepository local = DatasetRepository.fromEnvironment(
        Optional.ofNullable(dataDir).or(experiment::dataDir),
        experiment.download() && !noDownload).planning();
    Dl4jTrialRunner probeRunner = new Dl4jTrialRunner(local, experiment.threads());
    TrialBackend probe = new TrialBackend(probeRunner, probeRunner::describeBackend,
        probeRunner::prepare, Backend.BITS);
    DryRun plan = new ExperimentSession(experiment, root, resolved, probe, parallelism,
        existing.overwrite, out).only(filter).dryRun();
    // As the real run starts: what the natives are, which its refusal (if any) compares.
    out.println(Backend.summaryLine());
    DryRunPrinter.print(plan, out);
    if (replaces) {
      out.println("  note: " + config + " would replace the config of the experiment in "
          + root + " (--replace-config); trials no longer in the plan would stay on disk but"
          + " leave trials.csv");
    }
    out.flush();
    return plan.stops() == null ? 0 : wouldStop(plan.stops());
  }

  /**
   * @param reason why the run would stop before training anything
   * @return the run's exit code then, 2, so that a script can use the dry run as its check
   */
  private int wouldStop(String reason) {
    PrintWriter err = spec.commandLine().getErr();
    err.println("error: the run would stop before training anything: " + reason);
    err.flush();
    return 2;
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
}
