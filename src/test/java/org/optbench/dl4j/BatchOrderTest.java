package org.optbench.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.optbench.experiment.DataOrder;

/**
 * Each epoch's order: the default is Fisher–Yates unchanged; the shuffle buffer is worked by hand
 * on small cases with scripted draws, and checked for its defining limit on a large one.
 */
class BatchOrderTest {
  /** The buffer sizes the draws were asked for, and a draw that always takes one slot. */
  private static final class Scripted {
    final List<Integer> bounds = new ArrayList<>();
    final boolean last;

    Scripted(boolean last) {
      this.last = last;
    }

    int draw(int k) {
      bounds.add(k);
      return last ? k - 1 : 0;
    }
  }

  @Test
  void alwaysTakingTheFirstSlotRefillsItInStoredOrderThenDrainsTheBuffer() {
    // Buffer [0, 1]: take 0, refill 2; take 2, refill 3; take 3, refill 4; take 4, the stored
    // examples have run out, so the last slot's 1 moves into the first; take 1.
    Scripted first = new Scripted(false);
    assertArrayEquals(new int[] {0, 2, 3, 4, 1}, BatchOrder.buffered(5, 2, first::draw));
    assertEquals(List.of(2, 2, 2, 2, 1), first.bounds);
  }

  @Test
  void alwaysTakingTheLastSlotWalksTheStoredOrderShiftedByOne() {
    // Buffer [0, 1]: take 1, refill 2; take 2, refill 3; take 3, refill 4; take 4, drop the
    // last slot; take 0.
    Scripted last = new Scripted(true);
    assertArrayEquals(new int[] {1, 2, 3, 4, 0}, BatchOrder.buffered(5, 2, last::draw));
    assertEquals(List.of(2, 2, 2, 2, 1), last.bounds);
  }

  @Test
  void aBufferLargerThanTheDataHoldsEveryExampleFromTheStart() {
    // Buffer [0, 1, 2, 3]: take 0 and move 3 into its slot; take 3 and move 2; take 2; take 1.
    Scripted first = new Scripted(false);
    assertArrayEquals(new int[] {0, 3, 2, 1}, BatchOrder.buffered(4, 10, first::draw));
    assertEquals(List.of(4, 3, 2, 1), first.bounds);
  }

  @Test
  void aBufferOfOneKeepsTheStoredOrder() {
    int[] order = BatchOrder.epoch(new DataOrder(1), 7, new SplittableRandom(3));
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6}, order);
  }

  /**
   * Example i enters the buffer once i − b + 1 examples have left it, so it cannot come before
   * position i − b + 1; with 100 of 1,000 that limit is reached, and every example appears once.
   */
  @Test
  void noExampleComesBeforeTheBufferCanHoldIt() {
    int n = 1000;
    int b = 100;
    int[] order = BatchOrder.epoch(new DataOrder(b), n, new SplittableRandom(11));
    int[] position = new int[n];
    for (int p = 0; p < n; p++) {
      position[order[p]] = p;
    }
    assertArrayEquals(IntStream.range(0, n).toArray(), Arrays.stream(order).sorted().toArray());
    int earliestSlack = Integer.MAX_VALUE;
    for (int i = 0; i < n; i++) {
      assertTrue(position[i] >= i - b + 1, "example " + i + " at position " + position[i]);
      earliestSlack = Math.min(earliestSlack, position[i] - (i - b + 1));
    }
    assertEquals(0, earliestSlack, "some example comes as early as the buffer allows");
  }

  @Test
  void thePermutationIsFisherYatesAsBeforeAndTheBufferDrawsAnother() {
    int[] permutation = BatchOrder.permutation(50, new SplittableRandom(5));
    assertArrayEquals(permutation,
        BatchOrder.epoch(DataOrder.PERMUTATION, 50, new SplittableRandom(5)));
    // A buffer holding all 50 is uniform too, but from other draws.
    assertFalse(Arrays.equals(permutation,
        BatchOrder.epoch(new DataOrder(50), 50, new SplittableRandom(5))));
  }

  @Test
  void aNegativeBufferIsRefused() {
    assertEquals("shuffle buffer must be >= 1 examples (got -1)",
        assertThrows(IllegalArgumentException.class, () -> new DataOrder(-1)).getMessage());
  }
}
