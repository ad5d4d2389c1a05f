package org.optbench.isolate;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.optbench.experiment.TrialId;
import org.optbench.experiment.TrialSpec;
import org.optbench.reproduce.ChildJvm;
import org.optbench.result.ResultStore;
import org.optbench.result.TrialFolder;
import org.optbench.result.TrialResult;
import org.optbench.run.TrialExecutor;
import org.optbench.run.TrialPool;

/**
 * Runs each trial in a child JVM of its own, up to {@code parallelism} at once; see
 * {@link TrialExecutor} for the contract. The parent writes the trial's {@code spec.json}, the
 * child trains the trial into its folder and writes {@code result.json}, and the parent reads it.
 * A child that exits with a non-zero code (a native crash, a signal, an off-heap out-of-memory
 * error), or without a whole {@code result.json}, leaves a FAILED trial whose message names the
 * exit code and the child's last output lines; the other trials go on. Progress is reported per
 * trial, when it ends.
 */
public final class ChildTrialExecutor implements TrialExecutor {
  /** Output lines of a dead child quoted in its trial's message. */
  static final int TAIL_LINES = 10;

  private final ResultStore store;
  private final int parallelism;
  private final int threads;
  private final Function<Path, List<String>> command;

  /**
   * @param store where the trials' files go
   * @param parallelism child JVMs at once, ≥ 1
   * @param threads each child's {@code OMP_NUM_THREADS}: the experiment's native threads per trial
   * @param command the child's command line for a trial folder, e.g. {@code java -cp ...
   *     org.optbench.cli.Main run-trial DIR} (see {@link ChildJvm#command}); the child must
   *     train the trial of that folder and write its {@code result.json}
   * @throws IllegalArgumentException if {@code parallelism < 1}
   */
  public ChildTrialExecutor(ResultStore store, int parallelism, int threads,
      Function<Path, List<String>> command) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be >= 1 (got " + parallelism + ")");
    }
    this.store = store;
    this.parallelism = parallelism;
    this.threads = threads;
    this.command = command;
  }

  @Override
  public int workers() {
    return parallelism;
  }

  @Override
  public void execute(List<Assignment> assignments, Listener listener)
      throws InterruptedException {
    // Interrupting the workers destroys their children (ChildJvm waits interruptibly).
    TrialPool.run(parallelism, "trial-child", assignments, assignment -> {
      listener.started(assignment.spec());
      TrialResult result = runOne(assignment);
      listener.progressedToEnd(assignment.spec(), result);
      listener.finished(result);
    });
  }

  private TrialResult runOne(Assignment assignment) throws InterruptedException {
    TrialSpec spec = assignment.spec();
    Path dir = store.begin(spec, assignment.arms());
    OutputTail tail = new OutputTail(TAIL_LINES);
    int code;
    try {
      code = ChildJvm.run(command.apply(dir), threads, tail.writer(), tail.writer());
    } catch (UncheckedIOException e) {
      TrialResult failed = TrialResult.failed(spec, "cannot start the trial's JVM: "
          + e.getCause());
      store.finish(spec, failed);
      return failed;
    }
    TrialFolder.State state = TrialFolder.inspect(dir, TrialId.of(spec).hex());
    if (code == 0 && state instanceof TrialFolder.Finished finished) {
      return finished.result();
    }
    String why;
    if (state instanceof TrialFolder.Finished f) {
      why = "wrote a " + ResultStore.RESULT + " (" + f.result().status() + ")";
    } else if (state instanceof TrialFolder.Damaged d) {
      why = "left a damaged trial (" + d.reason() + ")";
    } else {
      why = "wrote no " + ResultStore.RESULT;
    }
    TrialResult failed = TrialResult.failed(spec, ChildExit.describe(code, why, tail.lines()));
    store.finish(spec, failed);
    return failed;
  }
}
