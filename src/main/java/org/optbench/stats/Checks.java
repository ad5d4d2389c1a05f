package org.optbench.stats;

/** Argument checks shared by this package, so messages read the same everywhere. */
final class Checks {
  private Checks() {}

  /** @throws IllegalArgumentException if {@code values} is null, empty, or holds a NaN */
  static void nonEmptyNoNaN(double[] values, String name) {
    if (values == null || values.length == 0) {
      throw new IllegalArgumentException(name + " must contain at least one value");
    }
    for (int i = 0; i < values.length; i++) {
      if (Double.isNaN(values[i])) {
        throw new IllegalArgumentException(name + "[" + i + "] is NaN");
      }
    }
  }

  /** @throws IllegalArgumentException if {@code values} is null, empty, or not all finite */
  static void nonEmptyFinite(double[] values, String name) {
    if (values == null || values.length == 0) {
      throw new IllegalArgumentException(name + " must contain at least one value");
    }
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException(
            name + "[" + i + "] is " + values[i] + "; only finite values are accepted");
      }
    }
  }
}
