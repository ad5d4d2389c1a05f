package org.optbench.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.optbench.data.DatasetRepository;
import org.optbench.dl4j.BatchOrder;
import org.optbench.dl4j.Dl4jTrialRunner;
import org.optbench.dl4j.ImageTensors;
import org.optbench.dl4j.Networks;
import org.optbench.dl4j.ParameterHash;
import org.optbench.dl4j.Updaters;
import org.optbench.experiment.TrialSpec;
import org.optbench.problem.ProblemSpec;
import org.optbench.result.ResultStore;
import org.optbench.result.TrialResult;
import org.optbench.run.ExperimentRunner;
import org.optbench.run.PlannedTrial;
import org.optbench.run.TrialRunner;
import org.optbench.stats.TInterval;

/**
 * The cost of the harness: the same mnist-mlp (or other image problem's) steps trained through
 * the full harness
 * ({@link ExperimentRunner} → {@code Dl4jTrialRunner} → the training loop with curve recording,
 * progress and result files) and through a bare DL4J loop that gathers the same mini-batches in
 * the same order, into two arrays it overwrites for every batch as the harness does (new arrays
 * per step cost page faults until the garbage collector frees them), and calls {@code fit}. Both
 * are timed from the end of the first step to the end of the last, so set-up and evaluations are
 * excluded. Runs alternate between the two so drift in the machine's load affects both alike.
 */
public final class HarnessOverhead {
  /** Untimed steps each loop runs first. */
  static final int WARM_UP_STEPS = 100;

  /**
   * @param steps optimizer steps per run
   * @param harnessSeconds time of steps 2..N through the harness, one value per repeat
   * @param bareSeconds the same for the bare loop
   * @param ratio harness / bare total time, one value per pair of adjacent runs
   * @param medianStepRatio harness / bare median step time, one value per pair
   * @param cpuRatio harness / bare CPU time of the training thread over the same steps, one
   *     value per pair: the least disturbed by other processes
   * @param identical whether all runs end with bit-identical parameters (same work, same order)
   * @param harnessMedianStep median step time of each harness run (seconds)
   * @param bareMedianStep the same for the bare loop
   * @param ratioInterval 95 % t interval of the mean of {@code ratio}'s pairs; null for one pair
   * @param cpuRatioInterval the same for {@code cpuRatio}
   */
  public record Result(int steps, Spread harnessSeconds, Spread bareSeconds, Spread ratio,
      Spread medianStepRatio, Spread cpuRatio, boolean identical, Spread harnessMedianStep,
      Spread bareMedianStep, TInterval ratioInterval, TInterval cpuRatioInterval) {}

  private HarnessOverhead() {}

  /**
   * @return optimizer steps in one epoch of the benchmark trial; longer runs would time the
   *     harness's epoch-end evaluation and checkpoint as if they were step overhead
   */
  public static int stepsPerEpoch() {
    return BenchPlans.mlpTrial(2, 1).stepsPerEpoch();
  }

  /**
   * @param repository where MNIST is found
   * @param steps optimizer steps per run (≥ 2, at most {@link #stepsPerEpoch()})
   * @param repeats runs of each kind (≥ 1)
   * @param log told about each run as it ends
   * @return the measurements
   */
  public static Result measure(DatasetRepository repository, int steps, int repeats,
      PrintWriter log) {
    return measure(repository, "mnist-mlp", steps, WARM_UP_STEPS, repeats, log);
  }

  /**
   * {@link #measure(DatasetRepository, int, int, PrintWriter)} for any image problem.
   *
   * @param repository where the problem's data set is found
   * @param problemId an image problem, e.g. {@code mnist-2c2d}
   * @param steps optimizer steps per run (≥ 2, at most one epoch)
   * @param warmUpSteps untimed steps each loop runs once before the timed runs
   * @param repeats runs of each kind (≥ 1)
   * @param log told about each run as it ends
   * @return the measurements
   */
  static Result measure(DatasetRepository repository, String problemId, int steps,
      int warmUpSteps, int repeats, PrintWriter log) {
    TrialSpec spec = BenchPlans.imageTrial(problemId, steps, 1);
    Dl4jTrialRunner runner = new Dl4jTrialRunner(repository, 1);
    runner.prepare(List.of(spec));
    ProblemSpec.Image image = (ProblemSpec.Image) spec.problem();
    ImageTensors.Split train = ImageTensors.of(repository.load(image.dataset())).train(image);
    List<Double> harness = new ArrayList<>();
    List<Double> bare = new ArrayList<>();
    List<Double> ratios = new ArrayList<>();
    List<Double> stepRatios = new ArrayList<>();
    List<Double> cpuRatios = new ArrayList<>();
    List<Double> harnessSteps = new ArrayList<>();
    List<Double> bareSteps = new ArrayList<>();
    Set<String> hashes = new HashSet<>();
    try (Scratch scratch = new Scratch()) {
      // Warm-up, untimed: loads the data into the runner and lets the JIT compile DL4J's Java
      // code, which both loops share; with only a few warm-up steps the first timed run (always
      // the harness) paid for the compilation and came out a few per cent slower.
      TrialSpec warm = BenchPlans.imageTrial(problemId, Math.min(steps, warmUpSteps), 1);
      harness(warm, runner, scratch);
      bare(warm, train);
      for (int r = 0; r < repeats; r++) {
        // Alternate which goes first, so a trend in the machine's load is shared.
        Timed h = null;
        Timed b = null;
        for (int k = 0; k < 2; k++) {
          if ((r + k) % 2 == 0) {
            h = harness(spec, runner, scratch);
            log.printf(Locale.ROOT, "  harness run %d: %.3f s, median step %.2f ms, CPU %.3f s%n",
                r + 1, h.seconds(), h.medianStep() * 1e3, h.cpuSeconds());
          } else {
            b = bare(spec, train);
            log.printf(Locale.ROOT, "  bare run %d:    %.3f s, median step %.2f ms, CPU %.3f s%n",
                r + 1, b.seconds(), b.medianStep() * 1e3, b.cpuSeconds());
          }
          log.flush();
        }
        harness.add(h.seconds());
        bare.add(b.seconds());
        ratios.add(h.seconds() / b.seconds());
        stepRatios.add(h.medianStep() / b.medianStep());
        cpuRatios.add(h.cpuSeconds() / b.cpuSeconds());
        harnessSteps.add(h.medianStep());
        bareSteps.add(b.medianStep());
        hashes.add(h.hash());
        hashes.add(b.hash());
      }
    }
    return new Result(steps, Spread.of(harness), Spread.of(bare), Spread.of(ratios),
        Spread.of(stepRatios), Spread.of(cpuRatios), hashes.size() == 1,
        Spread.of(harnessSteps), Spread.of(bareSteps), interval(ratios), interval(cpuRatios));
  }

  /** The pairs' ratios vary with the machine's load; their mean's 95 % t interval, if 2+ pairs. */
  private static TInterval interval(List<Double> ratios) {
    return ratios.size() < 2 ? null
        : TInterval.of(ratios.stream().mapToDouble(Double::doubleValue).toArray(), 0.95);
  }

  /**
   * Trains one trial in the harness and times its steps.
   *
   * @param spec the trial
   * @param runner the trial runner (its native threads already pinned)
   * @param scratch where the result files go
   * @return the timings and the final parameters' hash
   */
  static Timed harness(TrialSpec spec, TrialRunner runner, Scratch scratch) {
    StepClock clock = new StepClock(runner);
    ExperimentRunner experiment = new ExperimentRunner(new ResultStore(scratch.fresh("harness")),
        clock, 1, Scratch.silent());
    TrialResult result;
    try {
      result = experiment.run(List.of(new PlannedTrial(org.optbench.experiment.Arm.GRID, spec)),
          false).get(0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    if (result.finalParamsSha256().isEmpty()) {
      throw new IllegalStateException("the benchmark trial failed: " + result.message());
    }
    return new Timed(clock.ends(), clock.cpuEnds(), result.finalParamsSha256());
  }

  /**
   * The harness's loop without the harness: same network, batches and order; fit only. Like each
   * harness trial, it runs on a thread of its own: ND4J keeps workspaces per thread, and a
   * thread that trained before starts with the previous run's workspaces.
   */
  private static Timed bare(TrialSpec spec, ImageTensors.Split train) {
    AtomicReference<Timed> timed = new AtomicReference<>();
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    Thread thread = new Thread(() -> {
      try {
        timed.set(bareLoop(spec, train));
      } catch (RuntimeException e) {
        failure.set(e);
      }
    }, "bare-loop");
    thread.start();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    if (failure.get() != null) {
      throw failure.get();
    }
    return timed.get();
  }

  private static Timed bareLoop(TrialSpec spec, ImageTensors.Split train) {
    ProblemSpec.Image image = (ProblemSpec.Image) spec.problem();
    MultiLayerNetwork net = Networks.classifier(image.architecture(),
        Updaters.toIUpdater(spec.optimizer()), spec.seed());
    INDArray features = train.features(0, train.size());
    INDArray labels = train.labels(0, train.size());
    int n = train.size();
    int batch = spec.batchSize().resolve(n);
    long total = spec.totalSteps();
    SplittableRandom shuffle = new SplittableRandom(spec.seed());
    long[] ends = new long[(int) total];
    long[] cpu = new long[ends.length];
    int step = 0;
    INDArray batchFeatures = null;
    INDArray batchLabels = null;
    while (step < total) {
      int[] order = batch < n ? BatchOrder.permutation(n, shuffle) : null;
      for (int from = 0; from < n && step < total; from += batch) {
        int to = Math.min(n, from + batch);
        DataSet ds;
        if (order == null && from == 0 && to == n) {
          ds = new DataSet(features, labels);
        } else {
          int[] rows = new int[to - from];
          for (int i = 0; i < rows.length; i++) {
            rows[i] = order == null ? from + i : order[from + i];
          }
          if (batchFeatures == null || batchFeatures.rows() != rows.length) {
            batchFeatures = Nd4j.createUninitialized(features.dataType(), rows.length,
                features.columns());
            batchLabels = Nd4j.createUninitialized(labels.dataType(), rows.length,
                labels.columns());
          }
          ds = new DataSet(Nd4j.pullRows(features, batchFeatures, 1, rows),
              Nd4j.pullRows(labels, batchLabels, 1, rows));
        }
        net.fit(ds);
        cpu[step] = StepClock.cpuNanos();
        ends[step++] = System.nanoTime();
      }
      if (step % spec.stepsPerEpoch() == 0) {
        net.incrementEpochCount();
      }
    }
    return new Timed(ends, cpu, ParameterHash.of(net.params()));
  }

  /**
   * @param ends end time of every step (ns)
   * @param cpu the training thread's CPU time at the end of every step (ns)
   * @param hash SHA-256 of the final parameters
   */
  record Timed(long[] ends, long[] cpu, String hash) {
    double cpuSeconds() {
      return StepClock.seconds(cpu);
    }

    double seconds() {
      return StepClock.seconds(ends);
    }

    double medianStep() {
      return StepClock.medianStep(ends);
    }
  }
}
