package org.optbench.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.optbench.problem.Architecture;

/**
 * The evaluator computes the loss from the probabilities of its single forward pass; it must give
 * exactly what DL4J's own {@code score} gives, or evaluation curves would change meaning.
 */
class ClassificationEvaluatorTest {
  private static final int EXAMPLES = 64;

  private static INDArray images(long seed, double scale) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] pixels = new float[EXAMPLES * 784];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (float) (random.nextDouble() * scale);
    }
    return Nd4j.create(pixels, new long[] {EXAMPLES, 784}, DataType.FLOAT);
  }

  private static INDArray oneHot(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    INDArray labels = Nd4j.zeros(DataType.FLOAT, EXAMPLES, 10);
    for (int i = 0; i < EXAMPLES; i++) {
      labels.putScalar(i, random.nextInt(10), 1f);
    }
    return labels;
  }

  private static double singlePassLoss(MultiLayerNetwork net, INDArray x, INDArray y) {
    double eps = 1e-10; // LossMCXENT's default, which the networks keep
    return ClassificationEvaluator.crossEntropySum(net.output(x, false), y, eps) / EXAMPLES;
  }

  @Test
  void evaluateGivesDl4jsLossAndTheCountedAccuracyAcrossChunks() {
    int n = 1500; // two chunks of the evaluator, the second partial
    SplittableRandom random = new SplittableRandom(9);
    float[] pixels = new float[n * 784];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (float) random.nextDouble();
    }
    byte[] classes = new byte[n];
    INDArray labels = Nd4j.zeros(DataType.FLOAT, n, 10);
    for (int i = 0; i < n; i++) {
      classes[i] = (byte) random.nextInt(10);
      labels.putScalar(i, classes[i], 1f);
    }
    INDArray x = Nd4j.create(pixels, new long[] {n, 784}, DataType.FLOAT);
    MultiLayerNetwork net = Networks.classifier(Architecture.MLP, new Sgd(0.1), 3);
    net.fit(new DataSet(x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 128)),
        labels.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 128))));

    double expectedLoss = net.score(new DataSet(x, labels), false);
    float[][] p = net.output(x, false).toFloatMatrix();
    int correct = 0;
    for (int i = 0; i < n; i++) {
      int best = 0;
      for (int k = 1; k < 10; k++) {
        best = p[i][k] > p[i][best] ? k : best;
      }
      correct += best == classes[i] ? 1 : 0;
    }
    ImageTensors.Split split = new ImageTensors.Split(x, labels, classes, 0, n);
    double[] measured = new ClassificationEvaluator(split, split, split).evaluate(TrainedNet.of(net));

    for (int at = 0; at < 6; at += 2) {
      // Float sums over 1500 rows against over 1000 + 500: equal to float rounding, not bits.
      assertEquals(expectedLoss, measured[at], 1e-5 * expectedLoss, "loss at column " + at);
      assertEquals(correct / (double) n, measured[at + 1], 0.0, "accuracy at column " + at);
    }
    assertTrue(correct > 100, "a trained step leaves some right answers, got " + correct);
  }

  @Test
  void lossEqualsDl4jScoreBitForBit() {
    MultiLayerNetwork net = Networks.classifier(Architecture.MLP, new Sgd(0.1), 7);
    INDArray x = images(1, 1.0);
    INDArray y = oneHot(2);
    double expected = net.score(new DataSet(x, y), false);
    assertEquals(expected, singlePassLoss(net, x, y), 0.0);
    assertTrue(expected > 2.0 && expected < 2.6, "an untrained 10-class net: about ln 10, got "
        + expected);
  }

  @Test
  void clippedProbabilitiesGiveDl4jsScoreToo() {
    // Inputs 10^4 times too large saturate the softmax: many probabilities underflow to 0 and are
    // raised to the clipping epsilon, which then dominates the loss.
    MultiLayerNetwork net = Networks.classifier(Architecture.LOGREG, new Sgd(0.1), 7);
    SplittableRandom random = new SplittableRandom(5);
    float[] weights = new float[(int) net.numParams()];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = (float) (random.nextDouble() - 0.5);
    }
    net.setParams(Nd4j.create(weights, new long[] {1, weights.length}, DataType.FLOAT));
    INDArray x = images(3, 1e4);
    INDArray y = oneHot(4);
    double expected = net.score(new DataSet(x, y), false);
    assertEquals(expected, singlePassLoss(net, x, y), 0.0);
    assertTrue(expected > 10, "the clipped loss should be large, got " + expected);
  }
}
