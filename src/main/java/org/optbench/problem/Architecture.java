package org.optbench.problem;

/**
 * Network shapes for the image problems, following DeepOBS (Schneider, Balles &amp; Hennig 2019) so
 * results can be set beside its published baselines. Inputs are {@code [batch, 784]} pixels in
 * [0, 1]; outputs are 10 softmax probabilities trained with cross-entropy. On data from files
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
  CONV_2C2D("2c2d");

  private final String suffix;

  Architecture(String suffix) {
    this.suffix = suffix;
  }

  /** @return the id suffix, e.g. {@code mlp} in {@code mnist-mlp} */
  public String suffix() {
    return suffix;
  }
}
