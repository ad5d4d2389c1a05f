package org.optbench.platform;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The C allocator settings optbench's native code trains with, and whether this process has them.
 *
 * <p>ND4J's native library (libnd4j) and oneDNN take their working memory from the C library's
 * {@code malloc}, tens of MiB at a time, and free it again within the same training step: in a
 * 2c2d step at batch 128 the convolution ops behind DL4J's oneDNN helpers ask for blocks of 48 and
 * 96 MiB. With glibc's defaults a block above the mmap threshold (at most 32 MiB) is mapped and
 * unmapped at every request, a thread arena other than the main one is limited to 64 MiB heaps
 * that are created and deleted around such blocks, and free memory at the top of a heap is
 * returned to the kernel above a 128 KiB threshold. Each time, the next step touches fresh pages:
 * measured here, a 2c2d step through the harness faulted in 12.25 MiB (3,136 pages) one to three
 * times, in stretches of steps, at about 12 µs of CPU time a page on this virtual machine, and an mnist-mlp
 * step 113 pages. With the three settings below the process keeps its memory, and a warm step
 * faults in nothing in most steps (a few still fault in one block while the heap grows inside
 * the convolution ops); docs/PERFORMANCE.md has the measurements.
 *
 * <ul>
 *   <li>{@code MALLOC_ARENA_MAX=1}: every thread allocates from the main arena, which grows
 *       without the 64 MiB heap limit of the others;
 *   <li>{@code MALLOC_MMAP_MAX_=0}: no block is served by its own mapping;
 *   <li>{@code MALLOC_TRIM_THRESHOLD_=1 TiB}: freed memory is never returned to the kernel, so a
 *       process stays at its peak resident size (the peak itself is unchanged).
 * </ul>
 *
 * <p>glibc reads these variables once, when the process starts, so they cannot be set from Java
 * for the running JVM: the {@code ./optbench} launcher exports them, and every JVM optbench starts
 * itself (isolated trials, {@code reproduce} and {@code bench} children, Spark executors) gets
 * them through {@link #addTo}. A value the user set wins. They change where memory comes from,
 * never what is computed: results are bit-identical with and without them (tested). Other C
 * libraries ignore the variables.
 */
public final class CAllocator {
  /** The settings, in the order they are described. */
  public static final Map<String, String> SETTINGS;

  static {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("MALLOC_ARENA_MAX", "1");
    settings.put("MALLOC_MMAP_MAX_", "0");
    settings.put("MALLOC_TRIM_THRESHOLD_", Long.toString(1L << 40));
    SETTINGS = Collections.unmodifiableMap(settings);
  }

  private CAllocator() {}

  /**
   * Adds the settings to a child process's environment, keeping any value already there (the
   * user's own choice, inherited from this process).
   *
   * @param environment a {@link ProcessBuilder#environment()} or a Spark executor's environment;
   *     modified in place
   */
  public static void addTo(Map<String, String> environment) {
    SETTINGS.forEach(environment::putIfAbsent);
  }

  /**
   * glibc's tunables for the same settings: a {@code GLIBC_TUNABLES} entry overrides the
   * {@code MALLOC_*} variable (glibc 2.26 and later).
   */
  private static final Map<String, String> TUNABLES = Map.of(
      "MALLOC_ARENA_MAX", "glibc.malloc.arena_max",
      "MALLOC_MMAP_MAX_", "glibc.malloc.mmap_max",
      "MALLOC_TRIM_THRESHOLD_", "glibc.malloc.trim_threshold");

  /** A setting not in effect: what stands instead, and whether it is merely unset. */
  private record Deviation(String text, boolean unset) {}

  /**
   * @param environment the variables to judge, e.g. {@link System#getenv()}
   * @return each setting that is not optbench's, with why: unset, set to another value, or
   *     overridden by a {@code GLIBC_TUNABLES} entry; empty when all are in effect
   */
  public static List<String> deviations(Map<String, String> environment) {
    return find(environment).stream().map(Deviation::text).toList();
  }

  private static List<Deviation> find(Map<String, String> environment) {
    Map<String, String> tunables = tunables(environment.get("GLIBC_TUNABLES"));
    List<Deviation> found = new ArrayList<>();
    SETTINGS.forEach((name, wanted) -> {
      String tunable = tunables.get(TUNABLES.get(name));
      String actual = environment.get(name);
      String optbenchs = " (optbench's: " + wanted + ")";
      if (tunable != null) {
        // glibc lets the tunable win over the variable, whatever the variable says.
        if (!tunable.equals(wanted)) {
          found.add(new Deviation("GLIBC_TUNABLES " + TUNABLES.get(name) + "=" + tunable
              + " overrides " + name + optbenchs, false));
        }
      } else if (actual == null) {
        found.add(new Deviation(name + " unset" + optbenchs, true));
      } else if (!actual.equals(wanted)) {
        found.add(new Deviation(name + "=" + actual + " set by you" + optbenchs, false));
      }
    });
    return found;
  }

  /**
   * @param environment the variables to judge, e.g. {@link System#getenv()}
   * @return for the manifest: "optbench's" with the settings, or which of them differ and how to
   *     get them (on Linux; elsewhere that the settings do not apply)
   */
  public static String describe(Map<String, String> environment) {
    return describe(find(environment));
  }

  private static String describe(List<Deviation> found) {
    if (!onLinux()) {
      return "the system's (the MALLOC_* settings are glibc's, for Linux)";
    }
    if (found.isEmpty()) {
      return "optbench's (" + String.join(", ", settingsList()) + ")";
    }
    List<String> advice = new ArrayList<>();
    if (found.stream().anyMatch(Deviation::unset)) {
      advice.add("./optbench exports the unset ones");
    }
    if (found.stream().anyMatch(d -> !d.unset())) {
      advice.add("remove your own values to get optbench's");
    }
    return "not optbench's: " + String.join(", ", found.stream().map(Deviation::text).toList())
        + "; training steps may fault in fresh memory and run slower ("
        + String.join("; ", advice) + ")";
  }

  /**
   * @param environment the environment the trials train in
   * @param where where that is, e.g. "this JVM" or "each trial's JVM"
   * @return the start-up line: "C allocator (where): ...", as a warning when the settings are
   *     not in effect
   */
  public static String startLine(Map<String, String> environment, String where) {
    List<Deviation> found = find(environment);
    String line = "C allocator (" + where + "): " + describe(found);
    return onLinux() && !found.isEmpty() ? "warning: " + line : line;
  }

  private static boolean onLinux() {
    return System.getProperty("os.name", "").startsWith("Linux");
  }

  /** @return {@code GLIBC_TUNABLES}' entries ({@code name=value:name=value}), by name */
  private static Map<String, String> tunables(String value) {
    Map<String, String> map = new LinkedHashMap<>();
    if (value != null) {
      for (String entry : value.split(":")) {
        int eq = entry.indexOf('=');
        if (eq > 0) {
          map.put(entry.substring(0, eq), entry.substring(eq + 1));
        }
      }
    }
    return map;
  }

  private static List<String> settingsList() {
    List<String> list = new ArrayList<>();
    SETTINGS.forEach((name, value) -> list.add(name + "=" + value));
    return list;
  }
}
