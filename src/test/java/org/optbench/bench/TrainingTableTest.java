package org.optbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Examples per second and FLOP/s from a hand-made JMH result file. */
class TrainingTableTest {
  private static final String JSON = """
      [
        {"benchmark": "org.optbench.jmh.TrainingStepBenchmark.fit", "mode": "avgt",
         "params": {"batch": "128", "problem": "mnist-mlp", "updater": "sgd"},
         "primaryMetric": {"score": 40000.0, "scoreUnit": "us/op",
                           "rawData": [[32000.0, 40000.0, 64000.0]]}},
        {"benchmark": "org.optbench.jmh.TrainingStepBenchmark.gemm", "mode": "avgt",
         "params": {"batch": "128", "problem": "mnist-mlp", "updater": "sgd"},
         "primaryMetric": {"score": 20000.0, "scoreUnit": "us/op", "rawData": [[20000.0]]}},
        {"benchmark": "org.optbench.jmh.TrainingStepBenchmark.mmul", "mode": "avgt",
         "params": {"batch": "128", "problem": "mnist-mlp", "updater": "sgd"},
         "primaryMetric": {"score": 25.0, "scoreUnit": "ms/op", "rawData": [[25.0]]}},
        {"benchmark": "org.optbench.jmh.TrainingStepBenchmark.fit", "mode": "avgt",
         "params": {"batch": "128", "problem": "mnist-logreg", "updater": "sgd"},
         "primaryMetric": {"score": 1.0, "scoreUnit": "ms/op", "rawData": [[1.0]]}}
      ]
      """;

  @Test
  void ratesAndTheFractionOfGemmSpeed() {
    List<TrainingTable.Row> rows = TrainingTable.rows(JmhResult.parse(JSON));
    assertEquals(2, rows.size());
    TrainingTable.Row mlp = rows.get(0);
    // 128 examples in 40 ms (median): 3200 examples/s; the slowest iteration (64 ms) gives 2000.
    assertEquals(3200, mlp.examplesPerSecond().median(), 1e-9);
    assertEquals(2000, mlp.examplesPerSecond().min(), 1e-9);
    assertEquals(4000, mlp.examplesPerSecond().max(), 1e-9);
    // 2 x 128 x (2 x 784,000 + 3 x 551,000) = 8.24576e8 FLOPs per step (the first layer computes
    // no input gradient); in 40 ms: 20.6144 GFLOP/s.
    assertEquals(8.24576e8, Flops.trainingStep(Flops.architectureOf("mnist-mlp"), 128), 1);
    assertEquals(20.6144, mlp.gflops().median(), 1e-9);
    // The gemms do the same FLOPs in 20 ms: 41.2288 GFLOP/s, so the step reaches half of it; the
    // matmul op is slower here (25 ms), so the fraction is taken against the gemm.
    assertEquals(41.2288, mlp.gemmGflops().orElseThrow().median(), 1e-9);
    assertEquals(32.98304, mlp.mmulGflops().orElseThrow().median(), 1e-9);
    assertEquals(0.5, mlp.fractionOfGemm().orElseThrow().median(), 1e-12);

    TrainingTable.Row logreg = rows.get(1);
    assertTrue(logreg.gemmGflops().isEmpty(), "no gemm result for logreg");
    assertTrue(logreg.fractionOfGemm().isEmpty());
    assertEquals(128_000, logreg.examplesPerSecond().median(), 1e-6);
    assertTrue(TrainingTable.format(rows).contains("| 50 %"), TrainingTable.format(rows));
  }

  @Test
  void flopsOfTheConvolutionalNetworkCountIm2colProducts() {
    // conv1: 784·B × 25 × 32; conv2: 196·B × 800 × 64; dense 3136 → 1024 and 1024 → 10.
    double perExample = 784 * 25 * 32 + 196 * 800 * 64 + 3136 * 1024 + 1024 * 10;
    assertEquals(6 * 2 * perExample, Flops.trainingStep(Flops.architectureOf("mnist-2c2d"), 2),
        1e-3);
    assertEquals(6.0 * 128 * 7840, Flops.trainingStep(Flops.architectureOf("mnist-logreg"), 128),
        1e-3);
  }
}
