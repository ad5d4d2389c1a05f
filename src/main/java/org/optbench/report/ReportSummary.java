package org.optbench.report;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link ReportGenerator#generate} wrote and what it found missing.
 *
 * @param outDir the report folder
 * @param index the page, {@code outDir/index.html}
 * @param problems problems reported
 * @param tables tables written (each as Markdown, CSV and LaTeX)
 * @param figures figures written (each as PNG and SVG)
 * @param trials trials in the plan
 * @param trialsWithResults trials that have a {@code result.json}
 * @param missing one line per setting with missing or incomplete seeds, e.g.
 *     {@code mnist-mlp adam lr=0.001 batch=128: seeds 1, 2 not run (PENDING)}; empty when
 *     nothing is missing
 * @param missingTrials number of trials behind {@code missing}
 * @param warnings files or fields that could not be read
 */
public record ReportSummary(Path outDir, Path index, int problems, int tables, int figures,
    int trials, int trialsWithResults, List<String> missing, int missingTrials,
    List<String> warnings) {

  /** Copies the lists. */
  public ReportSummary {
    missing = List.copyOf(missing);
    warnings = List.copyOf(warnings);
  }
}
