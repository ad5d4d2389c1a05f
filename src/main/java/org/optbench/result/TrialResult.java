package org.optbench.result;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.optbench.experiment.TrialId;
import org.optbench.experiment.TrialSpec;

/**
 * What one trial produced, written as {@code result.json} once the trial has ended. Trials build
 * theirs from their spec with {@link #completed}, {@link #diverged} or {@link #failed}; the
 * canonical constructor is for reading a result back.
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
 * @param stoppedBy which limit ended a COMPLETED time-limited trial (its step count is
 *     {@code steps}); null for a trial without a time limit, whose step limit is the only one,
 *     and for DIVERGED and FAILED trials. Not written when null, so the result files of trials
 *     without a time limit are as before
 * @param conditions where and beside how many other trials a time-limited trial ran, since its
 *     step count depends on them; null (not written) for every other trial
 */
public record TrialResult(String trialId, String problem, String optimizer,
    Map<String, Double> hyperparameters, String batchSize, long seed, TrialStatus status,
    String message, long steps, int epochs, long examplesSeen, long divergedAtStep,
    double trainSeconds, double evalSeconds, int threads, String initialParamsSha256,
    String finalParamsSha256, Map<String, Double> finalMetrics, TrialMemory memory,
    @JsonInclude(JsonInclude.Include.NON_NULL) StopLimit stoppedBy,
    @JsonInclude(JsonInclude.Include.NON_NULL) TrialConditions conditions) {

  /**
   * Copies the maps, keeping their order, so the record is immutable and prints stably. Metrics of
   * a trial that did not complete are dropped here, in the one place every result passes through
   * (written or read back, however old the file), so nothing downstream can average a diverged
   * network's accuracy by mistake.
   */
  @JsonCreator
  public TrialResult {
    hyperparameters = Collections.unmodifiableMap(new LinkedHashMap<>(hyperparameters));
    finalMetrics = Collections.unmodifiableMap(
        finalMetrics == null || status != TrialStatus.COMPLETED ? new LinkedHashMap<>()
            : new LinkedHashMap<>(finalMetrics));
  }

  /**
   * A result without a time limit's fields, as every result was before time limits existed.
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
   * @param finalMetrics the last evaluation's metrics of a COMPLETED trial
   * @param memory the trial's peak native memory, or null
   */
  public TrialResult(String trialId, String problem, String optimizer,
      Map<String, Double> hyperparameters, String batchSize, long seed, TrialStatus status,
      String message, long steps, int epochs, long examplesSeen, long divergedAtStep,
      double trainSeconds, double evalSeconds, int threads, String initialParamsSha256,
      String finalParamsSha256, Map<String, Double> finalMetrics, TrialMemory memory) {
    this(trialId, problem, optimizer, hyperparameters, batchSize, seed, status, message, steps,
        epochs, examplesSeen, divergedAtStep, trainSeconds, evalSeconds, threads,
        initialParamsSha256, finalParamsSha256, finalMetrics, memory, null, null);
  }

  /**
   * @return whether the result carries a time limit's fields: which limit ended it (COMPLETED)
   *     or where it ran (recorded by the executors for every time-limited trial)
   */
  public boolean timeLimited() {
    return stoppedBy != null || conditions != null;
  }

  /**
   * @param where the machine and parallelism a time-limited trial ran at (its caller records
   *     them for time-limited trials only: a step-limited trial's steps do not depend on them)
   * @return this result with them recorded
   */
  public TrialResult withConditions(TrialConditions where) {
    return new TrialResult(trialId, problem, optimizer, hyperparameters, batchSize, seed, status,
        message, steps, epochs, examplesSeen, divergedAtStep, trainSeconds, evalSeconds,
        threads, initialParamsSha256, finalParamsSha256, finalMetrics, memory, stoppedBy, where);
  }

  /**
   * How far a trial got.
   *
   * @param steps optimizer steps taken (iterations)
   * @param epochs completed passes over the training set
   * @param examplesSeen training examples consumed (examples)
   * @param trainSeconds training wall time in seconds, evaluation excluded
   * @param evalSeconds evaluation wall time in seconds
   */
  public record Extent(long steps, int epochs, long examplesSeen, double trainSeconds,
      double evalSeconds) {}

  /**
   * @param spec the trial
   * @param extent how far it trained: its whole budget
   * @param initialParamsSha256 SHA-256 of the initial parameters' bytes
   * @param finalParamsSha256 SHA-256 of the final parameters' bytes
   * @param finalMetrics the last evaluation's metrics, by column name
   * @param memory the trial's peak native memory, or null (analytic problems)
   * @return a COMPLETED result
   */
  public static TrialResult completed(TrialSpec spec, Extent extent, String initialParamsSha256,
      String finalParamsSha256, Map<String, Double> finalMetrics, TrialMemory memory) {
    TrialResult result = of(spec, TrialStatus.COMPLETED, null, extent, -1, initialParamsSha256,
        finalParamsSha256, finalMetrics, memory);
    if (!spec.budget().hasTimeLimit()) {
      return result;
    }
    // The step limit ends the trial when it took every step it allows; otherwise time did.
    StopLimit limit = extent.steps() >= spec.totalSteps() ? StopLimit.STEPS : StopLimit.TIME;
    return result.stopped(limit);
  }

  private TrialResult stopped(StopLimit limit) {
    return new TrialResult(trialId, problem, optimizer, hyperparameters, batchSize, seed, status,
        message, steps, epochs, examplesSeen, divergedAtStep, trainSeconds, evalSeconds,
        threads, initialParamsSha256, finalParamsSha256, finalMetrics, memory, limit,
        conditions);
  }

  /**
   * @param spec the trial
   * @param extent how far it trained, up to and including the step that diverged
   * @param divergedAtStep the step whose loss triggered divergence (≥ 0)
   * @param message what diverged, with the values
   * @param initialParamsSha256 SHA-256 of the initial parameters' bytes
   * @param finalParamsSha256 SHA-256 of the parameters when it stopped
   * @param memory the trial's peak native memory, or null (analytic problems)
   * @return a DIVERGED result, without final metrics
   */
  public static TrialResult diverged(TrialSpec spec, Extent extent, long divergedAtStep,
      String message, String initialParamsSha256, String finalParamsSha256,
      TrialMemory memory) {
    return of(spec, TrialStatus.DIVERGED, message, extent, divergedAtStep, initialParamsSha256,
        finalParamsSha256, Map.of(), memory);
  }

  /**
   * @param spec the trial
   * @param message what ended it, e.g. the exception as text
   * @return a FAILED result: no steps, no metrics, no memory
   */
  public static TrialResult failed(TrialSpec spec, String message) {
    return of(spec, TrialStatus.FAILED, message, new Extent(0, 0, 0, 0, 0), -1, "", "",
        Map.of(), null);
  }

  private static TrialResult of(TrialSpec spec, TrialStatus status, String message,
      Extent extent, long divergedAtStep, String initialParamsSha256, String finalParamsSha256,
      Map<String, Double> finalMetrics, TrialMemory memory) {
    return new TrialResult(TrialId.of(spec).hex(), spec.problem().id(), spec.optimizer().id(),
        spec.optimizer().labels(), spec.batchSize().toString(), spec.seed(), status,
        message, extent.steps(), extent.epochs(), extent.examplesSeen(), divergedAtStep,
        extent.trainSeconds(), extent.evalSeconds(), spec.threads(), initialParamsSha256,
        finalParamsSha256, finalMetrics, memory);
  }
}
