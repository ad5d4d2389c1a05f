package org.optbench.result;

/**
 * One row of {@code trials.csv}: a trial of the plan in one protocol arm, as text.
 *
 * @param trialId 64 hex digits
 * @param arm the arm's label ({@link org.optbench.experiment.Arm#label}); {@code grid} in an
 *     index written before arms existed
 * @param problem problem id
 * @param optimizer optimizer id
 * @param hyperparameters {@code name=value;name=value} in the optimizer's own order
 * @param batchSize mini-batch size or {@code full}
 * @param seed the seed, an integer
 * @param status {@code PENDING} or the result's status; empty in a rebuilt index
 * @param steps optimizer steps taken, or empty
 * @param trainSeconds training wall time in seconds, or empty
 * @param path the trial folder relative to the experiment folder
 */
public record IndexRow(String trialId, String arm, String problem, String optimizer,
    String hyperparameters, String batchSize, String seed, String status, String steps,
    String trainSeconds, String path) {}
