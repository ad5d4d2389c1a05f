package org.optbench.experiment;

import java.util.Optional;

/**
 * The arm of the protocol a trial serves. A grid experiment has one arm; tune-then-evaluate has
 * three. One trial may serve two arms (it then runs once and is listed once per arm in the
 * index). The label is how {@code trials.csv} and {@code spec.json} spell the arm.
 */
public enum Arm {
  /** The plain grid protocol, and the arm of an index written before arms existed. */
  GRID("grid"),
  /** Tune-then-evaluate: one seeded trial per tuning setting. */
  TUNING("tuning"),
  /** Tune-then-evaluate: the chosen setting with every evaluation seed. */
  EVALUATION("evaluation"),
  /** Tune-then-evaluate: DL4J's default hyperparameters with every evaluation seed. */
  DEFAULTS("defaults");

  private final String label;

  Arm(String label) {
    this.label = label;
  }

  /** @return the arm as the result files spell it, e.g. {@code tuning} */
  public String label() {
    return label;
  }

  /**
   * @param label an arm as the result files spell it
   * @return the arm, or empty if this version knows no arm of that name
   */
  public static Optional<Arm> byLabel(String label) {
    for (Arm arm : values()) {
      if (arm.label.equals(label)) {
        return Optional.of(arm);
      }
    }
    return Optional.empty();
  }

  /** @return the label */
  @Override
  public String toString() {
    return label;
  }
}
