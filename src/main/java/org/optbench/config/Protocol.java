package org.optbench.config;

/**
 * How an experiment turns its search spaces into trials.
 *
 * <ul>
 *   <li>{@link Kind#GRID}: every grid point × batch size × seed is a trial (DeepOBS-style sweeps).
 *   <li>{@link Kind#TUNE_THEN_EVALUATE}: for each problem and optimizer entry, {@code budget}
 *       settings (grid points or random draws, equal for every optimizer) are trained with the
 *       tuning seed (or with {@code tuningSeeds} consecutive seeds from it, each setting scored
 *       by the median over them); the best on the validation metric is retrained with every
 *       evaluation seed (the experiment's {@code seeds}); with {@code defaultsArm}, every
 *       optimizer at DL4J's defaults is trained with the same seeds. Test metrics never choose
 *       anything.
 * </ul>
 *
 * @param kind the protocol
 * @param search how tuning settings are drawn (tune-then-evaluate only)
 * @param budget tuning trials per problem and optimizer entry for random search; 0 for grid
 *     search (the budget is the grid size) and for the grid protocol
 * @param seed seed of the random search and of every tuning trial
 * @param defaultsArm whether to add the defaults arm
 * @param tuningSeeds how many seeds each tuning setting trains with ({@code tuning.seeds}, a
 *     count, ≥ 1): {@code seed}, {@code seed + 1}, ...; not the evaluation seeds (the
 *     experiment's top-level {@code seeds:}, a list)
 */
public record Protocol(Kind kind, Search search, int budget, long seed, boolean defaultsArm,
    int tuningSeeds) {
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

  /** @throws IllegalArgumentException if {@code tuningSeeds < 1} */
  public Protocol {
    if (tuningSeeds < 1) {
      throw new IllegalArgumentException("tuningSeeds must be >= 1 (got " + tuningSeeds + ")");
    }
  }

  /**
   * A protocol that tunes with one seed, as every protocol did before several tuning seeds.
   *
   * @param kind the protocol
   * @param search how tuning settings are drawn
   * @param budget tuning settings per problem and optimizer entry (random search), or 0
   * @param seed seed of the random search and of the tuning trials
   * @param defaultsArm whether to add the defaults arm
   */
  public Protocol(Kind kind, Search search, int budget, long seed, boolean defaultsArm) {
    this(kind, search, budget, seed, defaultsArm, 1);
  }

  /**
   * @return the seeds every tuning setting trains with: {@code seed}, {@code seed + 1}, ...,
   *     {@code tuningSeeds} of them
   */
  public java.util.List<Long> tuningSeedList() {
    return java.util.stream.LongStream.range(seed, seed + tuningSeeds).boxed().toList();
  }

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
