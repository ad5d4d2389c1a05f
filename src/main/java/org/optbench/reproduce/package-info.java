/**
 * {@code optbench reproduce}: one trial run again from its recorded spec and compared with its
 * stored curves bit for bit.
 *
 * <p>{@link org.optbench.reproduce.RecordedTrial} rebuilds the trial's spec from the experiment's
 * resolved config and the trial folder's {@code spec.json} (plain Java, before ND4J starts, so
 * the caller can choose the JVM by the recorded thread count); {@link
 * org.optbench.reproduce.TrialReplay} checks the natives and the data against the manifest,
 * trains the trial into a temporary folder and compares; {@link
 * org.optbench.reproduce.ChildJvm} runs the command again in a JVM whose ND4J has the trial's
 * thread count.
 */
package org.optbench.reproduce;
