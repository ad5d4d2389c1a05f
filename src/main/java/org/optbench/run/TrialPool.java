package org.optbench.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The worker threads of a {@link TrialExecutor}: runs one task per assignment on a fixed pool, in
 * list order, and keeps the contract's failure and interruption rules in one place. A task that
 * throws (the store or the listener failed) cancels the trials not yet started and surfaces as
 * {@link IllegalStateException}; an interrupt of the caller, or of a task, stops every worker
 * ({@code shutdownNow}) and surfaces as {@link InterruptedException}.
 */
public final class TrialPool {
  /** One trial's work; it records its own result and tells the listener. */
  @FunctionalInterface
  public interface Task {
    /**
     * @param assignment the trial
     * @throws InterruptedException if the worker is interrupted
     */
    void run(TrialExecutor.Assignment assignment) throws InterruptedException;
  }

  private TrialPool() {}

  /**
   * @param parallelism worker threads, ≥ 1
   * @param threadName the workers' name, for thread dumps
   * @param assignments the trials, started in this order
   * @param task what each worker does with one trial
   * @throws InterruptedException if interrupted while waiting, or a task was
   * @throws IllegalStateException if a task failed otherwise, with its cause
   */
  public static void run(int parallelism, String threadName,
      List<TrialExecutor.Assignment> assignments, Task task) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(parallelism, r -> {
      Thread t = new Thread(r, threadName);
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (TrialExecutor.Assignment assignment : assignments) {
        futures.add(pool.submit(() -> {
          task.run(assignment);
          return null;
        }));
      }
      for (Future<?> future : futures) {
        try {
          future.get();
        } catch (ExecutionException e) {
          if (e.getCause() instanceof InterruptedException interrupted) {
            throw interrupted;
          }
          throw new IllegalStateException("result store failed", e.getCause());
        }
      }
    } finally {
      // Interrupts the workers (and, through them, anything they wait for, e.g. child JVMs).
      pool.shutdownNow();
    }
  }
}
