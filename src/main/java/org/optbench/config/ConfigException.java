package org.optbench.config;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.optbench.UserInputException;

/** A config file that cannot be used; carries every error found in it. */
public final class ConfigException extends UserInputException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final transient List<ConfigError> errors;

  /**
   * @param file the config file
   * @param errors at least one error
   */
  public ConfigException(Path file, List<ConfigError> errors) {
    super(format(file, errors));
    this.file = file;
    this.errors = List.copyOf(errors);
  }

  /** @return the config file */
  public Path file() {
    return file;
  }

  /** @return every error, in file order */
  public List<ConfigError> errors() {
    return errors;
  }

  private static String format(Path file, List<ConfigError> errors) {
    if (errors.size() == 1) {
      return file + ": " + errors.get(0);
    }
    return file + ": " + errors.size() + " errors:\n" + errors.stream()
        .map(e -> "  " + e).collect(Collectors.joining("\n"));
  }
}
