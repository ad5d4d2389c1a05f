package org.optbench.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.optbench.data.CifarAugmentation;
import org.optbench.data.CifarFixtures;
import org.optbench.data.DatasetId;
import org.optbench.data.ImageDataset;
import org.optbench.experiment.BatchSize;
import org.optbench.experiment.Budget;
import org.optbench.experiment.TrialSpec;
import org.optbench.optimizer.OptimizerSpec;
import org.optbench.problem.Architecture;
import org.optbench.problem.ProblemSpec;
import org.optbench.result.TrialResult;
import org.optbench.testing.CurveCsv;
import org.optbench.testing.Optimizers;

/**
 * cifar10-3c3d trials on generated CIFAR-10 batches: they train on DeepOBS's augmented images,
 * drawn from the seed and the step, so a trial resumed from its checkpoint repeats an
 * uninterrupted one bit for bit; and two optimizers start from the same weights.
 */
class Cifar10TrialTest {
  private static final ImageDataset DATA = CifarFixtures.dataset(40);
  private static final long SEED = 3;

  @TempDir Path dir;

  private static TrialSpec spec(OptimizerSpec optimizer, Budget budget) {
    ProblemSpec.Image problem = new ProblemSpec.Image("cifar10-3c3d", DatasetId.CIFAR10,
        Architecture.CONV_3C3D, 120, 80, 40, 40);
    return new TrialSpec(problem, optimizer, new BatchSize(40), budget, 0, 1, 5, SEED, 1);
  }

  private static TrialSpec adam(Budget budget) {
    return spec(Optimizers.type("adam").create(Map.of("learningRate", 1e-3)), budget);
  }

  /**
   * The loss recorded at iteration 0 is the initial network's loss (with its L2 term) on the
   * first mini-batch as the augmentation builds it for step 0 from the trial's first shuffle:
   * not on the plain images.
   */
  @Test
  void theFirstStepTrainsOnTheAugmentedBatchOfStepZero() throws Exception {
    TrialSpec spec = adam(new Budget(Budget.Unit.STEPS, 1));
    new Dl4jTrialRunner(id -> DATA, 1).run(spec, dir, n -> { });
    double recorded = CurveCsv.read(dir.resolve("curve.csv")).column("loss")[0];

    int[] order = BatchOrder.permutation(120, new SplittableRandom(SEED));
    int[] rows = Arrays.copyOfRange(order, 0, 40);
    INDArray labels = Nd4j.pullRows(ImageTensors.of(DATA).trainLabels(), 1, rows);
    MultiLayerNetwork net = Networks.classifier(Architecture.CONV_3C3D, Networks.CIFAR10_SHAPE,
        new org.nd4j.linalg.learning.config.Sgd(0.1), SEED);
    INDArray augmented = Nd4j.create(CifarAugmentation.batch(DATA.train(), rows, SEED, 0),
        new long[] {40, 3072}, DataType.FLOAT);
    double expected = net.score(new DataSet(augmented, labels), false);
    assertEquals(expected, recorded, 1e-5 * expected);
    INDArray plain = Nd4j.pullRows(ImageTensors.of(DATA).trainFeatures(), 1, rows);
    double unaugmented = net.score(new DataSet(plain, labels), false);
    assertTrue(Math.abs(unaugmented - recorded) > 1e-3,
        "augmented " + recorded + ", plain " + unaugmented);
  }

  @Test
  void aResumedTrialRepeatsTheAugmentationAndEndsBitIdentical() throws Exception {
    TrialSpec spec = adam(new Budget(Budget.Unit.EPOCHS, 2));
    Path straight = Files.createDirectories(dir.resolve("straight"));
    TrialResult expected = new Dl4jTrialRunner(id -> DATA, 1).run(spec, straight, n -> { });

    Path resumed = Files.createDirectories(dir.resolve("resumed"));
    Dl4jTrialRunner crashing = new Dl4jTrialRunner(id -> DATA, 1).afterCheckpoint(epoch -> {
      throw new IllegalStateException("killed after epoch " + epoch);
    });
    assertEquals("killed after epoch 1", assertThrows(IllegalStateException.class,
        () -> crashing.run(spec, resumed, n -> { })).getMessage());
    TrialResult actual = new Dl4jTrialRunner(id -> DATA, 1).run(spec, resumed, n -> { });

    assertEquals(6, actual.steps());
    assertEquals(expected.finalParamsSha256(), actual.finalParamsSha256());
    assertEquals(expected.finalMetrics(), actual.finalMetrics());
    for (String file : new String[] {"curve.csv", "evals.csv"}) {
      assertEquals(CurveCsv.read(straight.resolve(file)).without("train_time_s"),
          CurveCsv.read(resumed.resolve(file)).without("train_time_s"), file);
    }
  }

  @Test
  void twoOptimizersStartFromTheSameWeightsAndBatch() throws Exception {
    String[] hashes = new String[2];
    double[] first = new double[2];
    String[] names = {"sgd", "adam"};
    for (int i = 0; i < 2; i++) {
      Path out = Files.createDirectories(dir.resolve(names[i]));
      TrialSpec spec = spec(Optimizers.type(names[i]).create(Map.of()),
          new Budget(Budget.Unit.STEPS, 2));
      hashes[i] = new Dl4jTrialRunner(id -> DATA, 1).run(spec, out, n -> { })
          .initialParamsSha256();
      first[i] = CurveCsv.read(out.resolve("curve.csv")).column("loss")[0];
    }
    assertEquals(hashes[0], hashes[1]);
    assertEquals(first[0], first[1], 0.0);
    assertNotEquals(null, hashes[0]);
  }
}
