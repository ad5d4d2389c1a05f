package org.optbench.userproblem;

import java.util.List;
import org.optbench.problem.ProblemSpec;
import org.optbench.report.ProblemFigures;

/** The report side of {@link Quadratic1d}: f − f* against steps, no surface (one parameter). */
public final class Quadratic1dFigures implements ProblemFigures {
  @Override
  public Class<Quadratic1d> problemType() {
    return Quadratic1d.class;
  }

  @Override
  public List<CurvePlot> curves(ProblemSpec problem) {
    return List.of(new Suboptimality("f − f*", "f − f*", "f − f* after each step"));
  }
}
