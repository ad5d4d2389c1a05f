/**
 * Finding optimizers: {@link org.optbench.plugin.registry.PluginJars} (the plugin jars, their
 * SHA-256 and the class loader over them) and
 * {@link org.optbench.plugin.registry.OptimizerRegistry} (providers by short name, updater
 * classes by class name), which presents each as an
 * {@link org.optbench.optimizer.OptimizerType}; {@link org.optbench.plugin.registry.ProblemPlugins}
 * (the problems written in Java that the same jars provide, by id).
 */
package org.optbench.plugin.registry;
