package org.optbench.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.optbench.experiment.BatchSize;
import org.optbench.experiment.Budget;
import org.optbench.experiment.TrialSpec;
import org.optbench.optimizer.OptimizerSpec;
import org.optbench.optimizer.Recipe;
import org.optbench.problem.Architecture;
import org.optbench.problem.ProblemSpec;
import org.optbench.problem.RavineRegressionData;
import org.optbench.result.TrialResult;
import org.optbench.testing.CurveCsv;
import org.optbench.testing.Optimizers;

/**
 * One optimizer step with a recipe, against the same step computed by hand in plain doubles on
 * ravine regression (L(w) = (1/B)·Σ (y − x·w)², gradient (2/B)·Σ x·(x·w − y)): decoupled weight
 * decay against coupled L2 under SGD and Adam, bias decay on and off, and a clipped step at batch
 * size 16.
 */
class RecipeStepTest {
  private static final int D = 3;
  private static final List<Double> START = List.of(1.0, -2.0, 0.5);
  private static final ProblemSpec.RavineRegression PROBLEM = new ProblemSpec.RavineRegression(
      "ravine-regression", D, 100, 64, 10, 0.1, 3, START);

  @TempDir
  Path temp;

  @BeforeAll
  static void startBackend() {
    Backend.start();
  }

  /** The weights after one step, from evals.csv (θ_1). */
  private double[] oneStep(OptimizerSpec optimizer, BatchSize batch) throws Exception {
    TrialSpec spec = new TrialSpec(PROBLEM, optimizer, batch, new Budget(Budget.Unit.STEPS, 1),
        1, 1, 100, 0, 1);
    Path dir = Files.createTempDirectory(temp, "trial");
    TrialResult result = new Dl4jTrialRunner(id -> null, 1).run(spec, dir, n -> { });
    assertEquals(1, result.steps());
    CurveCsv evals = CurveCsv.read(dir.resolve("evals.csv"));
    double[] w = new double[D];
    for (int i = 0; i < D; i++) {
      w[i] = evals.column("w" + i)[1];
    }
    lastDir = dir;
    return w;
  }

  private Path lastDir;

  /** (2/B)·Σ x·(x·w − y) over the given rows. */
  private static double[] gradient(RavineRegressionData data, int[] rows, double[] w) {
    double[] x = data.features();
    double[] y = data.targets();
    double[] g = new double[D];
    for (int r : rows) {
      double e = -y[r];
      for (int j = 0; j < D; j++) {
        e += x[r * D + j] * w[j];
      }
      for (int j = 0; j < D; j++) {
        g[j] += 2 * x[r * D + j] * e / rows.length;
      }
    }
    return g;
  }

  private static double[] start() {
    return START.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static int[] all(int n) {
    return java.util.stream.IntStream.range(0, n).toArray();
  }

  @Test
  void underSgdDecoupledWeightDecayAndL2TakeTheSameStep() throws Exception {
    double eta = 0.004;
    double lambda = 0.5;
    RavineRegressionData data = PROBLEM.generate();
    double[] w0 = start();
    double[] g = gradient(data, all(data.samples()), w0);
    double[] expected = new double[D];
    for (int i = 0; i < D; i++) {
      expected[i] = w0[i] - eta * (g[i] + lambda * w0[i]);
    }
    OptimizerSpec sgd = Optimizers.spec("sgd", eta);
    double[] decoupled = oneStep(sgd.withRecipe(new Recipe(null, lambda, 0, false, 0, null)),
        BatchSize.FULL);
    double[] coupled = oneStep(sgd.withRecipe(new Recipe(null, 0, lambda, false, 0, null)),
        BatchSize.FULL);
    double[] plain = oneStep(sgd, BatchSize.FULL);
    assertArrayEquals(expected, decoupled, 1e-12);
    assertArrayEquals(expected, coupled, 1e-12);
    for (int i = 0; i < D; i++) {
      assertEquals(eta * lambda * w0[i], plain[i] - decoupled[i], 1e-12, "decay of w" + i);
    }
  }

  @Test
  void underAdamL2EntersTheMomentsAndDecoupledDecayDoesNot() throws Exception {
    double eta = 0.01;
    double lambda = 0.5;
    double b1 = 0.9;
    double b2 = 0.999;
    double eps = 1e-8;
    RavineRegressionData data = PROBLEM.generate();
    double[] w0 = start();
    double[] g = gradient(data, all(data.samples()), w0);
    double[] l2 = new double[D];
    double[] wd = new double[D];
    for (int i = 0; i < D; i++) {
      // Adam's first step: m = (1−β₁)g, v = (1−β₂)g², α = η·√(1−β₂)/(1−β₁), u = α·m/(√v + ε).
      double gl2 = g[i] + lambda * w0[i];
      l2[i] = w0[i] - eta * Math.sqrt(1 - b2) * gl2 / (Math.sqrt(1 - b2) * Math.abs(gl2) + eps);
      wd[i] = w0[i] - eta * Math.sqrt(1 - b2) * g[i] / (Math.sqrt(1 - b2) * Math.abs(g[i]) + eps)
          - eta * lambda * w0[i];
    }
    OptimizerSpec adam = Optimizers.type("adam").create(Map.of("learningRate", eta));
    assertArrayEquals(l2, oneStep(adam.withRecipe(new Recipe(null, 0, lambda, false, 0, null)),
        BatchSize.FULL), 1e-12);
    assertArrayEquals(wd, oneStep(adam.withRecipe(new Recipe(null, lambda, 0, false, 0, null)),
        BatchSize.FULL), 1e-12);
  }

  @Test
  void aClippedStepAtBatchSize16ScalesTheMeanGradientToNormC() throws Exception {
    double eta = 0.004;
    int batch = 16;
    RavineRegressionData data = PROBLEM.generate();
    // The first mini-batch: the first 16 of seed 0's first shuffle.
    int[] order = BatchOrder.permutation(data.samples(), new SplittableRandom(0));
    int[] rows = java.util.Arrays.copyOf(order, batch);
    double[] w0 = start();
    double[] g = gradient(data, rows, w0);
    double norm = Math.sqrt(g[0] * g[0] + g[1] * g[1] + g[2] * g[2]);
    double c = norm / 4;
    double[] expected = new double[D];
    for (int i = 0; i < D; i++) {
      expected[i] = w0[i] - eta * g[i] * (c / norm);
    }
    OptimizerSpec sgd = Optimizers.spec("sgd", eta);
    double[] clipped = oneStep(sgd.withRecipe(new Recipe(null, 0, 0, false, c, null)),
        new BatchSize(batch));
    assertArrayEquals(expected, clipped, 1e-12);
    CurveCsv curve = CurveCsv.read(lastDir.resolve("curve.csv"));
    assertEquals(norm, curve.column("grad_norm")[0], 1e-12 * norm);
    assertEquals(1.0, curve.column("clipped")[0]);

    // Above the norm nothing changes, and the row says so.
    double[] unclipped = oneStep(sgd.withRecipe(new Recipe(null, 0, 0, false, 2 * norm, null)),
        new BatchSize(batch));
    curve = CurveCsv.read(lastDir.resolve("curve.csv"));
    assertEquals(0.0, curve.column("clipped")[0]);
    assertArrayEquals(oneStep(sgd, new BatchSize(batch)), unclipped, 0.0);
  }

  /**
   * DL4J's per-layer clipping, on a one-layer model: its threshold applies to the norm of the
   * mean gradient, as global-norm clipping's does.
   */
  @Test
  void perLayerClippingClipsTheMeanGradientOfTheLayer() throws Exception {
    double eta = 0.004;
    int batch = 16;
    RavineRegressionData data = PROBLEM.generate();
    int[] order = BatchOrder.permutation(data.samples(), new SplittableRandom(0));
    double[] w0 = start();
    double[] g = gradient(data, java.util.Arrays.copyOf(order, batch), w0);
    double norm = Math.sqrt(g[0] * g[0] + g[1] * g[1] + g[2] * g[2]);
    double threshold = norm / 4;
    double[] expected = new double[D];
    for (int i = 0; i < D; i++) {
      expected[i] = w0[i] - eta * g[i] * (threshold / norm);
    }
    double[] clipped = oneStep(Optimizers.spec("sgd", eta).withRecipe(new Recipe(null, 0, 0,
        false, 0, new Recipe.LayerClipping("ClipL2PerLayer", threshold))), new BatchSize(batch));
    assertArrayEquals(expected, clipped, 1e-12);
  }

  @Test
  void biasesDecayOnlyWhenTheRecipeSaysSo() {
    double eta = 0.1;
    double lambda = 0.3;
    OptimizerSpec sgd = Optimizers.spec("sgd", eta);
    Recipe keep = new Recipe(null, lambda, 0, false, 0, null);
    Recipe decay = new Recipe(null, lambda, 0, true, 0, null);
    INDArray plain = step(sgd);
    INDArray kept = step(sgd.withRecipe(keep));
    INDArray decayed = step(sgd.withRecipe(decay));
    INDArray start = startParams();
    long weights = (long) Networks.PIXELS * Networks.CLASSES;
    for (long i = 0; i < start.length(); i += 97) {
      double expectedDecay = eta * lambda * start.getDouble(i);
      boolean bias = i >= weights;
      assertEquals(expectedDecay, plain.getDouble(i) - decayed.getDouble(i), 1e-14, "param " + i);
      assertEquals(bias ? 0.0 : expectedDecay, plain.getDouble(i) - kept.getDouble(i), 1e-14,
          "param " + i);
    }
    for (long i = weights; i < start.length(); i++) {
      assertEquals(plain.getDouble(i), kept.getDouble(i), 0.0, "bias " + i + " undecayed");
    }
  }

  private static INDArray startParams() {
    SplittableRandom r = new SplittableRandom(7);
    double[] p = new double[Networks.PIXELS * Networks.CLASSES + Networks.CLASSES];
    for (int i = 0; i < p.length; i++) {
      p[i] = r.nextDouble() - 0.5;
    }
    return Nd4j.create(p, new long[] {1, p.length}, DataType.DOUBLE);
  }

  /** One SGD step of softmax regression in float64 from {@link #startParams}. */
  private static INDArray step(OptimizerSpec spec) {
    MultiLayerNetwork net = Networks.classifier(Architecture.LOGREG, new Sgd(eta(spec)),
        Recipes.weights(spec), Recipes.biases(spec), spec.recipe(), 0, DataType.DOUBLE);
    net.setParams(startParams());
    SplittableRandom r = new SplittableRandom(3);
    double[] x = new double[4 * Networks.PIXELS];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextDouble();
    }
    double[] y = new double[4 * Networks.CLASSES];
    for (int k = 0; k < 4; k++) {
      y[k * Networks.CLASSES + k] = 1;
    }
    net.fit(new DataSet(Nd4j.create(x, new long[] {4, Networks.PIXELS}, DataType.DOUBLE),
        Nd4j.create(y, new long[] {4, Networks.CLASSES}, DataType.DOUBLE)));
    return net.params().dup();
  }

  private static double eta(OptimizerSpec spec) {
    return spec.learningRate();
  }
}
