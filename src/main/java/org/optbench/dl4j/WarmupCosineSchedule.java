package org.optbench.dl4j;

import java.util.Objects;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Linear warm-up, then cosine decay: AlgoPerf's baseline learning-rate schedule. With base rate
 * η, W = {@code warmupSteps}, T = {@code totalSteps} (the trial's horizon) and f =
 * {@code finalFraction}, the rate of iteration t (0-based) is
 *
 * <pre>
 *   η(t) = η·(t + 1)/W                                         for t &lt; W   (warm-up)
 *   η(t) = η·(f + (1 − f)·½·(1 + cos(π·min(1, (t − W)/(T − W)))))   for t ≥ W   (cosine)
 * </pre>
 *
 * <p>The warm-up is Goyal et al. 2017 ("Accurate, Large Minibatch SGD: Training ImageNet in 1
 * Hour", §2.2, gradual warm-up) and starts at η/W, not at 0: the first step already moves the
 * weights, and the rate reaches η at t = W − 1 (optax's {@code warmup_cosine_decay_schedule}
 * starts at {@code init_value}, 0 by default, and reaches η at t = W, so its first step does
 * nothing). The cosine is Loshchilov &amp; Hutter 2017 ("SGDR: Stochastic Gradient Descent with
 * Warm Restarts", eq. 5) without restarts, from η at t = W down to f·η at t = T; the last step a
 * trial takes is t = T − 1. W = 0 is no warm-up; W ≥ T is warm-up only.
 *
 * <p>JSON-serialisable with ND4J's Jackson, so it survives a checkpoint inside the updater's
 * configuration.
 */
public final class WarmupCosineSchedule implements ISchedule {
  private static final long serialVersionUID = 1L;

  private final double initialValue;
  private final int warmupSteps;
  private final long totalSteps;
  private final double finalFraction;

  /**
   * @param initialValue η, the peak rate
   * @param warmupSteps W ≥ 0
   * @param totalSteps T ≥ 1, the trial's horizon in iterations
   * @param finalFraction f in [0, 1]
   * @throws IllegalArgumentException if a value is out of range
   */
  public WarmupCosineSchedule(@JsonProperty("initialValue") double initialValue,
      @JsonProperty("warmupSteps") int warmupSteps, @JsonProperty("totalSteps") long totalSteps,
      @JsonProperty("finalFraction") double finalFraction) {
    if (warmupSteps < 0 || totalSteps < 1 || !(finalFraction >= 0 && finalFraction <= 1)) {
      throw new IllegalArgumentException("warm-up + cosine needs warmupSteps >= 0, totalSteps >="
          + " 1 and finalFraction in [0, 1] (got " + warmupSteps + ", " + totalSteps + ", "
          + finalFraction + ")");
    }
    this.initialValue = initialValue;
    this.warmupSteps = warmupSteps;
    this.totalSteps = totalSteps;
    this.finalFraction = finalFraction;
  }

  @Override
  public double valueAt(int iteration, int epoch) {
    if (iteration < warmupSteps) {
      return initialValue * (iteration + 1) / warmupSteps;
    }
    double progress = totalSteps > warmupSteps
        ? Math.min(1.0, (double) (iteration - warmupSteps) / (totalSteps - warmupSteps)) : 1.0;
    return initialValue * (finalFraction
        + (1 - finalFraction) * 0.5 * (1 + Math.cos(Math.PI * progress)));
  }

  @Override
  public ISchedule clone() {
    return new WarmupCosineSchedule(initialValue, warmupSteps, totalSteps, finalFraction);
  }

  /** @return η */
  public double getInitialValue() {
    return initialValue;
  }

  /** @return W */
  public int getWarmupSteps() {
    return warmupSteps;
  }

  /** @return T */
  public long getTotalSteps() {
    return totalSteps;
  }

  /** @return f */
  public double getFinalFraction() {
    return finalFraction;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WarmupCosineSchedule s && s.initialValue == initialValue
        && s.warmupSteps == warmupSteps && s.totalSteps == totalSteps
        && s.finalFraction == finalFraction;
  }

  @Override
  public int hashCode() {
    return Objects.hash(initialValue, warmupSteps, totalSteps, finalFraction);
  }

  @Override
  public String toString() {
    return "WarmupCosineSchedule(η=" + initialValue + ", W=" + warmupSteps + ", T=" + totalSteps
        + ", f=" + finalFraction + ")";
  }
}
