package org.optbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The memory-bound arithmetic on a small hand-made JMH result file. */
class UpdaterTableTest {
  /** JMH-like results: a copy baseline and two updaters at 1000 floats, one at 1000 doubles. */
  private static final String JSON = """
      [
        {"benchmark": "org.optbench.jmh.UpdaterStepBenchmark.step", "mode": "avgt",
         "params": {"updater": "copy", "size": "1000", "dtype": "float"},
         "primaryMetric": {"score": 400.0, "scoreUnit": "ns/op", "rawData": [[400.0, 400.0]]}},
        {"benchmark": "org.optbench.jmh.UpdaterStepBenchmark.step", "mode": "avgt",
         "params": {"updater": "adam", "size": "1000", "dtype": "float"},
         "primaryMetric": {"score": 3.0, "scoreUnit": "us/op", "rawData": [[2.4, 3.0, 3.6]]}},
        {"benchmark": "org.optbench.jmh.UpdaterStepBenchmark.step", "mode": "avgt",
         "params": {"updater": "sgd", "size": "1000", "dtype": "float"},
         "primaryMetric": {"score": 1200.0, "scoreUnit": "ns/op", "rawData": [[1200.0]]}},
        {"benchmark": "org.optbench.jmh.UpdaterStepBenchmark.step", "mode": "avgt",
         "params": {"updater": "sgd", "size": "1000", "dtype": "double"},
         "primaryMetric": {"score": 900.0, "scoreUnit": "ns/op", "rawData": [[900.0]]}},
        {"benchmark": "org.optbench.jmh.TrainingStepBenchmark.fit", "mode": "avgt",
         "params": {"problem": "mnist-mlp", "batch": "128", "updater": "sgd"},
         "primaryMetric": {"score": 30.0, "scoreUnit": "ms/op", "rawData": [[30.0]]}}
      ]
      """;

  @Test
  void bytesPerParameterCountParamsGradientAndStateReadAndWritten() {
    // 2 (read + write) x e bytes x (params + gradient + state arrays).
    assertEquals(2 * 4 * 2, UpdaterTable.bytesPerParameter("sgd", "float"));
    assertEquals(2 * 4 * 3, UpdaterTable.bytesPerParameter("nesterovs", "float"));
    assertEquals(2 * 8 * 4, UpdaterTable.bytesPerParameter("adam", "double"));
    assertEquals(2 * 8 * 5, UpdaterTable.bytesPerParameter("amsgrad", "double"));
    assertThrows(IllegalArgumentException.class,
        () -> UpdaterTable.bytesPerParameter("adam", "half"));
  }

  @Test
  void rowsSubtractTheCopyAndCompareWithItsBandwidth() {
    List<UpdaterTable.Row> rows = UpdaterTable.rows(JmhResult.parse(JSON));
    // The double sgd result has no copy baseline at its size and type, so it has no row.
    assertEquals(2, rows.size());
    UpdaterTable.Row sgd = rows.get(0);
    UpdaterTable.Row adam = rows.get(1);
    assertEquals("sgd", sgd.updater(), "optimizers in registry order");
    assertEquals("adam", adam.updater());

    // Copy: 2 x 4 bytes x 1000 in 400 ns = 20 bytes/ns = 20 GB/s.
    assertEquals(20.0, adam.copyGbPerSecond(), 1e-12);
    // Adam, float: 2 x 4 x (2 + 2) = 32 bytes/param, so the bound is 32 / 20 = 1.6 ns/param.
    assertEquals(32, adam.bytesPerParameter());
    assertEquals(1.6, adam.boundNsPerParameter(), 1e-12);
    // Iterations 2400, 3000, 3600 ns minus the 400 ns copy, over 1000 params: 2.0, 2.6, 3.2.
    assertEquals(2.0, adam.nsPerParameter().min(), 1e-12);
    assertEquals(2.6, adam.nsPerParameter().median(), 1e-12);
    assertEquals(3.2, adam.nsPerParameter().max(), 1e-12);
    assertEquals(2.6 / 1.6, adam.ratio().median(), 1e-12);
    assertEquals(2.0 / 1.6, adam.ratio().min(), 1e-12);

    // Sgd: (1200 - 400) / 1000 = 0.8 ns/param against 16 / 20 = 0.8: exactly at the bound.
    assertEquals(0.8, sgd.nsPerParameter().median(), 1e-12);
    assertEquals(1.0, sgd.ratio().median(), 1e-12);
  }

  @Test
  void formatPrintsOneMarkdownRowPerResult() {
    String table = UpdaterTable.format(UpdaterTable.rows(JmhResult.parse(JSON)));
    List<String> lines = table.lines().toList();
    assertEquals(4, lines.size(), table);
    assertTrue(lines.get(0).startsWith("| updater"), table);
    assertTrue(lines.get(3).contains("2.600 (2.000–3.200)"), table);
    assertTrue(lines.get(3).contains("| 1.6 (1.3–2.0)"), table);
  }
}
