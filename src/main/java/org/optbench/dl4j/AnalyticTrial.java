package org.optbench.dl4j;

import java.nio.file.Path;
import java.util.Arrays;
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
import org.optbench.experiment.TrialSpec;
import org.optbench.problem.ProblemSpec;
import org.optbench.problem.TestFunction;
import org.optbench.result.CurveFormat;
import org.optbench.result.CurveWriter;
import org.optbench.result.TrialResult;

/**
 * Minimises a 2-D {@link TestFunction} with a real DL4J updater: at step t the analytic gradient
 * g = ∇f(θ_t) is written into a {@code [1, 2]} double array, {@link GradientUpdater#applyUpdater}
 * turns it in place into the update u_t, and θ_{t+1} = θ_t − u_t. So the arithmetic measured is
 * DL4J's own, as inside a network.
 *
 * <p>{@code curve.csv} has a row for every t = 0..T with θ_t, f(θ_t), the distance to the nearest
 * global minimiser and f(θ_t) − f*.
 */
public final class AnalyticTrial {
  private static final CurveFormat FORMAT = CurveFormat.analytic();

  private AnalyticTrial() {}

  /**
   * @param spec a trial of an analytic problem
   * @param updater the DL4J updater built from {@code spec.optimizer()}
   * @param dir folder receiving {@code curve.csv}
   * @param progress told each step
   * @return the result; DIVERGED when f − f* becomes non-finite or exceeds the divergence factor
   *     times its initial value
   */
  public static TrialResult run(TrialSpec spec, IUpdater updater, Path dir,
      LongConsumer progress) {
    return run(spec, updater, List.of(), dir, progress);
  }

  /**
   * {@link #run(TrialSpec, IUpdater, Path, LongConsumer)} with regularizations applied as a DL4J
   * network applies them: those of step {@code BEFORE_UPDATER} to the gradient before the
   * updater, those of step {@code POST_UPDATER} (e.g. {@code WeightDecay}) to the update after
   * it, with the updater's learning rate of that iteration.
   *
   * @param spec a trial of an analytic problem
   * @param updater the DL4J updater built from {@code spec.optimizer()}
   * @param regularization applied to θ's gradient or update; empty for none
   * @param dir folder receiving {@code curve.csv}
   * @param progress told each step
   * @return the result, as the other overload
   */
  public static TrialResult run(TrialSpec spec, IUpdater updater,
      List<Regularization> regularization, Path dir, LongConsumer progress) {
    ProblemSpec.Analytic problem = (ProblemSpec.Analytic) spec.problem();
    TestFunction f = problem.function();
    INDArray theta = Nd4j.create(new double[] {problem.start().get(0), problem.start().get(1)},
        new long[] {1, 2}, DataType.DOUBLE);
    String initialHash = ParameterHash.of(theta);
    long stateSize = updater.stateSize(2);
    INDArray state = stateSize == 0 ? null : Nd4j.zeros(DataType.DOUBLE, 1, stateSize);
    GradientUpdater<?> gradientUpdater = updater.instantiate(state, true);
    INDArray gradient = Nd4j.zeros(DataType.DOUBLE, 1, 2);
    double[] g = new double[2];
    double fStar = f.minimum();
    double reference = f.value(theta.getDouble(0), theta.getDouble(1)) - fStar;

    long steps = spec.totalSteps();
    long timeLimit = spec.budget().timeLimitNanos();
    double clipNorm = spec.optimizer().recipe().clipGlobalNorm();
    CurveFormat format = clipNorm > 0 ? FORMAT.withClipping() : FORMAT;
    double gradNorm = Double.NaN;
    boolean clipped = false;
    long nanos = 0;
    long divergedAt = -1;
    String message = null;
    long t = 0;
    double[] last;
    try (CurveWriter curve = format.create(dir)) {
      while (true) {
        double x = theta.getDouble(0);
        double y = theta.getDouble(1);
        double value = f.value(x, y);
        double lr = updater.hasLearningRate() ? updater.getLearningRate((int) t, 0) : Double.NaN;
        // Decided before θ_t's row is written, so the row says whether a step follows; stopping
        // here makes a time-limited run's curve that of a run limited to t steps.
        boolean stopping = t == steps || nanos >= timeLimit;
        last = new double[] {t, x, y, value, f.distanceToOptimum(x, y), value - fStar, lr,
            nanos / 1e9};
        if (clipNorm > 0) {
          // The row of point t describes the step taken from it (none after the last point).
          f.gradient(x, y, g);
          gradNorm = stopping ? Double.NaN : Math.hypot(g[0], g[1]);
          clipped = gradNorm > clipNorm;
          double[] wide = Arrays.copyOf(last, last.length + 2);
          wide[last.length] = gradNorm;
          wide[last.length + 1] = clipped ? 1 : 0;
          curve.row(wide);
        } else {
          curve.row(last);
        }
        double excess = value - fStar;
        if (!Double.isFinite(value) || excess > spec.divergenceFactor() * reference) {
          divergedAt = t;
          message = "f - f* = " + excess + " at iteration " + t + " (initially " + reference
              + ", divergence factor " + spec.divergenceFactor() + ")";
          break;
        }
        if (stopping) {
          break;
        }
        long start = System.nanoTime();
        f.gradient(x, y, g);
        // Global-norm clipping: g ← g·min(1, c/‖g‖₂), before L2 and the updater.
        double scale = clipped ? clipNorm / gradNorm : 1.0;
        gradient.putScalar(0, g[0] * scale);
        gradient.putScalar(1, g[1] * scale);
        regularize(regularization, Regularization.ApplyStep.BEFORE_UPDATER, theta, gradient,
            updater, t);
        gradientUpdater.applyUpdater(gradient, (int) t, 0);
        regularize(regularization, Regularization.ApplyStep.POST_UPDATER, theta, gradient,
            updater, t);
        theta.subi(gradient);
        nanos += System.nanoTime() - start;
        t++;
        progress.accept(1);
      }
    }
    Map<String, Double> finals = new LinkedHashMap<>();
    for (int i = 1; i < 6; i++) {
      finals.put(FORMAT.columns().get(i), last[i]);
    }
    TrialResult.Extent extent = new TrialResult.Extent(t, 0, 0, nanos / 1e9, 0);
    return divergedAt >= 0
        ? TrialResult.diverged(spec, extent, divergedAt, message, initialHash,
            ParameterHash.of(theta), null)
        : TrialResult.completed(spec, extent, initialHash, ParameterHash.of(theta), finals, null);
  }

  private static void regularize(List<Regularization> regularization,
      Regularization.ApplyStep step, INDArray theta, INDArray gradient, IUpdater updater,
      long t) {
    for (Regularization r : regularization) {
      if (r.applyStep() == step) {
        double lr = updater.hasLearningRate() ? updater.getLearningRate((int) t, 0) : 1.0;
        r.apply(theta, gradient, lr, (int) t, 0);
      }
    }
  }
}
