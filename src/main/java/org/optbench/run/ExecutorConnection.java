package org.optbench.run;

/**
 * An open connection of an {@link ExecutorProvider} for one run: how many trials it trains at
 * once, how to describe that, and the {@link TrialExecutor} of the run's result store.
 */
public interface ExecutorConnection extends AutoCloseable {
  /** @return trials trained at once (≥ 1): the run's parallelism, recorded in the manifest */
  int slots();

  /**
   * @return how the trials run, for the run's arrangement line after "N trial(s) at once", e.g.
   *     {@code as Spark tasks on spark://host:7077}
   */
  String where();

  /**
   * @param store the run's result store, on this machine
   * @return the executor that trains the trials elsewhere and writes their files into the store
   */
  TrialExecutor executor(org.optbench.result.ResultStore store);

  /** Disconnects (stops the application); no trial of this run may be in flight. */
  @Override
  void close();
}
