package org.optbench.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * One gradient-descent step worked by hand: a single weight w, no bias, one example x = 3 with
 * target y = 10, loss L = (y − wx)², start w₀ = 2, step η = 0.1.
 *
 * <pre>
 *   L(2)   = (10 − 6)² = 16
 *   dL/dw  = −2x(y − wx) = −2·3·4 = −24
 *   w₁     = w₀ − η·dL/dw = 2 + 2.4 = 4.4
 * </pre>
 */
class TextbookExampleTest {

  private static DataSet example() {
    INDArray x = Nd4j.create(new double[] {3}, new long[] {1, 1}, DataType.DOUBLE);
    INDArray y = Nd4j.create(new double[] {10}, new long[] {1, 1}, DataType.DOUBLE);
    return new DataSet(x, y);
  }

  @Test
  void scoreAndGradientAtTheStart() {
    MultiLayerNetwork net = Networks.linearRegression(1, new Sgd(0.1), 0, List.of(2.0));
    DataSet d = example();
    net.setInput(d.getFeatures());
    net.setLabels(d.getLabels());
    net.computeGradientAndScore();
    // All intermediate values are small integers, so DL4J's arithmetic is exact here.
    assertEquals(16.0, net.score(), 0);
    INDArray gradient = net.gradient().gradient();
    assertEquals(1, gradient.length());
    assertEquals(-24.0, gradient.getDouble(0), 0);
  }

  @Test
  void oneFitStepMovesTheWeightToFourPointFour() {
    MultiLayerNetwork net = Networks.linearRegression(1, new Sgd(0.1), 0, List.of(2.0));
    assertEquals(2.0, net.params().getDouble(0), 0);
    net.fit(example());
    // fit reports the loss before its update.
    assertEquals(16.0, net.score(), 0);
    assertEquals(4.4, net.params().getDouble(0), 1e-12);
    // Second step by hand: residual 10 − 13.2 = −3.2, dL/dw = −2·3·(−3.2) = 19.2,
    // w₂ = 4.4 − 0.1·19.2 = 2.48; loss before it (−3.2)² = 10.24.
    net.fit(example());
    assertEquals(10.24, net.score(), 1e-12);
    assertEquals(2.48, net.params().getDouble(0), 1e-12);
  }
}
