package org.optbench.problem;

/** What kind of training a problem needs, which decides its budget unit and its metrics. */
public enum ProblemFamily {
  /** Classification with mini-batches; metrics: loss and accuracy on train subset, validation, test. */
  IMAGE,
  /** Least squares with mini-batches; metrics: loss, distance to ŵ and suboptimality. */
  REGRESSION,
  /** Full-gradient steps on a 2-D function; budget in steps only, no batches or seeds. */
  ANALYTIC
}
