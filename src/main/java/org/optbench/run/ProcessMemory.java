package org.optbench.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** The process's peak resident memory, as the Linux kernel records it. */
public final class ProcessMemory {
  private ProcessMemory() {}

  /**
   * @return the high-water mark of resident memory ({@code VmHWM} in {@code /proc/self/status},
   *     bytes): Java heap, native arrays, data sets and libraries together; empty where the file
   *     does not exist (not Linux) or has no such line
   */
  public static OptionalLong peakResidentBytes() {
    return peakResidentBytes(Path.of("/proc/self/status"));
  }

  static OptionalLong peakResidentBytes(Path status) {
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmHWM:")) {
          String[] parts = line.substring(6).trim().split("\\s+");
          if (parts.length == 2 && parts[1].equals("kB")) {
            return OptionalLong.of(Long.parseLong(parts[0]) * 1024);
          }
        }
      }
    } catch (IOException | NumberFormatException e) {
      return OptionalLong.empty();
    }
    return OptionalLong.empty();
  }
}
