package org.optbench.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.optbench.optimizer.Domain;

/**
 * One optimizer entry of a problem in the resolved config: the optimizer and the domain of each
 * hyperparameter it searches.
 *
 * @param index position in the problem's optimizer list (the {@code entry} of
 *     {@code selection.csv})
 * @param optimizer optimizer id (a short name, or the class name of an updater without a
 *     provider)
 * @param domains domain of every configured hyperparameter, in config order
 */
record SearchEntry(int index, String optimizer, Map<String, Domain> domains) {

  /** Keeps the order and makes the map immutable. */
  SearchEntry {
    domains = Collections.unmodifiableMap(new LinkedHashMap<>(domains));
  }

  /**
   * @param domain a hyperparameter's domain
   * @return e.g. {@code log-uniform [1e-5, 1]}, {@code uniform [0.5, 0.99]} or
   *     {@code 0.1, 0.01}
   */
  static String text(Domain domain) {
    List<Double> ends = domain.endpoints();
    if (domain instanceof Domain.LogUniform || domain instanceof Domain.Uniform) {
      return (domain instanceof Domain.LogUniform ? "log-uniform [" : "uniform [")
          + Numbers.exact(ends.get(0)) + ", " + Numbers.exact(ends.get(1)) + "]";
    }
    return String.join(", ", ends.stream().map(Numbers::exact).toList());
  }

  /**
   * @param name a hyperparameter
   * @return its domain, or null if the entry does not configure it (DL4J's default applies)
   */
  Domain domain(String name) {
    return domains.get(name);
  }
}
