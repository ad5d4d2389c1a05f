package org.optbench.stats;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Holm's step-down adjustment for multiple comparisons (Holm, S. (1979). A simple sequentially
 * rejective multiple test procedure. <i>Scandinavian Journal of Statistics</i> 6(2), 65–70).
 *
 * <p>With {@code m} p-values sorted ascending, {@code p(1) ≤ … ≤ p(m)}, the adjusted value is
 * {@code p̃(i) = min(1, max over j ≤ i of (m − j + 1)·p(j))}. Rejecting every hypothesis with
 * {@code p̃ ≤ α} controls the family-wise error rate at {@code α} under any dependence between the
 * tests, and is uniformly more powerful than Bonferroni.
 */
public final class Holm {
  private Holm() {}

  /**
   * Holm-adjusted p-values.
   *
   * @param pValues raw p-values, each in [0, 1]; may be empty
   * @return adjusted p-values in the input order: never below the raw value, capped at 1, and
   *     monotone (a smaller raw p never gets a larger adjusted p)
   * @throws IllegalArgumentException if {@code pValues} is null or holds a value that is NaN or
   *     outside [0, 1]
   */
  public static double[] adjust(double[] pValues) {
    if (pValues == null) {
      throw new IllegalArgumentException("pValues must not be null");
    }
    int m = pValues.length;
    for (int i = 0; i < m; i++) {
      if (!(pValues[i] >= 0 && pValues[i] <= 1)) {
        throw new IllegalArgumentException("pValues[" + i + "] = " + pValues[i]
            + " is not a probability in [0, 1]");
      }
    }
    Integer[] order = new Integer[m];
    for (int i = 0; i < m; i++) {
      order[i] = i;
    }
    // Stable sort: tied p-values end up with equal adjusted values whatever their order.
    Arrays.sort(order, Comparator.comparingDouble(i -> pValues[i]));
    double[] adjusted = new double[m];
    double running = 0;
    for (int rank = 0; rank < m; rank++) {
      int i = order[rank];
      // The running maximum is what makes the procedure step-down: once a hypothesis is
      // retained, every larger p-value is retained too.
      running = Math.max(running, Math.min(1.0, (m - rank) * pValues[i]));
      adjusted[i] = running;
    }
    return adjusted;
  }
}
