/**
 * What one trial is: a {@link org.optbench.experiment.TrialSpec} (problem, optimizer setting,
 * batch size, {@link org.optbench.experiment.Budget}, evaluation protocol, seed, native threads),
 * identified by {@link org.optbench.experiment.TrialId}, the SHA-256 of its canonical JSON (never
 * a timestamp), so reruns find their earlier results; and the {@link
 * org.optbench.experiment.Arm}s of the protocol a trial can serve.
 */
package org.optbench.experiment;
