package org.optbench.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Facts about the JVM, the machine and the source tree, for {@code manifest.json}. */
public final class EnvironmentFacts {
  private EnvironmentFacts() {}

  /**
   * @return Java version and vendor, OS, CPU model, logical cores, maximum heap (bytes) and the git
   *     commit of the working directory ({@code unknown} outside a git checkout)
   */
  public static Map<String, Object> collect() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("optbenchVersion", String.valueOf(
        EnvironmentFacts.class.getPackage().getImplementationVersion()));
    map.put("javaVersion", System.getProperty("java.version"));
    map.put("javaVendor", System.getProperty("java.vendor"));
    map.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
        + System.getProperty("os.arch"));
    map.put("cpu", cpuModel());
    map.put("logicalCores", Runtime.getRuntime().availableProcessors());
    map.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
    map.put("gitCommit", gitCommit());
    return map;
  }

  /**
   * @return this machine as a time-limited trial records it: host name, CPU model and logical
   *     cores, e.g. {@code build-01 / AMD EPYC 7B13 / 2 cores}
   */
  public static String machine() {
    String known = machine;
    if (known == null) {
      known = hostName() + " / " + cpuModel() + " / "
          + Runtime.getRuntime().availableProcessors() + " cores";
      machine = known;
    }
    return known;
  }

  /** Read once per process: it does not change while optbench runs. */
  private static volatile String machine;

  private static String hostName() {
    // The kernel's name, without a DNS look-up that could block.
    try {
      return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
    } catch (IOException | RuntimeException e) {
      String env = System.getenv("COMPUTERNAME") != null ? System.getenv("COMPUTERNAME")
          : System.getenv("HOSTNAME");
      return env == null || env.isBlank() ? "unknown-host" : env;
    }
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name")).findFirst()
          .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown");
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static String gitCommit() {
    try {
      Process p = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true)
          .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return "unknown";
      }
      Process status = new ProcessBuilder("git", "status", "--porcelain", "--untracked-files=no")
          .redirectErrorStream(true).start();
      boolean dirty = !new String(status.getInputStream().readAllBytes(),
          StandardCharsets.UTF_8).isBlank();
      status.waitFor(5, TimeUnit.SECONDS);
      return dirty ? out + "+uncommitted-changes" : out;
    } catch (IOException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }
}
