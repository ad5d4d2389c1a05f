package org.optbench.problem;

import org.optbench.UserInputException;

/**
 * A model file that cannot be used: unreadable, not a DL4J or Keras model, a layer optbench
 * cannot train reproducibly, or a network that does not fit the data. The message names the file,
 * the layer where there is one, and what DL4J said.
 */
public class NetworkFileException extends UserInputException {
  private static final long serialVersionUID = 1L;

  /** @param message the file, the layer and what is wrong */
  public NetworkFileException(String message) {
    super(message);
  }

  /**
   * @param message the file, the layer and what is wrong
   * @param cause DL4J's exception
   */
  public NetworkFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
