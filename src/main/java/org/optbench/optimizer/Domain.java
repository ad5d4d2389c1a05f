package org.optbench.optimizer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The values one hyperparameter may take in a search: a finite list (a grid axis), or an interval
 * sampled uniformly on a log or linear scale by random search.
 */
public sealed interface Domain permits Domain.Values, Domain.LogUniform, Domain.Uniform {

  /** @return a value drawn from this domain */
  double sample(SplittableRandom random);

  /** @return whether random search draws from an interval (not a list of values) */
  default boolean isInterval() {
    return !(this instanceof Values);
  }

  /** @return every listed value, or both ends of an interval */
  default List<Double> endpoints() {
    if (this instanceof Values v) {
      return v.values();
    }
    if (this instanceof LogUniform d) {
      return List.of(d.low(), d.high());
    }
    Uniform d = (Uniform) this;
    return List.of(d.low(), d.high());
  }

  /**
   * @return whether the domain is drawn, or best shown, on a logarithmic scale: a log-uniform
   *     interval, or a positive list spanning at least a decade
   */
  default boolean logarithmic() {
    if (this instanceof LogUniform) {
      return true;
    }
    if (this instanceof Uniform) {
      return false;
    }
    List<Double> values = endpoints();
    double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    return min > 0 && max >= 10 * min;
  }

  /**
   * A finite set of values; random search picks one uniformly.
   *
   * @param values the values, at least one, no duplicates
   */
  record Values(List<Double> values) implements Domain {
    /** Copies the list. */
    public Values {
      values = List.copyOf(values);
    }

    @Override
    public double sample(SplittableRandom random) {
      return values.get(random.nextInt(values.size()));
    }
  }

  /**
   * log x uniform on [log low, log high]: the usual prior for learning rates and ε.
   *
   * @param low lower bound, &gt; 0
   * @param high upper bound, &gt; low
   */
  record LogUniform(double low, double high) implements Domain {
    @Override
    public double sample(SplittableRandom random) {
      return round(Math.exp(Math.log(low) + random.nextDouble() * Math.log(high / low)));
    }
  }

  /**
   * x uniform on [low, high]: e.g. momentum or β₁.
   *
   * @param low lower bound
   * @param high upper bound, &gt; low
   */
  record Uniform(double low, double high) implements Domain {
    @Override
    public double sample(SplittableRandom random) {
      return round(low + random.nextDouble() * (high - low));
    }
  }

  /** Six significant digits: readable in tables and folder names, far finer than any effect. */
  private static double round(double v) {
    return Double.parseDouble(String.format(java.util.Locale.ROOT, "%.6g", v));
  }

  /**
   * The cross product of named value lists, in the map's order (the last name varies fastest).
   *
   * @param domains per name, its values
   * @return every point, each a map in the names' order; one empty point for no names
   * @throws IllegalStateException if a domain is an interval
   */
  static List<Map<String, Double>> gridPoints(Map<String, Domain> domains) {
    List<Map<String, Double>> points = new ArrayList<>();
    points.add(new LinkedHashMap<>());
    for (Map.Entry<String, Domain> e : domains.entrySet()) {
      if (!(e.getValue() instanceof Values values)) {
        throw new IllegalStateException(e.getKey() + " is an interval, not a grid axis");
      }
      List<Map<String, Double>> next = new ArrayList<>();
      for (Map<String, Double> point : points) {
        for (double v : values.values()) {
          Map<String, Double> extended = new LinkedHashMap<>(point);
          extended.put(e.getKey(), v);
          next.add(extended);
        }
      }
      points = next;
    }
    return points;
  }
}
