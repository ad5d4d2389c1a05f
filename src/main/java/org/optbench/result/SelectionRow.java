package org.optbench.result;

/**
 * One row of {@code selection.csv}: the setting a tune-then-evaluate run chose for one problem
 * and optimizer entry.
 *
 * @param problem problem id
 * @param optimizer optimizer id of the entry
 * @param entry index of the optimizer entry in the problem's list
 * @param trialId the chosen tuning trial's id (64 hex digits), or empty if every tuning trial
 *     diverged or failed
 * @param metric the selection metric, a column of the trial's curves
 * @param value the chosen trial's final value of it (NaN if none was chosen)
 * @param candidates tuning trials considered
 * @param excluded of those, diverged, failed or missing
 */
public record SelectionRow(String problem, String optimizer, int entry, String trialId,
    String metric, double value, int candidates, int excluded) {}
