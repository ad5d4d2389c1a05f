package org.optbench.report;

/**
 * Exponential moving average with bias correction, as TensorBoard and Adam's first moment use it:
 *
 * <pre>
 *   s_k = β·s_{k−1} + (1 − β)·y_k,   s_{−1} = 0,   ŝ_k = s_k / (1 − β^{k+1})
 * </pre>
 *
 * <p>over the finite values y_0, y_1, … of a curve in step order (k counts them; a NaN or
 * infinite value keeps the previous average and is drawn as NaN). Dividing by 1 − β^{k+1} makes
 * the first values unbiased: without it the average starts near 0 and would show a loss that
 * was never seen. β = 0 is no smoothing; β close to 1 averages over about 1 / (1 − β) values.
 */
final class Smoothing {
  private Smoothing() {}

  /**
   * @param y values in step order
   * @param beta β in [0, 1)
   * @return ŝ, the same length as {@code y}
   * @throws IllegalArgumentException if β is outside [0, 1)
   */
  static double[] ema(double[] y, double beta) {
    if (!(beta >= 0 && beta < 1)) {
      throw new IllegalArgumentException("smoothing must be in [0, 1), got " + beta);
    }
    double[] out = new double[y.length];
    double s = 0;
    double weight = 1; // β^{k+1}, for the bias correction
    for (int i = 0; i < y.length; i++) {
      if (!Double.isFinite(y[i])) {
        out[i] = Double.NaN;
        continue;
      }
      s = beta * s + (1 - beta) * y[i];
      weight *= beta;
      out[i] = s / (1 - weight);
    }
    return out;
  }
}
