/**
 * The plugin API: what an optimizer implements to be benchmarked by optbench without forking it.
 * A plugin jar holds a DL4J updater ({@code IUpdater} with its {@code GradientUpdater}) and,
 * optionally, an {@link org.optbench.plugin.OptimizerProvider} registered for
 * {@link java.util.ServiceLoader}. {@link org.optbench.plugin.BeanProperties} reads and sets an
 * updater's hyperparameters through its bean properties. See {@code docs/optimizers.md}.
 */
package org.optbench.plugin;
