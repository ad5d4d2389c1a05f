package org.optbench.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.TreeMap;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Comparing a float32 network's outputs and gradients with the same network in float64. */
final class Float64Reference {
  /** Relative L2 error allowed for float32 against float64 (see ConvLayersOneDnnTest for why). */
  static final double BOUND = 2e-5;

  private Float64Reference() {}

  /** @return copies of every parameter gradient of {@code net} on the batch, by name */
  static Map<String, INDArray> gradients(MultiLayerNetwork net, INDArray x, INDArray y) {
    net.setInput(x);
    net.setLabels(y);
    net.computeGradientAndScore();
    // Copies: the gradient arrays are views that the next computation overwrites.
    Map<String, INDArray> copies = new TreeMap<>();
    net.gradient().gradientForVariable().forEach((k, v) -> copies.put(k, v.dup()));
    return copies;
  }

  /** Asserts a float32 array within {@link #BOUND} relative L2 error of its float64 reference. */
  static void assertClose(String what, INDArray expected, INDArray actual) {
    assertEquals(DataType.FLOAT, actual.dataType(), what);
    assertArrayEquals(expected.shape(), actual.shape(), what);
    INDArray e = expected.reshape(expected.length());
    INDArray difference = e.sub(actual.castTo(DataType.DOUBLE).reshape(actual.length()));
    double norm = e.norm2Number().doubleValue();
    assertTrue(norm > 0, what + " is all zero: nothing is compared");
    double relative = difference.norm2Number().doubleValue() / norm;
    assertTrue(relative <= BOUND, what + ": relative L2 error " + relative + " > " + BOUND);
  }
}
