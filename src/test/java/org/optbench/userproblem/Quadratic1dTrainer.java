package org.optbench.userproblem;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.optbench.dl4j.ParameterHash;
import org.optbench.dl4j.ProblemTrainer;
import org.optbench.experiment.TrialId;
import org.optbench.experiment.TrialSpec;
import org.optbench.result.CurveWriter;
import org.optbench.result.TrialResult;
import org.optbench.result.TrialStatus;

/**
 * Trains {@link Quadratic1d} by gradient steps through the trial's DL4J updater: g = f'(w_t),
 * the updater turns g into u_t, w_{t+1} = w_t − u_t. {@code curve.csv} has a row for every
 * t = 0..T: w_t, f(w_t), |w_t − b| and f(w_t) − f*.
 *
 * <p>A trial with learning rate {@value #CRASHING_LEARNING_RATE} stands for a native crash: it
 * prints a line and halts its JVM with exit code 137, as the kernel's out-of-memory killer would
 * end it, so tests can check that {@code run --isolate} records it and goes on.
 */
public final class Quadratic1dTrainer implements ProblemTrainer {
  /** The learning rate whose trial halts its JVM. */
  static final double CRASHING_LEARNING_RATE = 0.125;

  private static final List<String> COLUMNS = List.of("iteration", "w", "loss",
      "distance_to_optimum", "suboptimality", "train_time_s");

  @Override
  public Class<Quadratic1d> problemType() {
    return Quadratic1d.class;
  }

  @Override
  public TrialResult run(TrialSpec spec, IUpdater updater, List<Regularization> regularization,
      Path trialDir, LongConsumer progress) {
    if (!regularization.isEmpty()) {
      // This one-weight loop applies plain updater steps only.
      throw new IllegalArgumentException("quadratic-1d trains without regularization; "
          + spec.optimizer().id() + " needs " + regularization);
    }
    Quadratic1d q = (Quadratic1d) spec.problem();
    if (Double.valueOf(CRASHING_LEARNING_RATE)
        .equals(spec.optimizer().hyperparameters().get("learningRate"))) {
      System.out.println("quadratic-1d: halting this JVM as a native crash would");
      System.out.flush();
      Runtime.getRuntime().halt(137);
    }
    INDArray w = Nd4j.create(new double[] {q.start()}, new long[] {1, 1}, DataType.DOUBLE);
    String initialHash = ParameterHash.of(w);
    long stateSize = updater.stateSize(1);
    GradientUpdater<?> step = updater.instantiate(
        stateSize == 0 ? null : Nd4j.zeros(DataType.DOUBLE, 1, stateSize), true);
    INDArray gradient = Nd4j.zeros(DataType.DOUBLE, 1, 1);
    long steps = spec.budget().amount();
    double[] last;
    long t = 0;
    try (CurveWriter curve = new CurveWriter(trialDir.resolve("curve.csv"),
        "iteration: steps taken; w: the weight; loss: f(w); distance_to_optimum: |w - b|;"
            + " suboptimality: f - f*; train_time_s: always 0", COLUMNS)) {
      while (true) {
        double x = w.getDouble(0);
        last = new double[] {t, x, q.value(x), Math.abs(x - q.b()), q.value(x), 0};
        curve.row(last);
        if (t == steps) {
          break;
        }
        gradient.putScalar(0, q.gradient(x));
        step.applyUpdater(gradient, (int) t, 0);
        w.subi(gradient);
        t++;
        progress.accept(1);
      }
    }
    Map<String, Double> finals = new LinkedHashMap<>();
    for (int i = 2; i < 5; i++) {
      finals.put(COLUMNS.get(i), last[i]);
    }
    return new TrialResult(TrialId.of(spec).hex(), q.id(), spec.optimizer().id(),
        spec.optimizer().hyperparameters(), spec.batchSize().toString(), spec.seed(),
        TrialStatus.COMPLETED, null, t, 0, 0, -1, 0, 0, spec.threads(), initialHash,
        ParameterHash.of(w), finals, null);
  }
}
