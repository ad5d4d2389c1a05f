package org.optbench.report;

import java.util.List;

/**
 * The tuning trials of one optimizer entry of a tune-then-evaluate problem.
 *
 * @param label unique within the problem (as {@link Contender#label()})
 * @param optimizer optimizer id
 * @param entry the entry's search domains from the resolved config, or null if the config does
 *     not list it
 * @param trials its tuning trials in plan order, with or without results
 * @param selection its row of {@code selection.csv}, or null if there is none
 */
record TuningEntry(String label, String optimizer, SearchEntry entry, List<TrialRecord> trials,
    Selection selection) {

  /** Copies the list. */
  TuningEntry {
    trials = List.copyOf(trials);
  }

  /** @return the trial the run chose, or null */
  TrialRecord chosenTrial() {
    if (selection == null || !selection.chose()) {
      return null;
    }
    return trials.stream().filter(t -> t.trialId().equals(selection.trialId())).findFirst()
        .orElse(null);
  }
}
