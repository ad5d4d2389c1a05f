package org.optbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.optbench.result.TrialMemory;
import org.optbench.result.TrialResult;
import org.optbench.result.TrialStatus;

class RunSummaryTest {
  private static TrialResult result(String problem, long seed, TrialMemory memory) {
    return new TrialResult("id" + seed, problem, "sgd", Map.of("learningRate", 0.1), "128", seed,
        TrialStatus.COMPLETED, null, 10, 1, 1280, -1, 1.0, 0.5, 1, "a", "b",
        Map.of("train_loss", 0.5, "test_accuracy", 0.9), memory);
  }

  private static String memoryColumn(String table, int row) {
    String[] cells = table.lines().toList().get(row).trim().split("\\s{2,}");
    return cells[cells.length - 1];
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
