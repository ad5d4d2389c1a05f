package org.optbench.data;

import org.optbench.UserInputException;

/**
 * A data file is missing, unreadable, corrupt, has the wrong checksum, or could not be downloaded.
 *
 * <p>The message always names the file (or every place searched), says what was wrong and what was
 * expected, and suggests a fix. It is a {@link UserInputException}, so the CLI shows it without a
 * stack trace.
 */
public class DataException extends UserInputException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what was wrong, what was expected and how to fix it
   */
  public DataException(String message) {
    super(message);
  }

  /**
   * @param message what was wrong, what was expected and how to fix it
   * @param cause the underlying I/O, gzip or HTTP error
   */
  public DataException(String message, Throwable cause) {
    super(message, cause);
  }
}
