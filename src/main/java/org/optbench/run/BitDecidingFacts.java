package org.optbench.run;

import java.util.List;

/**
 * The backend facts that decide a result's bits (the natives build, oneDNN's ISA level, ...), as
 * the numeric backend defines them: which facts, how a value recorded by an earlier version reads
 * today, and how to start a process that has a recorded value.
 */
public interface BitDecidingFacts {
  /** @return the keys of the manifest's {@code backend} section that decide bits */
  List<String> keys();

  /**
   * @param key one of {@link #keys()}
   * @param recorded the value a manifest records, or null if it predates the key
   * @return the value as this version records it (an earlier version may have written another
   *     form of the same value), or null if not recorded
   */
  Object asRecordedToday(String key, Object recorded);

  /**
   * @param key one of {@link #keys()}
   * @param recorded a value from {@link #asRecordedToday}, or null if not recorded
   * @return what to do to run with that value, e.g. {@code start with OPENBLAS_CORETYPE=Zen}
   */
  String howToMatch(String key, Object recorded);
}
