package org.optbench.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.optbench.ShortCommand;

/**
 * The CPU's instruction-set flags, in Linux's lower-case spelling ({@code avx2}, {@code fma},
 * {@code avx512f}, ...), read without loading any native code: {@code /proc/cpuinfo} on Linux,
 * {@code sysctl machdep.cpu} on an Intel Mac. Elsewhere (Windows, Apple silicon) they are
 * unknown and callers must not refuse anything on their account.
 */
public final class CpuFlags {
  /**
   * System property naming another file to read as {@code /proc/cpuinfo}: how the refusal of an
   * unsuitable CPU is tested on a machine that has every flag.
   */
  public static final String CPUINFO_PROPERTY = "optbench.cpuinfo";

  private CpuFlags() {}

  /** @return this machine's flags, or empty when they cannot be read here */
  public static Optional<Set<String>> ofThisMachine() {
    try {
      Path cpuinfo = Path.of(System.getProperty(CPUINFO_PROPERTY, "/proc/cpuinfo"));
      if (Files.isReadable(cpuinfo)) {
        return fromCpuinfo(Files.readAllLines(cpuinfo, StandardCharsets.ISO_8859_1));
      }
      String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
      String arch = System.getProperty("os.arch", "");
      if (os.startsWith("mac") && NativesBuild.javacppArch(arch).equals("x86_64")) {
        return Optional.of(fromSysctl(ShortCommand.output("sysctl", "-n", "machdep.cpu.features",
            "machdep.cpu.leaf7_features")));
      }
    } catch (IOException | RuntimeException e) {
      // Unknown flags only mean no check; the loader's own error remains as a last resort.
    }
    return Optional.empty();
  }

  /**
   * @param lines the lines of {@code /proc/cpuinfo}
   * @return the flags of its first {@code flags} line (x86), or empty when there is none (ARM
   *     lists {@code Features}, which no build here depends on)
   */
  static Optional<Set<String>> fromCpuinfo(List<String> lines) {
    for (String line : lines) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equals("flags")) {
        return Optional.of(new TreeSet<>(Arrays.asList(
            line.substring(colon + 1).trim().split("\\s+"))));
      }
    }
    return Optional.empty();
  }

  /**
   * @param output what {@code sysctl -n machdep.cpu.features machdep.cpu.leaf7_features} printed,
   *     upper case ({@code FMA AVX1.0 ...} then {@code AVX2 AVX512F ...})
   * @return the same flags in Linux's spelling ({@code AVX1.0} becomes {@code avx})
   */
  static Set<String> fromSysctl(String output) {
    Set<String> flags = new TreeSet<>();
    for (String token : output.trim().split("\\s+")) {
      if (!token.isEmpty()) {
        flags.add(token.equals("AVX1.0") ? "avx" : token.toLowerCase(Locale.ROOT));
      }
    }
    return flags;
  }
}
