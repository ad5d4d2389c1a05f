package org.optbench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PerformanceProfileTest {
  private static final double INF = Double.POSITIVE_INFINITY;

  // Hand-made table (time to target, steps):
  //          A     B     C
  //   p1    10    20    40     ratios 1, 2, 4
  //   p2    45    15     ∞     ratios 3, 1, ∞   (C never reaches the target)
  //   p3     ∞     ∞     ∞     nobody reaches it: excluded, so |P| = 2
  private static PerformanceProfile table() {
    return PerformanceProfile.of(List.of("p1", "p2", "p3"), List.of("A", "B", "C"),
        new double[][] {{10, 20, 40}, {45, 15, INF}, {INF, INF, INF}});
  }

  @Test
  void rhoFromRatios() {
    PerformanceProfile p = table();
    assertEquals(2, p.solvedProblems());
    // A: ratios {1, 3}.
    assertEquals(0.0, p.rho("A", 0.5));
    assertEquals(0.5, p.rho("A", 1.0));
    assertEquals(0.5, p.rho("A", 2.999));
    assertEquals(1.0, p.rho("A", 3.0));
    // B: ratios {2, 1}.
    assertEquals(0.5, p.rho("B", 1.0));
    assertEquals(1.0, p.rho("B", 2.0));
    // C: ratios {4, ∞}: half the solved problems at τ = 4, never more.
    assertEquals(0.0, p.rho("C", 3.99));
    assertEquals(0.5, p.rho("C", 4.0));
    assertEquals(0.5, p.rho("C", INF));
  }

  @Test
  void areasByHand() {
    // B_s = Σ_p max(0, τmax - r) / (|P|·(τmax - 1)), τmax = 4, |P| = 2:
    //   A: ((4-1) + (4-3)) / 6 = 4/6 = 2/3
    //   B: ((4-2) + (4-1)) / 6 = 5/6
    //   C: ((4-4) + 0) / 6 = 0   (r = 4 touches τmax only at a point; r = ∞ never)
    PerformanceProfile p = table();
    assertEquals(2.0 / 3, p.area("A"), 1e-15);
    assertEquals(5.0 / 6, p.area("B"), 1e-15);
    assertEquals(0.0, p.area("C"), 0.0);
    // τmax = 2: A (1 + 0)/2 = 1/2, B (0 + 1)/2 = 1/2, C 0.
    assertEquals(0.5, p.area("A", 2.0), 1e-15);
    assertEquals(0.5, p.area("B", 2.0), 1e-15);
    assertEquals(0.0, p.area("C", 2.0), 0.0);
  }

  @Test
  void areaMatchesNumericIntegralOfRho() {
    // Cross-check of the closed form against a midpoint Riemann sum of rho on [1, 4]; each of the
    // few jumps costs at most one cell, hence the 1e-4 tolerance for 100 000 cells.
    PerformanceProfile p = table();
    for (String s : p.optimizers()) {
      int cells = 100_000;
      double h = 3.0 / cells;
      double sum = 0;
      for (int i = 0; i < cells; i++) {
        sum += p.rho(s, 1 + (i + 0.5) * h) * h;
      }
      assertEquals(sum / 3.0, p.area(s), 1e-4, s);
    }
  }

  @Test
  void stepsForPlotting() {
    PerformanceProfile p = table();
    assertEquals(List.of(new PerformanceProfile.Step(1, 0.5), new PerformanceProfile.Step(3, 1),
        new PerformanceProfile.Step(4, 1)), p.steps("A"));
    assertEquals(List.of(new PerformanceProfile.Step(1, 0.5), new PerformanceProfile.Step(2, 1),
        new PerformanceProfile.Step(4, 1)), p.steps("B"));
    // C jumps exactly at τmax, so no extra end point is added.
    assertEquals(List.of(new PerformanceProfile.Step(1, 0), new PerformanceProfile.Step(4, 0.5)),
        p.steps("C"));
    // On [1, 2] A's jump at 3 is off the axis.
    assertEquals(List.of(new PerformanceProfile.Step(1, 0.5), new PerformanceProfile.Step(2, 0.5)),
        p.steps("A", 2.0));
  }

  @Test
  void noSolvedProblemGivesNaN() {
    PerformanceProfile p = PerformanceProfile.of(List.of("hard"), List.of("A", "B"),
        new double[][] {{INF, INF}});
    assertEquals(0, p.solvedProblems());
    assertTrue(Double.isNaN(p.rho("A", 2)));
    assertTrue(Double.isNaN(p.area("A")));
    assertTrue(p.steps("A").isEmpty());
  }

  @Test
  void rejectsBadInput() {
    List<String> one = List.of("p");
    List<String> two = List.of("A", "B");
    assertThrows(IllegalArgumentException.class,
        () -> PerformanceProfile.of(one, two, new double[][] {{0, 1}}));
    assertThrows(IllegalArgumentException.class,
        () -> PerformanceProfile.of(one, two, new double[][] {{Double.NaN, 1}}));
    assertThrows(IllegalArgumentException.class,
        () -> PerformanceProfile.of(one, two, new double[][] {{1}}));
    assertThrows(IllegalArgumentException.class,
        () -> PerformanceProfile.of(one, List.of("A", "A"), new double[][] {{1, 2}}));
    PerformanceProfile p = table();
    IllegalArgumentException unknown =
        assertThrows(IllegalArgumentException.class, () -> p.rho("Z", 2));
    assertTrue(unknown.getMessage().contains("'Z'"), unknown.getMessage());
    assertThrows(IllegalArgumentException.class, () -> p.area("A", 1.0));
    assertThrows(IllegalArgumentException.class, () -> p.area("A", INF));
    assertThrows(IllegalArgumentException.class, () -> p.rho("A", Double.NaN));
  }
}
