package org.optbench.dl4j;

import org.optbench.testing.Optimizers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.optbench.optimizer.OptimizerType;
import org.optbench.plugin.registry.OptimizerRegistry;
import org.optbench.problem.Architecture;

/**
 * All optimizers must start from bit-identical weights: initial parameters depend on the
 * architecture and seed alone, never on the updater.
 */
class InitialWeightsTest {
  private static final long SEED = 12345;

  private static IUpdater updater(OptimizerType kind) {
    return Updaters.toIUpdater(kind.create(Map.of()));
  }

  @ParameterizedTest
  @EnumSource(Architecture.class)
  void sameSeedSameWeightsForEveryOptimizer(Architecture arch) {
    String reference = null;
    for (OptimizerType kind : OptimizerRegistry.builtIn().all()) {
      String hash = ParameterHash.of(Networks.classifier(arch, updater(kind), SEED).params());
      if (reference == null) {
        reference = hash;
      } else {
        assertEquals(reference, hash, arch + " with " + kind.id());
      }
    }
    String otherSeed = ParameterHash.of(
        Networks.classifier(arch, updater(Optimizers.type("sgd")), SEED + 1).params());
    if (arch == Architecture.LOGREG) {
      // Zero initialisation ignores the seed.
      assertEquals(reference, otherSeed);
    } else {
      assertNotEquals(reference, otherSeed, arch + ": a new seed must draw new weights");
    }
  }

  @Test
  void logregStartsAtZero() {
    MultiLayerNetwork net = Networks.classifier(Architecture.LOGREG, new Sgd(0.1), SEED);
    // 784·10 weights + 10 biases
    assertEquals(7850, net.numParams());
    assertEquals(DataType.FLOAT, net.params().dataType());
    assertEquals(0.0, net.params().amaxNumber().doubleValue(), 0);
  }

  @Test
  void mlpShapeAndInitialisation() {
    MultiLayerNetwork net = Networks.classifier(Architecture.MLP, new Sgd(0.1), SEED);
    // 784·1000+1000 + 1000·500+500 + 500·100+100 + 100·10+10
    // = 785000 + 500500 + 50100 + 1010
    assertEquals(1_336_610, net.numParams());
    long[][] shapes = {{784, 1000}, {1000, 500}, {500, 100}, {100, 10}};
    for (int layer = 0; layer < shapes.length; layer++) {
      INDArray w = net.getParam(layer + "_W");
      INDArray b = net.getParam(layer + "_b");
      assertEquals(shapes[layer][0] * shapes[layer][1], w.length());
      assertEquals(shapes[layer][1], b.length());
      assertTruncatedNormal(w, 0.03, "layer " + layer);
      assertEquals(0.0, b.amaxNumber().doubleValue(), 0, "mlp biases start at 0");
    }
  }

  @Test
  void conv2c2dShapeAndInitialisation() {
    MultiLayerNetwork net = Networks.classifier(Architecture.CONV_2C2D, new Sgd(0.1), SEED);
    // conv 5·5·1·32+32 = 832; conv 5·5·32·64+64 = 51264; two 2×2 pools take 28 → 7, so
    // dense 7·7·64·1024+1024 = 3212288; output 1024·10+10 = 10250. Pooling layers have none.
    assertEquals(832 + 51_264 + 3_212_288 + 10_250, net.numParams());
    assertEquals(3_274_634, net.numParams());
    int[] weighted = {0, 2, 4, 5};
    long[] weights = {800, 51_200, 3_211_264, 10_240};
    long[] biases = {32, 64, 1024, 10};
    for (int i = 0; i < weighted.length; i++) {
      INDArray w = net.getParam(weighted[i] + "_W");
      INDArray b = net.getParam(weighted[i] + "_b");
      assertEquals(weights[i], w.length());
      assertEquals(biases[i], b.length());
      assertTruncatedNormal(w, 0.05, "layer " + weighted[i]);
      // Every bias is 0.05 in float32.
      assertEquals(0.05f, b.minNumber().floatValue(), 0);
      assertEquals(0.05f, b.maxNumber().floatValue(), 0);
    }
  }

  /** Cut at 2σ, mean ≈ 0, and not degenerate (std of a 2σ-truncated normal ≈ 0.88σ). */
  @Test
  void weightsRepeatAcrossBuildsAndThreadsAndComeFromTheSeededJavaStream() throws Exception {
    String first = ParameterHash.of(Networks.classifier(Architecture.MLP, new Sgd(0.1), 7).params());
    String second = ParameterHash.of(Networks.classifier(Architecture.MLP, new Sgd(0.1), 7).params());
    java.util.concurrent.atomic.AtomicReference<String> other =
        new java.util.concurrent.atomic.AtomicReference<>();
    Thread thread = new Thread(() -> other.set(ParameterHash.of(
        Networks.classifier(Architecture.MLP, new Sgd(0.1), 7).params())));
    thread.start();
    thread.join();
    assertEquals(first, second, "two builds in one thread");
    assertEquals(first, other.get(), "a build in another thread");
    // The first weight is the first truncated-normal draw of SplittableRandom(7), times σ.
    java.util.SplittableRandom random = new java.util.SplittableRandom(7);
    float expected = (float) (0.03 * org.optbench.problem.Gaussian.truncatedNormal(random, 2));
    INDArray w = Networks.classifier(Architecture.MLP, new Sgd(0.1), 7).getParam("0_W");
    assertEquals(expected, w.getFloat(0, 0), 0f);
  }

  private static void assertTruncatedNormal(INDArray w, double sigma, String what) {
    double maxAbs = w.amaxNumber().doubleValue();
    assertTrue(maxAbs <= 2 * sigma * (1 + 1e-6), what + ": max |w| = " + maxAbs);
    assertTrue(maxAbs > 1.5 * sigma, what + ": the tails are drawn, max |w| = " + maxAbs);
    double std = w.stdNumber().doubleValue();
    assertEquals(0.88 * sigma, std, 0.1 * sigma, what + ": std");
    assertEquals(0, w.meanNumber().doubleValue(), 0.2 * sigma, what + ": mean");
  }
}
