package org.optbench.problem;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One parameter of a problem, as written under {@code params:} in a config.
 *
 * @param name the YAML key
 * @param type the value's type
 * @param defaultValue the default (an {@code Integer}, {@code Long}, {@code Double} or
 *     {@code List<Double>}), or {@code null} when derived from other parameters
 * @param description one line for {@code optbench list}, with the unit
 * @param accepted phrase stating what is accepted, e.g. {@code "an integer >= 1"}
 * @param valid the acceptance test applied to a value of the right type
 */
public record ProblemParameter(String name, Type type, Object defaultValue, String description,
    String accepted, Predicate<Object> valid) {

  /** Value types a parameter can have. */
  public enum Type {
    /** A 32-bit integer. */
    INT,
    /** A 64-bit integer (seeds). */
    LONG,
    /** A real number. */
    DOUBLE,
    /** A list of real numbers. */
    VECTOR
  }

  /**
   * @param value a value of {@link #type()}
   * @return empty if accepted, else what is accepted
   */
  public Optional<String> check(Object value) {
    return valid.test(value) ? Optional.empty() : Optional.of(accepted);
  }

  static ProblemParameter intAtLeast(String name, int min, Integer defaultValue, String desc) {
    return new ProblemParameter(name, Type.INT, defaultValue, desc, "an integer >= " + min,
        v -> (Integer) v >= min);
  }

  static ProblemParameter realAtLeast(String name, double min, double defaultValue, String desc) {
    return new ProblemParameter(name, Type.DOUBLE, defaultValue, desc,
        "a finite number >= " + ProblemParameter.format(min),
        v -> (Double) v >= min && Double.isFinite((Double) v));
  }

  static ProblemParameter real(String name, double defaultValue, String desc) {
    return new ProblemParameter(name, Type.DOUBLE, defaultValue, desc, "a finite number",
        v -> Double.isFinite((Double) v));
  }

  static ProblemParameter seed(String name, long defaultValue, String desc) {
    return new ProblemParameter(name, Type.LONG, defaultValue, desc, "an integer", v -> true);
  }

  @SuppressWarnings("unchecked")
  static ProblemParameter point(String name, List<Double> defaultValue, int size, String desc) {
    String accepted = size > 0 ? "a list of " + size + " finite numbers" : "a list of finite numbers";
    return new ProblemParameter(name, Type.VECTOR, defaultValue, desc, accepted,
        v -> (size <= 0 || ((List<Double>) v).size() == size)
            && ((List<Double>) v).stream().allMatch(Double::isFinite));
  }

  private static String format(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
