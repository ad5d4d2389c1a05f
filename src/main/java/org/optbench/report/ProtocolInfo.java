package org.optbench.report;

/**
 * How the experiment turned its search spaces into trials, as {@code experiment.resolved.yaml}
 * states it.
 *
 * @param tunes whether the protocol is {@code tune-then-evaluate} (else the plain grid)
 * @param search {@code random} or {@code grid} (tune-then-evaluate only)
 * @param budget tuning settings per problem and optimizer entry for random search; 0 when the
 *     config does not state it (grid search: the grid size)
 * @param seed the tuning seed (random draws and every tuning trial)
 * @param defaultsArm whether DL4J's defaults were run with the evaluation seeds
 */
record ProtocolInfo(boolean tunes, String search, int budget, long seed, boolean defaultsArm) {
  /** The plain grid protocol: every setting with every seed. */
  static final ProtocolInfo GRID = new ProtocolInfo(false, "grid", 0, 0, false);

  /** @return whether tuning settings were drawn at random (else they are grid points) */
  boolean randomSearch() {
    return tunes && search.equals("random");
  }
}
