package org.optbench.result;

/**
 * Where a time-limited trial ran: how many steps it reaches in its time depends on the machine and
 * on how many trials shared it, so {@code result.json} records both, and the report marks
 * comparisons of time-limited trials that differ in either.
 *
 * @param machine the host name, CPU model and logical cores, e.g.
 *     {@code build-01 / AMD EPYC 7B13 / 2 cores}
 * @param parallelism trials the run trained at once (its {@code --parallelism}, capped by the
 *     trials it had), ≥ 1
 */
public record TrialConditions(String machine, int parallelism) {
  /** @throws IllegalArgumentException if {@code parallelism < 1} */
  public TrialConditions {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be >= 1 (got " + parallelism + ")");
    }
  }
}
