package org.optbench.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The allocator settings given to child JVMs, and how a process's settings are described. */
class CAllocatorTest {
  @Test
  void theSettingsAreOneArenaNoMappingsNoTrimming() {
    assertEquals(Map.of("MALLOC_ARENA_MAX", "1", "MALLOC_MMAP_MAX_", "0",
        "MALLOC_TRIM_THRESHOLD_", "1099511627776"), CAllocator.SETTINGS);
  }

  @Test
  void aChildGetsTheMissingSettingsAndKeepsTheUsersOwn() {
    Map<String, String> env = new HashMap<>(Map.of("MALLOC_ARENA_MAX", "4", "PATH", "/bin"));
    CAllocator.addTo(env);
    assertEquals(Map.of("MALLOC_ARENA_MAX", "4", "PATH", "/bin", "MALLOC_MMAP_MAX_", "0",
        "MALLOC_TRIM_THRESHOLD_", "1099511627776"), env);
  }

  @Test
  void deviationsNameEachSettingThatDiffersAndWhy() {
    assertEquals(List.of(), CAllocator.deviations(CAllocator.SETTINGS));
    assertEquals(List.of("MALLOC_ARENA_MAX=4 set by you (optbench's: 1)",
        "MALLOC_TRIM_THRESHOLD_ unset (optbench's: 1099511627776)"),
        CAllocator.deviations(Map.of("MALLOC_ARENA_MAX", "4", "MALLOC_MMAP_MAX_", "0")));
  }

  /** glibc lets GLIBC_TUNABLES win over the MALLOC_* variables. */
  @Test
  void aTunableOverridesTheVariable() {
    Map<String, String> env = new HashMap<>(CAllocator.SETTINGS);
    env.put("GLIBC_TUNABLES", "glibc.malloc.mmap_max=100:glibc.malloc.arena_max=1");
    assertEquals(List.of("GLIBC_TUNABLES glibc.malloc.mmap_max=100 overrides MALLOC_MMAP_MAX_"
        + " (optbench's: 0)"), CAllocator.deviations(env));
    // A tunable equal to optbench's value stands in for the variable.
    assertEquals(List.of(), CAllocator.deviations(Map.of("GLIBC_TUNABLES",
        "glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold="
        + "1099511627776")));
  }

  @Test
  void theDescriptionSaysWhatIsMissingAndHowToGetIt() {
    // The tests run on Linux, as the build's natives do.
    assertEquals("optbench's (MALLOC_ARENA_MAX=1, MALLOC_MMAP_MAX_=0,"
        + " MALLOC_TRIM_THRESHOLD_=1099511627776)", CAllocator.describe(CAllocator.SETTINGS));
    assertEquals("not optbench's: MALLOC_ARENA_MAX unset (optbench's: 1), MALLOC_MMAP_MAX_ unset"
        + " (optbench's: 0), MALLOC_TRIM_THRESHOLD_ unset (optbench's: 1099511627776); training"
        + " steps may fault in fresh memory and run slower (./optbench exports the unset ones)",
        CAllocator.describe(Map.of()));
    Map<String, String> own = new HashMap<>(CAllocator.SETTINGS);
    own.put("MALLOC_ARENA_MAX", "2");
    assertEquals("warning: C allocator (this JVM): not optbench's: MALLOC_ARENA_MAX=2 set by you"
        + " (optbench's: 1); training steps may fault in fresh memory and run slower (remove your"
        + " own values to get optbench's)", CAllocator.startLine(own, "this JVM"));
    assertEquals("C allocator (each trial's JVM): optbench's (MALLOC_ARENA_MAX=1,"
        + " MALLOC_MMAP_MAX_=0, MALLOC_TRIM_THRESHOLD_=1099511627776)",
        CAllocator.startLine(CAllocator.SETTINGS, "each trial's JVM"));
  }
}
