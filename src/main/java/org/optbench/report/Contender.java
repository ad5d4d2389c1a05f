package org.optbench.report;

/**
 * One optimizer entry in a comparison: the setting it competes with and, for tune-then-evaluate,
 * how that setting was chosen.
 *
 * @param label unique within the problem: the optimizer id, with {@code (entry i)} added when the
 *     problem lists the optimizer more than once
 * @param optimizer optimizer id (colour and line style)
 * @param setting the setting over the arm's seeds, or null when nothing was chosen (every tuning
 *     trial diverged or failed) or its trials are absent
 * @param selection the row of {@code selection.csv}, or null (grid stores, defaults arm)
 */
record Contender(String label, String optimizer, SettingSummary setting, Selection selection) {

  /** @return the setting's hyperparameters and batch size, or why there is none */
  String settingText() {
    if (setting != null) {
      return setting.settingText();
    }
    if (selection != null && !selection.chose()) {
      return "none chosen: all " + selection.candidates() + " tuning trials diverged or failed";
    }
    return "none: no trials of the chosen setting";
  }
}
