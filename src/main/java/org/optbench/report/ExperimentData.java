package org.optbench.report;

import java.nio.file.Path;
import java.util.List;
import org.optbench.config.Protocol;

/**
 * Everything a report reads from one experiment folder.
 *
 * @param name experiment name
 * @param description its free-text description (may be empty)
 * @param root the experiment folder
 * @param resolvedConfig the text of {@code experiment.resolved.yaml}
 * @param manifest {@code manifest.json}; in a merged experiment, the text of each experiment's
 *     one after the other and no facts (read each experiment's own)
 * @param problems problems in config order
 * @param trials every trial of the plan, in {@code trials.csv} order
 * @param warnings things that could not be read, in the order met
 * @param protocol how trials were planned
 * @param selections rows of {@code selection.csv} in file order (empty for grid stores, or when
 *     a tune-then-evaluate run stopped before choosing)
 */
record ExperimentData(String name, String description, Path root, String resolvedConfig,
    RecordedManifest manifest, List<ProblemEntry> problems, List<TrialRecord> trials,
    List<String> warnings, Protocol protocol, List<Selection> selections) {

  /** Copies the lists. */
  ExperimentData {
    problems = List.copyOf(problems);
    trials = List.copyOf(trials);
    warnings = List.copyOf(warnings);
    selections = List.copyOf(selections);
  }
}
