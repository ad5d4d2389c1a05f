package org.optbench.bench;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * JMH results that no dedicated table reads (e.g. {@code CheckpointWriteBenchmark}), as measured:
 * benchmark, parameters and milliseconds per operation, so no result in a file is dropped
 * silently.
 */
public final class OtherJmhTable {
  /** The benchmark classes that {@link UpdaterTable} and {@link TrainingTable} turn into rows. */
  private static final Set<String> DEDICATED = Set.of("UpdaterStepBenchmark",
      "TrainingStepBenchmark");

  private OtherJmhTable() {}

  /**
   * @param results JMH results of any benchmarks
   * @return those of benchmarks without a dedicated table, in file order
   */
  public static List<JmhResult> rows(List<JmhResult> results) {
    return results.stream().filter(r -> !DEDICATED.contains(r.className())).toList();
  }

  /**
   * @param rows from {@link #rows}
   * @return a Markdown table: benchmark ({@code Class.method}), parameters ({@code name=value},
   *     comma-separated), ms per operation as median (min–max) over the measurement iterations
   */
  public static String format(List<JmhResult> rows) {
    MarkdownTable table = new MarkdownTable("benchmark", "parameters", "ms/op");
    for (JmhResult r : rows) {
      table.row(r.className() + "." + r.method(), r.params().entrySet().stream()
          .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")),
          r.spread().map(ns -> ns / 1e6).format("%.1f"));
    }
    return table.toString();
  }
}
