package org.optbench.report;

import java.util.Collection;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * Mean and sample standard deviation of one quantity over seeds.
 *
 * @param mean arithmetic mean, NaN when {@code n == 0}
 * @param sd sample standard deviation (n − 1 in the denominator), NaN when {@code n < 2}
 * @param n number of values
 */
record Stats(double mean, double sd, int n) {
  /** No values. */
  static final Stats EMPTY = new Stats(Double.NaN, Double.NaN, 0);

  /**
   * @param values the finite values to summarise; NaN entries are ignored (a metric a seed did not
   *     record)
   * @return their mean and sample standard deviation
   */
  static Stats of(Collection<Double> values) {
    SummaryStatistics s = new SummaryStatistics();
    for (double v : values) {
      if (!Double.isNaN(v)) {
        s.addValue(v);
      }
    }
    if (s.getN() == 0) {
      return EMPTY;
    }
    // SummaryStatistics reports 0 for one value; one seed has no spread to estimate.
    double sd = s.getN() < 2 ? Double.NaN : s.getStandardDeviation();
    return new Stats(s.getMean(), sd, (int) s.getN());
  }

  /** @return {@code mean ± sd}, just the mean for one value, {@code –} for none */
  String display() {
    if (n == 0) {
      return Numbers.NONE;
    }
    return n < 2 ? Numbers.format(mean) : Numbers.format(mean) + " ± " + Numbers.format(sd);
  }
}
