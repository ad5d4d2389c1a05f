package org.optbench.run;

import java.util.List;
import org.optbench.experiment.Arm;
import org.optbench.experiment.TrialSpec;
import org.optbench.result.TrialResult;

/**
 * Where trials run: given trial specs, runs them and hands back their results, reporting
 * progress. Today {@link LocalTrialExecutor} runs them on worker threads of this JVM; an
 * executor that ships trials to child JVMs or a cluster implements the same contract.
 *
 * <p>Contract of {@link #execute}:
 *
 * <ul>
 *   <li><b>Once each.</b> Every assignment is run exactly once and the listener's
 *       {@link Listener#finished} is called exactly once for it, whether it completed, diverged
 *       or failed. Before that call its {@code result.json} is in the result store (the trial
 *       counts as finished from then on).
 *   <li><b>Failure.</b> A trial whose runner throws (or runs out of memory) is a result, not an
 *       error: it is recorded as {@link TrialResult#failed} with the exception as its message,
 *       and the other trials still run. If the store cannot be written or the listener throws,
 *       the trials not yet started are cancelled and {@code execute} throws
 *       {@link IllegalStateException} with that cause; trials without a {@code result.json} run
 *       again next time.
 *   <li><b>Ordering.</b> Trials start in list order; they may end in any order, and
 *       {@link Listener#finished} is called in the order they end. No result depends on the
 *       order, since every trial is deterministic in its spec.
 *   <li><b>Threads.</b> The listener may be called from several threads at once, so it must be
 *       thread-safe; for one trial, its progress calls all come before its finished call.
 *   <li><b>Progress.</b> By the time a trial's finished call is made, the steps reported for it
 *       add up to its {@link TrialSpec#totalSteps}: a trial that stopped early (diverged,
 *       failed or out of training time) is counted as done. A trial limited by training time
 *       alone has no step total; its progress calls count the steps it took, if any.
 *   <li><b>Interruption.</b> If the calling thread is interrupted, trials in flight are abandoned
 *       and {@code execute} throws {@link InterruptedException}.
 * </ul>
 */
public interface TrialExecutor {
  /**
   * A trial to run with the protocol arms it serves (recorded in its {@code spec.json}).
   *
   * @param spec the trial
   * @param arms its arms, in order of first appearance in the plan
   */
  record Assignment(TrialSpec spec, List<Arm> arms) {
    /** Copies the list. */
    public Assignment {
      arms = List.copyOf(arms);
    }
  }

  /** Told of progress and of every finished trial; must be thread-safe (see the contract). */
  interface Listener {
    /**
     * Told when a trial starts, if the executor knows (the default does nothing): the ETA then
     * counts a trial's time from its start, before its first step is reported.
     *
     * @param spec the trial that started
     */
    default void started(TrialSpec spec) {}

    /**
     * @param spec the trial that progressed
     * @param steps optimizer steps it took since it was last reported
     */
    void progressed(TrialSpec spec, long steps);

    /**
     * Reports a trial's progress all at once, for an executor that hears of it only when the
     * trial ends: its step total, or the steps it took if it is limited by training time alone
     * (it has no step total).
     *
     * @param spec the trial that ended
     * @param result its result
     */
    default void progressedToEnd(TrialSpec spec, TrialResult result) {
      progressed(spec, spec.hasStepHorizon() ? spec.totalSteps() : result.steps());
    }

    /**
     * @param result the trial's result, already written to the store
     */
    void finished(TrialResult result);
  }

  /** @return how many trials run at once (≥ 1), for the run's messages */
  int workers();

  /**
   * Runs every assignment (see the contract above) and returns when all have finished.
   *
   * @param assignments distinct trials
   * @param listener told of progress and of each finished trial
   * @throws InterruptedException if interrupted while waiting for trials
   * @throws IllegalStateException if the store or the listener failed
   */
  void execute(List<Assignment> assignments, Listener listener) throws InterruptedException;
}
