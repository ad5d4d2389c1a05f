package org.optbench.run;

import org.optbench.experiment.TrialSpec;
import org.optbench.result.ResultStore;

/**
 * A trial with the arm of the protocol it serves: {@code grid}, {@code tuning},
 * {@code evaluation} or {@code defaults}. One trial may serve two arms (it then runs once and is
 * listed once per arm in the index).
 *
 * @param arm the protocol arm
 * @param spec the trial
 */
public record PlannedTrial(String arm, TrialSpec spec) implements ResultStore.Armed {
  /** Arm of the plain grid protocol. */
  public static final String GRID = "grid";
  /** Tune-then-evaluate: one seeded trial per tuning setting. */
  public static final String TUNING = "tuning";
  /** Tune-then-evaluate: the chosen setting with every evaluation seed. */
  public static final String EVALUATION = "evaluation";
  /** Tune-then-evaluate: DL4J's default hyperparameters with every evaluation seed. */
  public static final String DEFAULTS = "defaults";
}
