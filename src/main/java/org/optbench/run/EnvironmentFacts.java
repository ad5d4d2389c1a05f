package org.optbench.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.optbench.ShortCommand;

/** Facts about the JVM, the machine and the source tree, for {@code manifest.json}. */
public final class EnvironmentFacts {
  private EnvironmentFacts() {}

  /**
   * @return Java version and vendor, OS, CPU model, logical cores, maximum heap (bytes) and the git
   *     commit of the optbench checkout this code was built in ({@link #gitCommit(Path)})
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
    map.put("gitCommit", gitCommit(codeLocation()));
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

  /** @return the folder of this class's jar, or its classes folder */
  private static Path codeLocation() {
    try {
      Path code = Path.of(EnvironmentFacts.class.getProtectionDomain().getCodeSource()
          .getLocation().toURI());
      return Files.isDirectory(code) ? code : code.getParent();
    } catch (java.net.URISyntaxException | RuntimeException e) {
      return null;
    }
  }

  /**
   * The commit of the optbench checkout that holds {@code code}, whatever the working directory
   * is: a run started from another folder, or from inside another git repository, still names
   * optbench's commit.
   *
   * @param code the folder of optbench's jar or classes (e.g. {@code target})
   * @return the commit, with {@code +uncommitted-changes} if tracked files differ from it;
   *     {@code unknown} if {@code code} is not inside a git checkout of optbench (one with
   *     {@code src/main/java/org/optbench}), e.g. a jar copied elsewhere, or git is missing
   */
  static String gitCommit(Path code) {
    if (code == null) {
      return "unknown";
    }
    List<String> head = git(code, "rev-parse", "--show-toplevel", "HEAD");
    if (head == null || head.size() != 2
        || !Files.isDirectory(Path.of(head.get(0), "src", "main", "java", "org", "optbench"))) {
      return "unknown";
    }
    List<String> changed = git(code, "status", "--porcelain", "--untracked-files=no");
    return changed == null || changed.isEmpty() ? head.get(1)
        : head.get(1) + "+uncommitted-changes";
  }

  /** @return the non-blank lines git printed, or null if it failed */
  private static List<String> git(Path dir, String... args) {
    List<String> command = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
    command.addAll(List.of(args));
    try {
      return ShortCommand.output(command.toArray(String[]::new)).lines()
          .filter(l -> !l.isBlank()).toList();
    } catch (IOException e) {
      return null;
    }
  }
}
