package org.optbench.dl4j;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.optbench.data.PreparedData;
import org.optbench.data.UserData;
import org.optbench.experiment.TrialSpec;
import org.optbench.problem.DataProblem;
import org.optbench.problem.ProblemSpec;
import org.optbench.result.TrialResult;

/**
 * Trains the built-in networks and networks from model files ({@link FileNetworks}) on the
 * user's files ({@link DataProblem}) with the image
 * problems' loop, evaluator and checkpoints. The data are loaded once per process
 * ({@link UserData}) and turned into ND4J arrays once, shared read-only by all trials.
 */
final class DataTrainer implements ProblemTrainer {
  /** Train loss and accuracy are measured on at most this many first training examples. */
  static final int EVAL_EXAMPLES = 10_000;

  private final Supplier<IntConsumer> afterCheckpoint;
  private final Map<PreparedData, Tensors> tensors = new ConcurrentHashMap<>();

  /** @param afterCheckpoint the hook told the epoch count after each checkpoint, read per trial */
  DataTrainer(Supplier<IntConsumer> afterCheckpoint) {
    this.afterCheckpoint = afterCheckpoint;
  }

  /** The three sets as arrays: features {@code [n, width]}, one-hot labels, classes. */
  private record Tensors(ImageTensors.Split train, ImageTensors.Split trainEval,
      ImageTensors.Split validation, ImageTensors.Split test) {
    static Tensors of(PreparedData d) {
      ImageTensors.Split train = split(d.train(), d.width(), d.classes());
      return new Tensors(train, new ImageTensors.Split(train.features(), train.labels(),
          train.classes(), 0, Math.min(EVAL_EXAMPLES, train.size())),
          split(d.validation(), d.width(), d.classes()), split(d.test(), d.width(), d.classes()));
    }

    private static ImageTensors.Split split(PreparedData.Part part, int width, int classes) {
      int n = part.rows();
      float[] oneHot = new float[n * classes];
      byte[] coded = new byte[n];
      for (int i = 0; i < n; i++) {
        oneHot[i * classes + part.labels()[i]] = 1f;
        coded[i] = (byte) part.labels()[i];
      }
      return new ImageTensors.Split(
          Nd4j.create(part.features(), new long[] {n, width}, DataType.FLOAT),
          Nd4j.create(oneHot, new long[] {n, classes}, DataType.FLOAT), coded, 0, n);
    }
  }

  @Override
  public Class<DataProblem> problemType() {
    return DataProblem.class;
  }

  /**
   * @return under the problem id: each file's SHA-256 (by role and name) and the facts of the
   *     data (rows, features, class counts, labels, split, normalisation statistics); for a
   *     network from a model file also what the trials replace and keep of it
   *     ({@code network: ...} keys)
   */
  @Override
  public Map<String, Map<String, String>> prepare(ProblemSpec problem) {
    DataProblem p = (DataProblem) problem;
    PreparedData d = UserData.prepare(p.data());
    Map<String, String> recorded = new TreeMap<>(d.sha256());
    recorded.putAll(d.facts());
    if (p.network() instanceof DataProblem.FromFile f) {
      recorded.putAll(networkNotes(f));
    }
    return Map.of(p.id(), recorded);
  }

  /**
   * @param network a network from a model file
   * @return its file and what the trials replace and keep of it, as manifest entries
   */
  static Map<String, String> networkNotes(DataProblem.FromFile network) {
    Map<String, String> notes = new TreeMap<>();
    notes.put("network: " + network.file().format().key(), network.file().path().toString());
    notes.putAll(noteEntries(network.file().notes()));
    return notes;
  }

  /**
   * @param lines what the trials replace and keep of a network, one line each
   * @return the lines as manifest entries {@code network: note 1}, {@code network: note 2}, ...
   */
  static Map<String, String> noteEntries(List<String> lines) {
    Map<String, String> entries = new TreeMap<>();
    for (int i = 0; i < lines.size(); i++) {
      entries.put("network: note " + (i + 1), lines.get(i));
    }
    return entries;
  }

  @Override
  public TrialResult run(TrialSpec spec, IUpdater updater, List<Regularization> regularization,
      Path trialDir, LongConsumer progress) {
    DataProblem problem = (DataProblem) spec.problem();
    return train(spec, UserData.prepare(problem.data()), problem.network(), updater, trialDir,
        progress);
  }

  /**
   * Trains one trial of a classification problem on prepared data: the path of every problem
   * of kind {@code FILE_CLASSIFICATION}, whether its data came from files or from a plugin.
   *
   * @param spec the trial
   * @param data the examples, shared read-only by every trial of the process
   * @param network a built-in network sized to the data, or one with its canonical JSON
   * @param updater the trial's updater, with its schedule
   * @param trialDir the trial's folder
   * @param progress told the steps done
   * @return the trial's result
   */
  TrialResult train(TrialSpec spec, PreparedData data, DataProblem.Network network,
      IUpdater updater, Path trialDir, LongConsumer progress) {
    Tensors t = tensors.computeIfAbsent(data, Tensors::of);
    Evaluator evaluator = new ClassificationEvaluator(t.trainEval(), t.validation(), t.test());
    // The optimizer's and the recipe's regularizations, split into weights and biases.
    TrainedNet net = network instanceof DataProblem.FromFile f
        ? FileNetworks.build(f.file(), updater, spec.optimizer(), spec.seed())
        : TrainedNet.of(Networks.classifier((DataProblem.Builtin) network,
            data.shape(), data.classes(), updater, spec.optimizer(), spec.seed()));
    ImageTensors.Split train = t.train();
    return NetworkTrial.classifier(spec, train, evaluator)
        .afterCheckpoint(afterCheckpoint.get())
        .run(net, updater, trialDir, progress);
  }

  @Override
  public long sharedDataBytes() {
    long bytes = 0;
    for (Tensors t : tensors.values()) {
      for (ImageTensors.Split s : List.of(t.train(), t.validation(), t.test())) {
        for (INDArray a : List.of(s.features(), s.labels())) {
          bytes += MemoryUse.bytes(a);
        }
      }
    }
    return bytes;
  }
}
