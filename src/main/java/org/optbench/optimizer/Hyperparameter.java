package org.optbench.optimizer;

import java.util.Objects;
import java.util.Optional;

/**
 * One hyperparameter of an optimizer: its name (the updater's bean property, e.g.
 * {@code learningRate}), its default and the values it accepts.
 *
 * @param name the name used in configs and result files
 * @param defaultValue the value when a config does not set it
 * @param range the values accepted
 */
public record Hyperparameter(String name, double defaultValue, Range range) {

  /** Checks the fields. */
  public Hyperparameter {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(range, "range");
  }

  /** The values a hyperparameter accepts. */
  public enum Range {
    /** Step sizes and ε: &gt; 0 and finite. */
    POSITIVE("must be > 0 and finite"),
    /** Decay factors (momentum, β, ρ): 1 would freeze the average. */
    UNIT_INTERVAL("must be in [0, 1)"),
    /** Weight decay, dampening: &ge; 0 and finite. */
    NON_NEGATIVE("must be >= 0 and finite"),
    /** A dampening-like fraction: in [0, 1]. */
    CLOSED_UNIT_INTERVAL("must be in [0, 1]"),
    /** Any finite number: a plugin property whose meaning optbench does not know. */
    FINITE("must be finite"),
    /** An integer-valued plugin property (int or long). */
    INTEGER("must be an integer");

    private final String accepted;

    Range(String accepted) {
      this.accepted = accepted;
    }

    /**
     * @param value a proposed value
     * @return empty if accepted, else a phrase such as {@code "must be in [0, 1)"}
     */
    public Optional<String> check(double value) {
      boolean ok = switch (this) {
        case POSITIVE -> value > 0 && Double.isFinite(value);
        case UNIT_INTERVAL -> value >= 0 && value < 1;
        case NON_NEGATIVE -> value >= 0 && Double.isFinite(value);
        case CLOSED_UNIT_INTERVAL -> value >= 0 && value <= 1;
        case FINITE -> Double.isFinite(value);
        case INTEGER -> Double.isFinite(value) && value == Math.rint(value)
            && Math.abs(value) <= 9.007199254740992E15;
      };
      return ok ? Optional.empty() : Optional.of(accepted);
    }
  }

  /**
   * @param name a name
   * @param defaultValue its default
   * @return a hyperparameter that must be &gt; 0
   */
  public static Hyperparameter positive(String name, double defaultValue) {
    return new Hyperparameter(name, defaultValue, Range.POSITIVE);
  }

  /**
   * @param name a name
   * @param defaultValue its default
   * @return a decay factor in [0, 1)
   */
  public static Hyperparameter decay(String name, double defaultValue) {
    return new Hyperparameter(name, defaultValue, Range.UNIT_INTERVAL);
  }

  /**
   * @param name a name
   * @param defaultValue its default
   * @return a hyperparameter that must be &ge; 0
   */
  public static Hyperparameter nonNegative(String name, double defaultValue) {
    return new Hyperparameter(name, defaultValue, Range.NON_NEGATIVE);
  }
}
