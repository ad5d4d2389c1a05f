package org.optbench.run;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

/**
 * The plan of a run, as {@code run --dry-run} prints it: what would train and what it would cost,
 * found without training a trial of the experiment or writing to its results folder.
 *
 * @param experiment the experiment's name
 * @param protocol {@code grid} or {@code tune-then-evaluate}
 * @param root its results folder
 * @param rootExists whether that folder exists already
 * @param lines one per problem and phase, in plan order
 * @param workers trials that would run at once
 * @param seconds estimated wall time of the trials to run (seconds), as the workers would run
 *     them: each whole on the first worker free, in plan order, the evaluation phase after the
 *     first; NaN if no trial to run could be estimated
 * @param bytes estimated disk space of the trials to run (bytes); NaN as for {@code seconds}
 * @param unestimated trials to run whose cost could not be estimated (not in the totals)
 * @param sources how each problem's estimate was made, one sentence each
 * @param stops why the run would stop before training anything (exit code 2), or null if it
 *     would not
 */
public record DryRun(String experiment, String protocol, Path root, boolean rootExists,
    List<Line> lines, int workers, double seconds, double bytes, int unestimated,
    List<String> sources, String stops) {
  /** Copies the lists. */
  public DryRun {
    lines = List.copyOf(lines);
    sources = List.copyOf(sources);
  }

  /**
   * One problem's trials in one phase of the protocol.
   *
   * @param problem the problem id
   * @param phase {@code grid}, {@code tuning}, {@code evaluation} or {@code defaults}
   * @param trials trials in the phase (a trial that serves two arms counts in both)
   * @param complete of those, complete in the results folder; empty when the trials are not known
   *     yet (evaluation settings are chosen after tuning)
   * @param seconds estimated wall seconds of its trials to run, summed (not shared among
   *     workers); NaN if unknown
   * @param note what else to know, e.g. {@code 3 seeds x 2 optimizers, settings chosen after
   *     tuning}, or empty
   */
  public record Line(String problem, String phase, int trials, OptionalInt complete,
      double seconds, String note) {}
}
