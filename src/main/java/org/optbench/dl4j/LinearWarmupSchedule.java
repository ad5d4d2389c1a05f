package org.optbench.dl4j;

import java.util.Objects;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Linear warm-up to a constant rate (Goyal et al. 2017, "Accurate, Large Minibatch SGD", §2.2):
 * with base rate η and W = {@code warmupSteps}, the rate of iteration t (0-based) is
 *
 * <pre>
 *   η(t) = η·(t + 1)/W   for t &lt; W;      η(t) = η   for t ≥ W
 * </pre>
 *
 * <p>It starts at η/W, not at 0 (optax's convention), so the first step moves the weights. DL4J
 * has {@code RampSchedule} for this, but it has no Jackson annotations and does not survive a
 * checkpoint; this one does.
 */
public final class LinearWarmupSchedule implements ISchedule {
  private static final long serialVersionUID = 1L;

  private final double initialValue;
  private final int warmupSteps;

  /**
   * @param initialValue η
   * @param warmupSteps W ≥ 1
   * @throws IllegalArgumentException if W &lt; 1
   */
  public LinearWarmupSchedule(@JsonProperty("initialValue") double initialValue,
      @JsonProperty("warmupSteps") int warmupSteps) {
    if (warmupSteps < 1) {
      throw new IllegalArgumentException("warmupSteps must be >= 1 (got " + warmupSteps + ")");
    }
    this.initialValue = initialValue;
    this.warmupSteps = warmupSteps;
  }

  @Override
  public double valueAt(int iteration, int epoch) {
    return iteration < warmupSteps ? initialValue * (iteration + 1) / warmupSteps : initialValue;
  }

  @Override
  public ISchedule clone() {
    return new LinearWarmupSchedule(initialValue, warmupSteps);
  }

  /** @return η */
  public double getInitialValue() {
    return initialValue;
  }

  /** @return W */
  public int getWarmupSteps() {
    return warmupSteps;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LinearWarmupSchedule s && s.initialValue == initialValue
        && s.warmupSteps == warmupSteps;
  }

  @Override
  public int hashCode() {
    return Objects.hash(initialValue, warmupSteps);
  }

  @Override
  public String toString() {
    return "LinearWarmupSchedule(η=" + initialValue + ", W=" + warmupSteps + ")";
  }
}
