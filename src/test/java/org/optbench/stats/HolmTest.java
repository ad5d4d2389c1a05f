package org.optbench.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HolmTest {
  @Test
  void textbookExample() {
    // By hand, sorted ascending with m = 4: 0.005·4 = 0.02; 0.01·3 = 0.03; 0.03·2 = 0.06;
    // max(0.04·1, 0.06) = 0.06. Back in input order: (0.03, 0.06, 0.06, 0.02).
    double[] adjusted = Holm.adjust(new double[] {0.01, 0.04, 0.03, 0.005});
    assertArrayEquals(new double[] {0.03, 0.06, 0.06, 0.02}, adjusted, 1e-15);
  }

  @Test
  void capsAtOneAndKeepsTiesEqual() {
    // (0.5, 0.6): 0.5·2 = 1.0, max(0.6·1, 1.0) = 1.0.
    assertArrayEquals(new double[] {1.0, 1.0}, Holm.adjust(new double[] {0.5, 0.6}), 0.0);
    // Ties: 0.02·2 = 0.04 and max(0.02·1, 0.04) = 0.04, whichever of the two comes first.
    assertArrayEquals(new double[] {0.04, 0.04}, Holm.adjust(new double[] {0.02, 0.02}), 1e-15);
    // A single test is not adjusted.
    assertArrayEquals(new double[] {0.3}, Holm.adjust(new double[] {0.3}), 0.0);
    assertEquals(0, Holm.adjust(new double[0]).length);
  }

  @Test
  void rejectsNonProbabilities() {
    assertThrows(IllegalArgumentException.class, () -> Holm.adjust(null));
    assertThrows(IllegalArgumentException.class, () -> Holm.adjust(new double[] {Double.NaN}));
    assertThrows(IllegalArgumentException.class, () -> Holm.adjust(new double[] {1.2}));
    assertThrows(IllegalArgumentException.class, () -> Holm.adjust(new double[] {-0.1}));
  }
}
