package org.optbench.dl4j;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Global-norm gradient clipping over every parameter, as PyTorch's {@code clip_grad_norm_}:
 * the mean mini-batch gradient g is scaled by min(1, c/‖g‖₂) before the updater sees it. DL4J
 * has only per-layer clipping.
 *
 * <p>It runs as a {@link org.deeplearning4j.optimize.api.TrainingListener}: DL4J calls
 * {@code onGradientCalculation} between the backward pass and the updater. There the network's
 * gradient is still the <em>sum</em> over the B examples of the mini-batch (DL4J divides it by B
 * inside the updater), so the norm of the mean gradient is ‖Σ‖₂/B and the sum is scaled by the
 * same factor c/(‖Σ‖₂/B) = c·B/‖Σ‖₂ whenever that is below 1 (equivalently, the sum is clipped at
 * c·B). L2 terms are added after this, inside the updater, so they are not clipped; DL4J's
 * per-layer normalisation, if also configured, acts after it.
 */
final class GlobalNormClipping extends BaseTrainingListener {
  private final double threshold;
  private int batchSize = 1;
  private double lastNorm = Double.NaN;
  private boolean lastClipped;

  /** @param threshold c &gt; 0 */
  GlobalNormClipping(double threshold) {
    this.threshold = threshold;
  }

  /** @param examples B, the size of the mini-batch about to be fitted */
  void batchSize(int examples) {
    this.batchSize = examples;
  }

  @Override
  public void onGradientCalculation(Model model) {
    INDArray sum = TrainedNet.of(model).flattenedGradients();
    lastNorm = sum.norm2Number().doubleValue() / batchSize;
    lastClipped = lastNorm > threshold;
    if (lastClipped) {
      sum.muli(threshold / lastNorm);
    }
  }

  /** @return ‖g‖₂ of the last step's mean gradient, before clipping */
  double lastNorm() {
    return lastNorm;
  }

  /** @return whether the last step was clipped */
  boolean lastClipped() {
    return lastClipped;
  }
}
