package org.optbench.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.math3.stat.StatUtils;

/**
 * Which optimizers, on one problem, cannot be told apart from the best one over paired seeds.
 *
 * <p>Procedure:
 *
 * <ol>
 *   <li><b>Diverged or failed seeds.</b> A seed whose value is not finite (NaN, ±∞) is a run that
 *       diverged or failed. It counts as the worst possible value for the goal — {@code -∞} for
 *       {@link Goal#MAX}, {@code +∞} for {@link Goal#MIN} — so every optimizer keeps a value on
 *       every seed and the pairing stays complete. Against a finished run it is an infinite
 *       difference, which gets the largest rank; two diverged runs on the same seed tie (a zero
 *       difference). A seed that is absent from an optimizer's map is not a divergence but
 *       inconsistent input, and is rejected.
 *   <li><b>Best optimizer.</b> The best mean over seeds with diverged seeds at the worst value.
 *       Any diverged seed makes that mean infinite, so the order is: fewer diverged seeds first,
 *       then the better mean of the finished seeds, then the earlier optimizer in the map's
 *       iteration order.
 *   <li><b>Tests.</b> Each other optimizer is compared with the best by the two-sided
 *       {@link WilcoxonSignedRank} test on the per-seed pairs (zero differences dropped; exact
 *       p-value for up to 30 non-zero differences, normal approximation above).
 *   <li><b>Multiplicity.</b> The {@code m} = optimizers − 1 p-values are adjusted with
 *       {@link Holm}. An optimizer is distinguishable from the best when its adjusted p-value is
 *       ≤ α, and indistinguishable otherwise.
 * </ol>
 *
 * <p>Power floor: with {@code n} seeds the smallest exact p-value is {@code 2/2^n} and Holm
 * multiplies the smallest p-value by {@code m}, so nothing can be declared different unless
 * {@code m·2/2^n ≤ α}. At α = 0.05 and two comparisons this needs at least 7 seeds.
 */
public final class PairedComparison {
  /** Default family-wise significance level. */
  public static final double DEFAULT_ALPHA = 0.05;

  private PairedComparison() {}

  /**
   * One optimizer's line in the comparison.
   *
   * @param optimizer optimizer id
   * @param mean mean over all seeds, diverged seeds counted at the worst value, so infinite when
   *     {@code diverged > 0}; in the metric's unit
   * @param finishedMean mean over the seeds that finished (finite values); NaN if none did
   * @param n number of paired seeds (the same for every optimizer)
   * @param diverged number of seeds whose value was not finite
   * @param best whether this is the best optimizer
   * @param pValue raw two-sided Wilcoxon signed-rank p-value against the best; NaN for the best
   * @param adjustedPValue Holm-adjusted p-value; NaN for the best
   * @param indistinguishableFromBest {@code adjustedPValue > alpha}; true for the best itself
   */
  public record Row(String optimizer, double mean, double finishedMean, int n, int diverged,
      boolean best, double pValue, double adjustedPValue, boolean indistinguishableFromBest) {}

  /**
   * The comparison on one problem.
   *
   * @param goal whether larger or smaller values are better
   * @param alpha family-wise significance level used
   * @param best id of the best optimizer
   * @param seeds the paired seeds, ascending
   * @param rows one row per optimizer, in the input map's iteration order
   */
  public record Result(Goal goal, double alpha, String best, List<Long> seeds, List<Row> rows) {
    /**
     * Copies the lists so the record is immutable.
     *
     * @param goal whether larger or smaller values are better
     * @param alpha family-wise significance level used
     * @param best id of the best optimizer
     * @param seeds the paired seeds, ascending
     * @param rows one row per optimizer
     */
    public Result {
      seeds = List.copyOf(seeds);
      rows = List.copyOf(rows);
    }

    /**
     * @param optimizer an optimizer id
     * @return its row
     * @throws IllegalArgumentException if the optimizer is not in the comparison
     */
    public Row row(String optimizer) {
      for (Row r : rows) {
        if (r.optimizer().equals(optimizer)) {
          return r;
        }
      }
      throw new IllegalArgumentException("no optimizer '" + optimizer + "' in the comparison");
    }
  }

  /**
   * Compares at α = {@value #DEFAULT_ALPHA}.
   *
   * @see #compare(Map, Goal, double)
   * @param valuesBySeed final metric per seed, per optimizer id
   * @param goal whether larger or smaller values are better
   * @return the comparison
   * @throws IllegalArgumentException as for {@link #compare(Map, Goal, double)}
   */
  public static Result compare(Map<String, Map<Long, Double>> valuesBySeed, Goal goal) {
    return compare(valuesBySeed, goal, DEFAULT_ALPHA);
  }

  /**
   * Finds the best optimizer and tests every other one against it (see the class description).
   *
   * @param valuesBySeed final metric per seed, per optimizer id; a non-finite value marks a
   *     diverged or failed seed; use an ordered map for a stable row order
   * @param goal whether larger or smaller values are better
   * @param alpha family-wise significance level, in (0, 1)
   * @return the comparison
   * @throws IllegalArgumentException if there is no optimizer or no seed, a value is null,
   *     {@code alpha} is not in (0, 1), or two optimizers were run on different seed sets (the
   *     message names both and the seeds that differ)
   */
  public static Result compare(
      Map<String, Map<Long, Double>> valuesBySeed, Goal goal, double alpha) {
    if (valuesBySeed == null || valuesBySeed.isEmpty()) {
      throw new IllegalArgumentException("no optimizers to compare");
    }
    if (goal == null) {
      throw new IllegalArgumentException("goal must not be null");
    }
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
    }
    List<String> ids = new ArrayList<>(valuesBySeed.keySet());
    List<Long> seeds = pairedSeeds(valuesBySeed, ids);

    int k = ids.size();
    int n = seeds.size();
    double[][] values = new double[k][n];
    int[] diverged = new int[k];
    double[] finishedMean = new double[k];
    for (int o = 0; o < k; o++) {
      Map<Long, Double> bySeed = valuesBySeed.get(ids.get(o));
      double[] finished = new double[n];
      int f = 0;
      for (int s = 0; s < n; s++) {
        Double v = bySeed.get(seeds.get(s));
        if (v == null) {
          throw new IllegalArgumentException("optimizer '" + ids.get(o) + "' has a null value for"
              + " seed " + seeds.get(s) + "; use NaN for a diverged or failed run");
        }
        if (Double.isFinite(v)) {
          values[o][s] = v;
          finished[f++] = v;
        } else {
          values[o][s] = goal.worst();
          diverged[o]++;
        }
      }
      finishedMean[o] = f == 0 ? Double.NaN : StatUtils.mean(finished, 0, f);
    }

    int best = 0;
    for (int o = 1; o < k; o++) {
      int byDiverged = Integer.compare(diverged[o], diverged[best]);
      if (byDiverged < 0
          || (byDiverged == 0 && goal.compare(finishedMean[o], finishedMean[best]) < 0)) {
        best = o;
      }
    }

    double[] raw = new double[k - 1];
    int[] tested = new int[k - 1];
    for (int o = 0, t = 0; o < k; o++) {
      if (o != best) {
        tested[t] = o;
        raw[t++] = WilcoxonSignedRank.test(values[best], values[o]).pValue();
      }
    }
    double[] adjusted = Holm.adjust(raw);

    Row[] rows = new Row[k];
    // Averaging ±∞ would yield NaN through commons-math's correction term, so set it directly.
    rows[best] = new Row(ids.get(best), diverged[best] > 0 ? goal.worst() : finishedMean[best],
        finishedMean[best], n, diverged[best], true, Double.NaN, Double.NaN, true);
    for (int t = 0; t < k - 1; t++) {
      int o = tested[t];
      rows[o] = new Row(ids.get(o), diverged[o] > 0 ? goal.worst() : finishedMean[o],
          finishedMean[o], n, diverged[o], false, raw[t], adjusted[t], adjusted[t] > alpha);
    }
    return new Result(goal, alpha, ids.get(best), seeds, List.of(rows));
  }

  /** @return the seed set every optimizer shares, ascending */
  private static List<Long> pairedSeeds(Map<String, Map<Long, Double>> valuesBySeed,
      List<String> ids) {
    String first = ids.get(0);
    Map<Long, Double> firstValues = valuesBySeed.get(first);
    if (firstValues == null || firstValues.isEmpty()) {
      throw new IllegalArgumentException("optimizer '" + first + "' has no seeds");
    }
    TreeSet<Long> reference = new TreeSet<>(firstValues.keySet());
    for (String id : ids.subList(1, ids.size())) {
      Map<Long, Double> values = valuesBySeed.get(id);
      TreeSet<Long> other = values == null ? new TreeSet<>() : new TreeSet<>(values.keySet());
      if (!other.equals(reference)) {
        TreeSet<Long> onlyFirst = new TreeSet<>(reference);
        onlyFirst.removeAll(other);
        TreeSet<Long> onlyOther = new TreeSet<>(other);
        onlyOther.removeAll(reference);
        throw new IllegalArgumentException("optimizers '" + first + "' and '" + id
            + "' were run on different seeds (only '" + first + "': " + onlyFirst + ", only '"
            + id + "': " + onlyOther + "); record a failed seed as NaN instead of leaving it out");
      }
    }
    return List.copyOf(reference);
  }
}
