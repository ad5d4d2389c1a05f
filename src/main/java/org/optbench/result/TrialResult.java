package org.optbench.result;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one trial produced, written as {@code result.json} once the trial has ended.
 *
 * @param trialId content hash of the trial spec (64 hex digits)
 * @param problem problem id
 * @param optimizer optimizer id
 * @param hyperparameters optimizer hyperparameters by DL4J name
 * @param batchSize mini-batch size or {@code full}
 * @param seed trial seed
 * @param status how it ended
 * @param message failure or divergence detail, or null
 * @param steps optimizer steps taken (iterations)
 * @param epochs completed passes over the training set
 * @param examplesSeen training examples consumed (examples)
 * @param divergedAtStep the step whose loss triggered divergence, or -1
 * @param trainSeconds training wall time in seconds, evaluation excluded
 * @param evalSeconds evaluation wall time in seconds
 * @param threads native threads the trial ran with
 * @param initialParamsSha256 SHA-256 of the initial parameters' bytes
 * @param finalParamsSha256 SHA-256 of the final parameters' bytes
 * @param finalMetrics the last evaluation's metrics (names as in {@code evals.csv}, or for analytic
 *     problems as in {@code curve.csv}) of a COMPLETED trial; always empty for a DIVERGED or
 *     FAILED one, whose network is not a result (its last evaluation, if any, stays the last row
 *     of its curve files)
 * @param memory the trial's peak native memory; null for analytic problems (a few numbers), for
 *     failed trials and in results written before it was recorded
 */
public record TrialResult(String trialId, String problem, String optimizer,
    Map<String, Double> hyperparameters, String batchSize, long seed, TrialStatus status,
    String message, long steps, int epochs, long examplesSeen, long divergedAtStep,
    double trainSeconds, double evalSeconds, int threads, String initialParamsSha256,
    String finalParamsSha256, Map<String, Double> finalMetrics, TrialMemory memory) {

  /**
   * Copies the maps, keeping their order, so the record is immutable and prints stably. Metrics of
   * a trial that did not complete are dropped here, in the one place every result passes through
   * (written or read back, however old the file), so nothing downstream can average a diverged
   * network's accuracy by mistake.
   */
  public TrialResult {
    hyperparameters = Collections.unmodifiableMap(new LinkedHashMap<>(hyperparameters));
    finalMetrics = Collections.unmodifiableMap(
        finalMetrics == null || status != TrialStatus.COMPLETED ? new LinkedHashMap<>()
            : new LinkedHashMap<>(finalMetrics));
  }
}
