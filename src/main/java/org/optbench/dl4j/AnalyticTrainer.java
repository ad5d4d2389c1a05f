package org.optbench.dl4j;

import java.nio.file.Path;
import java.util.List;
import java.util.function.LongConsumer;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.optbench.experiment.TrialSpec;
import org.optbench.problem.ProblemSpec;
import org.optbench.result.TrialResult;

/** Trains the analytic 2-D functions with {@link AnalyticTrial}. */
final class AnalyticTrainer implements ProblemTrainer {
  @Override
  public Class<ProblemSpec.Analytic> problemType() {
    return ProblemSpec.Analytic.class;
  }

  @Override
  public TrialResult run(TrialSpec spec, IUpdater updater, List<Regularization> regularization,
      Path trialDir, LongConsumer progress) {
    return AnalyticTrial.run(spec, updater, regularization, trialDir, progress);
  }
}
