package org.optbench.report;

import java.util.List;
import org.optbench.problem.ProblemKind;
import org.optbench.problem.ProblemSpec;
import org.optbench.problem.Target;
import org.optbench.stats.Goal;

/**
 * One problem of the experiment as the resolved config states it.
 *
 * @param key file-name-safe key, the problem id (with {@code -2}, {@code -3}… when a config lists
 *     the same id more than once)
 * @param id the problem id
 * @param label the name shown in tables and titles
 * @param kind its kind, which decides the metrics
 * @param spec the problem rebuilt from its parameters (pure Java), or null if they could not be
 *     read
 * @param target the time-to-target threshold
 * @param targetFromConfig whether the resolved config states the target (else the catalogue's
 *     default for the problem)
 * @param budget the training budget as configured, e.g. {@code 10 epochs} or {@code 300 steps}
 * @param entries the problem's optimizer entries with their search domains, in config order
 * @param batchSizes how many batch sizes the problem lists (1 for analytic problems)
 * @param networkNotes what the manifest records of a network from a file or a plugin
 *     ({@link RecordedManifest#networkNotes}); empty for a built-in network
 */
record ProblemEntry(String key, String id, String label, ProblemKind kind, ProblemSpec spec,
    Target target, boolean targetFromConfig, String budget,
    List<SearchEntry> entries, int batchSizes, List<String> networkNotes) {

  /** Copies the lists. */
  ProblemEntry {
    entries = List.copyOf(entries);
    networkNotes = List.copyOf(networkNotes);
  }

  /** @return e.g. {@code test_accuracy ≥ 0.97} */
  String targetText() {
    return target.metric() + (target.goal() == Goal.MAX ? " ≥ " : " ≤ ")
        + Numbers.exact(target.value());
  }

  /** @return training examples per epoch, or 0 when epochs do not apply (analytic problems) */
  int trainExamples() {
    return kind.usesMiniBatches() ? spec.trainExamples() : 0;
  }

  /** @return whether the problem's curves come with evaluation rows in {@code evals.csv} */
  boolean hasEvals() {
    return kind.hasEvaluations();
  }
}
