package org.optbench.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.factory.Nd4j;

/** {@link ReluActivation}'s backward pass must give the bits of ND4J's relu_bp, for every float. */
class ReluActivationTest {
  /** One float of every class, both signs: zeros, subnormals, normals, extremes, ∞, NaNs. */
  private static final int[] BITS = {
      0x00000000, 0x80000000, // +0, −0
      0x00000001, 0x80000001, 0x007FFFFF, 0x807FFFFF, // smallest and largest subnormals
      0x00800000, 0x80800000, 0x3F800000, 0xBF800000, 0x3EAAAAAB, 0xC0490FDB, // normals
      0x7F7FFFFF, 0xFF7FFFFF, // ±largest finite
      0x7F800000, 0xFF800000, // ±∞
      0x7FC00000, 0xFFC00000, 0x7F800001, 0xFF800001, 0x7FFFFFFF}; // NaNs, quiet and signalling

  /** Every pair (z, ∂L/∂a) of the floats above, as two [n, n] arrays. */
  private static INDArray[] everyPair() {
    int n = BITS.length;
    float[] z = new float[n * n];
    float[] gradient = new float[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        z[i * n + j] = Float.intBitsToFloat(BITS[i]);
        gradient[i * n + j] = Float.intBitsToFloat(BITS[j]);
      }
    }
    return new INDArray[] {Nd4j.create(z, new long[] {n, n}, 'c'),
        Nd4j.create(gradient, new long[] {n, n}, 'c')};
  }

  private static int[] bits(INDArray x) {
    float[] values = x.dup('c').data().asFloat();
    int[] bits = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      bits[i] = Float.floatToRawIntBits(values[i]);
    }
    return bits;
  }

  private static long[] bits64(INDArray x) {
    return java.util.Arrays.stream(x.dup('c').data().asDouble())
        .mapToLong(Double::doubleToRawLongBits).toArray();
  }

  private static INDArray reluBp(INDArray z, INDArray gradient) {
    return Nd4j.exec(new RectifiedLinearDerivative(z, gradient, z.ulike(), 0.0))[0];
  }

  @Test
  void givesReluBpsBitsForEveryClassOfFloat() {
    INDArray[] pair = everyPair();
    int[] expected = bits(reluBp(pair[0], pair[1]));
    int[] actual = bits(new ReluActivation().backprop(pair[0], pair[1]).getFirst());
    assertArrayEquals(expected, actual);
    // What the comparison covers: the gradient passes, −0 and NaN included, where z > 0 ...
    int n = BITS.length;
    assertEquals(0x80000000, actual[2 * n + 1], "z smallest subnormal, gradient −0");
    assertEquals(0x7FC00000, actual[14 * n + 16], "z +∞, gradient NaN");
    // ... and +0 replaces it where z ≤ 0 or z is NaN.
    assertEquals(0, actual[1 * n + 14], "z −0, gradient +∞");
    assertEquals(0, actual[16 * n + 3], "z NaN, gradient −subnormal");
  }

  @Test
  void leavesItsInputsAsTheyWere() {
    INDArray[] pair = everyPair();
    int[] z = bits(pair[0]);
    int[] gradient = bits(pair[1]);
    new ReluActivation().backprop(pair[0], pair[1]);
    assertArrayEquals(z, bits(pair[0]));
    assertArrayEquals(gradient, bits(pair[1]));
  }

  /** Views, column-major arrays and float64 go to DL4J's implementation: the same result. */
  @Test
  void otherArraysGetDl4jsResult() {
    INDArray[] pair = everyPair();
    INDArray zView = pair[0].get(org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 9),
        org.nd4j.linalg.indexing.NDArrayIndex.all());
    INDArray gradientCopy = pair[1].get(org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 9),
        org.nd4j.linalg.indexing.NDArrayIndex.all()).dup('c');
    assertArrayEquals(bits(reluBp(zView, gradientCopy)),
        bits(new ReluActivation().backprop(zView, gradientCopy).getFirst()));
    INDArray zF = pair[0].dup('f');
    INDArray gradientF = pair[1].dup('f');
    assertArrayEquals(bits(reluBp(zF, gradientF)),
        bits(new ReluActivation().backprop(zF, gradientF).getFirst()));
    INDArray z64 = pair[0].castTo(DataType.DOUBLE);
    INDArray gradient64 = pair[1].castTo(DataType.DOUBLE);
    assertArrayEquals(bits64(reluBp(z64, gradient64)),
        bits64(new ReluActivation().backprop(z64, gradient64).getFirst()));
  }

  @Test
  void equalsDl4jsPlainReluAndIsWhatTheReluLayersUse() {
    assertEquals(new ActivationReLU(), new ReluActivation());
    assertNotEquals(new ActivationReLU(1.0, 0.0, 0.0), new ReluActivation());
    DenseLayer stock = new DenseLayer.Builder().nIn(3).nOut(2).activation(Activation.RELU)
        .build();
    assertInstanceOf(ReluActivation.class, ReluDenseLayer.of(stock).getActivationFn());
    assertInstanceOf(ActivationReLU.class, stock.getActivationFn());
  }
}
