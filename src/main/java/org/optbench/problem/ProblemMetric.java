package org.optbench.problem;

import java.util.Objects;
import org.optbench.stats.Goal;

/**
 * A per-trial quantity of a problem that is aggregated over seeds, ranked and reported: e.g. the
 * final test accuracy of an image classifier or the final suboptimality of a ravine.
 *
 * @param id stable identifier, also the stem of report CSV column names, e.g.
 *     {@code final_test_accuracy}
 * @param header table header with the unit, e.g. {@code final L − L* (MSE)}
 * @param goal whether larger or smaller is better
 * @param column the recorded metric it reads: a key of the trial's final metrics
 *     ({@code result.json}), which is also a column of {@code evals.csv} (problems with
 *     evaluations) or {@code curve.csv} (problems without)
 * @param reduction how the trial's recorded values become one number
 */
public record ProblemMetric(String id, String header, Goal goal, String column,
    Reduction reduction) {

  /** How a trial's recorded values of {@link #column()} become one number. */
  public enum Reduction {
    /** The value in the trial's final metrics. */
    FINAL,
    /** The best value (by {@link ProblemMetric#goal()}) over the rows of {@code evals.csv}. */
    BEST_EVALUATION
  }

  /** @throws NullPointerException if a component is null */
  public ProblemMetric {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(goal, "goal");
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(reduction, "reduction");
  }

  /**
   * @param id identifier, e.g. {@code final_suboptimality}
   * @param header table header with the unit
   * @param goal direction
   * @param column the final-metrics key read
   * @return the metric read from the trial's final metrics
   */
  public static ProblemMetric finalValue(String id, String header, Goal goal, String column) {
    return new ProblemMetric(id, header, goal, column, Reduction.FINAL);
  }
}
