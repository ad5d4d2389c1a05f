package org.optbench.stats;

/** Null distribution of the signed-rank statistic, counted independently of commons-math. */
final class SignedRankCounts {
  private SignedRankCounts() {}

  /**
   * @return how many of the 2^n subsets of ranks {1..n} have rank sum ≥ {@code w}, counted by
   *     dynamic programming over subset sums
   */
  static long atLeast(int n, double w) {
    int total = n * (n + 1) / 2;
    long[] ways = new long[total + 1];
    ways[0] = 1;
    for (int r = 1; r <= n; r++) {
      for (int s = total; s >= r; s--) {
        ways[s] += ways[s - r];
      }
    }
    long count = 0;
    for (int s = 0; s <= total; s++) {
      if (s >= w) {
        count += ways[s];
      }
    }
    return count;
  }
}
