package org.optbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.optbench.stats.TInterval;

/** Spreads of repeated measurements, JMH parsing and the bench command's conclusions. */
class SpreadAndJmhResultTest {
  @Test
  void spreadHasMinMedianMax() {
    assertEquals(new Spread(1, 2, 5, 3), Spread.of(5, 1, 2));
    assertEquals(new Spread(1, 2.5, 4, 4), Spread.of(4, 1, 3, 2));
    assertEquals("2.50 (1.00–4.00)", Spread.of(4, 1, 3, 2).format("%.2f"));
    assertEquals("3.0", Spread.of(3).format("%.1f"));
    assertThrows(IllegalArgumentException.class, () -> Spread.of(List.of()));
  }

  @Test
  void ratioRangeCombinesTheExtremes() {
    Spread r = Spread.ratio(Spread.of(10, 11, 12), Spread.of(9, 10, 11));
    assertEquals(10.0 / 11, r.min(), 1e-12);
    assertEquals(1.1, r.median(), 1e-12);
    assertEquals(12.0 / 9, r.max(), 1e-12);
  }

  @Test
  void jmhResultsConvertUnitsAndRejectOtherModes() {
    JmhResult r = JmhResult.parse("""
        [{"benchmark": "a.b.C.m", "mode": "avgt", "params": {"x": "1"},
          "primaryMetric": {"score": 2.5, "scoreUnit": "ms/op", "rawData": [[2.0], [3.0]]}}]
        """).get(0);
    assertEquals("m", r.method());
    assertEquals("C", r.className());
    assertEquals(2.5e6, r.nanos(), 1e-6);
    assertEquals(List.of(2e6, 3e6), r.iterations());
    assertEquals("1", r.param("x"));
    assertThrows(IllegalArgumentException.class, () -> r.param("y"));
    assertThrows(IllegalArgumentException.class, () -> JmhResult.parse("""
        [{"benchmark": "a.b.C.m", "mode": "thrpt", "params": {},
          "primaryMetric": {"score": 1, "scoreUnit": "ops/s", "rawData": [[1]]}}]
        """));
    assertThrows(IllegalArgumentException.class, () -> JmhResult.parse("{}"));
  }

  @Test
  void overheadVerdictUsesWallTimeWhenItIsSteadyElseCpuTime() {
    Spread steady = new Spread(1.00, 1.01, 1.015, 1);
    Spread cpu = new Spread(1.03, 1.03, 1.03, 1);
    assertEquals("overhead +1.0 % (wall time, 1 pair), target <= +2 %: not decided (one pair has"
        + " no interval; --repeats 2 or more gives one)",
        BenchReport.overheadVerdict(steady, cpu, null, null));
    Spread noisy = new Spread(0.95, 1.05, 1.2, 1);
    assertEquals("overhead +3.0 % (CPU time; wall time too noisy here, 1 pair),"
        + " target <= +2 %: not decided (one pair has no interval; --repeats 2 or more gives"
        + " one)", BenchReport.overheadVerdict(noisy, cpu, null, null));
  }

  @Test
  void overheadVerdictRestsOnTheIntervalOfThePairs() {
    // Pairs 1.00, 1.01, 1.02: mean 1.01, s = 0.01, t(0.975, 2) = 4.303 → ±0.0248.
    double[] close = {1.00, 1.01, 1.02};
    TInterval wide = TInterval.of(close, 0.95);
    assertEquals(1.01, wide.mean(), 1e-12);
    assertEquals(0.01 * 4.302652729911 / Math.sqrt(3), wide.high() - wide.mean(), 1e-9);
    Spread steady = Spread.of(1.00, 1.01, 1.02);
    assertEquals("overhead +1.0 % (95 % interval -1.5 to +3.5 %; wall time, mean of 3 pairs),"
        + " target <= +2 %: not decided (the interval contains the target; more pairs with"
        + " --repeats narrow it)", BenchReport.overheadVerdict(steady, steady, wide, wide));
    double[] tight = {1.004, 1.005, 1.006, 1.005, 1.005, 1.004, 1.006, 1.005};
    TInterval below = TInterval.of(tight, 0.95);
    Spread tightSpread = Spread.of(tight);
    assertEquals("overhead +0.5 % (95 % interval +0.4 to +0.6 %; wall time, mean of 8 pairs),"
        + " target <= +2 %: met", BenchReport.overheadVerdict(tightSpread, tightSpread, below,
        below));
    double[] slow = {1.10, 1.12, 1.11};
    Spread noisyWall = Spread.of(1.0, 1.3, 1.2);
    assertEquals("overhead +11.0 % (95 % interval +8.5 to +13.5 %; CPU time; wall time too noisy"
        + " here, mean of 3 pairs), target <= +2 %: NOT met", BenchReport.overheadVerdict(
        noisyWall, Spread.of(slow), TInterval.of(new double[] {1.0, 1.3, 1.2}, 0.95),
        TInterval.of(slow, 0.95)));
  }

  @Test
  void arrangementPicksTheLargerSpeedUp() {
    // Sweep: 8 trials in 60 s alone, 40 s two at once: speed-up 1.5.
    List<Sweep.Result> sweeps = List.of(new Sweep.Result(1, Spread.of(60), 8),
        new Sweep.Result(2, Spread.of(40), 8));
    assertEquals(8.0, sweeps.get(0).trialsPerMinute().median(), 1e-12);
    // One trial: 10 s with 1 thread, 8 s with 2: speed-up 1.25.
    List<NativeThreads.Result> slower = List.of(new NativeThreads.Result(1, Spread.of(10), 1, 1),
        new NativeThreads.Result(2, Spread.of(8), 2, 2));
    assertEquals("arrangement: 2 trial(s) at once, 1 native thread each (speed-up 1.50, against"
        + " 1.25 from 2 native threads on one trial)",
        BenchReport.arrangement(sweeps, Optional.of(slower)));
    List<NativeThreads.Result> faster = List.of(new NativeThreads.Result(1, Spread.of(10), 1, 1),
        new NativeThreads.Result(2, Spread.of(5), 2, 2));
    assertEquals("arrangement: 1 trial at a time with 2 native threads (speed-up 2.00, against"
        + " 1.50 from 2 trials at once)", BenchReport.arrangement(sweeps, Optional.of(faster)));
  }

  @Test
  void benchmarksWithoutATableOfTheirOwnArePrintedAsMeasured() {
    List<JmhResult> results = JmhResult.parse("""
        [{"benchmark": "org.optbench.dl4j.CheckpointWriteBenchmark.uncompressed", "mode": "avgt",
          "params": {"problem": "mnist-mlp"},
          "primaryMetric": {"score": 82.0, "scoreUnit": "ms/op", "rawData": [[80.5, 82.25, 84.0]]}},
         {"benchmark": "org.optbench.jmh.UpdaterStepBenchmark.step", "mode": "avgt",
          "params": {"updater": "adam"},
          "primaryMetric": {"score": 1.0, "scoreUnit": "ms/op", "rawData": [[1.0]]}}]
        """);
    List<JmhResult> others = OtherJmhTable.rows(results);
    assertEquals(List.of(results.get(0)), others, "the updater result has its own table");
    assertEquals("""
        | benchmark                             | parameters        | time/op             |
        | ------------------------------------- | ----------------- | ------------------- |
        | CheckpointWriteBenchmark.uncompressed | problem=mnist-mlp | 82.3 ms (80.5–84.0) |
        """, OtherJmhTable.format(others));
  }

  @Test
  void otherBenchmarksTimesKeepThreeDigitsInTheirUnit() {
    assertEquals("3.20 µs", OtherJmhTable.time(Spread.of(3200.0)));
    assertEquals("1.25 µs (1.20–1.25)", OtherJmhTable.time(Spread.of(1200.0, 1250.0, 1250.0)));
    assertEquals("1.09 s (1.06–1.11)", OtherJmhTable.time(Spread.of(1.0552e9, 1.0914e9,
        1.114e9)));
    assertEquals("2.50 s", OtherJmhTable.time(Spread.of(2.5e9)));
    assertEquals("12.0 ns", OtherJmhTable.time(Spread.of(12.0)));
  }

  @Test
  void truncatedJsonIsNamedByItsPlace() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> JmhResult.parse("[{\"benchmark\": "));
    assertTrue(e.getMessage().startsWith("not JSON: Unexpected end-of-input"), e.getMessage());
    assertTrue(e.getMessage().endsWith("(line 1, column 16)"), e.getMessage());
    assertFalse(e.getMessage().contains("Source"), e.getMessage());
  }
}
