/**
 * The plugin API: what an optimizer implements to be benchmarked by optbench without forking it.
 * A plugin jar holds a DL4J updater ({@code IUpdater} with its {@code GradientUpdater}) and,
 * optionally, an {@link org.optbench.plugin.OptimizerProvider} registered for
 * {@link java.util.ServiceLoader}. {@link org.optbench.plugin.BeanProperties} reads and sets an
 * updater's hyperparameters through its bean properties. See {@code docs/optimizers.md}.
 *
 * <p>A plugin jar may also hold classification problems written in Java: a
 * {@link org.optbench.plugin.ProblemPlugin} gives an id, its examples as float arrays and its
 * network as a DL4J configuration's JSON (a string, so this package still loads no network
 * class). See {@code docs/problem-plugins.md}.
 */
package org.optbench.plugin;
