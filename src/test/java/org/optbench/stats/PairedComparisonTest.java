package org.optbench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PairedComparisonTest {
  private static final double NAN = Double.NaN;

  /** Values for seeds 1, 2, 3, … in order; multiples of 1/4, so differences are exact. */
  private static Map<Long, Double> seeds(double... values) {
    Map<Long, Double> m = new LinkedHashMap<>();
    for (int i = 0; i < values.length; i++) {
      m.put(i + 1L, values[i]);
    }
    return m;
  }

  @Test
  void worseIsDistinguishableAndNearTieIsNot() {
    // Accuracy in %, 8 seeds. B - A = (-1, +.5, -2, +1.5, -3, +2.5, -.75, +.25): |d| ranks
    // (4, 2, 6, 5, 8, 7, 3, 1), W+ = 2+5+7+1 = 15, W- = 21; exact p = 2·#{S ≥ 21}/256 = 2·95/256
    // (count from the independent subset-sum enumeration). C - A = -0.5·(1..8): W+ = 0, W- = 36,
    // p = 2·1/256 = 0.0078125. Holm with m = 2: C 2·0.0078125 = 0.015625 (≤ 0.05: different);
    // B max(0.7421875, 0.015625) = 0.7421875 (> 0.05: indistinguishable).
    Map<String, Map<Long, Double>> table = new LinkedHashMap<>();
    table.put("A", seeds(90, 91, 92, 93, 94, 95, 96, 97));
    table.put("B", seeds(89, 91.5, 90, 94.5, 91, 97.5, 95.25, 97.25));
    table.put("C", seeds(89.5, 90, 90.5, 91, 91.5, 92, 92.5, 93));
    PairedComparison.Result r = PairedComparison.compare(table, Goal.MAX);

    assertEquals("A", r.best());
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L), r.seeds());
    assertEquals(List.of("A", "B", "C"), r.rows().stream().map(PairedComparison.Row::optimizer)
        .toList());

    PairedComparison.Row a = r.row("A");
    assertTrue(a.best());
    assertEquals(93.5, a.mean(), 1e-12);
    assertEquals(8, a.n());
    assertTrue(Double.isNaN(a.pValue()));
    assertTrue(a.indistinguishableFromBest());

    assertEquals(95, SignedRankCounts.atLeast(8, 21));
    PairedComparison.Row b = r.row("B");
    assertEquals(93.25, b.mean(), 1e-12);
    assertEquals(2.0 * 95 / 256, b.pValue(), 1e-15);
    assertEquals(0.7421875, b.adjustedPValue(), 1e-15);
    assertTrue(b.indistinguishableFromBest());

    PairedComparison.Row c = r.row("C");
    assertEquals(91.25, c.mean(), 1e-12);
    assertEquals(0.0078125, c.pValue(), 1e-15);
    assertEquals(0.015625, c.adjustedPValue(), 1e-15);
    assertFalse(c.indistinguishableFromBest());
  }

  @Test
  void sixSeedsCannotSeparateAtFivePercentWithTwoComparisons() {
    // Power floor: with 6 seeds the smallest exact p is 2/2^6 = 0.03125; Holm doubles it for
    // m = 2 to 0.0625 > 0.05, so even C, worse on every seed, stays indistinguishable at 0.05
    // and only separates at alpha = 0.10. B - A = (+.5, -.25, -1, +.75, -.5, +.25): ranks
    // (3.5, 1.5, 6, 5, 3.5, 1.5), W+ = 10, W- = 11, p = 2·#{S ≥ 11}/64 = 2·32/64 = 1.
    Map<String, Map<Long, Double>> table = new LinkedHashMap<>();
    table.put("A", seeds(90, 91, 92, 93, 94, 95));
    table.put("B", seeds(90.5, 90.75, 91, 93.75, 93.5, 95.25));
    table.put("C", seeds(89, 89, 89, 89, 89, 89));
    PairedComparison.Result at5 = PairedComparison.compare(table, Goal.MAX);
    assertEquals("A", at5.best());
    assertEquals(0.03125, at5.row("C").pValue(), 1e-15);
    assertEquals(0.0625, at5.row("C").adjustedPValue(), 1e-15);
    assertTrue(at5.row("C").indistinguishableFromBest());
    assertEquals(32, SignedRankCounts.atLeast(6, 11));
    assertEquals(1.0, at5.row("B").pValue(), 1e-15);

    PairedComparison.Result at10 = PairedComparison.compare(table, Goal.MAX, 0.10);
    assertFalse(at10.row("C").indistinguishableFromBest());
    assertTrue(at10.row("B").indistinguishableFromBest());
  }

  @Test
  void divergedSeedCountsAsWorstValue() {
    // D is B of the first test with seed 3 diverged (NaN). Documented rule: that seed becomes
    // -inf accuracy, so D's difference there is -inf and takes the top rank 8:
    // |d| ranks (4, 2, 8, 5, 7, 6, 3, 1), W+ = 2+5+6+1 = 14, W- = 22,
    // p = 2·#{S ≥ 22}/256 = 2·82/256 = 0.640625 (m = 1, so Holm leaves it unchanged).
    // D's finished seeds average (746 - 90)/7 = 93.71 > A's 93.5, yet A is best: any diverged
    // seed makes the mean -inf.
    Map<String, Map<Long, Double>> table = new LinkedHashMap<>();
    table.put("D", seeds(89, 91.5, NAN, 94.5, 91, 97.5, 95.25, 97.25));
    table.put("A", seeds(90, 91, 92, 93, 94, 95, 96, 97));
    PairedComparison.Result r = PairedComparison.compare(table, Goal.MAX);
    assertEquals("A", r.best());
    PairedComparison.Row d = r.row("D");
    assertEquals(Double.NEGATIVE_INFINITY, d.mean());
    assertEquals(656.0 / 7, d.finishedMean(), 1e-12);
    assertEquals(1, d.diverged());
    assertEquals(8, d.n());
    assertEquals(82, SignedRankCounts.atLeast(8, 22));
    assertEquals(0.640625, d.pValue(), 1e-15);
    assertEquals(0.640625, d.adjustedPValue(), 1e-15);
  }

  @Test
  void divergedLossCountsAsPlusInfinity() {
    // Loss (MIN). X beats A by 0.25 on four seeds and diverges on seed 5 (+inf loss by the rule).
    // X - A = (-.25, -.25, -.25, -.25, +inf): ranks (2.5, 2.5, 2.5, 2.5, 5), W+ = 5, W- = 10;
    // p = 2·#{S ≥ 10}/32 = 2·10/32 = 0.625.
    Map<String, Map<Long, Double>> table = new LinkedHashMap<>();
    table.put("X", seeds(0.25, 0.75, 1.25, 1.75, NAN));
    table.put("A", seeds(0.5, 1.0, 1.5, 2.0, 2.5));
    PairedComparison.Result r = PairedComparison.compare(table, Goal.MIN);
    assertEquals("A", r.best());
    assertEquals(Double.POSITIVE_INFINITY, r.row("X").mean());
    assertEquals(1.0, r.row("X").finishedMean(), 1e-12);
    assertEquals(10, SignedRankCounts.atLeast(5, 10));
    assertEquals(0.625, r.row("X").pValue(), 1e-15);
    assertEquals(1.5, r.row("A").mean(), 1e-12);
  }

  @Test
  void bothDivergedOnOneSeedIsATie() {
    // Seed 2 diverged for both: -inf vs -inf is a zero difference and is dropped, leaving
    // d = (-1, -1, -1): ranks 2, 2, 2, W- = 6, W+ = 0, p = 2·#{S ≥ 6}/8 = 2/8 = 0.25.
    // Equal divergence counts, so the finished means decide: A 275/3 > Y 272/3.
    Map<String, Map<Long, Double>> table = new LinkedHashMap<>();
    table.put("Y", seeds(89, NAN, 91, 92));
    table.put("A", seeds(90, NAN, 92, 93));
    PairedComparison.Result r = PairedComparison.compare(table, Goal.MAX);
    assertEquals("A", r.best());
    assertEquals(Double.NEGATIVE_INFINITY, r.row("A").mean());
    assertEquals(0.25, r.row("Y").pValue(), 1e-15);
  }

  @Test
  void identicalResultsGivePValueOne() {
    Map<String, Map<Long, Double>> table = new LinkedHashMap<>();
    table.put("A", seeds(90, 91, 92));
    table.put("E", seeds(90, 91, 92));
    PairedComparison.Result r = PairedComparison.compare(table, Goal.MAX);
    // Equal means: the first in iteration order is best; all differences zero -> p = 1.
    assertEquals("A", r.best());
    assertEquals(1.0, r.row("E").pValue());
    assertTrue(r.row("E").indistinguishableFromBest());
  }

  @Test
  void singleOptimizerIsBest() {
    PairedComparison.Result r =
        PairedComparison.compare(Map.of("only", seeds(1, 2, 3)), Goal.MIN);
    assertEquals("only", r.best());
    assertEquals(1, r.rows().size());
    assertEquals(2.0, r.row("only").mean(), 1e-15);
  }

  @Test
  void rejectsUnequalSeedSetsNamingTheOptimizers() {
    Map<String, Map<Long, Double>> table = new LinkedHashMap<>();
    table.put("adam", Map.of(1L, 0.9, 2L, 0.91, 3L, 0.92));
    table.put("sgd", Map.of(1L, 0.8, 2L, 0.81, 4L, 0.82));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PairedComparison.compare(table, Goal.MAX));
    assertTrue(e.getMessage().contains("'adam'") && e.getMessage().contains("'sgd'"),
        e.getMessage());
    assertTrue(e.getMessage().contains("[3]") && e.getMessage().contains("[4]"), e.getMessage());
  }

  @Test
  void rejectsBadArguments() {
    assertThrows(IllegalArgumentException.class,
        () -> PairedComparison.compare(Map.of(), Goal.MAX));
    assertThrows(IllegalArgumentException.class,
        () -> PairedComparison.compare(Map.of("a", Map.of()), Goal.MAX));
    assertThrows(IllegalArgumentException.class,
        () -> PairedComparison.compare(Map.of("a", seeds(1, 2)), Goal.MAX, 1.0));
    assertThrows(IllegalArgumentException.class, () -> PairedComparison.compare(
        Map.of("a", seeds(1, 2)), null));
    assertThrows(IllegalArgumentException.class,
        () -> PairedComparison.compare(Map.of("a", seeds(1, 2)), Goal.MAX).row("b"));
  }
}
