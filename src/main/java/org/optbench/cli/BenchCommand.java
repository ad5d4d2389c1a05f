package org.optbench.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.optbench.UserInputException;
import org.optbench.bench.BenchReport;
import org.optbench.bench.ConvBench;
import org.optbench.bench.HarnessOverhead;
import org.optbench.bench.JmhResult;
import org.optbench.bench.NativeThreads;
import org.optbench.bench.OtherJmhTable;
import org.optbench.bench.Spread;
import org.optbench.bench.StepProfile;
import org.optbench.bench.Sweep;
import org.optbench.bench.TrainingTable;
import org.optbench.bench.UpdaterTable;
import org.optbench.data.DatasetRepository;
import org.optbench.dl4j.Backend;
import org.optbench.platform.CAllocator;
import org.optbench.run.EnvironmentFacts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code optbench bench}: measures the harness's own cost, the throughput of trial sweeps and
 * the effect of native threads, or turns JMH result files into tables.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    header = "Measure optbench's performance on this machine (needs MNIST, but not --jmh).",
    // Two forms, as the options of one do not apply to the other; picocli's own synopsis would
    // also break --only's PART list across lines.
    customSynopsis = {
        "optbench bench [-hV] [--debug] [--no-download] [--data-dir=DIR]",
        "                      [--only=PART[,PART...]] [--steps=N] [--conv-steps=N]",
        "                      [--repeats=N] [--sweep-steps=N] [--parallelism=N]",
        "                      [--profile-problem=ID]",
        "       optbench bench [--debug] --jmh=FILE..."},
    description = {"Parts:",
        "  overhead  mnist-mlp steps through the full harness vs a bare DL4J fit loop",
        "  threads   one mnist-mlp trial with 1 and 2 native threads (separate JVMs)",
        "  sweep     8 small trials (ravine-regression, mnist-logreg), parallelism 1 vs N",
        "  profile   where a training step's time goes (ND4J op profiler), mnist-mlp or",
        "            --profile-problem",
        "  conv      mnist-2c2d steps through the harness vs a bare DL4J fit loop:",
        "            ms/step, and GFLOP/s against a gemm measured in the same run",
        "With --jmh, prints the tables of JMH result files instead of measuring.",
        "Run it on an otherwise idle machine; a figure measured more than once is printed",
        "with its range."})
final class BenchCommand implements Callable<Integer> {
  /** The parts of the benchmark. */
  enum Part { overhead, threads, sweep, profile, conv }

  /** The problems the profile part accepts: MNIST's, whose data the other parts load too. */
  private static final List<String> PROFILED = List.of("mnist-mlp", "mnist-2c2d",
      "mnist-logreg");

  @Spec
  CommandSpec spec;

  @Option(names = "--only", split = ",", paramLabel = "PART", description = "Parts to run,"
      + " comma-separated: ${COMPLETION-CANDIDATES} (default: overhead,threads,sweep).")
  Set<Part> only;

  @Option(names = "--steps", paramLabel = "N", description = "Optimizer steps of each"
      + " mnist-mlp run (default: ${DEFAULT-VALUE}); the first is not timed.")
  int steps = 200;

  @Option(names = "--conv-steps", paramLabel = "N", description = "Optimizer steps of each"
      + " mnist-2c2d run of the conv part (default: ${DEFAULT-VALUE}); the first is not timed.")
  int convSteps = 20;

  @Option(names = "--profile-problem", paramLabel = "ID", description = "Problem of the profile"
      + " part: mnist-mlp, mnist-2c2d or mnist-logreg (default: ${DEFAULT-VALUE}).")
  String profileProblem = "mnist-mlp";

  @Option(names = "--repeats", paramLabel = "N", description = "Runs of each variant"
      + " (default: ${DEFAULT-VALUE}).")
  int repeats = 3;

  @Option(names = "--sweep-steps", paramLabel = "N", description = "Optimizer steps of each"
      + " sweep trial (default: ${DEFAULT-VALUE}).")
  int sweepSteps = 300;

  @Option(names = "--parallelism", paramLabel = "N", description = "Parallelism compared with 1"
      + " in the sweep (default: number of cores = ${DEFAULT-VALUE}).")
  int parallelism = Runtime.getRuntime().availableProcessors();

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Folder holding mnist/"
      + " (default: $OPTBENCH_DATA, else ./data).")
  Path dataDir;

  @Option(names = "--no-download", description = "Fail instead of downloading missing data.")
  boolean noDownload;

  // arity 1..*: so a shell glob (--jmh results/jmh/*.json) passes every file.
  @Option(names = "--jmh", arity = "1..*", paramLabel = "FILE", description = "JMH JSON result"
      + " files (java -jar benchmarks.jar ... -rf json -rff FILE) to print as tables; nothing is"
      + " run.")
  List<Path> jmh;

  @Option(names = "--child-trial", hidden = true, description = "Internal: one timed trial.")
  boolean childTrial;

  @Option(names = "--threads", hidden = true, description = "Internal: the child's threads.")
  int threads = 1;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (jmh != null && !jmh.isEmpty()) {
      refuseMeasuringOptions();
      printJmh(out);
      return 0;
    }
    check(steps >= 2, "--steps " + steps + " is not accepted; give an integer >= 2");
    int epoch = HarnessOverhead.stepsPerEpoch();
    check(steps <= epoch, "--steps " + steps + " is more than one mnist-mlp epoch (" + epoch
        + " steps at batch 128); at an epoch end the harness evaluates and checkpoints, which is"
        + " not per-step cost; give at most " + epoch);
    check(convSteps >= 2 && convSteps <= epoch, "--conv-steps " + convSteps + " is not"
        + " accepted; give an integer from 2 to " + epoch + " (one epoch: its end evaluates and"
        + " checkpoints)");
    check(PROFILED.contains(profileProblem), "--profile-problem " + profileProblem + " is not"
        + " accepted; give one of " + String.join(", ", PROFILED));
    check(repeats >= 1, "--repeats " + repeats + " is not accepted; give an integer >= 1");
    check(sweepSteps >= 1, "--sweep-steps " + sweepSteps
        + " is not accepted; give an integer >= 1");
    check(parallelism >= 1, "--parallelism " + parallelism
        + " is not accepted; give an integer >= 1");
    DatasetRepository repository = DatasetRepository.fromEnvironment(
        Optional.ofNullable(dataDir), !noDownload);
    if (childTrial) {
      NativeThreads.child(repository, steps, threads, out);
      return 0;
    }
    check(only == null || !only.isEmpty(), "--only names no part; give one or more of"
        + " overhead, threads, sweep, profile, conv, separated by commas");
    Set<Part> parts = only == null ? EnumSet.of(Part.overhead, Part.threads, Part.sweep) : only;
    Map<String, Object> facts = EnvironmentFacts.collect();
    out.printf("machine: %s, %s logical cores, Java %s; ND4J OpenMP threads %s, BLAS threads"
        + " %s%n", facts.get("cpu"), facts.get("logicalCores"), facts.get("javaVersion"),
        Backend.nativeThreads(), Backend.describe().get("blasThreads"));
    out.println(Backend.summaryLine());
    out.println(CAllocator.startLine(System.getenv(), "this JVM"));
    if (Backend.nativeThreads() != 1) {
      out.println("warning: ND4J runs " + Backend.nativeThreads() + " OpenMP threads; the"
          + " measurements need OMP_NUM_THREADS=1 (the ./optbench launcher sets it)");
    }
    out.flush();

    if (parts.contains(Part.overhead)) {
      out.printf("%nharness overhead: mnist-mlp, Adam, batch 128, %d steps (steps 2-%d timed),"
          + " %d runs each%n", steps, steps, repeats);
      out.flush();
      HarnessOverhead.Result r = HarnessOverhead.measure(repository, steps, repeats, out);
      out.printf("  harness (ExperimentRunner, curve, progress): %s s%n",
          r.harnessSeconds().format("%.3f"));
      out.printf("  bare DL4J fit loop:                          %s s%n",
          r.bareSeconds().format("%.3f"));
      out.println("  harness / bare, wall time:   " + r.ratio().format("%.3f"));
      out.println("  harness / bare, median step: " + r.medianStepRatio().format("%.3f"));
      out.println("  harness / bare, CPU time of the training thread: "
          + r.cpuRatio().format("%.3f"));
      out.println("  " + BenchReport.overheadVerdict(r.ratio(), r.cpuRatio(), r.ratioInterval(),
          r.cpuRatioInterval()));
      out.println("  same final parameters: " + (r.identical() ? "yes" : "NO"));
      out.flush();
    }
    Optional<List<NativeThreads.Result>> threadResults = Optional.empty();
    if (parts.contains(Part.threads)) {
      out.printf("%nnative threads: one mnist-mlp trial, %d steps, %d runs each, each run a"
          + " separate JVM with OMP_NUM_THREADS set%n", steps, repeats);
      out.flush();
      List<NativeThreads.Result> results = NativeThreads.measure(List.of(1, 2), steps, repeats,
          childArgs(), out);
      for (NativeThreads.Result r : results) {
        out.printf(Locale.ROOT, "  %d thread(s): %s s (OpenMP %d, BLAS %d)%n", r.threads(),
            r.seconds().format("%.3f"), r.ompThreads(), r.blasThreads());
      }
      out.printf(Locale.ROOT, "  speed-up of 2 threads: %s%n", Spread.ratio(
          results.get(0).seconds(), results.get(1).seconds()).format("%.2f"));
      out.flush();
      threadResults = Optional.of(results);
    }
    if (parts.contains(Part.sweep)) {
      List<Integer> levels = parallelism == 1 ? List.of(1) : List.of(1, parallelism);
      out.printf("%nsweep: 8 trials (ravine-regression and mnist-logreg x sgd, nesterovs,"
          + " rmsprop, adam), %d steps each, 1 native thread per trial, %d runs each%n",
          sweepSteps, repeats);
      out.flush();
      List<Sweep.Result> results = Sweep.measure(repository, sweepSteps, levels, repeats, out);
      for (Sweep.Result r : results) {
        out.printf(Locale.ROOT, "  parallelism %d: %s s, %s trials/min%n", r.parallelism(),
            r.seconds().format("%.2f"), r.trialsPerMinute().format("%.1f"));
      }
      if (results.size() > 1) {
        out.printf(Locale.ROOT, "  speed-up of parallelism %d: %s%n", parallelism,
            Spread.ratio(results.get(0).seconds(), results.get(1).seconds())
                .format("%.2f"));
      }
      out.println("  same final parameters at every parallelism: yes");
      out.println();
      out.println(BenchReport.arrangement(results, threadResults));
      out.printf("optbench run's default: parallelism = cores (%d), threads: 1%n",
          Runtime.getRuntime().availableProcessors());
      out.flush();
    }
    if (parts.contains(Part.conv)) {
      out.printf("%nconv: mnist-2c2d, Adam, batch 128, %d steps (steps 2-%d timed), %d runs"
          + " each%n", convSteps, convSteps, repeats);
      out.flush();
      printConv(ConvBench.measure(repository, convSteps, repeats, out), out);
    }
    if (parts.contains(Part.profile)) {
      out.printf("%nprofile: %s training step, Adam, batch 128, %d steps per phase%n",
          profileProblem, steps);
      out.flush();
      printProfile(StepProfile.measure(repository, profileProblem, steps), out);
    }
    out.flush();
    return 0;
  }

  private List<String> childArgs() {
    List<String> args = new ArrayList<>();
    if (dataDir != null) {
      args.add("--data-dir");
      args.add(dataDir.toAbsolutePath().toString());
    }
    if (noDownload) {
      args.add("--no-download");
    }
    return args;
  }

  private static void printConv(ConvBench.Result r, PrintWriter out) {
    HarnessOverhead.Result s = r.steps();
    out.printf(Locale.ROOT, "  harness (ExperimentRunner, curve, progress): %s ms/step, %s GFLOP/s%n",
        s.harnessMedianStep().map(x -> x * 1e3).format("%.1f"), r.harnessGflops().format("%.1f"));
    out.printf(Locale.ROOT, "  bare DL4J fit loop:                          %s ms/step, %s GFLOP/s%n",
        s.bareMedianStep().map(x -> x * 1e3).format("%.1f"), r.bareGflops().format("%.1f"));
    out.printf(Locale.ROOT, "  gemm [%d, %d]·[%d, %d] (conv2's im2col product) via %s: %s GFLOP/s%n",
        r.gemm().m(128), r.gemm().k(), r.gemm().k(), r.gemm().n(),
        Backend.describe().get("selfCheckLibrary"), r.gemmGflops().format("%.1f"));
    out.printf(Locale.ROOT, "  (a step counts %.2f GFLOP: each layer's forward, input- and weight-"
        + "gradient products; see docs/PERFORMANCE.md)%n", r.stepGflop());
    out.println("  harness / bare, median step: " + s.medianStepRatio().format("%.3f"));
    out.println("  harness / bare, CPU time:    " + s.cpuRatio().format("%.3f"));
    out.println("  " + BenchReport.overheadVerdict(s.ratio(), s.cpuRatio(), s.ratioInterval(),
        s.cpuRatioInterval()));
    out.println("  harness / gemm, GFLOP/s:     " + Spread.ratio(r.harnessGflops(),
        r.gemmGflops()).format("%.3f"));
    out.println("  bare / gemm, GFLOP/s:        " + Spread.ratio(r.bareGflops(),
        r.gemmGflops()).format("%.3f"));
    out.println("  same final parameters: " + (s.identical() ? "yes" : "NO"));
  }

  private static void printProfile(StepProfile.Result r, PrintWriter out) {
    out.printf(Locale.ROOT, "  gather one mini-batch (pullRows into reused arrays): %.3f ms%n",
        r.gatherMs());
    out.printf(Locale.ROOT, "  fit, unprofiled:                  %.3f ms/step%n", r.fitMs());
    out.printf(Locale.ROOT, "  fit, profiled:                    %.3f ms/step%n",
        r.profiledFitMs());
    out.println("  time per step by native op (profiled):");
    for (Map.Entry<String, Double> e : r.opMs().entrySet()) {
      double calls = r.opCalls().getOrDefault(e.getKey(), Double.NaN);
      out.printf(Locale.ROOT, "    %-16s %8.3f ms  %5.1f %%  (%.0f call%s)%n", e.getKey(),
          e.getValue(), 100 * e.getValue() / r.profiledFitMs(), calls, calls == 1 ? "" : "s");
    }
    out.printf(Locale.ROOT, "    %-16s %8.3f ms  %5.1f %%%n", "not attributed",
        r.unattributedMs(), 100 * r.unattributedMs() / r.profiledFitMs());
    out.println("  calls per step of ops without timings: " + r.opCalls().entrySet().stream()
        .filter(e -> !r.opMs().containsKey(e.getKey()))
        .map(e -> String.format(Locale.ROOT, "%s %.0f", e.getKey(), e.getValue())).toList());
    out.printf(Locale.ROOT, "  matrix products: %.0f per training step, %.0f per forward pass%n",
        r.opCalls().getOrDefault("matmul", 0.0), r.matmulsPerForward());
  }

  /**
   * With {@code --jmh} nothing is measured, so an option that only shapes a measurement would be
   * ignored without a word; it is refused instead, naming every such option given.
   *
   * @throws UserInputException if a measuring option accompanies {@code --jmh}
   */
  private void refuseMeasuringOptions() {
    List<String> given = spec.commandLine().getParseResult().matchedOptions().stream()
        .filter(option -> !option.inherited()) // --debug applies to every command
        .map(OptionSpec::longestName)
        .filter(name -> !name.equals("--jmh"))
        .distinct()
        .toList();
    check(given.isEmpty(), "--jmh prints JMH result files and measures nothing, so "
        + String.join(", ", given) + (given.size() == 1 ? " does" : " do") + " not apply; run"
        + " 'optbench bench --jmh FILE...' alone, or measure without --jmh");
  }

  /**
   * Prints each file's tables apart, under its name when there are several: a row's baseline
   * (the copy of the same size and type, the gemm of the same shapes) is taken from its own
   * file, never from another run's. Every file is read and tabulated before anything is
   * printed, so a bad file stops the command before a partial listing, not after it.
   */
  private void printJmh(PrintWriter out) {
    StringWriter tables = new StringWriter();
    PrintWriter buffer = new PrintWriter(tables);
    // A file named twice (a glob and its own name, say) is tabulated once.
    java.util.Map<Path, Path> byLocation = new java.util.LinkedHashMap<>();
    jmh.forEach(file -> byLocation.putIfAbsent(file.toAbsolutePath().normalize(), file));
    List<Path> files = List.copyOf(byLocation.values());
    for (Path file : files) {
      List<JmhResult> results;
      try {
        results = JmhResult.read(file);
      } catch (UncheckedIOException | IllegalArgumentException e) {
        throw new UserInputException(file + ": " + e.getMessage(), e);
      }
      if (results.isEmpty()) {
        throw new UserInputException("no JMH results in " + file);
      }
      if (files.size() > 1) {
        buffer.println(file + ":");
        buffer.println();
      }
      try {
        printJmhTables(results, buffer);
      } catch (IllegalArgumentException e) {
        // A result whose parameters are not the benchmark's: the file is bad input.
        throw new UserInputException(file + ": " + e.getMessage(), e);
      }
    }
    buffer.flush();
    out.print(tables);
    out.flush();
  }

  private static void printJmhTables(List<JmhResult> results, PrintWriter out) {
    List<UpdaterTable.Row> updaters = UpdaterTable.rows(results);
    if (!updaters.isEmpty()) {
      out.println("Updater step vs memory bound (ns/param: the updater's own time, copy"
          + " subtracted; median (min-max) over iterations):");
      out.print(UpdaterTable.format(updaters));
      long faster = updaters.stream().filter(r -> r.nsPerParameter().median() < 0).count();
      if (faster > 0) {
        out.println(faster + " row(s) with a negative ns/param: the step's median time is below"
            + " its copy baseline's, so the copy was measured slower than it runs (the machine's"
            + " speed drifted between them); measure again with more forks and iterations"
            + " (-f 3 -i 10)");
      }
      out.println();
    }
    List<TrainingTable.Row> training = TrainingTable.rows(results);
    if (!training.isEmpty()) {
      out.println("Training step vs gemm of the same layer shapes (median (min-max) over"
          + " iterations):");
      out.print(TrainingTable.format(training));
      out.println();
    }
    List<JmhResult> others = OtherJmhTable.rows(results);
    if (!others.isEmpty()) {
      out.println("Other benchmarks (median (min-max) over iterations):");
      out.print(OtherJmhTable.format(others));
      out.println();
    }
    // A result left out of every table is said so, never dropped without a word.
    long updaterSteps = UpdaterTable.updaterSteps(results);
    if (updaterSteps > updaters.size()) {
      out.println((updaterSteps - updaters.size()) + " UpdaterStepBenchmark result(s) not"
          + " shown: no copy baseline (updater=copy) of the same size and dtype in the same"
          + " file; run the benchmark with copy among its updaters (-p updater=copy,...)");
      out.println();
    } else if (updaters.isEmpty() && training.isEmpty() && others.isEmpty()) {
      out.println("no table: these results are baselines only (UpdaterStepBenchmark with"
          + " updater=copy, or TrainingStepBenchmark's gemm and mmul without fit)");
      out.println();
    }
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new UserInputException(message);
    }
  }
}
