package org.optbench.spark;

import org.optbench.UserInputException;

/**
 * Spark 3.5 on Java 17 needs packages of {@code java.base} opened to it (its launcher's
 * {@code JavaModuleOptions}); {@code spark-submit} adds them to the driver and Spark adds them to
 * its executors, but a driver started with plain {@code java} must be given them, or Spark fails
 * deep inside with an {@code IllegalAccessError}. Checked before Spark starts.
 */
final class JavaModuleOptions {
  /** The options, as the README gives them for a driver started with plain {@code java}. */
  static final String OPTIONS = "--add-opens=java.base/java.lang=ALL-UNNAMED"
      + " --add-opens=java.base/java.lang.invoke=ALL-UNNAMED"
      + " --add-opens=java.base/java.lang.reflect=ALL-UNNAMED"
      + " --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED"
      + " --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED"
      + " --add-opens=java.base/java.util.concurrent=ALL-UNNAMED"
      + " --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED"
      + " --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED"
      + " --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED"
      + " --add-opens=java.base/sun.security.action=ALL-UNNAMED"
      + " --add-opens=java.base/sun.util.calendar=ALL-UNNAMED";

  private JavaModuleOptions() {}

  /**
   * @throws UserInputException if {@code java.base/sun.nio.ch} (the first Spark touches) is not
   *     open to this code, naming the options to add
   */
  static void check() {
    Module unnamed = JavaModuleOptions.class.getModule();
    if (!Object.class.getModule().isOpen("sun.nio.ch", unnamed)) {
      throw new UserInputException("Spark 3.5 on Java 17 needs java.base opened to it: start"
          + " the driver through spark-submit, or give java these options before -cp: "
          + OPTIONS);
    }
  }
}
