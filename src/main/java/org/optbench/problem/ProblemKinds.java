package org.optbench.problem;

import java.util.List;
import org.optbench.stats.Goal;

/**
 * The kinds of problem optbench ships; each states its metrics and rules once, here. Code
 * outside this package asks a kind for what it needs and never compares kinds.
 */
public final class ProblemKinds {
  private ProblemKinds() {}

  private static final ProblemMetric VALIDATION_ACCURACY = ProblemMetric.finalValue(
      "final_validation_accuracy", "final validation accuracy", Goal.MAX, "validation_accuracy");

  /**
   * Image problems: final and best test accuracy, final training loss, final validation accuracy;
   * selection on the final validation accuracy.
   */
  public static final ProblemKind IMAGE = new Kind("image classification",
      List.of(
          ProblemMetric.finalValue("final_test_accuracy", "final test accuracy", Goal.MAX,
              "test_accuracy"),
          new ProblemMetric("best_test_accuracy", "best test accuracy", Goal.MAX,
              "test_accuracy", ProblemMetric.Reduction.BEST_EVALUATION),
          ProblemMetric.finalValue("final_train_loss", "final train loss (cross-entropy)",
              Goal.MIN, "train_loss"),
          VALIDATION_ACCURACY),
      VALIDATION_ACCURACY,
      "chosen on the final validation accuracy (held-out training images), never on test",
      List.of("train_loss", "train_accuracy", "validation_loss", "validation_accuracy",
          "test_loss", "test_accuracy"),
      true, true, true);

  /**
   * Classification on the user's own files ({@code data:} in a config): the metrics and rules of
   * {@link #IMAGE}, with validation and test sets held out of the user's data.
   */
  public static final ProblemKind FILE_CLASSIFICATION = new Kind(
      "classification on data from files",
      IMAGE.metrics(), VALIDATION_ACCURACY,
      "chosen on the final validation accuracy (the validation split held out of the training"
          + " data), never on test",
      IMAGE.recordedMetrics(), true, true, true);

  private static final ProblemMetric REGRESSION_SUBOPTIMALITY = ProblemMetric.finalValue(
      "final_suboptimality", "final L − L* (MSE)", Goal.MIN, "suboptimality");

  /**
   * Ravine regression: final suboptimality, distance to ŵ, training loss and held-out loss;
   * selection on the final training suboptimality, as there is no validation set.
   */
  public static final ProblemKind REGRESSION = new Kind("least-squares regression",
      List.of(REGRESSION_SUBOPTIMALITY,
          ProblemMetric.finalValue("final_distance", "final ‖w − ŵ‖", Goal.MIN,
              "distance_to_optimum"),
          ProblemMetric.finalValue("final_train_loss", "final train loss (MSE)", Goal.MIN,
              "train_loss"),
          ProblemMetric.finalValue("final_heldout_loss", "final held-out loss (MSE)", Goal.MIN,
              "test_loss")),
      REGRESSION_SUBOPTIMALITY,
      "chosen on the final training suboptimality L − L* (equivalently the final training"
          + " loss): ravine-regression has no validation set, and the held-out loss is reported"
          + " but not used",
      List.of("train_loss", "test_loss", "distance_to_optimum", "suboptimality"),
      true, true, true);

  private static final ProblemMetric ANALYTIC_SUBOPTIMALITY = ProblemMetric.finalValue(
      "final_suboptimality", "final f − f*", Goal.MIN, "suboptimality");

  /**
   * Analytic 2-D functions: final f − f*, distance to the nearest minimiser and f; selection on
   * the final f − f*. Deterministic and full-gradient: no seeds, batches, epochs or evaluations.
   */
  public static final ProblemKind ANALYTIC = new Kind(
      "2-D analytic function (deterministic: first seed only)",
      List.of(ANALYTIC_SUBOPTIMALITY,
          ProblemMetric.finalValue("final_distance", "final ‖θ − θ*‖", Goal.MIN,
              "distance_to_optimum"),
          ProblemMetric.finalValue("final_loss", "final f", Goal.MIN, "loss")),
      ANALYTIC_SUBOPTIMALITY,
      "chosen on the final f − f* (a deterministic function has no validation set)",
      List.of("loss", "distance_to_optimum", "suboptimality"),
      false, false, false);

  private record Kind(String description, List<ProblemMetric> metrics,
      ProblemMetric selectionMetric, String selectionRule, List<String> recordedMetrics,
      boolean usesSeeds, boolean usesMiniBatches, boolean hasEvaluations)
      implements ProblemKind {
    @Override
    public String toString() {
      return description;
    }
  }
}
