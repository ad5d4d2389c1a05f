package org.optbench.report;

import java.util.Locale;

/** Whether a metric is better when larger or when smaller. */
enum Goal {
  /** Larger is better (accuracy). */
  MAX,
  /** Smaller is better (loss, suboptimality, distance). */
  MIN;

  /**
   * @param text {@code max} or {@code min}, any case
   * @return the goal
   * @throws IllegalArgumentException for anything else
   */
  static Goal parse(String text) {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "max" -> MAX;
      case "min" -> MIN;
      default -> throw new IllegalArgumentException(
          "'" + text + "' is not a goal; accepted: max, min");
    };
  }

  /**
   * @param a a value, NaN meaning absent
   * @param b another
   * @return negative when {@code a} is better than {@code b}; NaN ranks after every number
   */
  int compare(double a, double b) {
    if (Double.isNaN(a) || Double.isNaN(b)) {
      return Boolean.compare(Double.isNaN(a), Double.isNaN(b));
    }
    return this == MAX ? Double.compare(b, a) : Double.compare(a, b);
  }
}
