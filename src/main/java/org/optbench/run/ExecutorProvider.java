package org.optbench.run;

/**
 * Another place for a run's trials than this JVM's worker threads, e.g. a cluster: chosen by name
 * with {@code optbench run --executor NAME} and found with {@link java.util.ServiceLoader}
 * (registered in {@code META-INF/services/org.optbench.run.ExecutorProvider} of a jar on the class
 * path). The core knows only this interface, so an engine's types (Spark's, say) stay in the jar
 * that implements it. The executors it makes keep the {@link TrialExecutor} contract, so the
 * result store of a run is the same whichever executor ran it.
 */
public interface ExecutorProvider {
  /** @return the name {@code --executor} selects, e.g. {@code spark}: lower case, no spaces */
  String name();

  /**
   * Connects to the engine (starts a Spark application, say) for one run.
   *
   * @param settings what the run's trials need wherever they run
   * @return the open connection, closed by the caller when the run ends
   * @throws org.optbench.UserInputException if the settings or the environment cannot work,
   *     e.g. no master URL was given, with what to do
   */
  ExecutorConnection open(ExecutorSettings settings);
}
