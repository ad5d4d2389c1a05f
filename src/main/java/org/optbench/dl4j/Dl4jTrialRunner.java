package org.optbench.dl4j;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.LongConsumer;
import org.optbench.data.DatasetId;
import org.optbench.data.DatasetRepository;
import org.optbench.data.ImageDataset;
import org.optbench.experiment.TrialSpec;
import org.optbench.result.TrialResult;
import org.optbench.run.TrialRunner;

/**
 * Runs trials with DL4J: finds the trial's {@link ProblemTrainer} by the class of its problem and
 * lets it build the network (or parameter array) with the trial's updater and seed and train it.
 * The built-in trainers come first; others are found with {@link java.util.ServiceLoader}. Data
 * sets are loaded once per process and shared read-only by all trials and worker threads.
 */
public final class Dl4jTrialRunner implements TrialRunner {
  private final TrainerRegistry trainers;
  private IntConsumer afterCheckpoint = epoch -> { };

  /**
   * @param repository where MNIST and Fashion-MNIST are found (or downloaded)
   * @param threads native threads per trial, pinned for the whole process
   * @throws IllegalStateException if two registered trainers claim the same problem class
   */
  public Dl4jTrialRunner(DatasetRepository repository, int threads) {
    this(repository::load, threads);
  }

  /**
   * @param datasets loads a data set (called once per data set and process)
   * @param threads native threads per trial
   */
  Dl4jTrialRunner(Function<DatasetId, ImageDataset> datasets, int threads) {
    this.trainers = new TrainerRegistry(List.of(new ImageTrainer(datasets, () -> afterCheckpoint),
        new DataTrainer(() -> afterCheckpoint),
        new PluginProblemTrainer(new DataTrainer(() -> afterCheckpoint)),
        new RegressionTrainer(), new AnalyticTrainer()));
    Backend.pinThreads(threads);
  }

  /** Test hook: called with the epoch count after each checkpoint of an image trial. */
  Dl4jTrialRunner afterCheckpoint(IntConsumer hook) {
    this.afterCheckpoint = hook;
    return this;
  }

  /**
   * Finds the trainer of every trial and loads (and verifies) every data set they need, so a
   * problem nobody can train, or missing or corrupt data, fails before any training starts.
   *
   * @param trials the plan
   * @return SHA-256 of every data file used, by data set and file name
   * @throws org.optbench.UserInputException if a data set is missing or corrupt
   * @throws IllegalStateException if no trainer is registered for a trial's problem (the message
   *     names the problem and the registered problem classes)
   */
  public Map<String, Map<String, String>> prepare(List<TrialSpec> trials) {
    Map<String, Map<String, String>> checksums = new TreeMap<>();
    for (TrialSpec spec : trials) {
      checksums.putAll(trainers.forProblem(spec.problem()).prepare(spec.problem()));
    }
    return checksums;
  }

  /**
   * Runs one trial with the optimizer's class loader as the thread's context class loader, so a
   * plugin updater is found wherever DL4J looks it up by name (checkpoint restore reads it from
   * the network's JSON), whichever worker thread runs the trial.
   */
  @Override
  public TrialResult run(TrialSpec spec, Path trialDir, LongConsumer progress) {
    return Updaters.withPluginLoader(spec.optimizer(), () -> trainers.forProblem(spec.problem())
        .run(spec, Recipes.updater(spec), Recipes.weights(spec.optimizer()), trialDir,
            progress));
  }

  /**
   * @return bytes of the data sets the trainers hold as ND4J arrays (for the image problems:
   *     features and one-hot labels), loaded once and shared read-only by all trials
   */
  public long sharedDataBytes() {
    long bytes = 0;
    for (ProblemTrainer trainer : trainers.all()) {
      bytes += trainer.sharedDataBytes();
    }
    return bytes;
  }

  /** @return facts about the backend for the manifest */
  public Map<String, Object> describeBackend() {
    return new LinkedHashMap<>(Backend.describe());
  }
}
