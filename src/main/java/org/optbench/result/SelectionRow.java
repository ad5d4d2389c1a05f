package org.optbench.result;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of {@code selection.csv}: the setting a tune-then-evaluate run chose for one problem
 * and optimizer entry.
 *
 * @param problem problem id
 * @param optimizer optimizer id of the entry
 * @param entry index of the optimizer entry in the problem's list
 * @param trialId the chosen tuning trial's id (64 hex digits; with several tuning seeds, that of
 *     the first), or empty if no setting could be chosen
 * @param metric the selection metric, a column of the trial's curves
 * @param value the chosen setting's final value of it, the median over its tuning seeds with
 *     several (NaN if none was chosen)
 * @param candidates tuning settings considered
 * @param excluded of those, not scored (diverged, failed or missing)
 * @param seedValues with several tuning seeds, the chosen setting's value per tuning seed, in
 *     seed order, a diverged seed as an infinite value (the worst); empty with one tuning seed
 */
public record SelectionRow(String problem, String optimizer, int entry, String trialId,
    String metric, double value, int candidates, int excluded, Map<Long, Double> seedValues) {

  /** Copies the map, keeping the seed order. */
  public SelectionRow {
    seedValues = Collections.unmodifiableMap(new LinkedHashMap<>(seedValues));
  }

  /**
   * A row of a tuning with one seed.
   *
   * @param problem problem id
   * @param optimizer optimizer id of the entry
   * @param entry index of the optimizer entry in the problem's list
   * @param trialId the chosen tuning trial's id, or empty
   * @param metric the selection metric
   * @param value the chosen trial's final value of it (NaN if none was chosen)
   * @param candidates tuning trials considered
   * @param excluded of those, diverged, failed or missing
   */
  public SelectionRow(String problem, String optimizer, int entry, String trialId,
      String metric, double value, int candidates, int excluded) {
    this(problem, optimizer, entry, trialId, metric, value, candidates, excluded, Map.of());
  }
}
