package org.optbench.config;

/**
 * How an experiment turns its search spaces into trials.
 *
 * <ul>
 *   <li>{@link Kind#GRID}: every grid point × batch size × seed is a trial (DeepOBS-style sweeps).
 *   <li>{@link Kind#TUNE_THEN_EVALUATE}: for each problem and optimizer entry, {@code budget}
 *       settings (grid points or random draws, equal for every optimizer) are trained with the
 *       tuning seed; the best on the validation metric is retrained with every evaluation seed
 *       (the experiment's {@code seeds}); with {@code defaultsArm}, every optimizer at DL4J's
 *       defaults is trained with the same seeds. Test metrics never choose anything.
 * </ul>
 *
 * @param kind the protocol
 * @param search how tuning settings are drawn (tune-then-evaluate only)
 * @param budget tuning trials per problem and optimizer entry for random search; 0 for grid
 *     search (the budget is the grid size) and for the grid protocol
 * @param seed seed of the random search and of every tuning trial
 * @param defaultsArm whether to add the defaults arm
 */
public record Protocol(Kind kind, Search search, int budget, long seed, boolean defaultsArm) {
  /** Protocols. */
  public enum Kind {
    /** Every grid point with every seed. */
    GRID,
    /** Tune on validation with one seed, then evaluate the chosen setting with every seed. */
    TUNE_THEN_EVALUATE
  }

  /** Tuning search strategies. */
  public enum Search {
    /** The cross product of the listed values. */
    GRID,
    /** Independent draws from each hyperparameter's domain (Bergstra &amp; Bengio 2012). */
    RANDOM
  }

  /** The plain grid protocol. */
  public static final Protocol GRID_SWEEP = new Protocol(Kind.GRID, Search.GRID, 0, 0, false);

  /** @return whether this is tune-then-evaluate */
  public boolean tunes() {
    return kind == Kind.TUNE_THEN_EVALUATE;
  }

  /** @return whether tuning settings are drawn at random (else they are grid points) */
  public boolean randomSearch() {
    return tunes() && search == Search.RANDOM;
  }

  /** @return the YAML spelling of the kind */
  public String kindName() {
    return kind == Kind.GRID ? "grid" : "tune-then-evaluate";
  }
}
