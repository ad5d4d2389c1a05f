package org.optbench.dl4j;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.optbench.result.AtomicFiles;
import org.optbench.result.ResultStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A trial's state at an epoch boundary, so a killed run continues where it stopped and ends
 * bit-identical to an uninterrupted one: the network with its updater state (DL4J's
 * {@link ModelSerializer}, which also keeps the iteration and epoch counters) and the loop
 * counters with the curve files' lengths. The model is renamed into place first and the state file
 * last, so a state file always names a complete model.
 */
final class Checkpoint {
  private static final Logger LOG = LoggerFactory.getLogger(Checkpoint.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MODEL = ResultStore.CHECKPOINT_MODEL;
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
   */
  record State(long step, int epoch, long examples, long trainNanos, long evalNanos,
      long lastEvalStep, double referenceLoss, String initialHash, double[] lastEval,
      long curveBytes, long evalsBytes) {}

  /** A restored network and its counters. */
  record Saved(MultiLayerNetwork network, State state) {}

  /**
   * @param net the network after the epoch's last step
   * @param state the counters at that moment
   * @throws UncheckedIOException if the checkpoint cannot be written
   */
  void save(MultiLayerNetwork net, State state) {
    try {
      Files.createDirectories(dir);
      Path tmp = dir.resolve("." + MODEL + ".tmp");
      ModelSerializer.writeModel(net, tmp.toFile(), true);
      Files.move(tmp, dir.resolve(MODEL), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      AtomicFiles.write(dir.resolve(STATE), JSON.writeValueAsString(state));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint in " + dir, e);
    }
  }

  /**
   * Restores the checkpoint, or, if it cannot be read (a disk fault, a stray edit), deletes it
   * with a warning naming the file, so the trial restarts from its first step: training is
   * deterministic, so the result is the same as the interrupted run's would have been.
   *
   * @return the saved network and counters, if a readable checkpoint exists
   * @throws UncheckedIOException if an unreadable checkpoint cannot be deleted
   */
  Optional<Saved> load() {
    Path state = dir.resolve(STATE);
    if (!Files.exists(state)) {
      return Optional.empty();
    }
    Path file = state;
    try {
      State s = JSON.readValue(state.toFile(), State.class);
      // The restored layers get their oneDNN helpers only if these are on before they exist.
      Backend.start();
      file = dir.resolve(MODEL);
      MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), true);
      return Optional.of(new Saved(net, s));
    } catch (IOException | RuntimeException e) {
      LOG.warn("the checkpoint file {} cannot be read ({}); the trial restarts from its first"
          + " step", file, e.getMessage() == null ? e.getClass().getSimpleName()
          : e.getMessage().lines().findFirst().orElse(""));
      AtomicFiles.deleteTree(dir);
      return Optional.empty();
    }
  }
}
