package org.optbench.run;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;
import org.optbench.UserInputException;
import org.optbench.config.ExperimentConfig;
import org.optbench.config.ProblemPlan;
import org.optbench.data.WouldDownloadException;
import org.optbench.problem.DataProblem;
import org.optbench.problem.PluginProblem;
import org.optbench.experiment.Arm;
import org.optbench.experiment.TrialId;
import org.optbench.experiment.TrialSpec;
import org.optbench.plugin.registry.PluginManifest;
import org.optbench.result.ResultStore;
import org.optbench.result.RunLock;
import org.optbench.result.SelectionRow;
import org.optbench.result.StoreFormat;
import org.optbench.result.TrialResult;

/**
 * One {@code run} of an experiment into its results folder: checks that earlier results may be
 * joined, loads the data, takes the folder's lock, writes the resolved config and (just before
 * the first trial trains) the manifest, then runs the protocol's phases. Grid: every trial.
 * Tune-then-evaluate: the tuning trials, the choice of each optimizer's setting (written to
 * {@code selection.csv}), then the evaluation and defaults arms.
 */
public final class ExperimentSession {
  /** A dry run's note when the run would stop; the reason goes to stderr, once. */
  private static final String STOPS = "the run will stop before training anything (exit code"
      + " 2), for the reason below";
  private final ExperimentConfig experiment;
  private final Path root;
  private final String resolvedYaml;
  private final TrialBackend backend;
  private final int parallelism;
  private final boolean overwrite;
  private final PrintWriter out;
  private Runnable underLock = () -> { };
  private TrialFilter only = TrialFilter.ALL;
  private final Set<String> defaultsOnly = new HashSet<>();
  private ExecutorFactory executors;
  private String arrangement = "in this JVM";
  private boolean isolated;

  /** Makes a session's executor once its store and number of workers are known. */
  @FunctionalInterface
  public interface ExecutorFactory {
    /**
     * @param store the experiment's result store
     * @param workers trials at once, ≥ 1
     * @return the executor that runs the session's trials
     */
    TrialExecutor create(ResultStore store, int workers);
  }

  /**
   * @param experiment the resolved experiment
   * @param root its results folder, {@code <resultsDir>/<name>}
   * @param resolvedYaml the resolved config to write there
   * @param backend trains the trials
   * @param parallelism trials at once, ≥ 1 (fewer if the first phase has fewer trials)
   * @param overwrite run every trial again instead of keeping complete ones
   * @param out where progress lines go
   */
  public ExperimentSession(ExperimentConfig experiment, Path root, String resolvedYaml,
      TrialBackend backend, int parallelism, boolean overwrite, PrintWriter out) {
    this.experiment = experiment;
    this.root = root;
    this.resolvedYaml = resolvedYaml;
    this.backend = backend;
    this.parallelism = parallelism;
    this.overwrite = overwrite;
    this.out = out;
  }

  /**
   * @param check run once the folder's lock is held, before the resolved config is written; e.g.
   *     to check again that the folder holds no other config (another run may have written one)
   * @return this session
   */
  public ExperimentSession underLock(Runnable check) {
    this.underLock = check;
    return this;
  }

  /**
   * Runs the trials with another executor than {@link LocalTrialExecutor} (the default), e.g. one
   * child JVM per trial; the manifest then records {@code "isolated": true}.
   *
   * @param factory makes the executor
   * @param where how the trials run, for the arrangement line, e.g. {@code "each in a child JVM"}
   * @return this session
   */
  public ExperimentSession executor(ExecutorFactory factory, String where) {
    return executor(factory, where, true);
  }

  /**
   * Runs the trials with another executor than {@link LocalTrialExecutor} (the default).
   *
   * @param factory makes the executor
   * @param where how the trials run, for the arrangement line, e.g. {@code "as Spark tasks"}
   * @param isolated whether the manifest records {@code "isolated": true} (each trial in a
   *     process of its own, as {@code --isolate}); an executor whose store must look like a
   *     local run's (a cluster's) says false
   * @return this session
   */
  public ExperimentSession executor(ExecutorFactory factory, String where, boolean isolated) {
    this.executors = factory;
    this.arrangement = where;
    this.isolated = isolated;
    return this;
  }

  /**
   * @param filter the subset of the plan to run ({@code --only}); its trials keep their ids
   * @return this session
   */
  public ExperimentSession only(TrialFilter filter) {
    this.only = filter;
    return this;
  }

  /**
   * @return the first phase's trials of the subset to run: the grid, or tuning
   */
  private List<PlannedTrial> firstPhase() {
    return wholeFirstPhase().stream().filter(t -> only.matches(t.spec())).toList();
  }

  /** @return the first phase's trials of the whole plan, whatever {@code --only} selects */
  private List<PlannedTrial> wholeFirstPhase() {
    return experiment.protocol().tunes() ? TuneThenEvaluate.tuning(experiment)
        : experiment.trials().stream().map(t -> new PlannedTrial(Arm.GRID, t)).toList();
  }

  /**
   * Before a subset runs: indexes the whole first phase, complete trials with their results and
   * the rest PENDING, so the report lists what the subset left out as missing instead of taking
   * the subset for the whole experiment.
   */
  private void indexWholePlan(ResultStore store) {
    List<PlannedTrial> whole = wholeFirstPhase();
    Map<String, TrialResult> known = new HashMap<>();
    for (PlannedTrial t : whole) {
      try {
        store.completed(t.spec()).ifPresent(r -> known.put(r.trialId(), r));
      } catch (UserInputException damaged) {
        // Left PENDING here; if it is in the subset, the runner stops on it with the reason.
      }
    }
    store.writeIndex(whole, known);
  }

  /**
   * @return ids of the trials this session ran for the defaults arm only (a setting that tuning
   *     also chose belongs to the evaluation arm); empty under the grid protocol or before
   *     {@link #run}
   */
  public Set<String> defaultsOnlyTrials() {
    return Set.copyOf(defaultsOnly);
  }

  /**
   * Runs every phase of the protocol.
   *
   * @return the results that compare optimizers: every grid trial, or the evaluation and
   *     defaults arms of tune-then-evaluate (tuning trials are in {@code trials.csv}); null for a
   *     trial whose result is missing
   * @throws UserInputException if the folder's format version is not one this optbench reads
   *     ({@link StoreFormat}), data is missing or corrupt, the folder holds results computed
   *     with other natives (or finished trials without the manifest that says which), a finished
   *     trial is damaged, or another run holds the lock
   * @throws InterruptedException if interrupted while trials run
   */
  @SuppressWarnings("try") // the shutdown hook closes the lock early: an interrupted run frees it
  public List<TrialResult> run() throws InterruptedException {
    boolean tunes = experiment.protocol().tunes();
    List<PlannedTrial> firstPhase = firstPhase();
    List<TrialSpec> trials = firstPhase.stream().map(PlannedTrial::spec).toList();
    // Data first: a missing or corrupt data set must not leave an empty results folder behind.
    // A grid experiment with every trial complete trains nothing and needs no data.
    boolean allComplete = false;
    // Before anything else reads the folder: a store of another format version is not resumed.
    StoreFormat.checkStore(root);
    ResultStore earlier = Files.isDirectory(root) ? new ResultStore(root) : null;
    if (!overwrite && !tunes && earlier != null) {
      try {
        allComplete = trials.stream().allMatch(t -> earlier.completed(t).isPresent());
      } catch (UserInputException damaged) {
        allComplete = false; // the runner names every damaged trial, not just this first one
      }
    }
    if (allComplete) {
      manifestLost(earlier).ifPresent(note -> out.println("note: " + note));
    }
    if (!allComplete && earlier != null) {
      // Before the data and before anything is written: trials computed with other natives must
      // not be joined by new ones, nor, when --overwrite reruns only some, by reruns of them.
      keptUnlessOverwritten(earlier, trials, tunes).ifPresent(kept -> checkNatives(earlier,
          kept));
    }
    Map<String, Map<String, String>> checksums = allComplete ? Map.of()
        : backend.prepare().apply(trials);
    ResultStore store = new ResultStore(root);
    if (only != TrialFilter.ALL) {
      store.keepingOtherRows();
    }

    int workers = Math.min(parallelism, Math.max(1, trials.size()));
    int cores = Runtime.getRuntime().availableProcessors();
    if (workers > cores) {
      out.println("note: " + workers + " trials at once on " + cores + " cores: they will share"
          + " the cores, which slows each trial but changes no result");
    }
    try (RunLock lock = RunLock.acquire(root)) {
      Thread onInterrupt = new Thread(() -> {
        lock.close();
        // The same command with --overwrite would start every trial again.
        System.err.println("\ninterrupted: complete trials are kept; run the same command again"
            + (overwrite ? " without --overwrite" : "") + " to resume (image trials continue"
            + " from their last epoch checkpoint)");
      }, "release-lock");
      Runtime.getRuntime().addShutdownHook(onInterrupt);
      try {
        return runPhases(firstPhase, store, checksums, workers);
      } finally {
        try {
          Runtime.getRuntime().removeShutdownHook(onInterrupt);
        } catch (IllegalStateException shuttingDown) {
          // The hook is already running and releases the lock itself.
        }
      }
    }
  }

  /**
   * Says, for each network from a model file or a plugin, what the trials replace and keep of it (also in
   * the manifest, which the report shows).
   */
  private void printFileNetworks() {
    for (ProblemPlan plan : experiment.problems()) {
      if (plan.problem() instanceof DataProblem p
          && p.network() instanceof DataProblem.FromFile f) {
        out.printf("network of %s from %s:%n", p.id(), f.file().path());
        f.file().notes().forEach(note -> out.println("  " + note));
      } else if (plan.problem() instanceof PluginProblem p && p.network() != null) {
        out.printf("network of %s from %s (%s):%n", p.id(), p.origin().className(),
            p.network().path());
        p.network().notes().forEach(note -> out.println("  " + note));
      }
    }
  }

  /**
   * Writes the resolved config, then runs the protocol's phases; the manifest is written just
   * before the first trial that trains.
   */
  private List<TrialResult> runPhases(List<PlannedTrial> firstPhase, ResultStore store,
      Map<String, Map<String, String>> checksums, int workers) throws InterruptedException {
    boolean tunes = experiment.protocol().tunes();
    underLock.run();
    store.writeResolvedConfig(resolvedYaml);

    out.printf("experiment %s (%s): %d %s%s -> %s%n", experiment.name(),
        experiment.protocol().kindName(), firstPhase.size(), tunes ? "tuning " : "",
        firstPhase.size() == 1 ? "trial" : "trials", root);
    out.printf("arrangement: %d trial(s) at once %s, %d native thread(s) each%n",
        workers, arrangement, experiment.threads());
    printFileNetworks();
    // The manifest describes the invocation that trains: one that finds every trial complete, or
    // stops before training, leaves the earlier record alone.
    TrialExecutor executor = executors == null
        ? new LocalTrialExecutor(store, backend.runner(), workers)
        : executors.create(store, workers);
    ExperimentRunner runner = new ExperimentRunner(store, executor, out)
        .beforeTraining(() -> {
          Map<String, Object> manifest = new LinkedHashMap<>(EnvironmentFacts.collect());
          manifest.put("backend", backend.facts().get());
          manifest.put("parallelism", workers);
          manifest.put("threadsPerTrial", experiment.threads());
          manifest.put("dataSha256", checksums);
          if (isolated) {
            // Only isolated runs say so, so in-process manifests keep their earlier form.
            manifest.put("isolated", true);
          }
          // Only experiments that use plugin optimizers name them, so built-in-only manifests
          // keep their earlier form.
          List<Map<String, Object>> pluginFacts = PluginManifest.describe(experiment.problems()
              .stream().flatMap(p -> p.searches().stream()).map(s -> s.type()).toList());
          if (!pluginFacts.isEmpty()) {
            manifest.put("plugins", pluginFacts);
          }
          store.writeManifest(manifest, StoreFormat.forExperiment(
              experiment.hasTimeLimits() || experiment.protocol().tuningSeeds() > 1));
        });
    if (only != TrialFilter.ALL) {
      indexWholePlan(store);
    }
    List<TrialResult> done = runner.run(firstPhase, overwrite);
    return tunes ? evaluate(firstPhase, done, store, runner) : done;
  }

  /**
   * @return each problem kind's selection metric with the problems it chooses for, in plan order,
   *     e.g. {@code final_suboptimality for ravine-2d, saddle; final_validation_accuracy for
   *     mnist-mlp}
   */
  private String selectionMetrics() {
    Map<String, Set<String>> problems = new LinkedHashMap<>();
    for (ProblemPlan plan : experiment.problems()) {
      problems.computeIfAbsent(plan.problem().kind().selectionMetric().id(),
          k -> new LinkedHashSet<>()).add(plan.problem().id());
    }
    List<String> parts = new ArrayList<>();
    problems.forEach((metric, ids) -> parts.add(metric + " for " + String.join(", ", ids)));
    return String.join("; ", parts);
  }

  /**
   * The plan without training or writing anything: per problem and phase, the trials, how many
   * are complete in the results folder and an estimate of their time and disk space. The estimate
   * comes from completed trials of the same cost class ({@link TrialCosts}) when there are some,
   * else from a probe of a few steps ({@link CostProbe}) in a temporary folder that is deleted.
   * Under tune-then-evaluate the evaluation trials are known only once tuning is complete; until
   * then their count (evaluation seeds × optimizers) is stated and their settings are chosen
   * after tuning.
   *
   * <p>It says whether the run would stop before training anything, and why ({@link
   * DryRun#stops}; nothing is probed then): a folder of results computed with other native
   * settings, or a data set that is missing (when the run may not download it), corrupt or
   * unreadable. The backend's data must be a {@link org.optbench.data.DatasetRepository#planning
   * planning} repository with the run's download policy: what the run would download is stated
   * instead.
   *
   * @return the plan and its estimate
   * @throws UserInputException if the folder's format version is not one this optbench reads
   */
  public DryRun dryRun() {
    StoreFormat.checkStore(root);
    Optional<ResultStore> store = ResultStore.existing(root);
    TrialCosts costs = new TrialCosts();
    Map<String, TrialResult> complete = new HashMap<>();
    int[] damaged = {0};
    java.util.function.Predicate<TrialSpec> isComplete = spec -> {
      String id = TrialId.of(spec).hex();
      if (complete.containsKey(id)) {
        return true;
      }
      if (store.isEmpty()) {
        return false;
      }
      Optional<TrialResult> result;
      try {
        result = store.get().completed(spec);
      } catch (StoreFormat.VersionException version) {
        throw version;
      } catch (UserInputException damage) {
        damaged[0]++;
        return false;
      }
      result.ifPresent(r -> {
        complete.put(id, r);
        costs.add(spec, r, TrialCosts.bytesUnder(store.get().trialDir(spec)));
      });
      return result.isPresent();
    };
    boolean tunes = experiment.protocol().tunes();
    List<PlannedTrial> first = firstPhase();
    first.forEach(t -> isComplete.test(t.spec()));
    // Evaluation trials are known for the problems whose tuning is complete.
    Map<String, List<PlannedTrial>> arms = new LinkedHashMap<>();
    Set<String> tuned = new HashSet<>();
    if (tunes) {
      for (ProblemPlan plan : experiment.problems()) {
        String problem = plan.problem().id();
        if (!overwrite && first.stream().filter(t -> t.spec().problem().id().equals(problem))
            .allMatch(t -> complete.containsKey(TrialId.of(t.spec()).hex()))) {
          tuned.add(problem);
        }
      }
      List<TuneThenEvaluate.Choice> choices = TuneThenEvaluate.choose(experiment, complete)
          .stream().filter(c -> tuned.contains(c.problem()))
          .filter(c -> only.matches(c.problem(), optimizerOf(c))).toList();
      TuneThenEvaluate.evaluation(experiment, choices).stream()
          .filter(t -> only.matches(t.spec()))
          .forEach(t -> arms.computeIfAbsent(t.spec().problem().id() + "/" + t.arm().label(),
              k -> new ArrayList<>()).add(t));
      arms.values().forEach(list -> list.forEach(t -> isComplete.test(t.spec())));
    }

    // The real run's checks, under its conditions (run()), before anything trains: a folder of
    // results computed with other natives is refused, then the data are checked. A run that
    // would stop is not probed.
    boolean allComplete = !overwrite && !tunes && first.stream()
        .allMatch(t -> complete.containsKey(TrialId.of(t.spec()).hex()));
    Map<String, String> checks = new LinkedHashMap<>();
    String stops = null;
    if (!allComplete && store.isPresent()) {
      ResultStore earlier = store.get();
      Optional<Supplier<String>> kept = keptUnlessOverwritten(earlier,
          first.stream().map(PlannedTrial::spec).toList(), tunes);
      try {
        if (kept.isPresent()) {
          checkNatives(earlier, kept.get());
        }
      } catch (UserInputException refused) {
        stops = refused.getMessage();
        checks.put("natives", STOPS);
      }
    }
    if (stops == null && !allComplete) {
      stops = checkData(first, checks);
    }

    // Probe one trial of every cost class that would run and has no completed trial.
    Map<String, TrialSpec> representative = new LinkedHashMap<>();
    List<TrialSpec> toRun = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    java.util.function.Consumer<TrialSpec> plan = spec -> {
      if ((overwrite || !complete.containsKey(TrialId.of(spec).hex()))
          && seen.add(TrialId.of(spec).hex())) {
        toRun.add(spec);
      }
    };
    first.forEach(t -> plan.accept(t.spec()));
    // The evaluation phase starts when the first has ended: the two are timed apart.
    int inFirstPhase = toRun.size();
    arms.values().forEach(list -> list.forEach(t -> plan.accept(t.spec())));
    for (ProblemPlan p : experiment.problems()) {
      // Untuned problems: their evaluation trials cost what their tuning trials cost.
      if (tunes && !tuned.contains(p.problem().id())) {
        first.stream().filter(t -> t.spec().problem().id().equals(p.problem().id())).findFirst()
            .ifPresent(t -> representative.putIfAbsent(
                TrialCosts.costClass(t.spec()).toString(), t.spec()));
      }
    }
    toRun.forEach(spec -> representative.putIfAbsent(TrialCosts.costClass(spec).toString(),
        spec));
    Map<String, String> sources = new LinkedHashMap<>();
    for (TrialSpec spec : representative.values()) {
      String problem = spec.problem().id();
      int known = costs.known(spec);
      if (known > 0) {
        sources.merge(problem, problem + ": from " + known + " completed trial(s) of the same"
            + " problem and settings", (a, b) -> a);
        continue;
      }
      if (stops != null) {
        continue;
      }
      try {
        CostProbe.Found found = CostProbe.probe(backend, spec);
        costs.add(spec, found.seconds(), found.bytes());
        sources.merge(problem, String.format(java.util.Locale.ROOT, "%s: from a probe of %d"
            + " step(s) (took %s, in a temporary folder since deleted)", problem, found.steps(),
            TrialCosts.duration(found.probeSeconds())), (a, b) -> a);
      } catch (WouldDownloadException download) {
        sources.merge(problem, problem + ": no estimate until " + download.dataset() + " is"
            + " downloaded", (a, b) -> a);
      } catch (RuntimeException e) {
        sources.merge(problem, problem + ": no estimate, the probe could not run ("
            + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + ")", (a, b) -> a);
      }
    }

    List<DryRun.Line> lines = new ArrayList<>();
    List<TimeLeft.Trial> firstTimes = new ArrayList<>();
    List<TimeLeft.Trial> secondTimes = new ArrayList<>();
    double bytes = 0;
    int unestimated = 0;
    int pending = 0;
    for (TrialSpec spec : toRun) {
      Optional<Double> s = costs.seconds(spec);
      if (s.isPresent()) {
        (pending < inFirstPhase ? firstTimes : secondTimes).add(new TimeLeft.Trial(s.get(), 0));
        bytes += costs.bytes(spec).orElseThrow();
      } else {
        unestimated++;
      }
      pending++;
    }
    for (ProblemPlan p : experiment.problems()) {
      String problem = p.problem().id();
      List<PlannedTrial> phase = first.stream()
          .filter(t -> t.spec().problem().id().equals(problem)).toList();
      if (phase.isEmpty()) {
        continue; // not in the --only subset
      }
      lines.add(line(problem, tunes ? Arm.TUNING.label() : Arm.GRID.label(), phase, complete,
          costs, ""));
      if (!tunes) {
        continue;
      }
      List<PlannedTrial> evaluation = arms.getOrDefault(problem + "/" + Arm.EVALUATION.label(),
          List.of());
      if (tuned.contains(problem)) {
        lines.add(line(problem, Arm.EVALUATION.label(), evaluation, complete, costs,
            "settings chosen by tuning"));
      } else {
        int optimizers = (int) p.searches().stream()
            .filter(sr -> only.matches(problem, sr.type().id())).count();
        int seeds = experiment.seedsFor(p.problem().kind()).size();
        int count = seeds * optimizers;
        Optional<Double> each = phase.isEmpty() ? Optional.empty()
            : costs.seconds(phase.get(0).spec());
        double lineSeconds = each.map(e -> e * count).orElse(Double.NaN);
        if (each.isPresent()) {
          secondTimes.addAll(java.util.Collections.nCopies(count, new TimeLeft.Trial(each.get(),
              0)));
          bytes += costs.bytes(phase.get(0).spec()).orElseThrow() * count;
        } else {
          unestimated += count;
        }
        pending += count;
        lines.add(new DryRun.Line(problem, Arm.EVALUATION.label(), count, OptionalInt.empty(),
            lineSeconds, seeds + " evaluation seed(s) x " + optimizers + " optimizer(s);"
            + " settings chosen after tuning"));
      }
      if (experiment.protocol().defaultsArm()) {
        lines.add(line(problem, Arm.DEFAULTS.label(), arms.getOrDefault(problem + "/"
            + Arm.DEFAULTS.label(), List.of()), complete, costs, ""));
      }
    }
    if (damaged[0] > 0) {
      sources.put("", damaged[0] + " finished trial(s) are damaged: the run will stop and name"
          + " them");
    }
    if (allComplete && store.isPresent()) {
      manifestLost(store.get()).ifPresent(note -> sources.put("manifest", "note: " + note));
    }
    sources.putAll(checks);
    int workers = Math.max(1, Math.min(parallelism, pending));
    boolean any = unestimated < pending || pending == 0;
    // Trials are whole: three equal trials on two workers take two trials' time, not 1.5.
    double seconds = TimeLeft.seconds(firstTimes, workers)
        + TimeLeft.seconds(secondTimes, workers);
    return new DryRun(experiment.name(), experiment.protocol().kindName(), root,
        Files.isDirectory(root), lines, workers, any ? seconds : Double.NaN,
        any ? bytes : Double.NaN, unestimated, List.copyOf(sources.values()), stops);
  }

  /**
   * For a folder whose trials are all complete, so that nothing is refused: whether its record
   * of how they were made ({@code manifest.json}) is gone or unreadable.
   *
   * @param store the folder's store
   * @return what is lost and how to get it back, or empty if the manifest reads
   */
  private Optional<String> manifestLost(ResultStore store) {
    try {
      return store.manifest().isPresent() ? Optional.empty()
          : Optional.of(root.resolve(ResultStore.MANIFEST) + " is missing, so the software,"
              + " native settings and data checksums that computed these trials are unknown;"
              + " put back the " + ResultStore.MANIFEST + " the run that trained them wrote, or"
              + " run every trial again with --overwrite to record them anew");
    } catch (UserInputException unreadable) {
      return Optional.of(unreadable.getMessage());
    }
  }

  /**
   * The real run's data check ({@link TrialBackend#prepare}) for a dry run, one problem at a
   * time so that every data set is named: what the run would download is stated in
   * {@code sources}; anything else wrong with the data stops the run.
   *
   * @param planned the first phase's trials
   * @param sources the plan's notes, by key; gains {@code data...} keys
   * @return why the run would stop, or null if it would not
   */
  private String checkData(List<PlannedTrial> planned, Map<String, String> sources) {
    Map<String, TrialSpec> byProblem = new LinkedHashMap<>();
    planned.forEach(t -> byProblem.putIfAbsent(t.spec().problem().id(), t.spec()));
    for (TrialSpec spec : byProblem.values()) {
      try {
        backend.prepare().apply(List.of(spec));
      } catch (WouldDownloadException download) {
        sources.put("data " + download.dataset(), "data: the run will download "
            + download.files().size() + " file(s) of " + download.dataset() + " into "
            + download.target() + " first (" + String.join(", ", download.files()) + ")");
      } catch (UserInputException bad) {
        sources.put("data", STOPS);
        return bad.getMessage();
      }
    }
    return null;
  }

  /**
   * Refuses to add to a folder whose trials were computed with other bit-deciding values than
   * this process has, or whose record of them ({@code manifest.json}) is gone while trials are
   * finished ({@link NativesGuard}).
   *
   * @param earlier the folder's store
   * @param kept why {@code --overwrite} would keep finished trials, for the message
   * @throws UserInputException if refused, or if the manifest cannot be read
   */
  private void checkNatives(ResultStore earlier, Supplier<String> kept) {
    Optional<Map<String, Object>> manifest = earlier.manifest();
    if (manifest.isPresent()) {
      NativesGuard.check(root, manifest.get(), backend.facts().get(), backend.bits(), kept);
    } else {
      NativesGuard.checkUnrecorded(root, earlier.finishedTrialDirs().size(), kept);
    }
  }

  /**
   * Whether the folder's recorded natives must be checked, and with what to say about
   * {@code --overwrite}: not when {@code --overwrite} runs every finished trial of the folder
   * again (the recorded values are then replaced). Without {@code --overwrite} the folder is
   * listed only if the check needs the reason for its message.
   *
   * @return empty if the check is not needed, else {@link #kept}'s reason, made when asked
   */
  private Optional<Supplier<String>> keptUnlessOverwritten(ResultStore store,
      List<TrialSpec> planned, boolean tunes) {
    if (!overwrite) {
      return Optional.of(() -> kept(store, planned, tunes));
    }
    String kept = kept(store, planned, tunes);
    return kept == null ? Optional.empty() : Optional.of(() -> kept);
  }

  /**
   * Why {@code --overwrite} from this run would leave finished trials of the folder as they are:
   * finished trials of a grid experiment that this run does not plan, because {@code --only}
   * leaves them out or because the plan no longer holds them (left by an earlier config, e.g.
   * before {@code --replace-config}). A tuning experiment's evaluation trials are planned only
   * after tuning, so there {@code --only} always counts as leaving some out, and nothing else
   * does.
   *
   * @param store the folder's store
   * @param planned the trials this run plans (the first phase, as {@code --only} selects it)
   * @param tunes whether the experiment tunes
   * @return the reason, for {@link NativesGuard}'s message, or null if there is none
   */
  private String kept(ResultStore store, List<TrialSpec> planned, boolean tunes) {
    boolean subset = only != TrialFilter.ALL;
    if (tunes) {
      return subset ? "with --only the other trials would keep the recorded values; run without"
          + " --only" : null;
    }
    Set<Path> plannedDirs = new HashSet<>();
    planned.forEach(spec -> plannedDirs.add(store.trialDir(spec)));
    long others = store.finishedTrialDirs().stream().filter(d -> !plannedDirs.contains(d))
        .count();
    return others == 0 ? null : others + " finished trial(s) of the folder "
        + (subset ? "outside --only would keep the recorded values; run without --only"
            : "are not in this config and would keep the recorded values; use a new folder");
  }

  private DryRun.Line line(String problem, String phase, List<PlannedTrial> trials,
      Map<String, TrialResult> complete, TrialCosts costs, String note) {
    int done = 0;
    double seconds = 0;
    for (PlannedTrial t : trials) {
      if (!overwrite && complete.containsKey(TrialId.of(t.spec()).hex())) {
        done++;
      } else {
        seconds += costs.seconds(t.spec()).orElse(Double.NaN);
      }
    }
    return new DryRun.Line(problem, phase, trials.size(),
        OptionalInt.of(overwrite ? 0 : done), seconds, note);
  }

  /** @return the optimizer id of a choice's entry */
  private String optimizerOf(TuneThenEvaluate.Choice c) {
    return experiment.problems().stream()
        .filter(p -> p.problem().id().equals(c.problem())).findFirst().orElseThrow()
        .searches().get(c.entry()).type().id();
  }

  /** @return e.g. {@code seed 1000: 0.91, seed 1001: diverged} */
  private static String seedValuesText(TuneThenEvaluate.Choice c) {
    return c.seedValues().entrySet().stream().map(e -> "seed " + e.getKey() + ": "
        + (Double.isInfinite(e.getValue()) ? "diverged" : e.getValue()))
        .collect(java.util.stream.Collectors.joining(", "));
  }

  /** Chooses each optimizer's setting on validation, records the choice, runs both arms. */
  private List<TrialResult> evaluate(List<PlannedTrial> tuning, List<TrialResult> tuned,
      ResultStore store, ExperimentRunner runner) throws InterruptedException {
    Map<String, TrialResult> byId = new LinkedHashMap<>();
    tuned.stream().filter(Objects::nonNull).forEach(r -> byId.put(r.trialId(), r));
    List<TuneThenEvaluate.Choice> choices = TuneThenEvaluate.choose(experiment, byId).stream()
        .filter(c -> only.matches(c.problem(), optimizerOf(c))).toList();
    List<SelectionRow> rows = new ArrayList<>();
    out.println();
    List<Long> tuningSeeds = experiment.protocol().tuningSeedList();
    out.println("chosen by tuning (" + (tuningSeeds.size() == 1
        ? "tuning seed " + tuningSeeds.get(0)
        : "median over tuning seeds " + tuningSeeds.stream().map(String::valueOf)
            .collect(java.util.stream.Collectors.joining(", ")) + ", a diverged seed counting"
            + " as the worst value") + "; selection metric " + selectionMetrics() + "):");
    for (TuneThenEvaluate.Choice c : choices) {
      String setting = c.chosen().map(s -> s.optimizer().labels() + " batch "
          + s.batchSize()).orElse("none: every tuning trial diverged or failed");
      String optimizer = optimizerOf(c);
      if (c.seedValues().isEmpty()) {
        out.printf("  %s %s: %s (%s %s; %d of %d tuning trials excluded)%n", c.problem(),
            optimizer, setting, c.metric(), c.value(), c.excluded(), c.candidates());
      } else {
        out.printf("  %s %s: %s (%s median %s of %s; %d of %d tuning settings excluded)%n",
            c.problem(), optimizer, setting, c.metric(), c.value(), seedValuesText(c),
            c.excluded(), c.candidates());
      }
      rows.add(new SelectionRow(c.problem(), optimizer, c.entry(),
          c.chosen().map(s -> TrialId.of(s).hex()).orElse(""), c.metric(), c.value(),
          c.candidates(), c.excluded(), c.seedValues()));
    }
    out.flush();
    store.writeSelection(rows);
    List<PlannedTrial> arms = TuneThenEvaluate.evaluation(experiment, choices).stream()
        .filter(t -> only.matches(t.spec())).toList();
    Set<String> evaluated = new HashSet<>();
    arms.stream().filter(t -> t.arm() == Arm.EVALUATION)
        .forEach(t -> evaluated.add(TrialId.of(t.spec()).hex()));
    arms.stream().filter(t -> t.arm() == Arm.DEFAULTS).map(t -> TrialId.of(t.spec()).hex())
        .filter(id -> !evaluated.contains(id)).forEach(defaultsOnly::add);
    List<PlannedTrial> all = new ArrayList<>(tuning);
    all.addAll(arms);
    List<TrialResult> results = runner.run(all, overwrite);
    out.println();
    out.println("evaluation and defaults arms (" + experiment.seeds().size() + " seeds):");
    // The summary shows the arms that compare optimizers; tuning trials are in trials.csv.
    return results.subList(tuning.size(), results.size());
  }
}
