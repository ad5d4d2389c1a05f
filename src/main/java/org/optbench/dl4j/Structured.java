package org.optbench.dl4j;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The structured initialisations of {@link SeededDraw}: identity and orthogonal matrices, as
 * row-major values of a weight's DL4J shape.
 */
final class Structured {
  private Structured() {}

  /**
   * DL4J's {@code WeightInitIdentity}: for shape [n, n] the identity matrix; for a convolution
   * kernel [c, c, k1 (, k2 (, k3))] with odd k, 1 at [i, i, k1/2, k2/2...] and 0 elsewhere; every
   * value times {@code scale}.
   *
   * @param shape the weight's shape
   * @param scale the factor (1 for DL4J's {@code scale == null})
   * @param key the initialisation's key, for the error message
   * @return row-major values of {@code shape}
   * @throws IllegalStateException as DL4J's: a non-square shape, an even kernel size, or a rank
   *     other than 2 to 5
   */
  static double[] identity(long[] shape, double scale, String key) {
    if (shape.length < 2 || shape[0] != shape[1]) {
      throw new IllegalStateException(key + ": cannot use IDENTITY init with parameters of shape "
          + Arrays.toString(shape) + ": weights must be a square matrix for identity");
    }
    if (shape.length > 5) {
      throw new IllegalStateException(key + ": identity mapping for " + shape.length
          + " dimensions not defined");
    }
    long inner = 1;
    long centre = 0;
    for (int d = 2; d < shape.length; d++) {
      if (shape[d] % 2 == 0) {
        throw new IllegalStateException(key + ": cannot use IDENTITY init with parameters of shape "
            + Arrays.toString(shape) + ": kernels must have odd sizes");
      }
      centre = centre * shape[d] + shape[d] / 2;
      inner *= shape[d];
    }
    double[] v = new double[(int) (shape[0] * shape[1] * inner)];
    for (long i = 0; i < shape[0]; i++) {
      v[(int) ((i * shape[1] + i) * inner + centre)] = scale;
    }
    return v;
  }

  /**
   * ND4J's {@code OrthogonalDistribution}: the weight read as a [rows, cols] matrix (rows = the
   * product of all dimensions but the last), with orthonormal rows when rows ≤ cols and orthonormal
   * columns otherwise, times {@code gain}. The orthonormal vectors come from Gaussian vectors by
   * modified Gram–Schmidt, run twice for accuracy in floating point ("twice is enough").
   *
   * @param random the generator
   * @param shape the weight's shape, rank ≥ 1
   * @param gain the factor
   * @return row-major values of {@code shape}
   */
  static double[] orthogonal(SplittableRandom random, long[] shape, double gain) {
    int cols = (int) shape[shape.length - 1];
    int rows = 1;
    for (int d = 0; d < shape.length - 1; d++) {
      rows *= (int) shape[d];
    }
    boolean byRows = rows <= cols;
    int count = byRows ? rows : cols;
    int length = byRows ? cols : rows;
    double[][] q = new double[count][length];
    for (int k = 0; k < count; k++) {
      for (int i = 0; i < length; i++) {
        q[k][i] = SeededDraw.standardNormal(random);
      }
      for (int pass = 0; pass < 2; pass++) {
        for (int j = 0; j < k; j++) {
          double dot = 0;
          for (int i = 0; i < length; i++) {
            dot += q[j][i] * q[k][i];
          }
          for (int i = 0; i < length; i++) {
            q[k][i] -= dot * q[j][i];
          }
        }
      }
      double norm = 0;
      for (int i = 0; i < length; i++) {
        norm += q[k][i] * q[k][i];
      }
      norm = StrictMath.sqrt(norm);
      for (int i = 0; i < length; i++) {
        q[k][i] /= norm;
      }
    }
    double[] v = new double[rows * cols];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        v[r * cols + c] = gain * (byRows ? q[r][c] : q[c][r]);
      }
    }
    return v;
  }
}
