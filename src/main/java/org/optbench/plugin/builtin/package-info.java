/**
 * The optimizers optbench ships, each an {@link org.optbench.plugin.OptimizerProvider} registered
 * in {@code META-INF/services} exactly as a plugin's would be: DL4J 1.0.0-M2.1's nine updaters
 * (with DL4J's defaults and each one's exact update rule) and three DL4J lacks, heavy-ball
 * momentum ({@link org.optbench.plugin.builtin.Sgdm}), AdamW and
 * {@link org.optbench.plugin.builtin.Lion}. Adding an optimizer means adding a provider here and
 * its line in the services file.
 */
package org.optbench.plugin.builtin;
