package org.optbench.dl4j;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.optbench.data.CifarAugmentation;
import org.optbench.data.DatasetId;
import org.optbench.data.DatasetId.Format;
import org.optbench.data.ImageDataset;
import org.optbench.data.ImageSet;
import org.optbench.experiment.TrialSpec;
import org.optbench.problem.ProblemSpec;
import org.optbench.result.TrialResult;

/**
 * Trains the image classifiers. Each data set is loaded once and turned into ND4J arrays once,
 * shared read-only by all trials and worker threads. CIFAR-10's training mini-batches are built
 * per step from the raw images by DeepOBS's augmentation ({@link CifarAugmentation}).
 */
final class ImageTrainer implements ProblemTrainer {
  private final Function<DatasetId, ImageDataset> datasets;
  private final Supplier<IntConsumer> afterCheckpoint;
  private final Map<DatasetId, ImageTensors> tensors = new ConcurrentHashMap<>();

  /**
   * @param datasets loads a data set (called once per data set)
   * @param afterCheckpoint the hook told the epoch count after each checkpoint, read per trial
   */
  ImageTrainer(Function<DatasetId, ImageDataset> datasets, Supplier<IntConsumer> afterCheckpoint) {
    this.datasets = datasets;
    this.afterCheckpoint = afterCheckpoint;
  }

  @Override
  public Class<ProblemSpec.Image> problemType() {
    return ProblemSpec.Image.class;
  }

  @Override
  public Map<String, Map<String, String>> prepare(ProblemSpec problem) {
    ProblemSpec.Image image = (ProblemSpec.Image) problem;
    ImageDataset dataset = datasets.apply(image.dataset());
    return Map.of(image.dataset().id(), new TreeMap<>(dataset.sha256ByFileName()));
  }

  @Override
  public TrialResult run(TrialSpec spec, IUpdater updater, List<Regularization> regularization,
      Path trialDir, LongConsumer progress) {
    ProblemSpec.Image image = (ProblemSpec.Image) spec.problem();
    ImageTensors data = tensors.computeIfAbsent(image.dataset(),
        id -> ImageTensors.of(datasets.apply(id)));
    ImageTensors.Split train = data.train(image);
    Evaluator evaluator = new ClassificationEvaluator(data.trainEval(image),
        data.validation(image), data.test(image));
    ImageDataset dataset = datasets.apply(image.dataset());
    ImageSet images = dataset.train();
    int[] shape = {images.rows(), images.cols(), images.channels()};
    // The optimizer's and the recipe's regularizations, split into weights and biases.
    MultiLayerNetwork net = Networks.classifier(image.architecture(), shape, updater,
        spec.optimizer(), spec.seed());
    // CIFAR-10 trains on DeepOBS's augmented images, drawn from the trial seed and the step;
    // the training split is the first examples, so its indices are the data set's.
    TrainingData.BatchFeatures augmented = dataset.id().format() == Format.CIFAR_BINARY
        ? (rows, step) -> Nd4j.create(CifarAugmentation.batch(images, rows, spec.seed(), step),
            new long[] {rows.length, images.pixelsPerImage()}, DataType.FLOAT)
        : null;
    return NetworkTrial.classifier(spec, train, evaluator, augmented)
        .afterCheckpoint(afterCheckpoint.get())
        .run(TrainedNet.of(net), updater, trialDir, progress);
  }

  @Override
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
}
