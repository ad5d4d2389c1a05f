package org.optbench.result;

/** How a trial ended. */
public enum TrialStatus {
  /** Trained for its whole budget. */
  COMPLETED,
  /**
   * The loss became NaN/Inf or exceeded the divergence factor times its initial value; the curve up
   * to that step is kept.
   */
  DIVERGED,
  /** An exception ended it (message recorded); the rest of the experiment still ran. */
  FAILED
}
