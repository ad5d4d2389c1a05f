package org.optbench.dl4j;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.LongConsumer;
import org.nd4j.linalg.learning.config.IUpdater;
import org.optbench.experiment.TrialSpec;
import org.optbench.result.CurveFormat;
import org.optbench.result.CurveWriter;
import org.optbench.result.TrialResult;

/**
 * The training loop of a network trial: mini-batches in a seeded order reshuffled every epoch
 * (a permutation or a streaming shuffle buffer, as the spec's {@code order} says),
 * one {@code fit} per step, the mini-batch loss recorded, evaluations at step 0, at the configured
 * interval and at the end, and divergence detection. It stops at the step limit or, for a
 * time-limited trial, before the first step that would start once the training time reached the
 * limit: the steps and evaluations up to there are those of a run limited to that many steps, so
 * a replay with that step limit gives the same curves.
 *
 * <p>Conventions of the files written: {@code iteration} is the number of optimizer steps taken
 * before the measurement, so the loss in {@code curve.csv} at iteration t is the mean loss of
 * mini-batch t at the parameters θ_t, computed by DL4J during that step before its update.
 * {@code train_time_s} is cumulative wall time of batch gathering and {@code fit}, evaluation
 * excluded.
 */
final class NetworkTrial {
  private final TrialSpec spec;
  private final TrainingData data;
  private final Evaluator evaluator;
  private final Function<TrainedNet, double[]> stepExtras;
  private final List<String> stepExtraColumns;
  private final boolean checkpoints;
  private IntConsumer afterCheckpoint = epoch -> { };
  /**
   * A classifier's trial: trained on a split's examples, no extra step columns, checkpointed.
   *
   * @param spec the trial
   * @param train the training split, {@code [examples, inputs]} and one-hot labels
   * @param evaluator loss and accuracy on train, validation and test
   * @return the trial, ready to {@link #run}
   */
  static NetworkTrial classifier(TrialSpec spec, ImageTensors.Split train, Evaluator evaluator) {
    return classifier(spec, train, evaluator, null);
  }

  /**
   * A classifier's trial whose mini-batch features are built per step (data augmentation).
   *
   * @param spec the trial
   * @param train the training split, {@code [examples, inputs]} and one-hot labels
   * @param evaluator loss and accuracy on train, validation and test
   * @param augmented builds each mini-batch's features from its indices into {@code train} and
   *     the step, or null to take them from {@code train}
   * @return the trial, ready to {@link #run}
   */
  static NetworkTrial classifier(TrialSpec spec, ImageTensors.Split train, Evaluator evaluator,
      TrainingData.BatchFeatures augmented) {
    return new NetworkTrial(spec,
        new TrainingData(train.features(0, train.size()), train.labels(0, train.size()),
            augmented),
        evaluator, List.of(), n -> new double[0], true);
  }

  /**
   * @param spec the trial
   * @param data the training examples
   * @param evaluator what to measure at evaluation points
   * @param stepExtraColumns names of extra per-step columns (e.g. the weights), may be empty
   * @param stepExtras values of those columns at θ_t, measured before step t
   * @param checkpoints whether to checkpoint at epoch boundaries and resume from a checkpoint
   */
  NetworkTrial(TrialSpec spec, TrainingData data, Evaluator evaluator,
      List<String> stepExtraColumns, Function<TrainedNet, double[]> stepExtras,
      boolean checkpoints) {
    this.spec = spec;
    this.data = data;
    this.evaluator = evaluator;
    this.stepExtraColumns = stepExtraColumns;
    this.stepExtras = stepExtras;
    this.checkpoints = checkpoints;
  }

  /** Test hook: called with the epoch count after each checkpoint is written. */
  NetworkTrial afterCheckpoint(IntConsumer hook) {
    this.afterCheckpoint = hook;
    return this;
  }

  /**
   * Trains from the start, or from the trial folder's checkpoint if there is one.
   *
   * @param fresh the newly initialised network (ignored when resuming, except for its kind:
   *     the checkpoint is restored as the same kind)
   * @param updater the updater it was built with, for the learning rate column
   * @param dir the trial folder
   * @param progress told each step
   * @return the result
   */
  TrialResult run(TrainedNet fresh, IUpdater updater, Path dir, LongConsumer progress) {
    double clipNorm = spec.optimizer().recipe().clipGlobalNorm();
    GlobalNormClipping clipping = clipNorm > 0 ? new GlobalNormClipping(clipNorm) : null;
    CurveFormat curveFormat = clipping == null ? CurveFormat.networkSteps(stepExtraColumns)
        : CurveFormat.networkSteps(stepExtraColumns).withClipping();
    CurveFormat evalsFormat = CurveFormat.networkEvals(evaluator.columns());
    MemoryUse.startTrial();
    Checkpoint checkpoint = new Checkpoint(dir);
    Optional<Checkpoint.Saved> saved = checkpoints ? checkpoint.load(fresh) : Optional.empty();
    TrainedNet net = saved.map(Checkpoint.Saved::network).orElse(fresh);
    if (clipping != null) {
      // Listeners are not part of a checkpoint: a restored network gets it here too.
      net.addListener(clipping);
    }

    int n = data.size();
    int batch = spec.batchSize().resolve(n);
    long totalSteps = spec.totalSteps();
    // Training time only, as the train_time_s column counts it; a resumed trial starts from the
    // time its checkpoint recorded, so an interruption does not extend the limit.
    long timeLimit = spec.budget().timeLimitNanos();
    SplittableRandom shuffle = new SplittableRandom(spec.seed());
    long divergedAt = -1;
    String message = null;
    Loop s;
    CurveWriter curve = null;
    CurveWriter evals = null;
    try {
      if (saved.isPresent()) {
        s = new Loop(saved.get().state());
        curve = curveFormat.resume(dir, s.curveBytes);
        evals = evalsFormat.resume(dir, s.evalsBytes);
        // Replaying the completed epochs' shuffles puts the generator where it was.
        for (int e = 0; e < s.epoch; e++) {
          if (batch < n) {
            BatchOrder.epoch(spec.order(), n, shuffle);
          }
        }
        progress.accept(s.step);
      } else {
        s = new Loop();
        s.initialHash = ParameterHash.of(net.params());
        curve = curveFormat.create(dir);
        evals = evalsFormat.create(dir);
        evaluate(net, s, evals, curve);
        // The mini-batch loss DL4J reports includes the regularization penalty (½·λ·‖w‖² of L2
        // and weight decay) and the evaluation's loss does not: add the initial penalty, so the
        // divergence test compares like with like. Without regularization it adds 0.0.
        s.referenceLoss = s.lastEval[0] + net.regularizationScore();
      }

      MiniBatches batches = new MiniBatches(data);
      training:
      while (s.step < totalSteps) {
        int[] order = batch < n ? BatchOrder.epoch(spec.order(), n, shuffle) : null;
        for (int from = 0; from < n && s.step < totalSteps; from += batch) {
          if (s.trainNanos >= timeLimit) {
            break training;
          }
          int to = Math.min(n, from + batch);
          double[] extras = stepExtras.apply(net);
          if (clipping != null) {
            clipping.batchSize(to - from);
          }
          if (s.lastEvalStep == s.step) {
            // An evaluation just ran and sized the workspaces for inference. Outside the timed
            // part: it frees memory, the next steps relearn the sizes.
            MemoryUse.afterInference();
          }
          long start = System.nanoTime();
          net.fit(batches.next(order, from, to, s.step));
          double loss = net.score();
          s.trainNanos += System.nanoTime() - start;
          if (s.step % spec.lossEvery() == 0) {
            double lr = updater.hasLearningRate()
                ? updater.getLearningRate((int) s.step, s.epoch) : Double.NaN;
            int width = CurveFormat.networkStepPrefix() + extras.length
                + (clipping == null ? 0 : CurveFormat.CLIPPING_COLUMNS.size());
            double[] row = new double[width];
            row[0] = s.step;
            row[1] = s.epoch;
            row[2] = s.examples;
            row[3] = loss;
            row[4] = lr;
            row[5] = s.trainNanos / 1e9;
            System.arraycopy(extras, 0, row, CurveFormat.networkStepPrefix(), extras.length);
            if (clipping != null) {
              row[width - 2] = clipping.lastNorm();
              row[width - 1] = clipping.lastClipped() ? 1 : 0;
            }
            curve.row(row);
          }
          s.step++;
          s.examples += to - from;
          progress.accept(1);
          if (!Double.isFinite(loss) || loss > spec.divergenceFactor() * s.referenceLoss) {
            divergedAt = s.step - 1;
            message = "loss " + loss + " at iteration " + divergedAt + " (initial loss "
                + s.referenceLoss + ", divergence factor " + spec.divergenceFactor() + ")";
            break training;
          }
          // The epoch counter moves before any evaluation at this step, so an evaluation that
          // falls on an epoch boundary records the epochs completed, as curve.csv does.
          if (s.step % spec.stepsPerEpoch() == 0) {
            s.epoch++;
            net.incrementEpochCount();
          }
          if (spec.evalEverySteps() > 0 && s.step % spec.evalEverySteps() == 0) {
            evaluate(net, s, evals, curve);
          }
        }
        if (s.step % spec.stepsPerEpoch() == 0) {
          if (spec.evalEverySteps() == 0 && s.lastEvalStep != s.step) {
            evaluate(net, s, evals, curve);
          }
          if (checkpoints && s.step < totalSteps && s.trainNanos < timeLimit) {
            curve.flush();
            evals.flush();
            checkpoint.save(net, s.state(curveFormat.size(dir), evalsFormat.size(dir)));
            afterCheckpoint.accept(s.epoch);
          }
        }
      }
      if (s.lastEvalStep != s.step) {
        evaluate(net, s, evals, curve);
      }
    } finally {
      if (curve != null) {
        curve.close();
      }
      if (evals != null) {
        evals.close();
      }
    }
    Map<String, Double> finals = new LinkedHashMap<>();
    for (int i = 0; i < s.lastEval.length; i++) {
      finals.put(evaluator.columns().get(i), s.lastEval[i]);
    }
    TrialResult.Extent extent = new TrialResult.Extent(s.step, s.epoch, s.examples,
        s.trainNanos / 1e9, s.evalNanos / 1e9);
    return divergedAt >= 0
        ? TrialResult.diverged(spec, extent, divergedAt, message, s.initialHash,
            ParameterHash.of(net.params()), MemoryUse.of(net))
        : TrialResult.completed(spec, extent, s.initialHash, ParameterHash.of(net.params()),
            finals, MemoryUse.of(net));
  }

  private void evaluate(TrainedNet net, Loop s, CurveWriter evals, CurveWriter curve) {
    long t0 = System.nanoTime();
    s.lastEval = evaluator.evaluate(net);
    s.evalNanos += System.nanoTime() - t0;
    evals.row(prefix(s.lastEval, s.step, s.epoch, s.examples, s.trainNanos));
    curve.flush();
    evals.flush();
    s.lastEvalStep = s.step;
  }

  /** The loop's mutable counters; {@link Checkpoint.State} is their saved form. */
  private static final class Loop {
    long step;
    int epoch;
    long examples;
    long trainNanos;
    long evalNanos;
    long lastEvalStep;
    double referenceLoss;
    String initialHash;
    double[] lastEval;
    long curveBytes;
    long evalsBytes;

    Loop() {}

    Loop(Checkpoint.State saved) {
      step = saved.step();
      epoch = saved.epoch();
      examples = saved.examples();
      trainNanos = saved.trainNanos();
      evalNanos = saved.evalNanos();
      lastEvalStep = saved.lastEvalStep();
      referenceLoss = saved.referenceLoss();
      initialHash = saved.initialHash();
      lastEval = saved.lastEval();
      curveBytes = saved.curveBytes();
      evalsBytes = saved.evalsBytes();
    }

    Checkpoint.State state(long curveSize, long evalsSize) {
      return new Checkpoint.State(step, epoch, examples, trainNanos, evalNanos, lastEvalStep,
          referenceLoss, initialHash, lastEval, curveSize, evalsSize, null);
    }
  }

  private static double[] prefix(double[] metrics, long step, int epoch, long examples,
      long trainNanos) {
    double[] row = new double[CurveFormat.networkEvalPrefix() + metrics.length];
    row[0] = step;
    row[1] = epoch;
    row[2] = examples;
    row[3] = trainNanos / 1e9;
    System.arraycopy(metrics, 0, row, CurveFormat.networkEvalPrefix(), metrics.length);
    return row;
  }
}
