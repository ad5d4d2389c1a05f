package org.optbench.problem;

import java.util.List;

/**
 * What kind of problem a {@link ProblemSpec} is, and everything the rest of optbench decides from
 * that: which metrics a trial records and the report aggregates, which one picks the best setting,
 * whether seeds, mini-batches and epochs apply, and whether the trial writes evaluations.
 *
 * <p>The built-in kinds are in {@link ProblemKinds}; a problem
 * added from outside implements this interface (see the package documentation). Config loading,
 * planning, tuning, the result store and the report ask the kind; they never test which kind it
 * is. Implementations must be immutable.
 */
public interface ProblemKind {
  /**
   * @return what the kind is, for the report's facts about a problem, e.g.
   *     {@code least-squares regression}
   */
  String description();

  /**
   * @return the metrics aggregated over seeds, in table order; the first is the headline
   *     metric. Never empty.
   */
  List<ProblemMetric> metrics();

  /**
   * The metric that picks the best setting, in tuning (tune-then-evaluate) and in the report:
   * never a test metric. One of {@link #metrics()}.
   *
   * @return the selection metric
   */
  ProblemMetric selectionMetric();

  /**
   * @return the caption phrase saying what selection uses and why, e.g. {@code chosen on the
   *     final validation accuracy (held-out training images), never on test}
   */
  String selectionRule();

  /** @return the headline metric of sensitivity tables and figures: the first of the metrics */
  default ProblemMetric headlineMetric() {
    return metrics().get(0);
  }

  /**
   * @return every metric a trial records (a column of {@code evals.csv}, or of
   *     {@code curve.csv} when the kind has no evaluations); the metrics a target may use
   */
  List<String> recordedMetrics();

  /**
   * @return whether the trial seed changes the result; a deterministic kind runs with the
   *     config's first seed only
   */
  boolean usesSeeds();

  /**
   * @return whether training draws mini-batches from a training set: batch sizes, epochs and
   *     examples seen apply, and a curve records every {@code lossEvery}-th step. False for a
   *     kind that takes an exact gradient, whose budget is in steps.
   */
  boolean usesMiniBatches();

  /**
   * @return whether a trial writes periodic evaluations to {@code evals.csv}; without them
   *     {@code curve.csv} holds every state θ₀ … θ_T and the final metrics are its last row
   */
  boolean hasEvaluations();
}
