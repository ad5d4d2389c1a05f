package org.optbench.dl4j;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.deeplearning4j.util.ModelSerializer;
import org.optbench.result.AtomicFiles;
import org.optbench.result.ResultStore;
import org.optbench.result.StoreJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A trial's state at an epoch boundary, so a killed run continues where it stopped and ends
 * bit-identical to an uninterrupted one: the network with its updater state (DL4J's
 * {@link ModelSerializer} archive, written uncompressed by {@link ModelArchive}; its configuration
 * keeps the iteration and epoch counters) and the loop
 * counters with the curve files' lengths. Each checkpoint's model gets a file of its own, named by
 * its step ({@code model-<step>.zip}), renamed into place before the state file, which names it
 * and is renamed into place last: a run killed between the two renames leaves the previous state
 * naming the previous model, still present, never a state beside a model of another epoch.
 * Older models are deleted only after the new state is in place.
 */
final class Checkpoint {
  private static final Logger LOG = LoggerFactory.getLogger(Checkpoint.class);
  private static final ObjectMapper JSON = StoreJson.mapper();
  private static final String LEGACY_MODEL = ResultStore.CHECKPOINT_MODEL;
  private static final String STATE = ResultStore.CHECKPOINT_STATE;

  private final Path dir;

  /** @param trialDir the trial folder, which holds the checkpoint folder */
  Checkpoint(Path trialDir) {
    this.dir = ResultStore.checkpointDir(trialDir);
  }

  /**
   * The training loop's counters.
   *
   * @param step optimizer steps taken
   * @param epoch completed epochs
   * @param examples training examples consumed
   * @param trainNanos training wall time so far (nanoseconds)
   * @param evalNanos evaluation wall time so far (nanoseconds)
   * @param lastEvalStep step of the latest evaluation
   * @param referenceLoss initial training loss, for divergence detection
   * @param initialHash SHA-256 of the initial parameters
   * @param lastEval metrics of the latest evaluation
   * @param curveBytes length of {@code curve.csv} at the checkpoint
   * @param evalsBytes length of {@code evals.csv} at the checkpoint
   * @param model file name of the model saved with these counters, in the checkpoint folder;
   *     null in checkpoints written before models were named by their step, whose model is
   *     {@code model.zip}
   */
  record State(long step, int epoch, long examples, long trainNanos, long evalNanos,
      long lastEvalStep, double referenceLoss, String initialHash, double[] lastEval,
      long curveBytes, long evalsBytes, String model) {

    /** @return this state naming the model file it belongs to */
    State withModel(String file) {
      return new State(step, epoch, examples, trainNanos, evalNanos, lastEvalStep, referenceLoss,
          initialHash, lastEval, curveBytes, evalsBytes, file);
    }
  }

  /** A restored network and its counters. */
  record Saved(TrainedNet network, State state) {}

  /**
   * @param net the network after the epoch's last step
   * @param state the counters at that moment
   * @throws UncheckedIOException if the checkpoint cannot be written
   */
  void save(TrainedNet net, State state) {
    try {
      Files.createDirectories(dir);
      String name = "model-" + state.step() + ".zip";
      Path tmp = dir.resolve("." + name + ".tmp");
      ModelArchive.write(net, tmp);
      Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      AtomicFiles.write(dir.resolve(STATE), JSON.writeValueAsString(state.withModel(name)));
      try (DirectoryStream<Path> models = Files.newDirectoryStream(dir, "model*.zip")) {
        for (Path old : models) {
          if (!old.getFileName().toString().equals(name)) {
            Files.delete(old);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint in " + dir, e);
    }
  }

  /**
   * Restores the checkpoint, or, if it cannot be read (a disk fault, a stray edit), deletes it
   * with a warning naming the file, so the trial restarts from its first step: training is
   * deterministic, so the result is the same as the interrupted run's would have been.
   *
   * @param kind a network of the kind saved (a multi-layer network or a graph)
   * @return the saved network and counters, if a readable checkpoint exists
   * @throws UncheckedIOException if an unreadable checkpoint cannot be deleted
   */
  Optional<Saved> load(TrainedNet kind) {
    Path state = dir.resolve(STATE);
    if (!Files.exists(state)) {
      return Optional.empty();
    }
    Path file = state;
    try {
      State s = JSON.readValue(state.toFile(), State.class);
      // The restored layers get their oneDNN helpers only if these are on before they exist.
      Backend.start();
      file = dir.resolve(s.model() == null ? LEGACY_MODEL : s.model());
      TrainedNet net = kind instanceof TrainedNet.Graph
          ? TrainedNet.of(ModelSerializer.restoreComputationGraph(file.toFile(), true))
          : TrainedNet.of(ModelSerializer.restoreMultiLayerNetwork(file.toFile(), true));
      return Optional.of(new Saved(net, s));
    } catch (IOException | RuntimeException e) {
      LOG.warn("the checkpoint file {} cannot be read ({}); the trial restarts from its first"
          + " step", file, StoreJson.reason(e));
      AtomicFiles.deleteTree(dir);
      return Optional.empty();
    }
  }
}
