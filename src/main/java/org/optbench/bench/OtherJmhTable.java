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
   *     comma-separated), time per operation as median (min–max) over the measurement
   *     iterations, in the unit (ns, µs, ms or s) that puts the median at 1 or more
   */
  public static String format(List<JmhResult> rows) {
    MarkdownTable table = new MarkdownTable("benchmark", "parameters", "time/op");
    for (JmhResult r : rows) {
      table.row(r.className() + "." + r.method(), r.params().entrySet().stream()
          .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")),
          time(r.spread()));
    }
    return table.toString();
  }

  /** @return e.g. {@code 82.3 ms (80.5–84.0)} or {@code 3.20 µs}: three digits at the median */
  static String time(Spread nanos) {
    String[] units = {"ns", "µs", "ms", "s"};
    int unit = 0;
    double scale = 1;
    while (unit < units.length - 1 && nanos.median() / scale >= 1000) {
      unit++;
      scale *= 1000;
    }
    double median = nanos.median() / scale;
    String pattern = median >= 100 ? "%.0f" : median >= 10 ? "%.1f" : "%.2f";
    double s = scale;
    String text = nanos.map(ns -> ns / s).format(pattern);
    int space = text.indexOf(' ');
    return space < 0 ? text + " " + units[unit]
        : text.substring(0, space) + " " + units[unit] + text.substring(space);
  }
}
