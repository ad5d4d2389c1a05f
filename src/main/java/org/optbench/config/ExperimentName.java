package org.optbench.config;

import java.util.regex.Pattern;

/**
 * The rule for an experiment's name, which names its results folder: one rule for the config's
 * {@code name} and for {@code run --name}, so both accept the same names.
 */
public final class ExperimentName {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  /** What is accepted, worded for the end of an error message. */
  public static final String RULE = "use 1-64 characters a-z, 0-9, '-' or '_', starting with a"
      + " letter or digit (it names the results folder)";

  private ExperimentName() {}

  /**
   * @param name a proposed experiment name
   * @return whether it is accepted (see {@link #RULE})
   */
  public static boolean isValid(String name) {
    return name != null && NAME.matcher(name).matches();
  }
}
