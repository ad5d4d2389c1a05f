package org.optbench.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One optimizer entry of a problem in the resolved config: the optimizer and the domain of each
 * hyperparameter it searches.
 *
 * @param index position in the problem's optimizer list (the {@code entry} of
 *     {@code selection.csv})
 * @param optimizer optimizer id
 * @param domains domain of every configured hyperparameter, in config order
 */
record SearchEntry(int index, String optimizer, Map<String, Domain> domains) {

  /** Keeps the order and makes the map immutable. */
  SearchEntry {
    domains = Collections.unmodifiableMap(new LinkedHashMap<>(domains));
  }

  /**
   * A hyperparameter's domain.
   *
   * @param kind {@code values} (a fixed value or a grid axis), {@code logUniform} or
   *     {@code uniform}
   * @param values the listed values, or {@code [low, high]} of a range
   */
  record Domain(String kind, List<Double> values) {
    /** Copies the list. */
    Domain {
      values = List.copyOf(values);
    }

    /** @return whether the domain is drawn, or best shown, on a logarithmic scale */
    boolean logarithmic() {
      if (kind.equals("logUniform")) {
        return true;
      }
      if (kind.equals("uniform") || values.isEmpty()) {
        return false;
      }
      double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
      double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
      // A grid spanning more than a decade reads better on a log axis.
      return min > 0 && max >= 10 * min;
    }

    /**
     * @return e.g. {@code log-uniform [1e-5, 1]}, {@code uniform [0.5, 0.99]} or
     *     {@code 0.1, 0.01}
     */
    String text() {
      return switch (kind) {
        case "logUniform" -> "log-uniform [" + Numbers.exact(values.get(0)) + ", "
            + Numbers.exact(values.get(1)) + "]";
        case "uniform" -> "uniform [" + Numbers.exact(values.get(0)) + ", "
            + Numbers.exact(values.get(1)) + "]";
        default -> String.join(", ", values.stream().map(Numbers::exact).toList());
      };
    }
  }

  /**
   * @param name a hyperparameter
   * @return its domain, or null if the entry does not configure it (DL4J's default applies)
   */
  Domain domain(String name) {
    return domains.get(name);
  }
}
