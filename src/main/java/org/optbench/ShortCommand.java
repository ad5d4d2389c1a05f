package org.optbench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Runs a short external command (e.g. {@code sysctl}, {@code git}) and reads what it printed. */
public final class ShortCommand {
  private ShortCommand() {}

  /**
   * @param command the program and its arguments
   * @return its standard output and error, together
   * @throws IOException if it cannot start, runs longer than 5 seconds, exits with another code
   *     than 0, or the thread is interrupted while waiting (the interrupt is kept)
   */
  public static String output(String... command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException(String.join(" ", command) + " failed");
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }
}
