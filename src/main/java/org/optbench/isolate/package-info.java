/**
 * Trials in child JVMs ({@code optbench run --isolate}): a native crash or an off-heap
 * out-of-memory error ends one trial's process, not the run.
 *
 * <p>{@link org.optbench.isolate.ChildTrialExecutor} is a {@link org.optbench.run.TrialExecutor}
 * that writes each trial's {@code spec.json}, starts a child JVM to train exactly that trial into
 * its folder, and reads the {@code result.json} the child wrote; a child that dies is recorded as
 * a FAILED trial whose message {@link org.optbench.isolate.ChildExit} words (exit code or signal,
 * the last lines of its output). {@link org.optbench.isolate.ChildTrial} is the child's side: it
 * rebuilds the spec from the folder and the resolved config and trains it as
 * {@link org.optbench.run.LocalTrialExecutor} would in-process, so the bits are the same.
 */
package org.optbench.isolate;
