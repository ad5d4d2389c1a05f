package org.optbench.run;

import java.nio.file.Path;
import java.util.function.LongConsumer;
import org.optbench.experiment.TrialSpec;
import org.optbench.result.TrialResult;

/**
 * Runs one trial. Implementations must be deterministic in the spec (same spec and thread count →
 * bit-identical curves apart from time columns) and safe to call from several threads at once.
 */
public interface TrialRunner {
  /**
   * Trains the trial, writing {@code curve.csv} (and {@code evals.csv} where the problem has
   * evaluations) into {@code trialDir}. Divergence is a result, not an exception.
   *
   * @param spec the trial
   * @param trialDir its folder, already created
   * @param progress told the number of steps taken since it was last told
   * @return the result (status COMPLETED or DIVERGED)
   * @throws RuntimeException when training fails; the caller records the trial as FAILED
   */
  TrialResult run(TrialSpec spec, Path trialDir, LongConsumer progress);

  /**
   * {@link #run}, with the executors' one failure rule: a trial whose training throws (or runs
   * out of memory) is a FAILED result carrying the exception, not an error of the run.
   *
   * @param spec the trial
   * @param trialDir its folder, already created
   * @param progress told the number of steps taken since it was last told
   * @return the result: COMPLETED, DIVERGED or FAILED
   */
  default TrialResult runOrFail(TrialSpec spec, Path trialDir, LongConsumer progress) {
    try {
      return run(spec, trialDir, progress);
    } catch (RuntimeException | OutOfMemoryError e) {
      return TrialResult.failed(spec, String.valueOf(e));
    }
  }
}
