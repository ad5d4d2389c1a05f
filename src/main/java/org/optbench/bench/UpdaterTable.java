package org.optbench.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Map;
import org.optbench.dl4j.Updaters;
import org.optbench.optimizer.OptimizerType;
import org.optbench.plugin.registry.OptimizerRegistry;

/**
 * Turns {@code UpdaterStepBenchmark} results into the distance of each updater step from the
 * memory bound.
 *
 * <p>For n parameters of e bytes each (4 for float, 8 for double):
 * <ul>
 *   <li>the copy baseline moves 2·e bytes per parameter (read the source, write the gradient),
 *       so its time gives the copy bandwidth {@code 2·e·n / t_copy};</li>
 *   <li>each measured step starts with that same copy, so the updater's own time is
 *       {@code t_step − t_copy};</li>
 *   <li>a step must at least read and write the parameters, the gradient and each of the s state
 *       arrays (DL4J's {@code stateSize(n) / n}):
 *       {@code 2·e·(2 + s)} bytes per parameter;</li>
 *   <li>its memory bound is those bytes at the copy bandwidth, and the ratio measured / bound
 *       says how far from it the step is (1 = as fast as a copy moving the same bytes).</li>
 * </ul>
 */
public final class UpdaterTable {
  /** The {@code updater} parameter value of the copy-only baseline. */
  public static final String COPY = "copy";

  /**
   * One updater at one size and data type.
   *
   * @param updater optimizer id
   * @param dtype {@code float} or {@code double}
   * @param size parameters n
   * @param nsPerParameter the updater's own time per parameter, per measured iteration (ns)
   * @param bytesPerParameter bytes a step must read and write per parameter
   * @param copyGbPerSecond the copy bandwidth at the same size and type (GB/s = bytes/ns)
   * @param boundNsPerParameter {@code bytesPerParameter / copyGbPerSecond} (ns)
   * @param ratio {@code nsPerParameter / boundNsPerParameter}
   */
  public record Row(String updater, String dtype, long size, Spread nsPerParameter,
      int bytesPerParameter, double copyGbPerSecond, double boundNsPerParameter, Spread ratio) {}

  private UpdaterTable() {}

  /**
   * @param dtype {@code float} or {@code double}
   * @return bytes per element
   * @throws IllegalArgumentException for another type
   */
  public static int elementBytes(String dtype) {
    return switch (dtype) {
      case "float" -> 4;
      case "double" -> 8;
      default -> throw new IllegalArgumentException("dtype " + dtype
          + " is not accepted; use float or double");
    };
  }

  /**
   * @param updater an optimizer id
   * @param dtype {@code float} or {@code double}
   * @return bytes a step must read and write per parameter: {@code 2·e·(2 + s)}
   */
  public static int bytesPerParameter(String updater, String dtype) {
    int state = stateArrays(kind(updater));
    return 2 * elementBytes(dtype) * (2 + state);
  }

  /**
   * @param results JMH results; those of other benchmarks are ignored
   * @return how many time an updater's step (not the copy baseline): each gets a row of
   *     {@link #rows} if the copy baseline of its size and type is among the results
   */
  public static long updaterSteps(List<JmhResult> results) {
    return stepResults(results).stream().filter(r -> !r.param("updater").equals(COPY)).count();
  }

  private static List<JmhResult> stepResults(List<JmhResult> results) {
    return results.stream().filter(r -> r.className().equals("UpdaterStepBenchmark")).toList();
  }

  /**
   * @param results JMH results; those of other benchmarks are ignored
   * @return one row per updater, size and type that has a copy baseline at the same size and
   *     type, ordered by type, size and optimizer
   */
  public static List<Row> rows(List<JmhResult> results) {
    List<JmhResult> steps = stepResults(results);
    List<Row> rows = new ArrayList<>();
    for (JmhResult r : steps) {
      String updater = r.param("updater");
      // Every result's size is checked, the copy baselines' too.
      long n = r.wholeParam("size", 1, Long.MAX_VALUE, "a number of parameters (at least 1)");
      if (updater.equals(COPY)) {
        continue;
      }
      String dtype = r.param("dtype");
      Optional<JmhResult> copy = steps.stream().filter(c -> c.param("updater").equals(COPY)
          && c.param("dtype").equals(dtype) && c.param("size").equals(r.param("size")))
          .findFirst();
      if (copy.isEmpty()) {
        continue;
      }
      double copyNanos = copy.get().nanos();
      double bandwidth = 2.0 * elementBytes(dtype) * n / copyNanos;
      Spread ns = r.spread().map(t -> (t - copyNanos) / n);
      int bytes = bytesPerParameter(updater, dtype);
      double bound = bytes / bandwidth;
      rows.add(new Row(updater, dtype, n, ns, bytes, bandwidth, bound, ns.map(x -> x / bound)));
    }
    // float before double (reversed name order), then size and optimizer ascending.
    rows.sort(Comparator.comparing(Row::dtype).reversed().thenComparing(Row::size)
        .thenComparing(row -> OptimizerRegistry.builtIn().all()
            .indexOf(kind(row.updater()))));
    return rows;
  }

  /**
   * @param rows from {@link #rows}
   * @return a Markdown table
   */
  public static String format(List<Row> rows) {
    MarkdownTable table = new MarkdownTable("updater", "type", "params", "ns/param",
        "bytes/param", "copy GB/s", "bound ns/param", "× bound");
    for (Row r : rows) {
      table.row(r.updater(), r.dtype(), String.format(Locale.ROOT, "%.0e", (double) r.size()),
          r.nsPerParameter().format("%.3f"), Integer.toString(r.bytesPerParameter()),
          String.format(Locale.ROOT, "%.1f", r.copyGbPerSecond()),
          String.format(Locale.ROOT, "%.3f", r.boundNsPerParameter()),
          r.ratio().format("%.1f"));
    }
    return table.toString();
  }

  /** Arrays the size of the parameters the updater keeps: DL4J's {@code stateSize(n) / n}. */
  private static int stateArrays(OptimizerType type) {
    long n = 1000;
    return (int) (Updaters.toIUpdater(type.create(Map.of())).stateSize(n) / n);
  }

  private static OptimizerType kind(String updater) {
    return OptimizerRegistry.builtIn().byName(updater).orElseThrow(() ->
        new IllegalArgumentException(
        "updater " + updater + " is not an optimizer id"));
  }
}
