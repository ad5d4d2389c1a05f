package org.optbench.problem;

import java.util.SplittableRandom;

/**
 * Seeded normal draws in plain Java. They depend only on {@link SplittableRandom}'s documented
 * sequence, so they repeat bit for bit on every JVM and thread (ND4J 1.0.0-M2.1's native random
 * distributions do not repeat after {@code setSeed}, measured, so optbench draws its own).
 */
public final class Gaussian {
  private Gaussian() {}

  /**
   * A standard normal draw by the Box–Muller transform (one of the pair is used).
   *
   * @param random the generator, advanced by two draws
   * @return z ~ N(0, 1)
   */
  public static double normal(SplittableRandom random) {
    double u1 = 1.0 - random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /**
   * A standard normal draw truncated to [−limit, limit] by rejection, as TensorFlow's
   * {@code truncated_normal} (limit 2) used by DeepOBS.
   *
   * @param random the generator
   * @param limit truncation bound in standard deviations, &gt; 0
   * @return z ~ N(0, 1) conditioned on |z| ≤ limit
   */
  public static double truncatedNormal(SplittableRandom random, double limit) {
    while (true) {
      double z = normal(random);
      if (Math.abs(z) <= limit) {
        return z;
      }
    }
  }
}
