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
  void deviationsNameEachSettingThatDiffers() {
    assertEquals(List.of(), CAllocator.deviations(CAllocator.SETTINGS));
    assertEquals(List.of("MALLOC_ARENA_MAX=4 (optbench sets 1)",
        "MALLOC_TRIM_THRESHOLD_=unset (optbench sets 1099511627776)"),
        CAllocator.deviations(Map.of("MALLOC_ARENA_MAX", "4", "MALLOC_MMAP_MAX_", "0")));
  }

  @Test
  void theDescriptionSaysWhatIsMissingAndHowToGetIt() {
    // The tests run on Linux, as the build's natives do.
    assertEquals("optbench's (MALLOC_ARENA_MAX=1, MALLOC_MMAP_MAX_=0,"
        + " MALLOC_TRIM_THRESHOLD_=1099511627776)", CAllocator.describe(CAllocator.SETTINGS));
    assertEquals("not optbench's: MALLOC_ARENA_MAX=unset (optbench sets 1), MALLOC_MMAP_MAX_=unset"
        + " (optbench sets 0), MALLOC_TRIM_THRESHOLD_=unset (optbench sets 1099511627776);"
        + " training steps may fault in fresh memory and run slower; start with ./optbench,"
        + " which exports them", CAllocator.describe(Map.of()));
  }
}
