package org.optbench.isolate;

import java.util.List;
import java.util.Map;

/**
 * Words the end of a trial's child JVM that wrote no result: its exit code, the signal that
 * killed it (a JVM killed by signal N exits with 128 + N on Linux and macOS) and the last lines
 * of its output, so the trial's {@code result.json} says why it failed.
 */
final class ChildExit {
  private static final Map<Integer, String> SIGNALS = Map.of(1, "SIGHUP", 2, "SIGINT", 4,
      "SIGILL", 6, "SIGABRT", 7, "SIGBUS", 8, "SIGFPE", 9, "SIGKILL", 11, "SIGSEGV", 15,
      "SIGTERM");

  private ChildExit() {}

  /**
   * @param code the child's exit code
   * @param why what is wrong besides the code, e.g. {@code "no result.json"}
   * @param tail the last lines of its output, oldest first
   * @return e.g. {@code the trial's JVM exited with code 137 (killed by signal 9, SIGKILL: the
   *     kernel's out-of-memory killer, or kill -9) and wrote no result.json; its last output:
   *     ...}
   */
  static String describe(int code, String why, List<String> tail) {
    StringBuilder message = new StringBuilder("the trial's JVM exited with code ").append(code);
    if (code > 128 && code < 160) {
      int signal = code - 128;
      message.append(" (killed by signal ").append(signal);
      String name = SIGNALS.get(signal);
      if (name != null) {
        message.append(", ").append(name);
      }
      if (signal == 9) {
        message.append(": the kernel's out-of-memory killer, or kill -9");
      }
      message.append(')');
    }
    message.append(" and ").append(why);
    if (tail.isEmpty()) {
      message.append("; it printed nothing");
    } else {
      message.append("; its last output:");
      tail.forEach(line -> message.append('\n').append(line));
    }
    return message.toString();
  }
}
