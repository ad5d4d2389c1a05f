package org.optbench.run;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.optbench.UserInputException;

/** Finds the {@link ExecutorProvider} that {@code --executor NAME} names on the class path. */
public final class ExecutorProviders {
  /** The name of the default executor: worker threads of this JVM ({@link LocalTrialExecutor}). */
  public static final String LOCAL = "local";

  private ExecutorProviders() {}

  /**
   * @param name the executor's name, not {@value #LOCAL}
   * @param loader where to look for providers
   * @return the provider of that name
   * @throws UserInputException if none on the class path has it: the message names the ones
   *     found and, for {@code spark}, how to get it
   */
  public static ExecutorProvider find(String name, ClassLoader loader) {
    List<String> found = new ArrayList<>(List.of(LOCAL));
    for (ExecutorProvider provider : ServiceLoader.load(ExecutorProvider.class, loader)) {
      if (provider.name().equals(name)) {
        return provider;
      }
      found.add(provider.name());
    }
    String message = "unknown executor '" + name + "' for --executor; accepted: "
        + String.join(", ", found);
    if (name.equals("spark")) {
      // Spark is a separate build so that the default jar stays without it.
      message = "--executor spark is not on the class path (executors found: "
          + String.join(", ", found) + "); the Spark executor is a separate build: run 'mvn -DskipTests install' in"
          + " optbench's folder, then 'mvn -DskipTests package' in its spark/ folder, and submit"
          + " spark/target/optbench-spark.jar with spark-submit (or put it and Spark's jars on"
          + " the class path); see the README, Running on a cluster";
    }
    throw new UserInputException(message);
  }
}
