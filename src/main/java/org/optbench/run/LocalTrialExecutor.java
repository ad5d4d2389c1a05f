package org.optbench.run;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.optbench.experiment.TrialSpec;
import org.optbench.result.ResultStore;
import org.optbench.result.TrialConditions;
import org.optbench.result.TrialResult;

/**
 * Runs trials in this JVM on a fixed pool of worker threads, each trial with the
 * {@link TrialRunner} given; see {@link TrialExecutor} for the contract. Each trial's folder is
 * prepared ({@code spec.json}) just before it starts and its {@code result.json} written as soon
 * as it ends, so an interrupted run loses at most the trials in flight.
 */
public final class LocalTrialExecutor implements TrialExecutor {
  private final ResultStore store;
  private final TrialRunner runner;
  private final int parallelism;

  /**
   * @param store where the trials' files go
   * @param runner trains one trial; called from several threads at once
   * @param parallelism worker threads (trials at once), ≥ 1
   * @throws IllegalArgumentException if {@code parallelism < 1}
   */
  public LocalTrialExecutor(ResultStore store, TrialRunner runner, int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be >= 1 (got " + parallelism + ")");
    }
    this.store = store;
    this.runner = runner;
    this.parallelism = parallelism;
  }

  @Override
  public int workers() {
    return parallelism;
  }

  @Override
  public void execute(List<Assignment> assignments, Listener listener)
      throws InterruptedException {
    TrialPool.run(parallelism, "trial-worker", assignments, assignment -> {
      TrialSpec spec = assignment.spec();
      listener.started(spec);
      AtomicLong taken = new AtomicLong();
      TrialResult result = runOne(assignment, n -> {
        taken.addAndGet(n);
        listener.progressed(spec, n);
      });
      // A trial that stopped early still counts its whole budget as done (one limited by time
      // alone has no step budget to complete).
      if (spec.hasStepHorizon()) {
        listener.progressed(spec, spec.totalSteps() - taken.get());
      }
      listener.finished(result);
    });
  }

  private TrialResult runOne(Assignment assignment, java.util.function.LongConsumer progress) {
    TrialSpec spec = assignment.spec();
    Path dir = store.begin(spec, assignment.arms());
    TrialResult result = runner.runOrFail(spec, dir, progress);
    if (spec.budget().hasTimeLimit()) {
      // Its step count depends on where it ran, so the result says where (diverged and
      // failed trials too).
      result = result.withConditions(new TrialConditions(EnvironmentFacts.machine(),
          parallelism));
    }
    store.finish(spec, result);
    return result;
  }
}
