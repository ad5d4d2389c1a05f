package org.optbench.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns {@code TrainingStepBenchmark} results into examples per second and FLOP/s, set against
 * the FLOP/s of the same matrix products alone, measured in the same run through
 * {@code Nd4j.gemm} and through ND4J's {@code matmul} op ({@link Flops}).
 */
public final class TrainingTable {
  /**
   * One network at one mini-batch size.
   *
   * @param problem e.g. {@code mnist-mlp}
   * @param batch examples per step
   * @param stepNanos time of one training step per measured iteration (ns)
   * @param examplesPerSecond {@code batch / step time}
   * @param gflops counted FLOPs per step / step time (GFLOP/s = FLOP/ns)
   * @param gemmGflops the same FLOPs / time of the products alone through {@code Nd4j.gemm}, if
   *     measured
   * @param mmulGflops the same through ND4J's {@code matmul} op, if measured
   * @param fractionOfGemm {@code gflops} / the faster of the two references, if measured
   */
  public record Row(String problem, int batch, Spread stepNanos, Spread examplesPerSecond,
      Spread gflops, Optional<Spread> gemmGflops, Optional<Spread> mmulGflops,
      Optional<Spread> fractionOfGemm) {}

  private TrainingTable() {}

  /**
   * @param results JMH results; those of other benchmarks are ignored
   * @return one row per {@code fit} result, in file order
   */
  public static List<Row> rows(List<JmhResult> results) {
    List<JmhResult> training = results.stream()
        .filter(r -> r.className().equals("TrainingStepBenchmark")).toList();
    List<Row> rows = new ArrayList<>();
    for (JmhResult fit : training) {
      if (!fit.method().equals("fit")) {
        continue;
      }
      String problem = fit.param("problem");
      int batch = (int) fit.wholeParam("batch", 1, Integer.MAX_VALUE, "a batch size");
      double flops = Flops.trainingStep(Flops.architectureOf(problem), batch);
      // Time is an inverse measure: the slowest iteration gives the lowest rate.
      Spread ns = fit.spread();
      Spread examples = inverse(ns, batch * 1e9);
      Spread gflops = inverse(ns, flops);
      Optional<Spread> gemm = reference(training, "gemm", fit, flops);
      Optional<Spread> mmul = reference(training, "mmul", fit, flops);
      Optional<Spread> best = gemm.isEmpty() ? mmul : mmul.isEmpty() ? gemm
          : gemm.get().median() >= mmul.get().median() ? gemm : mmul;
      Optional<Spread> fraction = best.map(g -> Spread.ratio(gflops, g));
      rows.add(new Row(problem, batch, ns, examples, gflops, gemm, mmul, fraction));
    }
    return rows;
  }

  private static Optional<Spread> reference(List<JmhResult> results, String method,
      JmhResult fit, double flops) {
    return results.stream()
        .filter(r -> r.method().equals(method) && r.params().equals(fit.params()))
        .findFirst().map(r -> inverse(r.spread(), flops));
  }

  /**
   * @param rows from {@link #rows}
   * @return a Markdown table
   */
  public static String format(List<Row> rows) {
    MarkdownTable table = new MarkdownTable("problem", "batch", "ms/step", "examples/s",
        "GFLOP/s", "gemm GFLOP/s", "matmul GFLOP/s", "of the faster");
    for (Row r : rows) {
      table.row(r.problem(), Integer.toString(r.batch()),
          r.stepNanos().map(x -> x / 1e6).format("%.3f"), r.examplesPerSecond().format("%.0f"),
          r.gflops().format("%.2f"), r.gemmGflops().map(g -> g.format("%.2f")).orElse("-"),
          r.mmulGflops().map(g -> g.format("%.2f")).orElse("-"),
          r.fractionOfGemm().map(f -> f.map(x -> 100 * x).format("%.0f") + " %").orElse("-"));
    }
    return table.toString();
  }

  /** {@code amount / t} for every statistic of t; min and max swap places. */
  private static Spread inverse(Spread t, double amount) {
    return new Spread(amount / t.max(), amount / t.median(), amount / t.min(), t.count());
  }
}
