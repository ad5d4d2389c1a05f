package org.optbench.dl4j;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.optbench.experiment.TrialSpec;
import org.optbench.problem.ProblemSpec;
import org.optbench.problem.RavineRegressionData;
import org.optbench.result.TrialResult;

/**
 * Trains ravine regression: a linear network on the generated data, generated once per distinct
 * problem and shared by its trials.
 */
final class RegressionTrainer implements ProblemTrainer {
  private final Map<ProblemSpec.RavineRegression, RavineRegressionData> data =
      new ConcurrentHashMap<>();

  @Override
  public Class<ProblemSpec.RavineRegression> problemType() {
    return ProblemSpec.RavineRegression.class;
  }

  @Override
  public TrialResult run(TrialSpec spec, IUpdater updater, List<Regularization> regularization,
      Path trialDir, LongConsumer progress) {
    ProblemSpec.RavineRegression regression = (ProblemSpec.RavineRegression) spec.problem();
    RavineRegressionData generated = data.computeIfAbsent(regression,
        ProblemSpec.RavineRegression::generate);
    RegressionEvaluator evaluator = new RegressionEvaluator(generated);
    MultiLayerNetwork net = Networks.linearRegression(regression.dimension(), updater,
        regularization, spec.optimizer().recipe(), spec.seed(), regression.start());
    return new NetworkTrial(spec, evaluator.trainingData(), evaluator,
        RegressionEvaluator.trajectoryColumns(regression.dimension()),
        n -> evaluator.trajectory(n.params().toDoubleVector()), false)
        .run(TrainedNet.of(net), updater, trialDir, progress);
  }
}
