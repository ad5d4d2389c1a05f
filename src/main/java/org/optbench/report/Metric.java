package org.optbench.report;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.optbench.problem.ProblemFamily;

/**
 * One per-seed quantity that is aggregated over the seeds of a setting.
 *
 * @param id stable identifier, also the stem of CSV column names
 * @param header table header with the unit
 * @param goal whether larger or smaller is better
 * @param value reads the quantity from a trial with a result (NaN when it was not recorded)
 */
record Metric(String id, String header, Goal goal, ToDoubleFunction<TrialRecord> value) {

  /**
   * The aggregated metrics of a family, in table order. Image problems: final and best test
   * accuracy, final training loss, final validation accuracy. Ravine regression: final
   * suboptimality, distance to ŵ, training loss and held-out loss. Analytic problems: final
   * f − f*, distance to the nearest minimiser and f.
   *
   * @param family the problem family
   * @return its metrics
   */
  static List<Metric> of(ProblemFamily family) {
    return switch (family) {
      case IMAGE -> List.of(TEST_ACCURACY, BEST_TEST_ACCURACY,
          finalValue("final_train_loss", "final train loss (cross-entropy)", Goal.MIN,
              "train_loss"),
          VALIDATION_ACCURACY);
      case REGRESSION -> List.of(
          finalValue("final_suboptimality", "final L − L* (MSE)", Goal.MIN, "suboptimality"),
          finalValue("final_distance", "final ‖w − ŵ‖", Goal.MIN, "distance_to_optimum"),
          finalValue("final_train_loss", "final train loss (MSE)", Goal.MIN, "train_loss"),
          finalValue("final_heldout_loss", "final held-out loss (MSE)", Goal.MIN, "test_loss"));
      case ANALYTIC -> List.of(
          finalValue("final_suboptimality", "final f − f*", Goal.MIN, "suboptimality"),
          finalValue("final_distance", "final ‖θ − θ*‖", Goal.MIN, "distance_to_optimum"),
          finalValue("final_loss", "final f", Goal.MIN, "loss"));
    };
  }

  /**
   * The metric that picks the best setting, never a test metric: final validation accuracy for
   * image problems; the final training suboptimality for ravine regression (no validation set;
   * it orders settings exactly as the final training loss does) and for analytic problems.
   *
   * @param family the problem family
   * @return the selection metric, one of {@link #of(ProblemFamily)}
   */
  static Metric selection(ProblemFamily family) {
    return family == ProblemFamily.IMAGE ? VALIDATION_ACCURACY : of(family).get(0);
  }

  /**
   * @param family the problem family
   * @return the headline metric of sensitivity tables and figures: final test accuracy for image
   *     problems, final suboptimality otherwise
   */
  static Metric headline(ProblemFamily family) {
    return of(family).get(0);
  }

  /**
   * @param family the problem family
   * @return the caption phrase saying what selection used and why
   */
  static String selectionRule(ProblemFamily family) {
    return switch (family) {
      case IMAGE -> "chosen on the final validation accuracy (held-out training images), never on"
          + " test";
      case REGRESSION -> "chosen on the final training suboptimality L − L* (equivalently the"
          + " final training loss): ravine-regression has no validation set, and the held-out"
          + " loss is reported but not used";
      case ANALYTIC -> "chosen on the final f − f* (a deterministic function has no validation"
          + " set)";
    };
  }

  private static final Metric TEST_ACCURACY = finalValue("final_test_accuracy",
      "final test accuracy", Goal.MAX, "test_accuracy");
  private static final Metric VALIDATION_ACCURACY = finalValue("final_validation_accuracy",
      "final validation accuracy", Goal.MAX, "validation_accuracy");
  private static final Metric BEST_TEST_ACCURACY = new Metric("best_test_accuracy",
      "best test accuracy", Goal.MAX, t -> {
        double[] c = t.evals() == null ? null : t.evals().column("test_accuracy");
        double best = Double.NaN;
        if (c != null) {
          for (double v : c) {
            best = Double.isNaN(best) || v > best ? v : best;
          }
        }
        return best;
      });

  private static Metric finalValue(String id, String header, Goal goal, String key) {
    return new Metric(id, header, goal, t -> {
      Double v = t.result() == null ? null : t.result().finalMetrics().get(key);
      return v == null ? Double.NaN : v;
    });
  }
}
