package org.optbench.isolate;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.optbench.data.DatasetRepository;
import org.optbench.dl4j.Dl4jTrialRunner;
import org.optbench.experiment.TrialSpec;
import org.optbench.reproduce.RecordedTrial;
import org.optbench.result.ResultStore;
import org.optbench.result.TrialConditions;
import org.optbench.result.TrialResult;
import org.optbench.run.EnvironmentFacts;

/**
 * The child JVM's side of {@link ChildTrialExecutor}: trains the one trial whose folder it is
 * given, exactly as {@link org.optbench.run.LocalTrialExecutor} trains it in-process (same
 * runner, a trial that throws is FAILED with the exception as its message), and writes its
 * {@code result.json}.
 */
public final class ChildTrial {
  private ChildTrial() {}

  /**
   * @param trialDir the trial's folder, its {@code spec.json} written by the parent
   * @param dataDir the parent's data directory, if it was given ({@code --data-dir} or the
   *     config's); else found as the parent found it (same environment and working directory)
   * @param plugins the parent's {@code --plugins}
   * @param parallelism trials the parent runs at once, recorded by a time-limited trial
   * @return the trial's result, already written to its folder
   * @throws org.optbench.UserInputException if the spec cannot be rebuilt (see
   *     {@link RecordedTrial#specToRun}) or ND4J's thread count is not the trial's
   */
  public static TrialResult train(Path trialDir, Optional<Path> dataDir, List<Path> plugins,
      int parallelism) {
    TrialSpec spec = RecordedTrial.specToRun(trialDir, plugins);
    // The parent has downloaded and verified the data already.
    Dl4jTrialRunner runner = new Dl4jTrialRunner(
        DatasetRepository.fromEnvironment(dataDir, false), spec.threads());
    TrialResult result = runner.runOrFail(spec, trialDir, steps -> { });
    if (spec.budget().hasTimeLimit()) {
      result = result.withConditions(new TrialConditions(EnvironmentFacts.machine(),
          parallelism));
    }
    Path root = ResultStore.experimentOf(trialDir).orElseThrow();
    new ResultStore(root).finish(spec, result);
    return result;
  }
}
