package org.optbench.dl4j;

import java.util.SplittableRandom;

/**
 * The order in which a trial visits its training examples in one epoch: a Fisher–Yates shuffle
 * driven by the trial's own generator, so the order depends on the seed alone (paired seeds give
 * every optimizer the same mini-batches) and never on threads or other trials.
 */
public final class BatchOrder {
  private BatchOrder() {}

  /**
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
}
