package org.optbench.report;

import java.util.List;
import java.util.Optional;
import java.util.function.DoubleBinaryOperator;
import org.optbench.problem.ProblemSpec;

/**
 * The report side of one type of problem: which curve figures it gets (beyond the learning-rate
 * figure every problem gets) and, for a problem in two parameters, the surface its paths are
 * drawn over. The report finds it by the class of the problem's {@link ProblemSpec}; it never
 * tests which problem it has.
 *
 * <p>The built-in problems are registered by the report. A problem added from outside registers
 * its figures with {@link java.util.ServiceLoader}: list the class's binary name in
 * {@code META-INF/services/org.optbench.report.ProblemFigures}; the class must be public with a
 * public no-argument constructor.
 */
public interface ProblemFigures {
  /** @return the exact class of the problem specs these figures are for */
  Class<? extends ProblemSpec> problemType();

  /**
   * @param problem a problem of {@link #problemType()}
   * @return its curve figures in page order, each drawn for the best setting of every optimizer
   */
  List<CurvePlot> curves(ProblemSpec problem);

  /**
   * @param problem a problem of {@link #problemType()}
   * @return the surface over which every optimizer's path is drawn, or empty for none
   */
  default Optional<Surface> surface(ProblemSpec problem) {
    return Optional.empty();
  }

  /** One curve figure of a problem. */
  sealed interface CurvePlot {}

  /**
   * A {@code curve.csv} column (logarithmic y axis) against steps or training time; its figure
   * is {@code <problem>-loss} against steps and {@code <problem>-loss-time} against time.
   *
   * @param x {@code iteration} (steps) or {@code train_time_s} (cumulative training seconds)
   * @param column the {@code curve.csv} column drawn, e.g. {@code loss}
   * @param quantity what it is, capitalised, for the title, e.g. {@code Training loss}
   * @param axis the y-axis label with the unit, e.g. {@code training loss, mini-batch [MSE]}
   * @param description the caption's opening, e.g. {@code f − f* after each step}
   */
  record Loss(String x, String column, String quantity, String axis, String description)
      implements CurvePlot {}

  /**
   * The {@code suboptimality} column of {@code curve.csv} against steps, with the target named;
   * figure {@code <problem>-suboptimality}.
   *
   * @param quantity the formula, e.g. {@code L(w) − L(ŵ)}
   * @param axis the y-axis label with the unit
   * @param description the caption's opening, saying how it is measured
   */
  record Suboptimality(String quantity, String axis, String description) implements CurvePlot {}

  /** Test accuracy at each evaluation against epochs; figure {@code <problem>-test-accuracy}. */
  record TestAccuracy() implements CurvePlot {}

  /**
   * A function of two parameters recorded as two {@code curve.csv} columns.
   *
   * @param excess the value above the minimum at (x, y), drawn as log-spaced filled contours
   * @param start the start point {@code [x, y]}
   * @param minima the minimisers marked, each {@code [x, y]}
   * @param xColumn the {@code curve.csv} column of the first parameter
   * @param yColumn the column of the second
   * @param xLabel the x-axis label
   * @param yLabel the y-axis label
   * @param quantity the formula of {@code excess}, e.g. {@code f − f*}
   */
  record Surface(DoubleBinaryOperator excess, double[] start, List<double[]> minima,
      String xColumn, String yColumn, String xLabel, String yLabel, String quantity) {}
}
