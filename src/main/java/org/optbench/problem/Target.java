package org.optbench.problem;

import java.util.Optional;
import org.optbench.stats.Goal;

/**
 * The value of a metric that counts as "solved", for time-to-target: e.g. test accuracy ≥ 0.97
 * on {@code mnist-mlp}, suboptimality ≤ 10⁻⁶ on the ravines.
 *
 * @param metric a column of {@code evals.csv} (network problems) or {@code curve.csv} (analytic
 *     problems), e.g. {@code test_accuracy}, {@code suboptimality}
 * @param value the threshold
 * @param goal whether the metric must reach at least ({@link Goal#MAX}) or at most
 *     ({@link Goal#MIN}) the threshold
 */
public record Target(String metric, double value, Goal goal) {
  /**
   * @param metric a metric name; accuracies are maximised, everything else minimised
   * @param value the threshold
   * @return the target
   */
  public static Target of(String metric, double value) {
    return new Target(metric, value, metric.endsWith("accuracy") ? Goal.MAX : Goal.MIN);
  }

  /** @return whether {@code observed} meets the target (NaN never does) */
  public boolean reachedBy(double observed) {
    return goal.reaches(observed, value);
  }

  /**
   * @return why no trial can ever meet this target (e.g. a test accuracy of 1.5), or empty when
   *     some value of the metric meets it
   */
  public Optional<String> unreachable() {
    double lowest = metric.endsWith("accuracy") || metric.endsWith("_loss")
        || metric.equals("distance_to_optimum") || metric.equals("suboptimality")
        ? 0 : Double.NEGATIVE_INFINITY;
    double highest = metric.endsWith("accuracy") ? 1 : Double.POSITIVE_INFINITY;
    String range = metric.endsWith("accuracy") ? "a fraction in [0, 1]" : "never negative";
    if (goal == Goal.MAX && value > highest || goal == Goal.MIN && value < lowest) {
      return Optional.of(metric + " is " + range + ", so it can never be "
          + (goal == Goal.MAX ? ">= " : "<= ") + value);
    }
    return Optional.empty();
  }
}
