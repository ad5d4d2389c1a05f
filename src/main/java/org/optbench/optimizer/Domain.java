package org.optbench.optimizer;

import java.util.List;
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
}
