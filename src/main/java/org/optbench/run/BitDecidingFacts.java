package org.optbench.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The backend facts that decide a result's bits (the natives build, oneDNN's ISA level, ...), as
 * the numeric backend defines them: which facts, how a value recorded by an earlier version reads
 * today, and how to start a process that has a recorded value.
 */
public interface BitDecidingFacts {
  /** The manifest's section of backend facts. */
  String SECTION = "backend";
  /** What to do about a value no optbench writes. */
  String EDITED = "no optbench records that value there: manifest.json was edited; restore the"
      + " manifest.json the run wrote";

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

  /**
   * One fact whose recorded value differs from this process's.
   *
   * @param key one of {@link #keys()}
   * @param recorded the recorded value as read today, or null if not recorded
   * @param current this process's value
   * @param howToMatch what to do to run with the recorded value
   */
  record Difference(String key, Object recorded, Object current, String howToMatch) {
    /** @return the recorded value, or {@code not recorded} */
    public String recordedText() {
      return recorded == null ? "not recorded" : String.valueOf(recorded);
    }
  }

  /**
   * @param manifest a {@code manifest.json}, whose {@code backend} section holds the recorded
   *     facts (a manifest without one records none)
   * @param current this process's backend facts
   * @return the facts whose recorded value, as read today, differs from this process's, in
   *     {@link #keys()} order
   */
  default List<Difference> differences(Map<String, Object> manifest,
      Map<String, Object> current) {
    Object section = manifest.get(SECTION);
    if (manifest.containsKey(SECTION) && !(section instanceof Map)) {
      // Not an older optbench's record (that would lack the key): an edit.
      return List.of(new Difference(SECTION, String.valueOf(section),
          "an object of the backend's facts", EDITED));
    }
    Map<?, ?> recorded = section instanceof Map<?, ?> m ? m : Map.of();
    List<Difference> differences = new ArrayList<>();
    for (String key : keys()) {
      Object value = asRecordedToday(key, recorded.get(key));
      if (!Objects.equals(String.valueOf(value), String.valueOf(current.get(key)))) {
        // Every bit-deciding fact is recorded as text (an older optbench leaves the key out):
        // another type, or null, was written by hand.
        boolean edited = value == null ? recorded.containsKey(key) : !(value instanceof String);
        differences.add(new Difference(key, value, current.get(key),
            edited ? EDITED : howToMatch(key, value)));
      }
    }
    return differences;
  }
}
