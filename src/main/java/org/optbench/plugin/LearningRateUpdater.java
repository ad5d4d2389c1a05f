package org.optbench.plugin;

import java.util.Objects;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * The learning-rate half of a DL4J updater config, for updaters that have a learning rate η:
 * the rate, an optional {@link ISchedule} replacing it, and the {@link IUpdater} methods DL4J
 * calls about them. Extend it and add the update rule's own hyperparameters as bean properties
 * (getters and setters: DL4J stores updater configs in a network's JSON and reads them back by
 * class name, so a subclass also needs a public no-argument constructor).
 *
 * <p>Optional: a plugin may implement {@link IUpdater} directly instead.
 */
public abstract class LearningRateUpdater implements IUpdater {
  private static final long serialVersionUID = 1L;

  private double learningRate;
  private ISchedule learningRateSchedule;

  /** @param learningRate η, the rate used when no schedule is set */
  protected LearningRateUpdater(double learningRate) {
    this.learningRate = learningRate;
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

  /**
   * For a subclass's {@code clone()}: gives the copy this config's rate and a copy of its
   * schedule.
   *
   * @param <T> the subclass
   * @param copy a new config of the same class
   * @return {@code copy}
   */
  protected <T extends LearningRateUpdater> T withRateOf(T copy) {
    copy.setLrAndSchedule(learningRate,
        learningRateSchedule == null ? null : learningRateSchedule.clone());
    return copy;
  }

  /**
   * For a subclass's {@code equals}: whether the other config has the same rate and schedule.
   *
   * @param other a config of the same class
   * @return whether rate and schedule are equal
   */
  protected boolean sameRate(LearningRateUpdater other) {
    return other.learningRate == learningRate
        && Objects.equals(other.learningRateSchedule, learningRateSchedule);
  }

  /** @return a hash of rate and schedule, for a subclass's {@code hashCode} */
  protected int rateHash() {
    return Objects.hash(learningRate, learningRateSchedule);
  }

  @Override
  public abstract IUpdater clone();
}
