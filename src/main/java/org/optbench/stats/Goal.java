package org.optbench.stats;

import java.util.Locale;

/**
 * Whether a metric is better when larger (accuracy) or when smaller (loss, suboptimality, time).
 * The one direction type of optbench: problems state their metrics' goals with it, targets their
 * direction, and reports and statistics rank with it.
 */
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

  /**
   * @param text {@code max} or {@code min}, any case, surrounding blanks ignored
   * @return the goal
   * @throws IllegalArgumentException for anything else (the message names the text)
   */
  public static Goal parse(String text) {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "max" -> MAX;
      case "min" -> MIN;
      default -> throw new IllegalArgumentException(
          "'" + text + "' is not a goal; accepted: max, min");
    };
  }

  /**
   * @param value an observed value
   * @param threshold the threshold
   * @return whether {@code value} is at least ({@link #MAX}) or at most ({@link #MIN}) the
   *     threshold; NaN never is
   */
  public boolean reaches(double value, double threshold) {
    return this == MAX ? value >= threshold : value <= threshold;
  }

  /**
   * @param value a value
   * @param than another value
   * @return whether {@code value} is strictly better than {@code than} (false when either is NaN)
   */
  public boolean better(double value, double than) {
    return this == MAX ? value > than : value < than;
  }
}
