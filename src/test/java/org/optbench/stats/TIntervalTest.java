package org.optbench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TIntervalTest {
  @Test
  void meanPlusMinusTTimesTheStandardError() {
    // 2, 4, 6: mean 4, s = 2, t(0.975, 2) = 4.302653 → 4 ± 4.302653 · 2/√3 = 4 ± 4.968275.
    TInterval i = TInterval.of(new double[] {2, 4, 6}, 0.95);
    assertEquals(4, i.mean(), 1e-12);
    assertEquals(4 - 4.968275, i.low(), 1e-6);
    assertEquals(4 + 4.968275, i.high(), 1e-6);
    assertEquals(3, i.n());
    // At 90 %: t(0.95, 2) = 2.919986 → ± 3.371709.
    assertEquals(4 + 3.371709, TInterval.of(new double[] {2, 4, 6}, 0.90).high(), 1e-6);
    assertEquals(0, TInterval.halfWidth(1, 5, 0.95));
  }

  @Test
  void refusesWhatHasNoInterval() {
    assertEquals("a t interval needs at least two values, got 1",
        assertThrows(IllegalArgumentException.class,
            () -> TInterval.of(new double[] {1}, 0.95)).getMessage());
    assertEquals("level must be in (0, 1), got 1.0", assertThrows(IllegalArgumentException.class,
        () -> TInterval.of(new double[] {1, 2}, 1)).getMessage());
  }
}
