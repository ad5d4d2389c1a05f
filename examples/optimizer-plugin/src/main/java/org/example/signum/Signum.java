package org.example.signum;

import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * Signum, sign descent with momentum (Bernstein et al. 2018, "signSGD: Compressed Optimisation
 * for Non-Convex Problems", Algorithm 3):
 *
 * <pre>
 *   m_t = β·m_{t−1} + (1 − β)·g_t           m_{−1} = 0
 *   u_t = η·sign(m_t)                       (θ ← θ − u_t)
 * </pre>
 *
 * <p>A DL4J updater config is a Jackson bean: DL4J writes it into every checkpoint and reads it
 * back by class name, so it needs a public no-argument constructor, getters and setters for its
 * properties, {@code equals} and {@code clone}. Its numeric properties are the hyperparameters a
 * config can set ({@code learningRate}, {@code beta}).
 */
public class Signum implements IUpdater {
  private static final long serialVersionUID = 1L;

  private double learningRate = 1e-3;
  private double beta = 0.9;
  private ISchedule learningRateSchedule;

  /** η = 1e-3, β = 0.9. */
  public Signum() {}

  @Override
  public long stateSize(long numParams) {
    return numParams; // one momentum value per parameter
  }

  @Override
  public GradientUpdater<Signum> instantiate(INDArray viewArray, boolean initialize) {
    SignumUpdater u = new SignumUpdater(this);
    u.setStateViewArray(viewArray, viewArray.shape(), viewArray.ordering(), initialize);
    return u;
  }

  @Override
  public GradientUpdater<Signum> instantiate(Map<String, INDArray> state, boolean initialize) {
    SignumUpdater u = new SignumUpdater(this);
    u.setState(state, initialize);
    return u;
  }

  @Override
  public Signum clone() {
    Signum copy = new Signum();
    copy.learningRate = learningRate;
    copy.beta = beta;
    copy.learningRateSchedule = learningRateSchedule;
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
  public void setLrAndSchedule(double lr, ISchedule schedule) {
    learningRate = lr;
    learningRateSchedule = schedule;
  }

  /** @return η */
  public double getLearningRate() {
    return learningRate;
  }

  /** @param learningRate η */
  public void setLearningRate(double learningRate) {
    this.learningRate = learningRate;
  }

  /** @return β */
  public double getBeta() {
    return beta;
  }

  /** @param beta β */
  public void setBeta(double beta) {
    this.beta = beta;
  }

  /** @return the learning-rate schedule, or null */
  public ISchedule getLearningRateSchedule() {
    return learningRateSchedule;
  }

  /** @param learningRateSchedule a schedule replacing η, or null */
  public void setLearningRateSchedule(ISchedule learningRateSchedule) {
    this.learningRateSchedule = learningRateSchedule;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Signum s && s.learningRate == learningRate && s.beta == beta
        && Objects.equals(s.learningRateSchedule, learningRateSchedule);
  }

  @Override
  public int hashCode() {
    return Objects.hash(learningRate, beta, learningRateSchedule);
  }
}
