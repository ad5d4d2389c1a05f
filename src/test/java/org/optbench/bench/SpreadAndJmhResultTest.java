package org.optbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

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
    Spread steady = new Spread(1.00, 1.01, 1.015, 3);
    Spread cpu = new Spread(1.0, 1.03, 1.04, 3);
    assertEquals("overhead +1.0 % (wall time, median of 3 pairs), target <= +2 %: met",
        BenchReport.overheadVerdict(steady, cpu));
    Spread noisy = new Spread(0.95, 1.05, 1.2, 3);
    assertEquals("overhead +3.0 % (CPU time; wall time too noisy here, median of 3 pairs),"
        + " target <= +2 %: NOT met", BenchReport.overheadVerdict(noisy, cpu));
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
}
