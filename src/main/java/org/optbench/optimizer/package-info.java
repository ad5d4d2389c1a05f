/**
 * Optimizer specifications, seen from the pure side: {@link org.optbench.optimizer.OptimizerType}
 * (an optimizer's name, hyperparameters with defaults and accepted values, search defaults),
 * {@link org.optbench.optimizer.OptimizerSpec} (a type with every hyperparameter set),
 * {@link org.optbench.optimizer.OptimizerSearch} and {@link org.optbench.optimizer.Domain} (grids
 * and random-search intervals), and the training recipe around an update rule:
 * {@link org.optbench.optimizer.Recipe} (schedule, weight decay or L2, clipping),
 * {@link org.optbench.optimizer.ScheduleKind} (the schedules a config may name) and
 * {@link org.optbench.optimizer.RecipeSearch} (a recipe's numbers as search domains).
 *
 * <p>Pure Java: nothing here touches ND4J or another optbench package, so configs can be parsed
 * and validated, and reports written, without loading native libraries. The optimizers
 * themselves, built-in and plugin alike, are providers ({@code org.optbench.plugin}); the
 * registry ({@code org.optbench.plugin.registry}) presents each as an {@code OptimizerType}, and
 * {@code org.optbench.dl4j.Updaters} turns a spec into the DL4J updater.
 */
package org.optbench.optimizer;
