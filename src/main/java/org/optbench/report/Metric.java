package org.optbench.report;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.optbench.problem.ProblemKind;
import org.optbench.problem.ProblemMetric;
import org.optbench.stats.Goal;

/**
 * One per-seed quantity that is aggregated over the seeds of a setting: a problem kind's
 * {@link ProblemMetric} with the way the report reads it from a trial.
 *
 * @param id stable identifier, also the stem of CSV column names
 * @param header table header with the unit
 * @param goal whether larger or smaller is better
 * @param value reads the quantity from a trial with a result (NaN when it was not recorded)
 */
record Metric(String id, String header, Goal goal, ToDoubleFunction<TrialRecord> value) {

  /**
   * @param kind a problem's kind
   * @return its aggregated metrics, in table order (see {@link ProblemKind#metrics()})
   */
  static List<Metric> of(ProblemKind kind) {
    return kind.metrics().stream().map(Metric::of).toList();
  }

  /**
   * @param kind a problem's kind
   * @return the metric that picks the best setting, never a test metric (see
   *     {@link ProblemKind#selectionMetric()})
   */
  static Metric selection(ProblemKind kind) {
    return of(kind.selectionMetric());
  }

  /**
   * @param kind a problem's kind
   * @return the headline metric of sensitivity tables and figures (see
   *     {@link ProblemKind#headlineMetric()})
   */
  static Metric headline(ProblemKind kind) {
    return of(kind.headlineMetric());
  }

  /**
   * @param metric a problem metric
   * @return the metric reading it: the value in the trial's final metrics, or the best value of
   *     its column over {@code evals.csv}
   */
  static Metric of(ProblemMetric metric) {
    String column = metric.column();
    ToDoubleFunction<TrialRecord> read = switch (metric.reduction()) {
      case FINAL -> t -> {
        Double v = t.result() == null ? null : t.result().finalMetrics().get(column);
        return v == null ? Double.NaN : v;
      };
      case BEST_EVALUATION -> t -> {
        double[] c = t.evals() == null ? null : t.evals().column(column);
        double best = Double.NaN;
        if (c != null) {
          for (double v : c) {
            best = Double.isNaN(best) || metric.goal().better(v, best) ? v : best;
          }
        }
        return best;
      };
    };
    return new Metric(metric.id(), metric.header(), metric.goal(), read);
  }
}
