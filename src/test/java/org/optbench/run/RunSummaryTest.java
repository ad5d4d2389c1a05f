package org.optbench.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.optbench.result.TrialMemory;
import org.optbench.result.TrialResult;
import org.optbench.result.TrialStatus;

class RunSummaryTest {
  private static TrialResult result(String problem, long seed, TrialMemory memory) {
    return result(problem, seed, TrialStatus.COMPLETED, 0.5, 0.9, memory);
  }

  private static TrialResult result(String problem, long seed, TrialStatus status,
      double trainLoss, double testAccuracy, TrialMemory memory) {
    return new TrialResult("id" + seed, problem, "sgd", Map.of("learningRate", 0.1), "128", seed,
        status, null, 10, 1, 1280, status == TrialStatus.DIVERGED ? 7 : -1, 1.0, 0.5, 1, "a",
        "b", Map.of("train_loss", trainLoss, "test_accuracy", testAccuracy), memory);
  }

  private static String[] cells(String table, int row) {
    return table.lines().toList().get(row).trim().split("\\s{2,}");
  }

  private static String memoryColumn(String table, int row) {
    String[] cells = cells(table, row);
    return cells[cells.length - 1];
  }

  @Test
  void aSettingWhoseSeedsAllDivergedShowsNoMetric() {
    // What a diverged network measured (here the 0.084 accuracy of a NaN network) is no result.
    String table = RunSummary.format(List.of(
        result("mnist-mlp", 0, TrialStatus.DIVERGED, Double.NaN, 0.084, null),
        result("mnist-mlp", 1, TrialStatus.DIVERGED, Double.NaN, 0.084, null)));
    assertArrayEquals(new String[] {"mnist-mlp", "sgd", "lr=0.1000 batch=128", "2", "-", "-",
        "2/2", "0/2", "-"}, cells(table, 1));
  }

  @Test
  void aSettingRunForTheDefaultsArmOnlyIsMarked() {
    TrialResult tuned = result("mnist-mlp", 0, null);
    TrialResult defaults = new TrialResult("defaults-0", "mnist-mlp", "sgd",
        Map.of("learningRate", 0.001), "128", 0, TrialStatus.COMPLETED, null, 10, 1, 1280, -1,
        1.0, 0.5, 1, "a", "b", Map.of("train_loss", 2.0, "test_accuracy", 0.3), null);
    String table = RunSummary.format(List.of(tuned, defaults), java.util.Set.of("defaults-0"));
    assertEquals("lr=0.1000 batch=128", cells(table, 1)[2]);
    assertEquals("lr=0.001000 batch=128 (defaults)", cells(table, 2)[2]);
  }

  @Test
  void metricsAreMeansOverTheCompletedSeedsOnly() {
    String table = RunSummary.format(List.of(
        result("mnist-mlp", 0, TrialStatus.COMPLETED, 0.25, 0.75, null),
        result("mnist-mlp", 1, TrialStatus.DIVERGED, 23.0, 0.084, null),
        result("mnist-mlp", 2, TrialStatus.COMPLETED, 0.75, 0.95, null),
        result("mnist-mlp", 3, TrialStatus.FAILED, 0.0, 0.0, null)));
    assertArrayEquals(new String[] {"mnist-mlp", "sgd", "lr=0.1000 batch=128", "4", "0.5000",
        "test acc 0.8500", "1/4", "1/4", "-"}, cells(table, 1));
  }

  @Test
  void aResultThatDidNotCompleteCarriesNoMetrics() {
    assertEquals(Map.of(), result("mnist-mlp", 0, TrialStatus.DIVERGED, 23.0, 0.084, null)
        .finalMetrics());
    assertEquals(Map.of(), result("mnist-mlp", 0, TrialStatus.FAILED, 0.1, 0.9, null)
        .finalMetrics());
    assertEquals(0.9, result("mnist-mlp", 0, TrialStatus.COMPLETED, 0.1, 0.9, null)
        .finalMetrics().get("test_accuracy"));
  }

  @Test
  void memoryColumnIsTheMeanOverSeedsInMib() {
    long mib = 1L << 20;
    String table = RunSummary.format(List.of(
        result("mnist-mlp", 0, new TrialMemory(4 * mib, 4 * mib, 0, 2 * mib)),
        result("mnist-mlp", 1, new TrialMemory(4 * mib, 4 * mib, 8 * mib, 4 * mib)),
        result("ravine-regression", 0, new TrialMemory(800, 800, 1600, 0)),
        result("saddle", 0, null)));
    assertEquals("MiB/trial", memoryColumn(table, 0));
    assertEquals("15.0", memoryColumn(table, 1));
    assertEquals("<0.1", memoryColumn(table, 2));
    assertEquals("-", memoryColumn(table, 3));
  }
}
