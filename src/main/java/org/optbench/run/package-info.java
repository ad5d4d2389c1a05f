/**
 * Running an experiment: the plan's trials are handed to a {@link org.optbench.run.TrialRunner}
 * on a pool of worker threads; finished trials are skipped on a rerun, each result is written as
 * soon as its trial ends, and progress is shown over the total number of optimizer steps.
 */
package org.optbench.run;
