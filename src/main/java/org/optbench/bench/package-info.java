/**
 * Performance measurements: the harness overhead of a training loop, the throughput of trial
 * sweeps at different arrangements of worker threads and native threads, a per-operation profile
 * of a training step, and the arithmetic that turns JMH results into tables (ns per parameter
 * against the memory bound, FLOP/s against a gemm of the same sizes).
 *
 * <p>Besides {@code dl4j}, this is the only package that uses DL4J/ND4J directly: a benchmark of
 * the harness needs a bare DL4J loop to compare with. The table arithmetic ({@link Flops},
 * {@link JmhResult}, {@link UpdaterTable}, {@link TrainingTable}, {@link Spread}) is plain Java
 * and is tested without starting ND4J.
 */
package org.optbench.bench;
