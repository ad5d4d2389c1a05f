/**
 * What one trial is: a {@link org.optbench.experiment.TrialSpec} (problem, optimizer setting,
 * batch size, {@link org.optbench.experiment.Budget}, evaluation protocol, seed, native threads),
 * identified by {@link org.optbench.experiment.TrialId}, the SHA-256 of its canonical JSON (never
 * a timestamp), so reruns find their earlier results; and the {@link
 * org.optbench.experiment.Arm}s of the protocol a trial can serve. A budget is a step or epoch
 * limit, a training-time limit, or both (whichever comes first); only a trial with a time limit
 * has the key {@code stop} in its identity, so the ids of all other trials are as they were.
 */
package org.optbench.experiment;
