/**
 * Reports on a finished (or partial) experiment, made from the result store alone: nothing is
 * retrained and nothing here touches DL4J or ND4J.
 *
 * <p>{@link org.optbench.report.ReportGenerator} reads {@code experiment.resolved.yaml}
 * (through {@link org.optbench.config.ResolvedConfigReader}), {@code manifest.json},
 * {@code trials.csv} and every trial's {@code result.json}, {@code curve.csv} and
 * {@code evals.csv} (through {@link org.optbench.result}), groups trials into settings (a trial minus its seed),
 * aggregates over seeds with commons-math3, selects the best setting per optimizer on a
 * validation criterion (tune-then-evaluate: takes the choice from {@code selection.csv}),
 * compares optimizers with the statistics of {@link org.optbench.stats} (bootstrap intervals,
 * Holm-adjusted Wilcoxon tests, performance profiles, expected-max tuning curves), and writes
 * tables (Markdown, CSV, LaTeX booktabs), figures (PNG and SVG via JFreeChart and JFreeSVG) and a
 * self-contained {@code index.html} whose curves are also interactive
 * ({@link org.optbench.report.InteractivePlots}: data inlined as JSON, drawn by the uPlot WebJar
 * inlined with its MIT licence). Several grid experiments, or several tune-then-evaluate
 * experiments tuned the same way, can be reported as one
 * ({@link org.optbench.report.ExperimentMerge}), refused when their problems were run
 * differently. Output is byte-identical for identical input: no timestamps, fixed SVG ids, no
 * PNG time chunks, seeded resampling.
 */
package org.optbench.report;
