package org.optbench.dl4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
   *     {@code avx512_core_bf16}, after {@code DNNL_MAX_CPU_ISA}; {@code unknown} if the CPU flags
   *     cannot be read. Only the level: how it was found is {@link #sourceOnThisMachine()}, so
   *     two runs on the same kernels record the same value however the cap was spelt.
   */
  static String ofThisMachine() {
    return cpuFlagsOfThisMachine().map(f -> of(f, System.getenv(CAP_VARIABLE)))
        .orElse("unknown");
  }

  /** @return how {@link #ofThisMachine()} was found, for the manifest and the start-up line */
  static String sourceOnThisMachine() {
    return "the CPU flags" + capNote(System.getenv(CAP_VARIABLE),
        cpuFlagsOfThisMachine().orElse(Set.of()));
  }

  private static Optional<Set<String>> cpuFlagsOfThisMachine() {
    return ThisMachine.FLAGS;
  }

  /** The CPU's flags, read from {@code /proc/cpuinfo} once, when first asked for. */
  private static final class ThisMachine {
    static final Optional<Set<String>> FLAGS = read();

    private static Optional<Set<String>> read() {
      try {
        return Optional.of(cpuFlags(Files.readAllLines(Path.of("/proc/cpuinfo"))));
      } catch (IOException | RuntimeException e) {
        return Optional.empty();
      }
    }
  }

  /**
   * @param flags the CPU flags, as in {@code /proc/cpuinfo}
   * @param cap the value of {@code DNNL_MAX_CPU_ISA}, or null
   * @return the ISA level oneDNN uses (see {@link #ofThisMachine()})
   */
  static String of(Set<String> flags, String cap) {
    Level top = top(flags);
    if (top == null) {
      return "none (the CPU lacks SSE4.1)";
    }
    Level limit = limit(cap);
    return (limit != null && limit.compareTo(top) < 0 ? limit : top).name()
        .toLowerCase(Locale.ROOT);
  }

  /**
   * @param cap the value of {@code DNNL_MAX_CPU_ISA}, or null
   * @param flags the CPU flags
   * @return what the cap did, to follow "the CPU flags": nothing if unset or not lowering the
   *     level, else {@code ", capped by DNNL_MAX_CPU_ISA=AVX2"}, or why a value has no effect
   */
  static String capNote(String cap, Set<String> flags) {
    if (cap == null || cap.equals("ALL")) {
      return "";
    }
    Level limit = limit(cap);
    if (limit == null) {
      // oneDNN 2.3 compares the value with its upper-case names as they are: measured, a run
      // with "avx2" gave the uncapped bits.
      return "; " + CAP_VARIABLE + "=" + cap + " has no effect: oneDNN 2.3 reads only ALL or "
          + Arrays.stream(Level.values()).map(Level::name).collect(Collectors.joining(", "));
    }
    Level top = top(flags);
    return top != null && limit.compareTo(top) < 0 ? ", capped by " + CAP_VARIABLE + "=" + cap
        : "";
  }

  /**
   * Whether oneDNN 2.3 has a JIT kernel for max pooling of NCHW arrays (the layout ND4J hands it)
   * at this level. From oneDNN's log ({@code DNNL_VERBOSE=1}) with {@code DNNL_MAX_CPU_ISA} set:
   * {@code jit:avx512_core} at {@code AVX512_CORE} and uncapped on an AVX-512 CPU, its reference
   * code {@code simple_nchw} at {@code AVX2} and {@code AVX}, 4–16 times slower
   * (docs/PERFORMANCE.md). Only ISA levels known to have it count: an unknown level is given
   * oneDNN, DL4J's default.
   *
   * @param level a value of {@link #ofThisMachine()}
   * @return false for the levels below {@code avx512_core}, true otherwise
   */
  static boolean poolsNchwInJit(String level) {
    return !BELOW_AVX512.contains(level);
  }

  /** The levels whose NCHW pooling is oneDNN 2.3's reference code, in recorded form. */
  private static final Set<String> BELOW_AVX512 = Arrays.stream(Level.values())
      .filter(l -> l.compareTo(Level.AVX512_CORE) < 0)
      .map(l -> l.name().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());

  /** How optbench before the level-only record wrote a cap: the level, then the variable. */
  private static final Pattern EARLIER_CAPPED =
      Pattern.compile("(\\S+) \\(capped by " + CAP_VARIABLE + "=(.*)\\)");
  /** How it wrote a value it did not know (oneDNN ignores those): the CPU's level first. */
  private static final Pattern EARLIER_NOT_UNDERSTOOD =
      Pattern.compile("(\\S+) \\(" + CAP_VARIABLE + "=.* not understood here\\)");

  /**
   * @param recorded a manifest's {@code oneDnnIsa}, possibly in the form of an earlier version,
   *     which appended the cap to the level, e.g. {@code avx2 (capped by DNNL_MAX_CPU_ISA=AVX2)}
   * @return the level the trials ran at, as this version records it; {@link #UNKNOWN_EARLIER} and
   *     the recorded label if that cannot be known: the earlier version recorded a lower-case cap
   *     as effective, but oneDNN 2.3 ignores it, so those trials ran at the CPU's own level
   */
  static String asRecordedToday(String recorded) {
    Matcher capped = EARLIER_CAPPED.matcher(recorded);
    if (capped.matches()) {
      return limit(capped.group(2)) != null ? capped.group(1)
          : UNKNOWN_EARLIER + "recorded as '" + recorded + "', a value oneDNN 2.3 does not read";
    }
    Matcher ignored = EARLIER_NOT_UNDERSTOOD.matcher(recorded);
    return ignored.matches() ? ignored.group(1) : recorded;
  }

  /** The start of a level that an earlier version's record does not tell. */
  static final String UNKNOWN_EARLIER = "unknown, ";

  /** @return the highest level the flags allow, or null below SSE4.1 */
  private static Level top(Set<String> flags) {
    Level top = null;
    for (Level level : Level.values()) {
      if (!flags.containsAll(level.flags)) {
        break;
      }
      top = level;
    }
    return top;
  }

  /** @return the level a cap names exactly as oneDNN spells it, or null */
  private static Level limit(String cap) {
    return cap == null ? null : Arrays.stream(Level.values()).filter(l -> l.name().equals(cap))
        .findFirst().orElse(null);
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
