package org.optbench.plugin.builtin;

import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.optbench.plugin.LearningRateUpdater;

/**
 * DL4J updater config of Lion, "EvoLved Sign Momentum" (Chen et al. 2023, "Symbolic Discovery of
 * Optimization Algorithms", Algorithm 2), without its weight-decay term:
 *
 * <pre>
 *   c_t = β₁·m_{t−1} + (1 − β₁)·g_t         m_{−1} = 0
 *   u_t = η·sign(c_t)                       (θ ← θ − u_t; sign(0) = 0)
 *   m_t = β₂·m_{t−1} + (1 − β₂)·g_t
 * </pre>
 *
 * <p>The paper's decoupled weight decay, θ ← θ − η·(sign(c_t) + λ·θ), needs θ, which a DL4J
 * {@code GradientUpdater} never sees; the {@code lion} provider adds it as DL4J's
 * {@code WeightDecay(λ, applyLR = true)}, which adds η·λ·θ to this update (as the paper and
 * PyTorch implementations do). State: 1 array (m).
 */
public class Lion extends LearningRateUpdater {
  private static final long serialVersionUID = 1L;

  private double beta1 = 0.9;
  private double beta2 = 0.99;

  /** η = 1e-4, β₁ = 0.9, β₂ = 0.99 (the paper's defaults). */
  public Lion() {
    super(1e-4);
  }

  /**
   * @param learningRate η
   * @param beta1 β₁, the interpolation of the step's direction
   * @param beta2 β₂, the decay of the momentum
   */
  public Lion(double learningRate, double beta1, double beta2) {
    super(learningRate);
    this.beta1 = beta1;
    this.beta2 = beta2;
  }

  @Override
  public long stateSize(long numParams) {
    return numParams;
  }

  @Override
  public GradientUpdater<Lion> instantiate(INDArray viewArray, boolean initializeViewArray) {
    LionUpdater u = new LionUpdater(this);
    u.setStateViewArray(viewArray, viewArray.shape(), viewArray.ordering(), initializeViewArray);
    return u;
  }

  @Override
  public GradientUpdater<Lion> instantiate(Map<String, INDArray> updaterState,
      boolean initializeStateArrays) {
    LionUpdater u = new LionUpdater(this);
    u.setState(updaterState, initializeStateArrays);
    return u;
  }

  @Override
  public Lion clone() {
    return withRateOf(new Lion(getLearningRate(), beta1, beta2));
  }

  /** @return β₁ */
  public double getBeta1() {
    return beta1;
  }

  /** @param beta1 β₁ */
  public void setBeta1(double beta1) {
    this.beta1 = beta1;
  }

  /** @return β₂ */
  public double getBeta2() {
    return beta2;
  }

  /** @param beta2 β₂ */
  public void setBeta2(double beta2) {
    this.beta2 = beta2;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Lion l && sameRate(l) && l.beta1 == beta1 && l.beta2 == beta2;
  }

  @Override
  public int hashCode() {
    return Objects.hash(rateHash(), beta1, beta2);
  }

  @Override
  public String toString() {
    return "Lion(learningRate=" + getLearningRate() + ", beta1=" + beta1 + ", beta2=" + beta2 + ")";
  }
}
