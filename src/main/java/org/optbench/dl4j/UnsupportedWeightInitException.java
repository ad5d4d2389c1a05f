package org.optbench.dl4j;

import org.optbench.UserInputException;

/**
 * A user's network asks for a weight initialisation, a distribution or a layer kind whose
 * parameters optbench cannot draw reproducibly (see {@link SeededWeightInit}). A user input
 * error: the CLI prints the message, which names the layer, the scheme and what is accepted,
 * and exits with code 2.
 */
public final class UnsupportedWeightInitException extends UserInputException {
  private static final long serialVersionUID = 1L;

  /** @param message the layer, the scheme and the accepted schemes */
  public UnsupportedWeightInitException(String message) {
    super(message);
  }
}
