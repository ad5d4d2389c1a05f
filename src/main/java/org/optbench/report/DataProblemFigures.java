package org.optbench.report;

import java.util.List;
import org.optbench.problem.DataProblem;
import org.optbench.problem.ProblemSpec;

/**
 * The figures of a problem on the user's files: those of the image problems (mini-batch loss
 * against steps and time, test accuracy against epochs). Registered with
 * {@link java.util.ServiceLoader}, as a problem added from outside would be.
 */
public final class DataProblemFigures implements ProblemFigures {
  private static final String LOSS = "training loss, mini-batch [cross-entropy, nats]";
  private static final String WHAT = "Mean loss of the mini-batch at each step, before its"
      + " update";

  /** Creates the figures; called by {@link java.util.ServiceLoader}. */
  public DataProblemFigures() {}

  @Override
  public Class<DataProblem> problemType() {
    return DataProblem.class;
  }

  @Override
  public List<CurvePlot> curves(ProblemSpec problem) {
    return List.of(new Loss("iteration", "loss", "Training loss", LOSS, WHAT),
        new Loss("train_time_s", "loss", "Training loss", LOSS, WHAT), new TestAccuracy());
  }
}
