package org.optbench.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.optbench.experiment.Budget;
import org.optbench.experiment.TrialSpec;
import org.optbench.result.ResultStore;
import org.optbench.result.TrialResult;
import org.optbench.result.TrialStatus;

/**
 * Times a few steps of a trial in a temporary folder, deleted afterwards, and scales them to the
 * whole trial: for a dry run when no trial of the same cost class has run yet.
 */
final class CostProbe {
  /** Steps a probe trains (fewer if the trial has fewer). */
  static final int STEPS = 5;
  /** Below this training time (seconds) the first probe's steps are cheap ... */
  private static final double CHEAP_SECONDS = 0.25;
  /**
   * ... and a second probe, warm, times as many steps as the first probe's pace fits in
   * {@link #SECOND_PROBE_SECONDS}, at most this many (and at most the trial's).
   */
  private static final int CHEAP_STEPS = 500;
  /** What the second probe may take by the first probe's (cold, so pessimistic) pace. */
  private static final double SECOND_PROBE_SECONDS = 1.0;
  /** {@code spec.json} and {@code result.json}, which a probe does not write (bytes). */
  private static final long FIXED_BYTES = 2048;

  /**
   * What a probe found.
   *
   * @param seconds the whole trial's estimated wall time, training and evaluation (seconds)
   * @param bytes its folder's estimated size on disk (bytes)
   * @param steps steps the probe trained
   * @param probeSeconds what the probe itself took, data loading included (seconds)
   */
  record Found(double seconds, double bytes, long steps, double probeSeconds) {}

  private CostProbe() {}

  /**
   * @param backend prepares the data and trains
   * @param spec the trial to estimate
   * @return its estimated cost
   * @throws org.optbench.UserInputException if the data cannot be prepared
   * @throws IllegalStateException if the probe trial fails
   * @throws UncheckedIOException if the temporary folder cannot be made or deleted
   */
  static Found probe(TrialBackend backend, TrialSpec spec) {
    long started = System.nanoTime();
    long total = spec.totalSteps();
    Timed found = once(backend, spec, (int) Math.min(STEPS, total), started);
    // A few cheap steps are timed mostly by warm-up (class loading, JIT): time more of them,
    // now warm, when that stays short.
    if (found.trainSeconds() < CHEAP_SECONDS && total > found.found().steps()) {
      // Bounded by time, not only by count: 500 mnist-mlp steps are a whole epoch.
      long fit = (long) Math.ceil(found.found().steps() * SECOND_PROBE_SECONDS
          / Math.max(found.trainSeconds(), 1e-6));
      int steps = (int) Math.min(Math.min(CHEAP_STEPS, total), Math.max(fit, STEPS + 1));
      found = once(backend, spec, steps, started);
    }
    return found.found();
  }

  /** A probe's estimate with the training time it measured (seconds). */
  private record Timed(Found found, double trainSeconds) {}

  private static Timed once(TrialBackend backend, TrialSpec spec, int steps, long started) {
    // Evaluations at the first and the last probe step only; every step's loss recorded, so the
    // curve's bytes per row can be measured.
    TrialSpec probe = new TrialSpec(spec.problem(), spec.optimizer(), spec.batchSize(),
        new Budget(Budget.Unit.STEPS, steps), steps, 1, spec.divergenceFactor(), spec.seed(),
        spec.threads(), spec.order());
    backend.prepare().apply(List.of(probe));
    Path dir;
    try {
      dir = Files.createTempDirectory("optbench-probe-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary folder for the probe", e);
    }
    try {
      TrialResult result = backend.runner().run(probe, dir, n -> { });
      if (result.status() == TrialStatus.FAILED || result.steps() < 1) {
        throw new IllegalStateException("the probe trial failed: " + result.message());
      }
      boolean evaluates = spec.problem().kind().hasEvaluations();
      double perStep = result.trainSeconds() / result.steps();
      long total = expectedSteps(spec, perStep);
      double perEvaluation = evaluates ? result.evalSeconds() / 2 : 0;
      double seconds = perStep * total
          + perEvaluation * (evaluates ? evaluations(spec, total) : 0);
      long curveRows = evaluates ? (total - 1) / spec.lossEvery() + 1 : total + 1;
      double bytes = FIXED_BYTES + scaled(dir.resolve(ResultStore.CURVE), curveRows)
          + (evaluates ? scaled(dir.resolve(ResultStore.EVALS), evaluations(spec, total)) : 0);
      return new Timed(new Found(seconds, bytes, result.steps(),
          (System.nanoTime() - started) / 1e9), result.trainSeconds());
    } finally {
      deleteTree(dir);
    }
  }

  /**
   * @param spec a trial
   * @param perStep measured training seconds per step
   * @return the steps it is expected to take: its step limit, or as many as its time limit allows
   *     at that rate when this is fewer
   */
  static long expectedSteps(TrialSpec spec, double perStep) {
    long total = spec.totalSteps();
    if (!spec.budget().hasTimeLimit()) {
      return total;
    }
    long byTime = (long) Math.ceil(spec.budget().seconds() / Math.max(perStep, 1e-9));
    return Math.max(1, Math.min(total, byTime));
  }

  /**
   * @param spec a trial of a problem with evaluations
   * @param total the steps it takes
   * @return its evaluations: one before the first step, then every {@code evalEverySteps} (or
   *     epoch) and one after the last step
   */
  static long evaluations(TrialSpec spec, long total) {
    long every = spec.evalEverySteps() == 0 ? spec.stepsPerEpoch() : spec.evalEverySteps();
    return (total + every - 1) / every + 1;
  }

  /** @return the file's size with its data rows scaled to {@code rows} (header kept) */
  private static double scaled(Path file, long rows) {
    if (!Files.isRegularFile(file)) {
      return 0;
    }
    try {
      List<String> lines = Files.readAllLines(file);
      // Comment lines and the column names are written once; the rest grows with the rows.
      long header = 0;
      long data = 0;
      int dataRows = 0;
      boolean columns = false;
      for (String line : lines) {
        if (line.startsWith("#") || !columns) {
          columns |= !line.startsWith("#");
          header += line.length() + 1;
        } else {
          data += line.length() + 1;
          dataRows++;
        }
      }
      return header + (dataRows == 0 ? 0 : (double) data / dataRows * rows);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the probe's " + file.getFileName(), e);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the probe's temporary folder " + dir, e);
    }
  }
}
