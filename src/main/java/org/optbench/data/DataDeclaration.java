package org.optbench.data;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A classification data set from the user's files, as declared under a problem's {@code data:}.
 *
 * @param train the examples that training, validation (and, without {@code test}, testing) are
 *     taken from
 * @param test a separate test set, if given
 * @param split the fractions held out of {@code train} and the seed choosing them
 * @param classes number of classes; integer labels must lie in {@code 0 .. classes − 1}
 * @param normalize how features are scaled, with statistics from the training split only
 */
public record DataDeclaration(DataSource train, Optional<DataSource> test, Split split,
    int classes, Normalization normalize) {

  /**
   * Which examples of {@code train} are held out: a seeded shuffle (Fisher–Yates with
   * {@code SplittableRandom(seed)}) puts the first {@code round(validation·n)} examples in the
   * validation set, the next {@code round(test·n)} in the test set, the rest in training; each
   * set keeps the file's order.
   *
   * @param validation fraction of {@code train} for validation, in (0, 1)
   * @param test fraction of {@code train} for testing, in [0, 1); 0 when a test file is given
   * @param seed seed of the shuffle
   */
  public record Split(double validation, double test, long seed) {
    /** @return the split as a map for trial specs and resolved configs */
    public Map<String, Object> asMap() {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("validation", validation);
      map.put("test", test);
      map.put("seed", seed);
      return map;
    }
  }

  /** How features are scaled, per feature, from statistics of the training split. */
  public enum Normalization {
    /** (x − mean) / standard deviation (population); a constant feature is only centred. */
    STANDARDIZE("standardize"),
    /** (x − min) / (max − min); a constant feature becomes 0. */
    MINMAX("minmax"),
    /** Values as read (images: samples / 255). */
    NONE("none");

    private final String key;

    Normalization(String key) {
      this.key = key;
    }

    /** @return the config value, e.g. {@code standardize} */
    public String key() {
      return key;
    }

    /**
     * @param key a config value
     * @return the normalisation, if {@code key} names one
     */
    public static Optional<Normalization> parse(String key) {
      for (Normalization n : values()) {
        if (n.key.equals(key)) {
          return Optional.of(n);
        }
      }
      return Optional.empty();
    }
  }
}
