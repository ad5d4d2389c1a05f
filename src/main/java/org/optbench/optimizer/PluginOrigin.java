package org.optbench.optimizer;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an optimizer that is not part of optbench comes from: its updater class and, when the
 * class was loaded from a plugin jar, that jar and its SHA-256. The class name and the hash are
 * part of every trial's identity; the path is not (moving the jar changes nothing, editing it
 * changes every trial).
 *
 * @param className the fully qualified name of the updater class (DL4J {@code IUpdater})
 * @param jar the absolute path of the jar it was loaded from, or null if it came from the class
 *     path
 * @param sha256 lower-case hex SHA-256 of that jar, or null with {@code jar}
 */
public record PluginOrigin(String className, Path jar, String sha256) {
  /** Checks that jar and hash come together. */
  public PluginOrigin {
    Objects.requireNonNull(className, "className");
    if ((jar == null) != (sha256 == null)) {
      throw new IllegalArgumentException("a jar and its SHA-256 come together");
    }
  }

  /** @return the jar, if the class came from one */
  public Optional<Path> jarPath() {
    return Optional.ofNullable(jar);
  }
}
