package org.optbench.dl4j;

import org.optbench.testing.Optimizers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.Adam;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.data.DatasetId;
import org.optbench.data.ImageDataset;
import org.optbench.experiment.BatchSize;
import org.optbench.experiment.Budget;
import org.optbench.experiment.DataOrder;
import org.optbench.experiment.TrialSpec;
import org.optbench.optimizer.OptimizerType;
import org.optbench.plugin.registry.OptimizerRegistry;
import org.optbench.problem.Architecture;
import org.optbench.problem.ProblemSpec;
import org.optbench.result.ResultStore;
import org.optbench.result.TrialResult;
import org.optbench.testing.CurveCsv;

/**
 * A trial interrupted after its first epoch and resumed from the checkpoint ends bit-identical to
 * one that ran straight through: same curves (but wall time), same final parameters.
 */
class CheckpointResumeTest {
  @TempDir
  Path dir;

  private static ImageDataset syntheticData() {
    return SyntheticImages.dataset(1200, 100);
  }

  private static TrialSpec spec() {
    return spec(DataOrder.PERMUTATION);
  }

  private static TrialSpec spec(DataOrder order) {
    ProblemSpec.Image problem = new ProblemSpec.Image("mnist-mlp", DatasetId.MNIST,
        Architecture.MLP, 1000, 200, 200, 100);
    return new TrialSpec(problem, Optimizers.type("adam").create(Map.of("learningRate", 1e-3)),
        new BatchSize(100), new Budget(Budget.Unit.EPOCHS, 3), 0, 1, 100, 5, 1, order);
  }

  /** Runs the trial into {@code out} until its first checkpoint is written, then kills it. */
  private static String killAfterFirstCheckpoint(ImageDataset data, Path out, TrialSpec spec) {
    Dl4jTrialRunner crashing = new Dl4jTrialRunner(id -> data, 1).afterCheckpoint(epoch -> {
      throw new IllegalStateException("killed after epoch " + epoch);
    });
    return assertThrows(IllegalStateException.class, () -> crashing.run(spec, out, n -> { }))
        .getMessage();
  }

  /** @return the result of the trial run straight through, into the folder {@code straight} */
  private TrialResult trainStraight(ImageDataset data) throws IOException {
    return trainStraight(data, spec(), "straight");
  }

  private TrialResult trainStraight(ImageDataset data, TrialSpec spec, String name)
      throws IOException {
    Path straight = Files.createDirectories(dir.resolve(name));
    return new Dl4jTrialRunner(id -> data, 1).run(spec, straight, n -> { });
  }

  /** @return the folder {@code name}, holding the trial killed after its first checkpoint */
  private Path killedAfterFirstCheckpoint(ImageDataset data, String name) throws IOException {
    return killedAfterFirstCheckpoint(data, name, spec());
  }

  private Path killedAfterFirstCheckpoint(ImageDataset data, String name, TrialSpec spec)
      throws IOException {
    Path out = Files.createDirectories(dir.resolve(name));
    assertEquals("killed after epoch 1", killAfterFirstCheckpoint(data, out, spec));
    return out;
  }

  @Test
  void resumingFromTheFirstEpochCheckpointMatchesAnUninterruptedRun() throws Exception {
    assertResumesAsItRanStraight(DataOrder.PERMUTATION);
  }

  /**
   * With a shuffle buffer the resumed trial replays the finished epochs' buffered draws, not a
   * permutation's, so its later epochs take the same batches; and the buffer is really used:
   * the trial ends elsewhere than the same trial in the default order.
   */
  @Test
  void aTrialWithAShuffleBufferResumesAsItRanStraight() throws Exception {
    TrialResult buffered = assertResumesAsItRanStraight(new DataOrder(300));
    TrialResult permuted = trainStraight(syntheticData(), spec(), "permuted");
    assertEquals(permuted.initialParamsSha256(), buffered.initialParamsSha256());
    assertNotEquals(permuted.finalParamsSha256(), buffered.finalParamsSha256());
  }

  private TrialResult assertResumesAsItRanStraight(DataOrder order) throws Exception {
    ImageDataset data = syntheticData();
    TrialSpec spec = spec(order);
    String name = "straight-" + order.buffer();
    TrialResult expected = trainStraight(data, spec, name);
    Path straight = dir.resolve(name);

    Path resumed = killedAfterFirstCheckpoint(data, "resumed-" + order.buffer(), spec);
    assertTrue(Files.exists(resumed.resolve(ResultStore.CHECKPOINT).resolve("state.json")));

    long[] stepsReported = new long[1];
    TrialResult actual = new Dl4jTrialRunner(id -> data, 1)
        .run(spec, resumed, n -> stepsReported[0] += n);

    assertEquals(30, stepsReported[0], "10 steps restored from the checkpoint + 20 trained");
    assertEquals(expected.finalParamsSha256(), actual.finalParamsSha256());
    assertEquals(expected.initialParamsSha256(), actual.initialParamsSha256());
    assertEquals(expected.finalMetrics(), actual.finalMetrics());
    assertEquals(30, actual.steps());
    assertEquals(3, actual.epochs());
    for (String file : new String[] {"curve.csv", "evals.csv"}) {
      CurveCsv a = CurveCsv.read(straight.resolve(file)).without("train_time_s");
      CurveCsv b = CurveCsv.read(resumed.resolve(file)).without("train_time_s");
      assertEquals(a, b, file);
    }
    assertEquals(30, CurveCsv.read(resumed.resolve("curve.csv")).rows().size(),
        "one row per step, none repeated by the resume");
    String evals = Files.readString(resumed.resolve("evals.csv"));
    assertEquals(evals.indexOf("iteration,"), evals.lastIndexOf("iteration,"),
        "the header is written once");
    return actual;
  }

  /**
   * A run killed between writing the next epoch's model and the state that names it leaves a
   * newer model beside the older state: the resumed trial takes the model its state names, so
   * the result is unchanged, and its next checkpoint removes the stray model.
   */
  @Test
  void aModelWrittenWithoutItsStateIsNotTakenForTheCheckpoint() throws Exception {
    ImageDataset data = syntheticData();
    TrialResult expected = trainStraight(data);
    Path straight = dir.resolve("straight");

    Path resumed = killedAfterFirstCheckpoint(data, "half-written");
    Path checkpoint = resumed.resolve(ResultStore.CHECKPOINT);
    assertTrue(Files.readString(checkpoint.resolve("state.json"))
        .contains("\"model\":\"model-10.zip\""));
    // Another network in the place the next checkpoint's model would take.
    ModelSerializer.writeModel(Networks.classifier(Architecture.MLP, new Adam(0.5), 99L),
        checkpoint.resolve("model-20.zip").toFile(), true);

    TrialResult actual = new Dl4jTrialRunner(id -> data, 1).run(spec(), resumed, n -> { });
    assertEquals(expected.finalParamsSha256(), actual.finalParamsSha256());
    for (String file : new String[] {"curve.csv", "evals.csv"}) {
      assertEquals(CurveCsv.read(straight.resolve(file)).without("train_time_s"),
          CurveCsv.read(resumed.resolve(file)).without("train_time_s"), file);
    }
  }

  /** A checkpoint of the earlier layout (one {@code model.zip}, unnamed by its state) resumes. */
  @Test
  void aCheckpointOfTheEarlierLayoutResumes() throws Exception {
    ImageDataset data = syntheticData();
    TrialResult expected = trainStraight(data);

    Path resumed = killedAfterFirstCheckpoint(data, "earlier-layout");
    Path checkpoint = resumed.resolve(ResultStore.CHECKPOINT);
    Files.move(checkpoint.resolve("model-10.zip"), checkpoint.resolve("model.zip"));
    Path state = checkpoint.resolve("state.json");
    Files.writeString(state, Files.readString(state).replace(",\"model\":\"model-10.zip\"", ""));

    List<Long> reports = new ArrayList<>();
    TrialResult actual = new Dl4jTrialRunner(id -> data, 1).run(spec(), resumed, reports::add);
    assertEquals(10L, reports.get(0), "the 10 steps of the checkpoint, restored, not retrained");
    assertEquals(21, reports.size(), "then 20 steps trained");
    assertEquals(expected.finalParamsSha256(), actual.finalParamsSha256());
  }

  /**
   * The checkpoint's model is DL4J's archive with every entry uncompressed (deflating
   * float weights is most of a checkpoint's time and saves little), and DL4J reads it back.
   */
  @Test
  void theCheckpointModelIsAnUncompressedDl4jArchive() throws Exception {
    ImageDataset data = syntheticData();
    Path out = killedAfterFirstCheckpoint(data, "stored");
    Path model = out.resolve(ResultStore.CHECKPOINT).resolve("model-10.zip");
    List<String> names = new ArrayList<>();
    try (ZipFile zip = new ZipFile(model.toFile())) {
      for (ZipEntry entry : Collections.list(zip.entries())) {
        names.add(entry.getName());
        assertTrue(entry.getCompressedSize() >= entry.getSize(), entry.getName() + " is "
            + entry.getSize() + " bytes, compressed to " + entry.getCompressedSize());
      }
    }
    assertEquals(List.of(ModelSerializer.CONFIGURATION_JSON, ModelSerializer.COEFFICIENTS_BIN,
        ModelSerializer.UPDATER_BIN), names);
    MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(model.toFile(), true);
    assertEquals(10, restored.getIterationCount());
    assertEquals(1, restored.getEpochCount());
    // Adam's two moments per parameter.
    assertEquals(2 * restored.numParams(), restored.getUpdater().getStateViewArray().length());
  }

  /**
   * A checkpoint deflated by DL4J's own writer, as optbench wrote them before, still resumes
   * (a run interrupted before an upgrade continues after it) and gives the same result.
   */
  @Test
  void aCheckpointDeflatedByDl4jResumes() throws Exception {
    ImageDataset data = syntheticData();
    TrialResult expected = trainStraight(data);

    Path resumed = killedAfterFirstCheckpoint(data, "deflated");
    Path model = resumed.resolve(ResultStore.CHECKPOINT).resolve("model-10.zip");
    MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(model.toFile(), true);
    ModelSerializer.writeModel(net, model.toFile(), true);
    try (ZipFile zip = new ZipFile(model.toFile())) {
      ZipEntry params = zip.getEntry(ModelSerializer.COEFFICIENTS_BIN);
      assertTrue(params.getCompressedSize() < params.getSize(), "DL4J's writer deflates");
    }

    TrialResult actual = new Dl4jTrialRunner(id -> data, 1).run(spec(), resumed, n -> { });
    assertEquals(expected.finalParamsSha256(), actual.finalParamsSha256());
    assertEquals(expected.finalMetrics(), actual.finalMetrics());
  }

  /** An unreadable checkpoint is dropped and the trial restarts: the result is unchanged. */
  @Test
  void aCorruptCheckpointRestartsTheTrialFromItsFirstStep() throws Exception {
    assertRestartsFromItsFirstStep(checkpoint ->
        Files.writeString(checkpoint.resolve("model-10.zip"), "not a zip"));
  }

  /** A state.json with text after its object is damaged too, though the object would read. */
  @Test
  void aCheckpointStateWithTextAfterItRestartsTheTrialFromItsFirstStep() throws Exception {
    assertRestartsFromItsFirstStep(checkpoint -> {
      Path state = checkpoint.resolve("state.json");
      Files.writeString(state, Files.readString(state) + "{\"model\": \"model-10.zip\"}");
    });
  }

  /** A damage done to a trial's checkpoint folder. */
  private interface CheckpointDamage {
    void apply(Path checkpoint) throws IOException;
  }

  private void assertRestartsFromItsFirstStep(CheckpointDamage damage) throws Exception {
    ImageDataset data = syntheticData();
    TrialResult expected = trainStraight(data);
    Path straight = dir.resolve("straight");

    Path resumed = killedAfterFirstCheckpoint(data, "corrupt");
    damage.apply(resumed.resolve(ResultStore.CHECKPOINT));

    long[] stepsReported = new long[1];
    TrialResult actual = new Dl4jTrialRunner(id -> data, 1)
        .run(spec(), resumed, n -> stepsReported[0] += n);

    assertEquals(30, stepsReported[0], "all 30 steps trained again");
    assertEquals(expected.finalParamsSha256(), actual.finalParamsSha256());
    assertEquals(expected.finalMetrics(), actual.finalMetrics());
    for (String file : new String[] {"curve.csv", "evals.csv"}) {
      assertEquals(CurveCsv.read(straight.resolve(file)).without("train_time_s"),
          CurveCsv.read(resumed.resolve(file)).without("train_time_s"), file);
    }
    assertTrue(Files.exists(resumed.resolve(ResultStore.CHECKPOINT).resolve("state.json")),
        "the restarted run checkpoints afresh");
  }

  @Test
  void pairedSeedsGiveEveryOptimizerTheSameStartAndFirstMiniBatch() throws Exception {
    // The loss at iteration 0 is computed at the initial weights on the first mini-batch, before
    // any update: equal losses mean the same weights and the same batch.
    ImageDataset data = syntheticData();
    Dl4jTrialRunner runner = new Dl4jTrialRunner(id -> data, 1);
    double[] first = new double[3];
    String[] hashes = new String[3];
    OptimizerType[] kinds = {Optimizers.type("sgd"), Optimizers.type("adam"), Optimizers.type("sgd")};
    long[] seeds = {5, 5, 6};
    for (int i = 0; i < 3; i++) {
      TrialSpec base = spec();
      TrialSpec spec = new TrialSpec(base.problem(), kinds[i].create(Map.of()),
          base.batchSize(), new Budget(Budget.Unit.STEPS, 2), 0, 1, 100, seeds[i], 1);
      Path out = Files.createDirectories(dir.resolve("paired-" + i));
      hashes[i] = runner.run(spec, out, n -> { }).initialParamsSha256();
      first[i] = CurveCsv.read(out.resolve("curve.csv")).column("loss")[0];
    }
    assertEquals(hashes[0], hashes[1], "same seed, same initial weights");
    assertEquals(first[0], first[1], 0.0, "same seed, same first mini-batch");
    assertTrue(!hashes[0].equals(hashes[2]) && first[0] != first[2], "another seed differs");
  }
}
