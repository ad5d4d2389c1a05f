package org.optbench.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.optbench.platform.CAllocator;

/**
 * optbench's C allocator settings change where native memory comes from, never what is computed:
 * 2c2d training steps give the same parameters, bit for bit, with and without them. (What they
 * change, the pages a step faults in, is measured, not asserted: it varies from run to run
 * without them, see docs/PERFORMANCE.md; {@link StepFaultsProbe} prints it.)
 */
class CAllocatorBitsTest {
  /** Where memory comes from does not change what is computed. */
  @Test
  void theTrainedParametersAreTheSameBitsWithAndWithoutTheSettings() throws IOException,
      InterruptedException {
    String with = paramsLine(probe(5, true));
    assertEquals(with, paramsLine(probe(5, false)));
  }

  private static String paramsLine(List<String> out) {
    return out.stream().filter(l -> l.startsWith("params ")).findFirst()
        .orElseThrow(() -> new AssertionError("no params line:\n" + String.join("\n", out)));
  }

  /**
   * @param steps training steps
   * @param settings whether the child gets optbench's settings as {@link CAllocator#addTo} gives
   *     them (else none of them, whatever this JVM inherited)
   * @return the probe's output lines
   */
  private static List<String> probe(int steps, boolean settings) throws IOException,
      InterruptedException {
    assumeTrue(Files.exists(Path.of("/proc/thread-self/stat")), "needs Linux's /proc");
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder builder = new ProcessBuilder(java, "-Xmx2g", "-cp",
        System.getProperty("java.class.path"), StepFaultsProbe.class.getName(),
        Integer.toString(steps)).redirectErrorStream(true);
    builder.environment().put("OMP_NUM_THREADS", "1");
    CAllocator.SETTINGS.keySet().forEach(builder.environment()::remove);
    if (settings) {
      CAllocator.addTo(builder.environment());
    }
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(5, TimeUnit.MINUTES), "the probe did not finish");
    assertEquals(0, process.exitValue(), out);
    return out.lines().toList();
  }
}
