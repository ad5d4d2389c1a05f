package org.optbench.run;

import org.optbench.experiment.Arm;
import org.optbench.experiment.TrialSpec;
import org.optbench.result.ResultStore;

/**
 * A trial with the arm of the protocol it serves. One trial may serve two arms (it then runs
 * once and is listed once per arm in the index).
 *
 * @param arm the protocol arm
 * @param spec the trial
 */
public record PlannedTrial(Arm arm, TrialSpec spec) implements ResultStore.Armed {}
