package org.optbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessMemoryTest {
  @TempDir
  Path dir;

  @Test
  void readsTheHighWaterMarkInKibibytes() throws Exception {
    Path status = Files.writeString(dir.resolve("status"),
        "Name:\tjava\nVmPeak:\t 9000000 kB\nVmHWM:\t  307200 kB\nVmRSS:\t  200000 kB\n");
    assertEquals(OptionalLong.of(307200L * 1024), ProcessMemory.peakResidentBytes(status));
  }

  @Test
  void isEmptyWithoutTheLineOrTheFile() throws Exception {
    Path status = Files.writeString(dir.resolve("status"), "Name:\tjava\nVmRSS:\t 1 kB\n");
    assertEquals(OptionalLong.empty(), ProcessMemory.peakResidentBytes(status));
    assertEquals(OptionalLong.empty(), ProcessMemory.peakResidentBytes(dir.resolve("missing")));
  }

  @Test
  void summaryLineSaysMibOrUnknown() {
    assertTrue(RunSummary.peakLine(OptionalLong.of(300L << 20), 219L << 20)
        .startsWith("peak resident memory of this process: 300 MiB (Java heap, the data sets"
            + " (219 MiB as arrays), loaded once"));
    assertTrue(RunSummary.peakLine(OptionalLong.empty(), 0)
        .startsWith("peak resident memory of this process: unknown on this system (Java heap,"
            + " the data sets, loaded once"));
  }
}
