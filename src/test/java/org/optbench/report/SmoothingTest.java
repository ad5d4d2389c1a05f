package org.optbench.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SmoothingTest {
  @Test
  void theDebiasedAverageMatchesHandComputedValues() {
    // β = 0.5: s = 1, 2, 3.5 (×(1 − β)); ŝ = s / (1 − β^{k+1}):
    // k=0: 0.5·4 = 2 → 2 / 0.5 = 4
    // k=1: 0.5·2 + 0.5·2 = 2 → 2 / 0.75 = 8/3
    // k=2: 0.5·2 + 0.5·8 = 5 → 5 / 0.875 = 40/7
    assertArrayEquals(new double[] {4, 8.0 / 3, 40.0 / 7},
        Smoothing.ema(new double[] {4, 2, 8}, 0.5), 1e-12);
  }

  @Test
  void aConstantCurveStaysConstantFromTheFirstValue() {
    assertArrayEquals(new double[] {3, 3, 3, 3}, Smoothing.ema(new double[] {3, 3, 3, 3}, 0.9),
        1e-12);
  }

  @Test
  void nonFiniteValuesAreSkippedAndBetaZeroIsTheRawCurve() {
    double[] s = Smoothing.ema(new double[] {4, Double.NaN, 2}, 0.5);
    assertEquals(4, s[0], 0);
    assertEquals(Double.NaN, s[1], 0);
    assertEquals(8.0 / 3, s[2], 1e-12);
    assertArrayEquals(new double[] {1, 5, 2}, Smoothing.ema(new double[] {1, 5, 2}, 0), 0);
    assertEquals("smoothing must be in [0, 1), got 1.0",
        assertThrows(IllegalArgumentException.class,
            () -> Smoothing.ema(new double[] {1}, 1)).getMessage());
  }
}
