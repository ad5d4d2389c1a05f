package org.optbench.dl4j;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongConsumer;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.optbench.experiment.TrialSpec;
import org.optbench.problem.DataProblem;
import org.optbench.problem.PluginProblem;
import org.optbench.problem.ProblemSpec;
import org.optbench.result.TrialResult;

/**
 * Trains a problem written in Java ({@link PluginProblem}) on {@link DataTrainer}'s path: its
 * examples are already prepared and its network is treated as one from a model file
 * ({@link FileNetworks}: the entry's updater in place of its own, seeded weights, its
 * regularisation kept).
 */
final class PluginProblemTrainer implements ProblemTrainer {
  private final DataTrainer classification;

  /** @param classification the trainer of classification on prepared data, and its arrays */
  PluginProblemTrainer(DataTrainer classification) {
    this.classification = classification;
  }

  @Override
  public Class<PluginProblem> problemType() {
    return PluginProblem.class;
  }

  /**
   * @return under the problem id: the plugin's class, jar and the jar's SHA-256, the data's
   *     SHA-256 and facts (rows, shape, classes), and what the trials replace and keep of the
   *     network ({@code network: ...} keys)
   */
  @Override
  public Map<String, Map<String, String>> prepare(ProblemSpec problem) {
    PluginProblem p = (PluginProblem) problem;
    Map<String, String> recorded = new TreeMap<>(p.data().facts());
    recorded.put("data", p.dataSha256());
    recorded.put("plugin: class", p.origin().className());
    if (p.origin().jar() != null) {
      recorded.put("plugin: jar", p.origin().jar().toString());
      recorded.put("plugin: sha256", p.origin().sha256());
    }
    recorded.putAll(DataTrainer.noteEntries(p.network().notes()));
    return Map.of(p.id(), recorded);
  }

  @Override
  public TrialResult run(TrialSpec spec, IUpdater updater, List<Regularization> regularization,
      Path trialDir, LongConsumer progress) {
    PluginProblem problem = (PluginProblem) spec.problem();
    return classification.train(spec, problem.data(), new DataProblem.FromFile(problem.network()),
        updater, trialDir, progress);
  }

  @Override
  public long sharedDataBytes() {
    return classification.sharedDataBytes();
  }
}
