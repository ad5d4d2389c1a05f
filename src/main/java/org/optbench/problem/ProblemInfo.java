package org.optbench.problem;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A problem in the catalogue: its id, what it is, its parameters with defaults, and how to build
 * the resolved {@link ProblemSpec} from parameter values.
 *
 * @param id kebab-case id used in configs
 * @param kind the kind of problem, which decides metrics, seeds and budget units
 * @param description one line for {@code optbench list}
 * @param parameters accepted parameters, in display order
 * @param target the default target for time-to-target
 * @param divergenceFactor default divergence rule: a trial is DIVERGED when its loss exceeds this
 *     multiple of its initial loss (or is NaN/Inf); a factor that the problem's loss can reach
 * @param factory builds the spec from a complete map of parameter values
 */
public record ProblemInfo(String id, ProblemKind kind, String description,
    List<ProblemParameter> parameters, Target target, double divergenceFactor,
    Function<Map<String, Object>, ProblemSpec> factory) {

  /** @return the parameter with this name, if any */
  public Optional<ProblemParameter> parameter(String name) {
    return parameters.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /**
   * @param values a value for every parameter (defaults already filled in), each checked with
   *     {@link ProblemParameter#check}
   * @return the resolved problem
   * @throws IllegalArgumentException if the values are inconsistent with each other (the message
   *     names the parameters)
   */
  public ProblemSpec create(Map<String, Object> values) {
    return factory.apply(values);
  }
}
