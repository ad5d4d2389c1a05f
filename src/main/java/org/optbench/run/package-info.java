/**
 * Running an experiment: {@link org.optbench.run.ExperimentSession} runs the protocol's phases
 * (grid, or tuning, selection and the evaluation and defaults arms);
 * {@link org.optbench.run.ExperimentRunner} skips finished trials, keeps the index and shows
 * progress over the total number of optimizer steps; a {@link org.optbench.run.TrialExecutor}
 * (today {@link org.optbench.run.LocalTrialExecutor}, worker threads of this JVM) runs the trials
 * with a {@link org.optbench.run.TrialRunner} and writes each result as soon as its trial ends.
 */
package org.optbench.run;
