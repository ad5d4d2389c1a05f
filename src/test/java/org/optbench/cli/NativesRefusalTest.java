package org.optbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.platform.CpuFlags;

/** A CPU that cannot run the bundled natives is refused with one line, before ND4J loads. */
class NativesRefusalTest {
  @TempDir
  Path dir;

  @AfterEach
  void restore() {
    System.clearProperty(CpuFlags.CPUINFO_PROPERTY);
  }

  @Test
  void runOnACpuWithoutAvx2StopsWithTheBuildToUseAndWritesNothing() throws IOException {
    Path cpuinfo = Files.writeString(dir.resolve("cpuinfo"),
        "processor\t: 0\nflags\t\t: fpu sse sse2 ssse3 sse4_1 sse4_2 avx\n");
    System.setProperty(CpuFlags.CPUINFO_PROPERTY, cpuinfo.toString());
    Path config = Files.writeString(dir.resolve("c.yaml"),
        "name: old-cpu\nproblems: [{id: saddle, steps: 2, optimizers: [{name: sgd}]}]\n");
    Path results = dir.resolve("results");

    CliRun run = CliRun.of("run", config.toString(), "--results", results.toString());

    assertEquals(2, run.exitCode());
    assertEquals("error: this CPU cannot run the ND4J natives in this build"
        + " (linux-x86_64-onednn-avx2 needs avx2, fma, which it lacks); rebuild for this CPU"
        + " with: mvn -q package -DskipTests -Dnd4j.classifier=linux-x86_64-onednn\n",
        run.err());
    assertEquals("", run.out());
    assertFalse(Files.exists(results));
    // Commands that do not start ND4J are not refused.
    assertEquals(0, CliRun.of("list").exitCode());
    assertEquals(0, CliRun.of("run", "--help").exitCode());
  }
}
