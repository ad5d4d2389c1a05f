/**
 * Optimizer specifications: which DL4J updater to run and with which hyperparameters, their
 * accepted ranges and DL4J's defaults, and, in each record's documentation, the exact update rule
 * DL4J 1.0.0-M2.1 applies.
 *
 * <p>Pure Java: nothing here touches ND4J, so configs can be parsed and validated, and reports
 * written, without loading native libraries. {@code org.optbench.dl4j.Updaters} turns a spec into
 * the DL4J updater config.
 */
package org.optbench.optimizer;
