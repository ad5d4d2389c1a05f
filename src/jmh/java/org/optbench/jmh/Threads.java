package org.optbench.jmh;

import org.optbench.dl4j.Backend;

/** Pins the benchmarks to one native thread, as every trial runs. */
final class Threads {
  private Threads() {}

  /**
   * Pins BLAS to one thread and checks that ND4J's OpenMP pool has one too. That pool is sized
   * when ND4J starts, from {@code OMP_NUM_THREADS}, and cannot be changed from inside the fork.
   *
   * @throws IllegalStateException if the pool has more than one thread
   */
  static void requireOne() {
    Backend.pinThreads(1);
    if (Backend.nativeThreads() != 1) {
      throw new IllegalStateException("ND4J runs " + Backend.nativeThreads()
          + " OpenMP threads; start the benchmarks with OMP_NUM_THREADS=1 (forks inherit the"
          + " environment)");
    }
  }
}
