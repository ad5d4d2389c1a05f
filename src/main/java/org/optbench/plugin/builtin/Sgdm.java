package org.optbench.plugin.builtin;

import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

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
public class Sgdm implements IUpdater {
  private static final long serialVersionUID = 1L;

  private double learningRate = 0.01;
  private ISchedule learningRateSchedule;
  private double momentum = 0.9;
  private double dampening = 0.0;

  /** η = 0.01, μ = 0.9, d = 0. */
  public Sgdm() {}

  /**
   * @param learningRate η
   * @param momentum μ
   * @param dampening d
   */
  public Sgdm(double learningRate, double momentum, double dampening) {
    this.learningRate = learningRate;
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
    Sgdm copy = new Sgdm(learningRate, momentum, dampening);
    copy.learningRateSchedule = learningRateSchedule == null ? null : learningRateSchedule.clone();
    return copy;
  }

  @Override
  public double getLearningRate(int iteration, int epoch) {
    return learningRateSchedule == null ? learningRate
        : learningRateSchedule.valueAt(iteration, epoch);
  }

  @Override
  public boolean hasLearningRate() {
    return true;
  }

  @Override
  public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
    this.learningRate = lr;
    this.learningRateSchedule = lrSchedule;
  }

  /** @return η */
  public double getLearningRate() {
    return learningRate;
  }

  /** @param learningRate η */
  public void setLearningRate(double learningRate) {
    this.learningRate = learningRate;
  }

  /** @return the learning-rate schedule, or null for a constant η */
  public ISchedule getLearningRateSchedule() {
    return learningRateSchedule;
  }

  /** @param learningRateSchedule a schedule replacing η, or null */
  public void setLearningRateSchedule(ISchedule learningRateSchedule) {
    this.learningRateSchedule = learningRateSchedule;
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
    return o instanceof Sgdm s && s.learningRate == learningRate && s.momentum == momentum
        && s.dampening == dampening
        && Objects.equals(s.learningRateSchedule, learningRateSchedule);
  }

  @Override
  public int hashCode() {
    return Objects.hash(learningRate, momentum, dampening, learningRateSchedule);
  }

  @Override
  public String toString() {
    return "Sgdm(learningRate=" + learningRate + ", momentum=" + momentum + ", dampening="
        + dampening + ")";
  }
}
