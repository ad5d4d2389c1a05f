package org.optbench.config;

/**
 * One problem in a config file.
 *
 * @param path YAML path, e.g. {@code problems[1].optimizers[0].learningRate}; empty for the file
 *     itself
 * @param message what is wrong and what is accepted
 */
public record ConfigError(String path, String message) {
  @Override
  public String toString() {
    return path.isEmpty() ? message : path + ": " + message;
  }
}
