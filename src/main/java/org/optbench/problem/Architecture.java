package org.optbench.problem;

/**
 * Network shapes for the image problems, following DeepOBS (Schneider, Balles &amp; Hennig 2019) so
 * results can be set beside its published baselines. MNIST's inputs are {@code [batch, 784]}
 * pixels in [0, 1], CIFAR-10's {@code [batch, 3072]} per-image standardised values (channel after
 * channel); outputs are 10 softmax probabilities trained with cross-entropy. On data from files
 * ({@link DataProblem}) the same layers take the data's input shape and class count.
 */
public enum Architecture {
  /** 784 → 10 softmax; weights and biases initialised to 0. */
  LOGREG("logreg"),
  /** 784 → 1000 → 500 → 100 → 10, ReLU; weights truncated normal σ = 0.03 (cut at 2σ), biases 0. */
  MLP("mlp"),
  /**
   * conv 5×5×32 (same, ReLU) → max-pool 2×2/2 → conv 5×5×64 (same, ReLU) → max-pool 2×2/2 →
   * dense 1024 ReLU → dense 10 softmax; weights truncated normal σ = 0.05 (cut at 2σ), biases 0.05.
   */
  CONV_2C2D("2c2d"),
  /**
   * DeepOBS's 3c3d: conv 5×5×64 (valid, ReLU) → max-pool 3×3/2 (same) → conv 3×3×96 (valid,
   * ReLU) → max-pool 3×3/2 (same) → conv 3×3×128 (same, ReLU) → max-pool 3×3/2 (same) → dense 512
   * ReLU → dense 256 ReLU → dense 10 softmax; convolution weights Glorot normal (truncated at 2σ),
   * dense weights Glorot uniform, biases 0; L2 ½·0.002·‖w‖² on the weights, not the biases.
   * 895,210 parameters on 32×32×3 images.
   */
  CONV_3C3D("3c3d");

  private final String suffix;

  Architecture(String suffix) {
    this.suffix = suffix;
  }

  /** @return the id suffix, e.g. {@code mlp} in {@code mnist-mlp} */
  public String suffix() {
    return suffix;
  }
}
