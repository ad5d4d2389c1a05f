package org.optbench.dl4j;

import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;
import org.optbench.experiment.DataOrder;

/**
 * The order in which a trial visits its training examples in one epoch, driven by the trial's own
 * generator, so the order depends on the seed alone (paired seeds give every optimizer the same
 * mini-batches) and never on threads or other trials.
 */
public final class BatchOrder {
  private BatchOrder() {}

  /**
   * One epoch's order in the trial's {@link DataOrder}.
   *
   * @param order the trial's data order
   * @param n number of examples
   * @param random the trial's generator, advanced n − 1 times for a permutation and n times for
   *     a shuffle buffer
   * @return a permutation of {@code 0..n-1}
   */
  public static int[] epoch(DataOrder order, int n, SplittableRandom random) {
    return order.isPermutation() ? permutation(n, random)
        : buffered(n, order.buffer(), random::nextInt);
  }

  /**
   * A uniform random permutation: Fisher–Yates, from the last position down.
   *
   * @param n number of examples
   * @param random the trial's generator, advanced n − 1 times
   * @return a permutation of {@code 0..n-1}
   */
  public static int[] permutation(int n, SplittableRandom random) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int tmp = order[i];
      order[i] = order[j];
      order[j] = tmp;
    }
    return order;
  }

  /**
   * The streaming shuffle of {@code tf.data.Dataset.shuffle(buffer)}: the buffer holds the next
   * {@code buffer} examples in stored order; each position of the epoch takes a uniformly drawn
   * slot's example and refills the slot with the next stored example, or, once those have run
   * out, with the buffer's last one (the buffer shrinks by one).
   *
   * @param n number of examples
   * @param buffer buffer size (≥ 1); a size of n or more buffers every example
   * @param draw given the number of examples in the buffer, k ≥ 1, returns a slot in
   *     {@code 0..k-1}; called n times
   * @return a permutation of {@code 0..n-1}
   */
  static int[] buffered(int n, int buffer, IntUnaryOperator draw) {
    int size = Math.min(buffer, n);
    int[] slots = new int[size];
    for (int i = 0; i < size; i++) {
      slots[i] = i;
    }
    int next = size;
    int[] order = new int[n];
    for (int k = 0; k < n; k++) {
      int slot = draw.applyAsInt(size);
      order[k] = slots[slot];
      slots[slot] = next < n ? next++ : slots[--size];
    }
    return order;
  }
}
