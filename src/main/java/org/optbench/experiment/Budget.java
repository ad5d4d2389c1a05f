package org.optbench.experiment;

/**
 * How long a trial trains.
 *
 * @param unit what {@code amount} counts
 * @param amount number of epochs or of optimizer steps, ≥ 1
 */
public record Budget(Unit unit, int amount) {
  /** Budget units. */
  public enum Unit {
    /** Passes over the training set. */
    EPOCHS,
    /** Optimizer steps (iterations), one mini-batch each. */
    STEPS
  }

  /** @throws IllegalArgumentException if {@code amount < 1} */
  public Budget {
    if (amount < 1) {
      throw new IllegalArgumentException("budget must be >= 1 (got " + amount + ")");
    }
  }

  /**
   * @param stepsPerEpoch optimizer steps in one epoch
   * @return the total number of optimizer steps
   */
  public long totalSteps(long stepsPerEpoch) {
    return unit == Unit.STEPS ? amount : amount * stepsPerEpoch;
  }

  @Override
  public String toString() {
    return amount + (unit == Unit.EPOCHS ? " epochs" : " steps");
  }
}
