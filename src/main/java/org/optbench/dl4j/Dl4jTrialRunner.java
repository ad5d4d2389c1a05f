package org.optbench.dl4j;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.LongConsumer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.optbench.data.DatasetId;
import org.optbench.data.DatasetRepository;
import org.optbench.data.ImageDataset;
import org.optbench.experiment.TrialSpec;
import org.optbench.problem.ProblemSpec;
import org.optbench.problem.RavineRegressionData;
import org.optbench.result.TrialResult;
import org.optbench.run.TrialRunner;

/**
 * Runs trials with DL4J: builds the problem's network (or 2-D parameter array) with the trial's
 * updater and seed, and trains it. Data sets are loaded once per process and shared read-only by
 * all trials and worker threads.
 */
public final class Dl4jTrialRunner implements TrialRunner {
  private final Function<DatasetId, ImageDataset> datasets;
  private final Map<DatasetId, ImageTensors> tensors = new ConcurrentHashMap<>();
  private final Map<ProblemSpec.RavineRegression, RavineRegressionData> regressions =
      new ConcurrentHashMap<>();

  /**
   * @param repository where MNIST and Fashion-MNIST are found (or downloaded)
   * @param threads native threads per trial, pinned for the whole process
   */
  public Dl4jTrialRunner(DatasetRepository repository, int threads) {
    this(repository::load, threads);
  }

  /**
   * @param datasets loads a data set (called once per data set and process)
   * @param threads native threads per trial
   */
  Dl4jTrialRunner(Function<DatasetId, ImageDataset> datasets, int threads) {
    this.datasets = datasets;
    Backend.pinThreads(threads);
  }

  private IntConsumer afterCheckpoint = epoch -> { };

  /** Test hook: called with the epoch count after each checkpoint of an image trial. */
  Dl4jTrialRunner afterCheckpoint(IntConsumer hook) {
    this.afterCheckpoint = hook;
    return this;
  }

  /**
   * Loads (and verifies) every data set the trials need, so missing or corrupt data fails before
   * any training starts.
   *
   * @param trials the plan
   * @return SHA-256 of every data file used, by data set and file name
   * @throws org.optbench.UserInputException if a data set is missing or corrupt
   */
  public Map<String, Map<String, String>> prepare(List<TrialSpec> trials) {
    Map<String, Map<String, String>> checksums = new TreeMap<>();
    for (TrialSpec spec : trials) {
      if (spec.problem() instanceof ProblemSpec.Image image) {
        ImageDataset dataset = datasets.apply(image.dataset());
        checksums.put(image.dataset().id(), new TreeMap<>(dataset.sha256ByFileName()));
      }
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
    return Updaters.withPluginLoader(spec.optimizer(), () -> train(spec, trialDir, progress));
  }

  private TrialResult train(TrialSpec spec, Path trialDir, LongConsumer progress) {
    IUpdater updater = Updaters.toIUpdater(spec.optimizer());
    List<Regularization> regularization = Updaters.regularization(spec.optimizer());
    ProblemSpec problem = spec.problem();
    if (problem instanceof ProblemSpec.Analytic) {
      return AnalyticTrial.run(spec, updater, regularization, trialDir, progress);
    }
    if (problem instanceof ProblemSpec.RavineRegression regression) {
      RavineRegressionData data = regressions.computeIfAbsent(regression,
          ProblemSpec.RavineRegression::generate);
      RegressionEvaluator evaluator = new RegressionEvaluator(data);
      MultiLayerNetwork net = Networks.linearRegression(regression.dimension(), updater,
          regularization, spec.seed(), regression.start());
      return new NetworkTrial(spec, evaluator.trainingData(), evaluator,
          RegressionEvaluator.trajectoryColumns(regression.dimension()),
          n -> evaluator.trajectory(n.params().toDoubleVector()), false)
          .run(net, updater, trialDir, progress);
    }
    ProblemSpec.Image image = (ProblemSpec.Image) problem;
    ImageTensors data = tensors.computeIfAbsent(image.dataset(),
        id -> ImageTensors.of(datasets.apply(id)));
    ImageTensors.Split train = data.train(image);
    Evaluator evaluator = new ClassificationEvaluator(data.trainEval(image),
        data.validation(image), data.test(image));
    MultiLayerNetwork net = Networks.classifier(image.architecture(), updater, regularization,
        spec.seed());
    return new NetworkTrial(spec,
        new TrainingData(train.features(0, train.size()), train.labels(0, train.size())),
        evaluator, List.of(), n -> new double[0], true)
        .afterCheckpoint(afterCheckpoint)
        .run(net, updater, trialDir, progress);
  }

  /**
   * @return bytes of the image data sets this runner holds as ND4J arrays (features and one-hot
   *     labels), loaded once and shared read-only by all trials
   */
  public long sharedDataBytes() {
    long bytes = 0;
    for (ImageTensors t : tensors.values()) {
      for (INDArray a : List.of(t.trainFeatures(), t.trainLabels(), t.testFeatures(),
          t.testLabels())) {
        bytes += MemoryUse.bytes(a);
      }
    }
    return bytes;
  }

  /** @return facts about the backend for the manifest */
  public Map<String, Object> describeBackend() {
    return new LinkedHashMap<>(Backend.describe());
  }
}
