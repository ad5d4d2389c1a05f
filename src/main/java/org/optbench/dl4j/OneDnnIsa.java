package org.optbench.dl4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The instruction set oneDNN's kernels use, which changes the bits of convolution results just as
 * the natives build does (an {@code -onednn-avx2} build picks AVX-512 kernels at run time on an
 * AVX-512 CPU).
 *
 * <p>oneDNN 2.3, bundled with ND4J 1.0.0-M2.1, reports its effective ISA only through its verbose
 * log ({@code DNNL_VERBOSE=1}, read when the process starts) and through a C function that no
 * Java binding exposes. So it is derived here as oneDNN derives it: the highest of its ISA levels
 * that the CPU flags in {@code /proc/cpuinfo} allow, capped by {@code DNNL_MAX_CPU_ISA} if set
 * (oneDNN 2.3 honours that variable; measured). A test compares the result with oneDNN's own log.
 */
final class OneDnnIsa {
  /** The environment variable oneDNN 2.3 reads to cap its ISA. */
  static final String CAP_VARIABLE = "DNNL_MAX_CPU_ISA";

  /**
   * oneDNN 2.3's x86 ISA levels, lowest first, each with the CPU flags (as Linux names them) it
   * needs in addition to the levels below it.
   */
  private enum Level {
    SSE41("sse4_1"),
    AVX("avx"),
    AVX2("avx2"),
    AVX512_CORE("avx512f", "avx512cd", "avx512bw", "avx512vl", "avx512dq"),
    AVX512_CORE_VNNI("avx512_vnni"),
    AVX512_CORE_BF16("avx512_bf16"),
    AVX512_CORE_AMX("amx_tile", "amx_int8", "amx_bf16");

    private final List<String> flags;

    Level(String... flags) {
      this.flags = List.of(flags);
    }
  }

  private OneDnnIsa() {}

  /**
   * @return oneDNN's ISA level for this CPU in oneDNN's lower-case names, e.g.
   *     {@code avx512_core_bf16}, with {@code " (capped by DNNL_MAX_CPU_ISA=...)"} when the
   *     variable lowers it; {@code unknown} if the CPU flags cannot be read
   */
  static String ofThisMachine() {
    Set<String> flags;
    try {
      flags = cpuFlags(Files.readAllLines(Path.of("/proc/cpuinfo")));
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
    return of(flags, System.getenv(CAP_VARIABLE));
  }

  /**
   * @param flags the CPU flags, as in {@code /proc/cpuinfo}
   * @param cap the value of {@code DNNL_MAX_CPU_ISA}, or null
   * @return the ISA level oneDNN uses (see {@link #ofThisMachine()})
   */
  static String of(Set<String> flags, String cap) {
    Level top = null;
    for (Level level : Level.values()) {
      if (!flags.containsAll(level.flags)) {
        break;
      }
      top = level;
    }
    if (top == null) {
      return "none (the CPU lacks SSE4.1)";
    }
    String name = top.name().toLowerCase(Locale.ROOT);
    if (cap == null || cap.isBlank() || cap.equalsIgnoreCase("ALL")) {
      return name;
    }
    Level limit = Arrays.stream(Level.values()).filter(l -> l.name().equalsIgnoreCase(cap.trim()))
        .findFirst().orElse(null);
    if (limit == null) {
      return name + " (" + CAP_VARIABLE + "=" + cap + " not understood here)";
    }
    return limit.compareTo(top) < 0
        ? limit.name().toLowerCase(Locale.ROOT) + " (capped by " + CAP_VARIABLE + "=" + cap + ")"
        : name;
  }

  /**
   * @param cpuinfo the lines of {@code /proc/cpuinfo}
   * @return the flags of its first processor
   */
  static Set<String> cpuFlags(List<String> cpuinfo) {
    return cpuinfo.stream().filter(l -> l.startsWith("flags")).findFirst()
        .map(l -> Arrays.stream(l.substring(l.indexOf(':') + 1).trim().split("\\s+"))
            .collect(Collectors.toSet()))
        .orElse(Set.of());
  }
}
