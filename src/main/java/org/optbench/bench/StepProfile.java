package org.optbench.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.profiler.OpProfiler;
import org.nd4j.linalg.profiler.ProfilerConfig;
import org.optbench.dl4j.BatchOrder;
import org.optbench.data.DatasetRepository;
import org.optbench.dl4j.ImageTensors;
import org.optbench.dl4j.Networks;
import org.optbench.dl4j.Updaters;
import org.optbench.experiment.TrialSpec;
import org.optbench.problem.ProblemSpec;

/**
 * Where the time of a mnist-mlp (or another image problem's) training step (Adam, batch 128)
 * goes: mini-batch gathering, the step unprofiled, and the step under ND4J's
 * {@link OpProfiler}, which times each native operation; what the profiler does not attribute is
 * Java-side work (DL4J's layer and workspace bookkeeping, argument checks) plus the profiler's
 * own cost. Also counts the matrix products of one training step and of one forward pass.
 */
public final class StepProfile {
  /** A line of the profiler's timing summary: kind, op name, id, percentage, time. */
  private static final Pattern TIME = Pattern.compile(
      "\\w+ (\\S+) \\(.*\\)\\s+>>>\\s+perc: \\S+ Time spent: (\\d+) ms");
  /** A line of the profiler's call counts: op name, count. */
  private static final Pattern COUNT = Pattern.compile("(\\S+)\\s+>>> \\[(\\d+)\\].*");

  /**
   * @param steps steps measured (each phase)
   * @param gatherMs mean time to gather one mini-batch (features and labels) into reused arrays,
   *     as the harness does
   * @param fitMs mean time of one {@code fit}, unprofiled
   * @param profiledFitMs mean time of one {@code fit} with the profiler on
   * @param opMs per step, the time the profiler attributes to each op, largest first
   * @param opCalls per step, the calls of each op
   * @param matmulsPerForward matrix products in one forward pass ({@code output})
   */
  public record Result(int steps, double gatherMs, double fitMs, double profiledFitMs,
      Map<String, Double> opMs, Map<String, Double> opCalls, double matmulsPerForward) {
    /** @return per step, the profiled time not attributed to any op */
    public double unattributedMs() {
      return profiledFitMs - opMs.values().stream().mapToDouble(Double::doubleValue).sum();
    }
  }

  private StepProfile() {}

  /**
   * @param repository where MNIST is found
   * @param steps steps per phase (≥ 1)
   * @return the breakdown
   */
  public static Result measure(DatasetRepository repository, int steps) {
    return measure(repository, "mnist-mlp", steps);
  }

  /**
   * {@link #measure(DatasetRepository, int)} for any image problem.
   *
   * @param repository where the problem's data set is found
   * @param problemId an image problem, e.g. {@code mnist-2c2d}
   * @param steps steps per phase (≥ 1)
   * @return the breakdown
   */
  public static Result measure(DatasetRepository repository, String problemId, int steps) {
    TrialSpec spec = BenchPlans.imageTrial(problemId, steps, 1);
    ProblemSpec.Image image = (ProblemSpec.Image) spec.problem();
    ImageTensors.Split train = ImageTensors.of(repository.load(image.dataset())).train(image);
    INDArray features = train.features(0, train.size());
    INDArray labels = train.labels(0, train.size());
    int batch = spec.batchSize().resolve(train.size());
    int[] order = BatchOrder.permutation(train.size(), new SplittableRandom(spec.seed()));
    MultiLayerNetwork net = Networks.classifier(image.architecture(),
        Updaters.toIUpdater(spec.optimizer()), spec.seed());

    int perEpoch = train.size() / batch;
    List<DataSet> batches = new ArrayList<>();
    for (int s = 0; s < steps; s++) {
      int[] rows = rows(order, s, perEpoch, batch);
      batches.add(new DataSet(Nd4j.pullRows(features, 1, rows), Nd4j.pullRows(labels, 1, rows)));
    }
    // Timed apart, as the harness gathers: into two arrays overwritten for every batch. The
    // batches kept above land on fresh pages, whose first-touch faults the harness never pays.
    INDArray featureBuffer = Nd4j.createUninitialized(features.dataType(), batch,
        features.columns());
    INDArray labelBuffer = Nd4j.createUninitialized(labels.dataType(), batch, labels.columns());
    long t0 = System.nanoTime();
    for (int s = 0; s < steps; s++) {
      int[] rows = rows(order, s, perEpoch, batch);
      Nd4j.pullRows(features, featureBuffer, 1, rows);
      Nd4j.pullRows(labels, labelBuffer, 1, rows);
    }
    double gatherMs = (System.nanoTime() - t0) / 1e6 / steps;

    for (int s = 0; s < Math.min(steps, 10); s++) {
      net.fit(batches.get(s));
    }
    t0 = System.nanoTime();
    for (DataSet ds : batches) {
      net.fit(ds);
    }
    double fitMs = (System.nanoTime() - t0) / 1e6 / steps;

    OpProfiler profiler = OpProfiler.getInstance();
    Nd4j.getExecutioner().setProfilingConfig(
        ProfilerConfig.builder().checkElapsedTime(true).build());
    try {
      profiler.reset();
      t0 = System.nanoTime();
      for (DataSet ds : batches) {
        net.fit(ds);
      }
      double profiledMs = (System.nanoTime() - t0) / 1e6 / steps;
      Map<String, Double> opMs = perStep(profiler.getLongAggergator().asPercentageString(),
          TIME, steps);
      Map<String, Double> calls = perStep(profiler.getOpCounter().asString(), COUNT, steps);
      profiler.reset();
      net.output(batches.get(0).getFeatures(), false);
      Map<String, Double> forward = perStep(profiler.getOpCounter().asString(), COUNT, 1);
      return new Result(steps, gatherMs, fitMs, profiledMs, opMs, calls,
          forward.getOrDefault("matmul", 0.0));
    } finally {
      Nd4j.getExecutioner().setProfilingConfig(ProfilerConfig.builder().build());
      profiler.reset();
    }
  }

  /** @return the rows of step {@code s}'s mini-batch, the epoch's order cycled */
  private static int[] rows(int[] order, int s, int perEpoch, int batch) {
    int from = (s % perEpoch) * batch;
    return Arrays.copyOfRange(order, from, from + batch);
  }

  /** Parses ND4J's text summary (name → total) and divides by the number of steps. */
  static Map<String, Double> perStep(String summary, Pattern line, int steps) {
    Map<String, Double> map = new LinkedHashMap<>();
    for (String l : summary.split("\n")) {
      Matcher m = line.matcher(l.trim());
      if (m.matches()) {
        map.merge(m.group(1), Double.parseDouble(m.group(2)) / steps, Double::sum);
      }
    }
    return map;
  }
}
