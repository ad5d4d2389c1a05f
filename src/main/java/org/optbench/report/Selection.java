package org.optbench.report;

/**
 * One row of {@code selection.csv}: the setting a tune-then-evaluate run chose for one problem
 * and optimizer entry, on the validation metric of its tuning trials.
 *
 * @param problemKey the problem's {@link ProblemEntry#key()}
 * @param optimizer optimizer id
 * @param entry index of the optimizer entry in the problem's list
 * @param trialId the chosen tuning trial, or empty if every tuning trial diverged or failed
 * @param metric the selection metric as the run names it, e.g. {@code validation_accuracy}
 * @param value its final value for the chosen trial (NaN if none)
 * @param candidates tuning trials considered
 * @param excluded of those, diverged, failed or missing
 * @param seedValues with several tuning seeds, the chosen setting's value per tuning seed (an
 *     infinite value for a diverged seed); {@code value} is their median. Empty with one seed
 */
record Selection(String problemKey, String optimizer, int entry, String trialId, String metric,
    double value, int candidates, int excluded, java.util.Map<Long, Double> seedValues) {

  /** @return whether a setting was chosen */
  boolean chose() {
    return !trialId.isEmpty();
  }
}
