package org.optbench.plugin;

import org.optbench.UserInputException;

/**
 * A plugin optimizer cannot be used: its class is missing or is not an updater, a property does
 * not exist or has the wrong type, a plugin path is not a jar. The message names the class or
 * file and says what is accepted; the config loader reports it at the YAML path of the entry.
 */
public class PluginException extends UserInputException {
  private static final long serialVersionUID = 1L;

  /** @param message what is wrong and what is accepted */
  public PluginException(String message) {
    super(message);
  }

  /**
   * @param message what is wrong and what is accepted
   * @param cause the underlying failure
   */
  public PluginException(String message, Throwable cause) {
    super(message, cause);
  }
}
