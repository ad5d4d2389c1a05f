package org.optbench.plugin.builtin;

import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.optbench.plugin.LearningRateUpdater;

/**
 * DL4J updater config of heavy-ball momentum with dampening (Polyak 1964; PyTorch's
 * {@code SGD(momentum=μ, dampening=d)}):
 *
 * <pre>
 *   v_t = μ·v_{t−1} + (1 − d)·g_t           v_{−1} = 0
 *   u_t = η·v_t                             (θ ← θ − u_t)
 * </pre>
 *
 * <p>d = 0 is PyTorch's SGD momentum; d = μ makes v the exponential moving average of the
 * gradients (started at 0, without bias correction). One difference from PyTorch when d &gt; 0:
 * PyTorch starts its buffer at g_0 (undamped) rather than at (1 − d)·g_0, so its first step is
 * 1/(1 − d) times this one; with d = 0 the two agree exactly. DL4J's own {@code Nesterovs} is the
 * look-ahead form, not this one.
 *
 * <p>A Jackson bean, as DL4J stores updater configs in a network's JSON: no-argument constructor,
 * getters and setters. State: 1 array (v).
 */
public class Sgdm extends LearningRateUpdater {
  private static final long serialVersionUID = 1L;

  private double momentum = 0.9;
  private double dampening = 0.0;

  /** η = 0.01, μ = 0.9, d = 0. */
  public Sgdm() {
    super(0.01);
  }

  /**
   * @param learningRate η
   * @param momentum μ
   * @param dampening d
   */
  public Sgdm(double learningRate, double momentum, double dampening) {
    super(learningRate);
    this.momentum = momentum;
    this.dampening = dampening;
  }

  @Override
  public long stateSize(long numParams) {
    return numParams;
  }

  @Override
  public GradientUpdater<Sgdm> instantiate(INDArray viewArray, boolean initializeViewArray) {
    SgdmUpdater u = new SgdmUpdater(this);
    u.setStateViewArray(viewArray, viewArray.shape(), viewArray.ordering(), initializeViewArray);
    return u;
  }

  @Override
  public GradientUpdater<Sgdm> instantiate(Map<String, INDArray> updaterState,
      boolean initializeStateArrays) {
    SgdmUpdater u = new SgdmUpdater(this);
    u.setState(updaterState, initializeStateArrays);
    return u;
  }

  @Override
  public Sgdm clone() {
    return withRateOf(new Sgdm(getLearningRate(), momentum, dampening));
  }

  /** @return μ */
  public double getMomentum() {
    return momentum;
  }

  /** @param momentum μ */
  public void setMomentum(double momentum) {
    this.momentum = momentum;
  }

  /** @return d */
  public double getDampening() {
    return dampening;
  }

  /** @param dampening d */
  public void setDampening(double dampening) {
    this.dampening = dampening;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Sgdm s && sameRate(s) && s.momentum == momentum && s.dampening == dampening;
  }

  @Override
  public int hashCode() {
    return Objects.hash(rateHash(), momentum, dampening);
  }

  @Override
  public String toString() {
    return "Sgdm(learningRate=" + getLearningRate() + ", momentum=" + momentum + ", dampening="
        + dampening + ")";
  }
}
