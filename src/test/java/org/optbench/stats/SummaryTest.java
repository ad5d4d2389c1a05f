package org.optbench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SummaryTest {
  @Test
  void textbookSample() {
    // Hand computation: mean 40/8 = 5; squared deviations 9+1+1+1+0+0+4+16 = 32;
    // sample variance 32/7, so std = √(32/7) = 2.1380899352993950.
    Summary s = Summary.of(new double[] {2, 4, 4, 4, 5, 5, 7, 9});
    assertEquals(5.0, s.mean(), 1e-15);
    assertEquals(Math.sqrt(32.0 / 7.0), s.std(), 1e-15);
    assertEquals(8, s.n());
    assertEquals(2.0, s.min());
    assertEquals(9.0, s.max());
  }

  @Test
  void oneValueHasNoStandardDeviation() {
    // Documented rule: n = 1 gives std NaN rather than commons-math's 0.
    Summary s = Summary.of(new double[] {0.93});
    assertEquals(0.93, s.mean());
    assertTrue(Double.isNaN(s.std()));
    assertEquals(1, s.n());
    assertEquals(0.93, s.min());
    assertEquals(0.93, s.max());
  }

  @Test
  void rejectsEmptyAndNaN() {
    assertThrows(IllegalArgumentException.class, () -> Summary.of(new double[0]));
    assertThrows(IllegalArgumentException.class, () -> Summary.of(null));
    IllegalArgumentException e = assertThrows(
        IllegalArgumentException.class, () -> Summary.of(new double[] {1, Double.NaN}));
    assertTrue(e.getMessage().contains("values[1]"), e.getMessage());
  }
}
