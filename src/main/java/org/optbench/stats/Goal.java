package org.optbench.stats;

/** Whether a metric is better when larger (accuracy) or when smaller (loss, time). */
public enum Goal {
  /** Larger is better, e.g. accuracy. The worst possible value is {@code -∞}. */
  MAX,
  /** Smaller is better, e.g. loss. The worst possible value is {@code +∞}. */
  MIN;

  /**
   * The value a diverged or failed run is given so that it ranks below every real result.
   *
   * @return {@code -∞} for {@link #MAX}, {@code +∞} for {@link #MIN}
   */
  public double worst() {
    return this == MAX ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
  }

  /**
   * Orders two values from better to worse; NaN ranks after every number.
   *
   * @param a a value
   * @param b another value
   * @return negative when {@code a} is better than {@code b}, zero when equally good, positive
   *     when worse
   */
  public int compare(double a, double b) {
    if (Double.isNaN(a) || Double.isNaN(b)) {
      return Boolean.compare(Double.isNaN(a), Double.isNaN(b));
    }
    return this == MAX ? Double.compare(b, a) : Double.compare(a, b);
  }
}
