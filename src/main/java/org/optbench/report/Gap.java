package org.optbench.report;

/**
 * A trial whose data is missing or incomplete.
 *
 * @param problem problem label
 * @param optimizer optimizer id
 * @param setting the setting's hyperparameters and batch size
 * @param seed the seed
 * @param reason what is missing, e.g. {@code not run (PENDING)}
 * @param path the trial folder relative to the experiment folder
 */
record Gap(String problem, String optimizer, String setting, long seed, String reason,
    String path) {}
