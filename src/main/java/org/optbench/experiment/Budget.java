package org.optbench.experiment;

/**
 * How long a trial trains: a step limit (in epochs or optimizer steps), a training-time limit, or
 * both, in which case the trial stops at whichever it reaches first.
 *
 * <p>A time limit counts training time only (mini-batch gathering, forward and backward passes and
 * the update), not evaluation, as benchopt and AlgoPerf count it; a trial resumed from a
 * checkpoint counts the time spent before the interruption. The step count a time-limited trial
 * reaches depends on the machine and its load, so only step and epoch limits give the same steps
 * on every machine and at every parallelism; a time-limited trial is reproduced by replaying its
 * spec with {@link #replay} to the step count it recorded.
 *
 * @param unit what {@code amount} counts, or null when the trial has no step limit
 * @param amount number of epochs or of optimizer steps, ≥ 1; 0 when {@code unit} is null
 * @param seconds training-time limit in seconds, &gt; 0 and finite; 0 for none
 * @param horizon the steps a decaying schedule ends at when they differ from the step limit: set
 *     only by {@link #replay}, which stops a time-limited trial at the step it reached while its
 *     schedule still ends where the trial's own step limit put it; 0 otherwise
 */
public record Budget(Unit unit, int amount, double seconds, long horizon) {
  /** Budget units. */
  public enum Unit {
    /** Passes over the training set. */
    EPOCHS,
    /** Optimizer steps (iterations), one mini-batch each. */
    STEPS
  }

  /**
   * @throws IllegalArgumentException if {@code amount < 1} with a unit, {@code amount != 0}
   *     without one, {@code seconds} is negative, NaN or infinite, or there is no limit at all
   */
  public Budget {
    if (unit != null && amount < 1) {
      throw new IllegalArgumentException("budget must be >= 1 (got " + amount + ")");
    }
    if (unit == null && amount != 0) {
      throw new IllegalArgumentException("a budget without a unit has amount 0 (got " + amount
          + ")");
    }
    if (!(seconds >= 0) || Double.isInfinite(seconds)) {
      throw new IllegalArgumentException("a time limit must be > 0 seconds and finite (got "
          + seconds + ")");
    }
    if (unit == null && seconds == 0) {
      throw new IllegalArgumentException("a budget needs a step limit, a time limit or both");
    }
    if (horizon < 0) {
      throw new IllegalArgumentException("a horizon is >= 0 (got " + horizon + ")");
    }
  }

  /**
   * A step limit, a time limit or both, with the step limit as the horizon.
   *
   * @param unit what {@code amount} counts, or null when the trial has no step limit
   * @param amount number of epochs or of optimizer steps, ≥ 1; 0 when {@code unit} is null
   * @param seconds training-time limit in seconds, &gt; 0 and finite; 0 for none
   */
  public Budget(Unit unit, int amount, double seconds) {
    this(unit, amount, seconds, 0);
  }

  /**
   * A step limit alone: the only budget before time limits existed.
   *
   * @param unit what {@code amount} counts
   * @param amount number of epochs or of optimizer steps, ≥ 1
   */
  public Budget(Unit unit, int amount) {
    this(java.util.Objects.requireNonNull(unit, "unit"), amount, 0);
  }

  /**
   * @param seconds training-time limit in seconds (&gt; 0, finite)
   * @return a budget with that time limit and no step limit
   */
  public static Budget timeOnly(double seconds) {
    if (!(seconds > 0)) {
      throw new IllegalArgumentException("a time limit must be > 0 seconds (got " + seconds
          + ")");
    }
    return new Budget(null, 0, seconds);
  }

  /**
   * @param limitSeconds training-time limit in seconds (&gt; 0, finite)
   * @return this step limit with that time limit added: the trial stops at whichever comes first
   */
  public Budget withTimeLimit(double limitSeconds) {
    if (!(limitSeconds > 0)) {
      throw new IllegalArgumentException("a time limit must be > 0 seconds (got "
          + limitSeconds + ")");
    }
    return new Budget(unit, amount, limitSeconds, horizon);
  }

  /**
   * Whether the trial has a fixed step horizon (a {@code steps:} or {@code epochs:} limit). A
   * learning-rate schedule that decays over the trial needs one; a trial with only a time limit
   * has none.
   *
   * @return true when a step or epoch limit is set
   */
  public boolean hasStepLimit() {
    return unit != null;
  }

  /** @return true when a training-time limit is set */
  public boolean hasTimeLimit() {
    return seconds > 0;
  }

  /** @return the time limit in nanoseconds, or {@link Long#MAX_VALUE} without one */
  public long timeLimitNanos() {
    return hasTimeLimit() ? (long) Math.ceil(seconds * 1e9) : Long.MAX_VALUE;
  }

  /**
   * @param stepsPerEpoch optimizer steps in one epoch
   * @return the total number of optimizer steps of the step limit, or {@link Long#MAX_VALUE}
   *     when there is none (the time limit alone ends the trial)
   */
  public long totalSteps(long stepsPerEpoch) {
    if (unit == null) {
      return Long.MAX_VALUE;
    }
    return unit == Unit.STEPS ? amount : amount * stepsPerEpoch;
  }

  /**
   * The budget that replays a trial to a step count it recorded: that many steps, no time limit.
   * The training loop takes the same steps in the same order whichever limit stops it, so the
   * replay's curves equal the recorded ones bit for bit (training time aside). The horizon stays
   * the recorded trial's own (its step or epoch limit), so a decaying schedule takes the same
   * values as it did.
   *
   * @param steps optimizer steps the trial took (≥ 1)
   * @param horizon the recorded trial's horizon in steps, or 0 when it had only a time limit
   * @return a step limit of exactly {@code steps}
   * @throws IllegalArgumentException if {@code steps} is not in 1..{@link Integer#MAX_VALUE}
   */
  public static Budget replay(long steps, long horizon) {
    if (steps < 1 || steps > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("cannot replay " + steps + " steps");
    }
    return new Budget(Unit.STEPS, (int) steps, 0, horizon == steps ? 0 : horizon);
  }

  /** @return e.g. {@code 3 epochs}, {@code 500 steps}, {@code 60 s} or {@code 3 epochs or 60 s} */
  @Override
  public String toString() {
    String steps = unit == null ? "" : amount + (unit == Unit.EPOCHS ? " epochs" : " steps");
    if (!hasTimeLimit()) {
      return steps;
    }
    String time = formatSeconds(seconds) + " s";
    return unit == null ? time : steps + " or " + time;
  }

  /** @return {@code 600} for a whole number of seconds, else the decimal, e.g. {@code 0.05} */
  public static String formatSeconds(double seconds) {
    return seconds == Math.rint(seconds) && seconds < 1e15 ? Long.toString((long) seconds)
        : Double.toString(seconds);
  }
}
