package org.optbench.dl4j;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.LongConsumer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.learning.config.IUpdater;
import org.optbench.experiment.TrialId;
import org.optbench.experiment.TrialSpec;
import org.optbench.result.CurveWriter;
import org.optbench.result.TrialResult;
import org.optbench.result.TrialStatus;

/**
 * The training loop of a network trial: mini-batches in a seeded order reshuffled every epoch,
 * one {@code fit} per step, the mini-batch loss recorded, evaluations at step 0, at the configured
 * interval and at the end, and divergence detection.
 *
 * <p>Conventions of the files written: {@code iteration} is the number of optimizer steps taken
 * before the measurement, so the loss in {@code curve.csv} at iteration t is the mean loss of
 * mini-batch t at the parameters θ_t, computed by DL4J during that step before its update.
 * {@code train_time_s} is cumulative wall time of batch gathering and {@code fit}, evaluation
 * excluded.
 */
final class NetworkTrial {
  private static final String STEP_UNITS = "iteration: optimizer steps taken before the row;"
      + " epoch: completed epochs; examples_seen: examples; loss: mean mini-batch loss at that"
      + " iteration, before its update; learning_rate: in effect for that step (NaN: none);"
      + " train_time_s: cumulative training seconds, evaluation excluded";
  private static final String EVAL_UNITS = "iteration: optimizer steps taken before the"
      + " evaluation; examples_seen: examples; train_time_s: cumulative training seconds;"
      + " losses: mean over the examples; accuracies: fraction in [0, 1]";

  private final TrialSpec spec;
  private final TrainingData data;
  private final Evaluator evaluator;
  private final Function<MultiLayerNetwork, double[]> stepExtras;
  private final List<String> stepExtraColumns;

  /**
   * @param spec the trial
   * @param data the training examples
   * @param evaluator what to measure at evaluation points
   * @param stepExtraColumns names of extra per-step columns (e.g. the weights), may be empty
   * @param stepExtras values of those columns at θ_t, measured before step t
   */
  NetworkTrial(TrialSpec spec, TrainingData data, Evaluator evaluator,
      List<String> stepExtraColumns, Function<MultiLayerNetwork, double[]> stepExtras) {
    this.spec = spec;
    this.data = data;
    this.evaluator = evaluator;
    this.stepExtraColumns = stepExtraColumns;
    this.stepExtras = stepExtras;
  }

  TrialResult run(MultiLayerNetwork net, IUpdater updater, Path dir, LongConsumer progress) {
    String initialHash = ParameterHash.of(net.params());
    List<String> curveColumns = new ArrayList<>(List.of("iteration", "epoch", "examples_seen",
        "loss", "learning_rate", "train_time_s"));
    curveColumns.addAll(stepExtraColumns);
    List<String> evalColumns = new ArrayList<>(List.of("iteration", "epoch", "examples_seen",
        "train_time_s"));
    evalColumns.addAll(evaluator.columns());

    int n = data.size();
    int batch = spec.batchSize().resolve(n);
    long totalSteps = spec.totalSteps();
    SplittableRandom shuffle = new SplittableRandom(spec.seed());
    long step = 0;
    int epoch = 0;
    long examples = 0;
    long trainNanos = 0;
    long evalNanos = 0;
    long divergedAt = -1;
    String message = null;
    double[] lastEval;
    try (CurveWriter curve = new CurveWriter(dir.resolve("curve.csv"), STEP_UNITS, curveColumns);
        CurveWriter evals = new CurveWriter(dir.resolve("evals.csv"), EVAL_UNITS, evalColumns)) {
      long t0 = System.nanoTime();
      lastEval = evaluator.evaluate(net);
      evalNanos += System.nanoTime() - t0;
      evals.row(prefix(lastEval, 0, 0, 0, 0));
      evals.flush();
      double referenceLoss = lastEval[0];
      long lastEvalStep = 0;

      training:
      while (step < totalSteps) {
        int[] order = batch < n ? permutation(n, shuffle) : null;
        for (int from = 0; from < n && step < totalSteps; from += batch) {
          int to = Math.min(n, from + batch);
          double[] extras = stepExtras.apply(net);
          long start = System.nanoTime();
          net.fit(data.batch(order, from, to));
          double loss = net.score();
          trainNanos += System.nanoTime() - start;
          if (step % spec.lossEvery() == 0) {
            double lr = updater.hasLearningRate()
                ? updater.getLearningRate((int) step, epoch) : Double.NaN;
            double[] row = new double[6 + extras.length];
            row[0] = step;
            row[1] = epoch;
            row[2] = examples;
            row[3] = loss;
            row[4] = lr;
            row[5] = trainNanos / 1e9;
            System.arraycopy(extras, 0, row, 6, extras.length);
            curve.row(row);
          }
          step++;
          examples += to - from;
          progress.accept(1);
          if (!Double.isFinite(loss) || loss > spec.divergenceFactor() * referenceLoss) {
            divergedAt = step - 1;
            message = "loss " + loss + " at iteration " + divergedAt + " (initial loss "
                + referenceLoss + ", divergence factor " + spec.divergenceFactor() + ")";
            break training;
          }
          if (spec.evalEverySteps() > 0 && step % spec.evalEverySteps() == 0) {
            t0 = System.nanoTime();
            lastEval = evaluator.evaluate(net);
            evalNanos += System.nanoTime() - t0;
            evals.row(prefix(lastEval, step, epoch, examples, trainNanos));
            curve.flush();
            evals.flush();
            lastEvalStep = step;
          }
        }
        if (step % spec.stepsPerEpoch() == 0) {
          epoch++;
          net.incrementEpochCount();
          if (spec.evalEverySteps() == 0 && lastEvalStep != step) {
            t0 = System.nanoTime();
            lastEval = evaluator.evaluate(net);
            evalNanos += System.nanoTime() - t0;
            evals.row(prefix(lastEval, step, epoch, examples, trainNanos));
            curve.flush();
            evals.flush();
            lastEvalStep = step;
          }
        }
      }
      if (lastEvalStep != step) {
        t0 = System.nanoTime();
        lastEval = evaluator.evaluate(net);
        evalNanos += System.nanoTime() - t0;
        evals.row(prefix(lastEval, step, epoch, examples, trainNanos));
      }
    }
    Map<String, Double> finals = new LinkedHashMap<>();
    for (int i = 0; i < lastEval.length; i++) {
      finals.put(evaluator.columns().get(i), lastEval[i]);
    }
    return new TrialResult(TrialId.of(spec).hex(), spec.problem().id(), spec.optimizer().id(),
        spec.optimizer().hyperparameters(), spec.batchSize().toString(), spec.seed(),
        divergedAt >= 0 ? TrialStatus.DIVERGED : TrialStatus.COMPLETED, message, step, epoch,
        examples, divergedAt, trainNanos / 1e9, evalNanos / 1e9, spec.threads(), initialHash,
        ParameterHash.of(net.params()), finals);
  }

  private static double[] prefix(double[] metrics, long step, int epoch, long examples,
      long trainNanos) {
    double[] row = new double[4 + metrics.length];
    row[0] = step;
    row[1] = epoch;
    row[2] = examples;
    row[3] = trainNanos / 1e9;
    System.arraycopy(metrics, 0, row, 4, metrics.length);
    return row;
  }

  /** Fisher–Yates with the trial's own generator, so the order depends on the seed alone. */
  private static int[] permutation(int n, SplittableRandom random) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int tmp = order[i];
      order[i] = order[j];
      order[j] = tmp;
    }
    return order;
  }
}
