package org.optbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The ETA's arithmetic, on hand-computed cases. */
class TimeLeftTest {
  @Test
  void aRunningTrialCountsOnlyWhatIsLeftOfIt() {
    // Two 100-minute trials on two workers; one finished, the other 99 % through: 1 minute.
    assertEquals(60.0, TimeLeft.seconds(List.of(new TimeLeft.Trial(6000, 0.99)), 2), 1e-9);
  }

  @Test
  void theWorkIsSharedAmongTheWorkers() {
    // Four untouched 100 s trials on two workers: 400 s of work, 200 s.
    TimeLeft.Trial fresh = new TimeLeft.Trial(100, 0);
    assertEquals(200.0, TimeLeft.seconds(List.of(fresh, fresh, fresh, fresh), 2), 1e-9);
    // Half of the running one done: it ends at 50 s, the other running one at 100, and the two
    // queued ones start at 50 and 100 s: the last ends at 200 s (350 s of work, but trials are
    // whole, so not 175).
    assertEquals(200.0, TimeLeft.seconds(List.of(new TimeLeft.Trial(100, 0.5), fresh, fresh,
        fresh), 2), 1e-9);
  }

  @Test
  void trialsAreWholeOnOneWorker() {
    // Three 1-hour trials on two workers: two hours, not an hour and a half.
    TimeLeft.Trial hour = new TimeLeft.Trial(3600, 0);
    assertEquals(7200.0, TimeLeft.seconds(List.of(hour, hour, hour), 2), 1e-9);
    // More workers than trials: the longest one.
    assertEquals(3600.0, TimeLeft.seconds(List.of(hour, new TimeLeft.Trial(60, 0)), 8), 1e-9);
  }

  @Test
  void queuedTrialsStartOnTheFirstWorkerFree() {
    // Running: one with 10 s left (90 % of 100 s), one with 100 s; queued: 100 s, which starts
    // when the first ends, at 10 s, and ends at 110 s.
    assertEquals(110.0, TimeLeft.seconds(List.of(new TimeLeft.Trial(100, 0.9),
        new TimeLeft.Trial(100, 0), new TimeLeft.Trial(100, 0)), 2), 1e-9);
  }

  @Test
  void noEstimateIsShorterThanTheLongestTrialLeft() {
    // 100 s + 10 s + 10 s on two workers: 60 s if shared evenly, but one trial alone needs 100 s
    // (the two short ones run one after the other on the second worker).
    assertEquals(100.0, TimeLeft.seconds(List.of(new TimeLeft.Trial(100, 0),
        new TimeLeft.Trial(10, 0), new TimeLeft.Trial(10, 0)), 2), 1e-9);
    assertEquals(0.0, TimeLeft.seconds(List.of(), 3), 0.0);
  }

  @Test
  void badValuesAreRefused() {
    assertEquals("seconds 10.0 must be >= 0 and fractionDone 1.5 in [0, 1]",
        assertThrows(IllegalArgumentException.class, () -> new TimeLeft.Trial(10, 1.5))
            .getMessage());
    assertEquals("workers must be >= 1 (got 0)", assertThrows(IllegalArgumentException.class,
        () -> TimeLeft.seconds(List.of(), 0)).getMessage());
  }
}
