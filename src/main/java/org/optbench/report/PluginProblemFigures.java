package org.optbench.report;

import java.util.List;
import org.optbench.problem.PluginProblem;
import org.optbench.problem.ProblemSpec;

/**
 * The figures of a problem written in Java: those of a problem on the user's files
 * ({@link DataProblemFigures}), whose kind it shares. Registered with
 * {@link java.util.ServiceLoader}.
 */
public final class PluginProblemFigures implements ProblemFigures {
  private final DataProblemFigures classification = new DataProblemFigures();

  /** Creates the figures; called by {@link java.util.ServiceLoader}. */
  public PluginProblemFigures() {}

  @Override
  public Class<PluginProblem> problemType() {
    return PluginProblem.class;
  }

  @Override
  public List<CurvePlot> curves(ProblemSpec problem) {
    return classification.curves(problem);
  }
}
