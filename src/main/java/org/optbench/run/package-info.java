/**
 * Running an experiment: {@link org.optbench.run.ExperimentSession} runs the protocol's phases
 * (grid, or tuning, selection and the evaluation and defaults arms);
 * {@link org.optbench.run.ExperimentRunner} skips finished trials, keeps the index and shows
 * progress over the total number of optimizer steps; a {@link org.optbench.run.TrialExecutor}
 * (today {@link org.optbench.run.LocalTrialExecutor}, worker threads of this JVM) runs the trials
 * with a {@link org.optbench.run.TrialRunner} and writes each result as soon as its trial ends.
 * {@link org.optbench.run.ExperimentSession#dryRun} plans the same phases without writing
 * ({@link org.optbench.run.DryRun}), estimating trials from {@link org.optbench.run.TrialCosts}
 * (completed trials of the same cost class, also the progress bar's ETA) or a short probe;
 * {@link org.optbench.run.TrialFilter} is the {@code --only} subset.
 * {@link org.optbench.run.ExecutorProvider} is the seam for {@code --executor NAME}: an engine
 * outside this JVM (the Spark build's executor), found with {@link java.util.ServiceLoader},
 * whose {@link org.optbench.run.ExecutorConnection} hands the session a
 * {@link org.optbench.run.TrialExecutor} that writes into this machine's result store.
 */
package org.optbench.run;
