package org.optbench;

/**
 * A problem with something the user supplied (a config file, a data file, a CLI argument or a
 * directory), as opposed to a defect in optbench. The CLI prints only the message for these
 * (no stack trace unless {@code --debug}) and exits with code 2.
 *
 * <p>Messages name the file, field or flag, the offending value and what would be accepted.
 */
public class UserInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param message what was wrong and how to fix it */
  public UserInputException(String message) {
    super(message);
  }

  /**
   * @param message what was wrong and how to fix it
   * @param cause the underlying I/O or parse error
   */
  public UserInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
