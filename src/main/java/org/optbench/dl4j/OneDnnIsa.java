package org.optbench.dl4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
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
 * Java binding exposes. So it is derived here as oneDNN derives it: the best of the ISAs it
 * reports that the CPU flags in {@code /proc/cpuinfo} allow and the feature mask of
 * {@code DNNL_MAX_CPU_ISA}, if set, contains (oneDNN 2.3 honours that variable; measured). A test
 * compares the result with oneDNN's own log, uncapped and under caps off the main line.
 */
final class OneDnnIsa {
  /** The environment variable oneDNN 2.3 reads to cap its ISA. */
  static final String CAP_VARIABLE = "DNNL_MAX_CPU_ISA";

  /**
   * oneDNN 2.3's x86 ISAs ({@code cpu_isa_t} in its {@code cpu_isa_traits.hpp}), each a bit mask
   * over its features, with the CPU flags (as Linux names them) its {@code mayiuse} checks. A
   * cap is such a mask; oneDNN may use an ISA if the cap's mask contains the ISA's and the CPU has
   * its flags, and it reports the first ISA of {@link #REPORTED} it may use. The masks are not a
   * chain: {@code AVX512_MIC} (Xeon Phi) contains {@code avx512_common} but not
   * {@code avx512_core}, so that cap leaves an AVX-512 CPU at {@code avx512_common}.
   */
  private enum Level {
    SSE41(0, Set.of(), "sse4_1"),
    AVX(1, Set.of(SSE41), "avx"),
    AVX2(2, Set.of(AVX), "avx2"),
    AVX_VNNI(12, Set.of(AVX), "avx_vnni"),
    AVX2_VNNI(-1, Set.of(AVX_VNNI, AVX2)),
    AVX512_COMMON(3, Set.of(AVX2), "avx512f"),
    AVX512_MIC(4, Set.of(AVX512_COMMON), "avx512f", "avx512cd", "avx512er", "avx512pf"),
    AVX512_MIC_4OPS(5, Set.of(AVX512_MIC), "avx512_4fmaps", "avx512_4vnniw"),
    AVX512_CORE(6, Set.of(AVX512_COMMON), "avx512f", "avx512bw", "avx512vl", "avx512dq"),
    AVX512_CORE_VNNI(7, Set.of(AVX512_CORE), "avx512_vnni"),
    AVX512_CORE_BF16(8, Set.of(AVX512_CORE_VNNI), "avx512_bf16"),
    // AMX has three bits in oneDNN (tile, int8, bf16), always together here: one stands for them.
    AVX512_CORE_AMX(9, Set.of(AVX512_CORE_BF16), "amx_tile", "amx_int8", "amx_bf16");

    /** The features' bits, this ISA's own and those it includes. */
    private final int mask;
    /** The CPU flags oneDNN checks, this ISA's own and those of the ISAs it includes. */
    private final Set<String> flags;

    /** @param bit this ISA's own feature bit, or -1 for a combination of others */
    Level(int bit, Set<Level> includes, String... flags) {
      int m = bit < 0 ? 0 : 1 << bit;
      Set<String> f = new HashSet<>(List.of(flags));
      for (Level l : includes) {
        m |= l.mask;
        f.addAll(l.flags);
      }
      this.mask = m;
      this.flags = Set.copyOf(f);
    }

    /** @return whether oneDNN may use this ISA under a cap of mask {@code cap} on the CPU */
    boolean usable(int cap, Set<String> cpu) {
      return (cap & mask) == mask && cpu.containsAll(flags);
    }

    /** @return whether this ISA has every feature of {@code other} */
    boolean includes(Level other) {
      return (mask & other.mask) == other.mask;
    }

    /** @return the name optbench records, oneDNN's own in lower case */
    String recorded() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * The ISAs oneDNN 2.3 reports as its own, best first ({@code get_isa_info_t}); it never reports
   * {@code avx2_vnni}, and the AMX combinations below {@code avx512_core_amx} (one AMX type only)
   * and the YMM hint are left out here.
   */
  private static final List<Level> REPORTED = List.of(Level.AVX512_CORE_AMX,
      Level.AVX512_CORE_BF16, Level.AVX512_CORE_VNNI, Level.AVX512_CORE, Level.AVX512_MIC_4OPS,
      Level.AVX512_MIC, Level.AVX512_COMMON, Level.AVX2, Level.AVX, Level.SSE41);

  /** The values of {@code DNNL_MAX_CPU_ISA} oneDNN 2.3 reads, spelt as it compares them. */
  private static final List<Level> CAPS = List.of(Level.SSE41, Level.AVX, Level.AVX2,
      Level.AVX2_VNNI, Level.AVX512_MIC, Level.AVX512_MIC_4OPS, Level.AVX512_CORE,
      Level.AVX512_CORE_VNNI, Level.AVX512_CORE_BF16, Level.AVX512_CORE_AMX);

  /** The cap {@code ALL}: every feature. */
  private static final int ALL = ~0;

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
    Level level = effective(flags, capMask(cap));
    return level == null ? "none (the CPU lacks SSE4.1)" : level.recorded();
  }

  /** @return the ISA oneDNN reports under a cap of that mask, or null if none is usable */
  private static Level effective(Set<String> flags, int cap) {
    return REPORTED.stream().filter(l -> l.usable(cap, flags)).findFirst().orElse(null);
  }

  /** @return the mask of a cap as oneDNN reads it: {@link #ALL} when unset or not understood */
  private static int capMask(String cap) {
    Level limit = limit(cap);
    return limit == null ? ALL : limit.mask;
  }

  /**
   * @param level a recorded level, e.g. {@code avx2}
   * @return how to start a JVM whose oneDNN runs at that level, e.g. {@code start with
   *     DNNL_MAX_CPU_ISA=AVX2 on a CPU at oneDNN level avx2 or above}; with the variable unset
   *     when it is this machine's own level
   */
  static String howToReach(String level) {
    String own = cpuFlagsOfThisMachine().map(f -> of(f, null)).orElse(null);
    // No cap is named avx512_common; AVX512_MIC's mask stops there on a CPU without Xeon Phi's.
    boolean common = level.equals(Level.AVX512_COMMON.recorded());
    String cap = common ? Level.AVX512_MIC.name() : level.toUpperCase(Locale.ROOT);
    if (level.equals(own)) {
      return "start with " + CAP_VARIABLE + " unset on this CPU (or " + CAP_VARIABLE + "=" + cap
          + ")";
    }
    return "start with " + CAP_VARIABLE + "=" + cap + (common
        ? " on an AVX-512 CPU other than a Xeon Phi" : " on a CPU at oneDNN level " + level
            + " or above");
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
    if (limit(cap) == null) {
      // oneDNN 2.3 compares the value with its upper-case names as they are: measured, a run
      // with "avx2" gave the uncapped bits.
      return "; " + CAP_VARIABLE + "=" + cap + " has no effect: oneDNN 2.3 reads only ALL or "
          + CAPS.stream().map(Level::name).collect(Collectors.joining(", "));
    }
    return effective(flags, capMask(cap)) != effective(flags, ALL)
        ? ", capped by " + CAP_VARIABLE + "=" + cap : "";
  }

  /**
   * Whether oneDNN 2.3 has a JIT kernel for max pooling of NCHW arrays (the layout ND4J hands it)
   * at this level. From oneDNN's log ({@code DNNL_VERBOSE=1}) with {@code DNNL_MAX_CPU_ISA} set:
   * {@code jit:avx512_core} at {@code AVX512_CORE} and uncapped on an AVX-512 CPU, its reference
   * code {@code simple_nchw} at {@code AVX2}, {@code AVX}, {@code SSE41} and under
   * {@code AVX512_MIC} ({@code avx512_common} on such a CPU), 4–16 times slower
   * (docs/PERFORMANCE.md); the Xeon Phi levels are taken to be like {@code avx512_common}. An
   * unknown level is given oneDNN, DL4J's default.
   *
   * @param level a value of {@link #ofThisMachine()}
   * @return false for the levels that do not include {@code avx512_core}, true otherwise
   */
  static boolean poolsNchwInJit(String level) {
    return Arrays.stream(Level.values()).filter(l -> l.recorded().equals(level)).findFirst()
        .map(l -> l.includes(Level.AVX512_CORE)).orElse(true);
  }

  /** How optbench before the level-only record wrote a cap: the level, then the variable. */
  private static final Pattern EARLIER_CAPPED =
      Pattern.compile("(\\S+) \\(capped by " + CAP_VARIABLE + "=(.*)\\)");
  /** How it wrote a value it did not know (oneDNN ignores those): the CPU's level first. */
  private static final Pattern EARLIER_NOT_UNDERSTOOD =
      Pattern.compile("(\\S+) \\(" + CAP_VARIABLE + "=(.*) not understood here\\)");

  /**
   * @param recorded a manifest's {@code oneDnnIsa}, possibly in the form of an earlier version,
   *     which appended the cap to the level, e.g. {@code avx2 (capped by DNNL_MAX_CPU_ISA=AVX2)}
   * @return the level the trials ran at, as this version records it; {@link #UNKNOWN_EARLIER} and
   *     the recorded label if that cannot be known: the earlier version recorded a lower-case cap
   *     as effective, but oneDNN 2.3 ignores it, so those trials ran at the CPU's own level; and
   *     it called caps such as AVX2_VNNI "not understood", which oneDNN 2.3 does read
   */
  static String asRecordedToday(String recorded) {
    Matcher capped = EARLIER_CAPPED.matcher(recorded);
    if (capped.matches()) {
      return limit(capped.group(2)) != null ? capped.group(1)
          : UNKNOWN_EARLIER + "recorded as '" + recorded + "', a value oneDNN 2.3 does not read";
    }
    Matcher ignored = EARLIER_NOT_UNDERSTOOD.matcher(recorded);
    if (!ignored.matches()) {
      return recorded;
    }
    // That version knew fewer caps than oneDNN reads (AVX2_VNNI, AVX512_MIC): under one of
    // those, oneDNN ran at a level the record does not tell.
    return limit(ignored.group(2)) == null ? ignored.group(1) : UNKNOWN_EARLIER + "recorded as '"
        + recorded + "', under a cap oneDNN 2.3 reads";
  }

  /** The start of a level that an earlier version's record does not tell. */
  static final String UNKNOWN_EARLIER = "unknown, ";

  /** @return the level a cap names exactly as oneDNN spells it, or null */
  private static Level limit(String cap) {
    return cap == null ? null : CAPS.stream().filter(l -> l.name().equals(cap))
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
