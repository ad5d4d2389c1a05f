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
 * optbench's C allocator settings keep training steps from faulting in fresh memory. Without them
 * a 2c2d step at batch 128 maps and unmaps libnd4j's 48 and 96 MiB working blocks and faults in
 * 12.25 MiB (3,136 pages) one to three times per step, in stretches of steps. With them most
 * steps fault in nothing once the process is warm; a few still fault in one such block while the
 * heap grows inside libnd4j's convolution ops (seen in 5 of 5 runs here: the median step faulted
 * in 0 pages in every run). Counted in page faults, so the machine's load does not matter.
 */
class CAllocatorFaultsTest {
  private static final int STEPS = 30;
  private static final int WARM_UP = 10;
  /** Far below one re-faulted 12.25 MiB block (3,136 pages); a few pages of Java-side growth. */
  private static final long MAX_MEDIAN_PAGES = 64;

  @Test
  void theMedianTwoConvTwoDenseStepFaultsInNothingOnceWarm() throws IOException,
      InterruptedException {
    List<String> out = probe(STEPS, true);
    List<long[]> faults = out.stream().filter(l -> l.startsWith("faults "))
        .map(l -> new long[] {Long.parseLong(l.split(" ")[1]), Long.parseLong(l.split(" ")[2])})
        .toList();
    assertEquals(STEPS, faults.size(), String.join("\n", out));
    long[] pages = faults.subList(WARM_UP, STEPS).stream().mapToLong(step -> step[1]).sorted()
        .toArray();
    long median = pages[pages.length / 2];
    assertTrue(median <= MAX_MEDIAN_PAGES, "the median step after " + WARM_UP + " faulted in "
        + median + " pages (more than " + MAX_MEDIAN_PAGES + "):\n" + String.join("\n", out));
  }

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
