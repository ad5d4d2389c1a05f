package org.optbench.cli;

import java.util.ArrayList;
import java.util.List;
import org.optbench.data.DatasetRepository;
import org.optbench.dl4j.Dl4jTrialRunner;
import org.optbench.result.ResultStore;
import org.optbench.run.ExecutorConnection;
import org.optbench.run.ExecutorProvider;
import org.optbench.run.ExecutorSettings;
import org.optbench.run.LocalTrialExecutor;
import org.optbench.run.TrialExecutor;

/**
 * A test executor found through the {@code --executor} seam as a cluster's would be: three
 * worker threads of this JVM; it records what the run asked of it.
 */
public final class ThreadsExecutorProvider implements ExecutorProvider {
  /** Every settings opened and every connection closed, in order ("open", "close"). */
  static final List<String> EVENTS = new ArrayList<>();
  static volatile ExecutorSettings lastSettings;

  /** Found by ServiceLoader. */
  public ThreadsExecutorProvider() {}

  @Override
  public String name() {
    return "test-threads";
  }

  @Override
  public ExecutorConnection open(ExecutorSettings settings) {
    lastSettings = settings;
    synchronized (EVENTS) {
      EVENTS.add("open");
    }
    Dl4jTrialRunner runner = new Dl4jTrialRunner(DatasetRepository.fromEnvironment(
        settings.dataDir(), settings.download()), settings.threads());
    return new ExecutorConnection() {
      @Override
      public int slots() {
        return 3;
      }

      @Override
      public String where() {
        return "on the test's threads";
      }

      @Override
      public TrialExecutor executor(ResultStore store) {
        return new LocalTrialExecutor(store, runner, 3);
      }

      @Override
      public void close() {
        synchronized (EVENTS) {
          EVENTS.add("close");
        }
      }
    };
  }
}
