package org.optbench.report;

import java.util.Collection;
import java.util.Optional;
import java.util.TreeSet;
import org.optbench.result.TrialConditions;
import org.optbench.result.TrialResult;

/**
 * Whether a comparison of time-limited trials compares like with like. A time limit makes the
 * steps a trial reaches depend on the machine and on how many trials shared it, so trials that
 * ran on different machines or at different parallelism did not get the same amount of
 * training; the report says so beside the comparison. Trials without a time limit record no
 * conditions and are never marked: their step counts are fixed.
 */
final class TimeLimitConditions {
  /** Added to the title of a table whose time-limited trials {@link #mismatch} flags. */
  static final String TITLE_MARK = " (time-limited trials from different machines or"
      + " parallelism)";

  private TimeLimitConditions() {}

  /**
   * @param settings the settings compared, each with its trials
   * @return a sentence naming the machines and parallelisms, if the time-limited trials among
   *     them ran on more than one machine or at more than one parallelism
   */
  static Optional<String> mismatch(Collection<SettingSummary> settings) {
    TreeSet<String> machines = new TreeSet<>();
    TreeSet<Integer> parallelism = new TreeSet<>();
    for (SettingSummary setting : settings) {
      for (TrialRecord trial : setting.trials()) {
        TrialResult result = trial.result();
        TrialConditions where = result == null ? null : result.conditions();
        if (where != null) {
          machines.add(where.machine());
          parallelism.add(where.parallelism());
        }
      }
    }
    if (machines.size() <= 1 && parallelism.size() <= 1) {
      return Optional.empty();
    }
    StringBuilder s = new StringBuilder("Not on equal terms: these time-limited trials ran");
    if (machines.size() > 1) {
      s.append(" on ").append(machines.size()).append(" machines (")
          .append(String.join("; ", machines)).append(")");
    }
    if (parallelism.size() > 1) {
      s.append(machines.size() > 1 ? " and" : "").append(" at parallelism ")
          .append(String.join(", ", parallelism.stream().map(String::valueOf).toList()));
    }
    s.append(", so the steps each reached in its time depend on where it ran, not only on the"
        + " optimizer. ");
    return Optional.of(s.toString());
  }
}
