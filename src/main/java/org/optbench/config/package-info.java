/**
 * Experiment configs: YAML is read with Jackson into a tree, then validated and resolved here into
 * immutable records with every default filled in. All errors of a file are collected and reported
 * together, each with the file, its YAML path, the value and what is accepted, before any training
 * starts. The resolved config is written back beside the results and reproduces the run
 * ({@link org.optbench.config.ResolvedConfigWriter}); a report reads it back leniently
 * ({@link org.optbench.config.ResolvedConfigReader}).
 */
package org.optbench.config;
