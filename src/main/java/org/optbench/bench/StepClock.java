package org.optbench.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongConsumer;
import org.optbench.experiment.TrialSpec;
import org.optbench.result.TrialResult;
import org.optbench.run.TrialRunner;

/**
 * Wraps a trial runner and notes the time at which each optimizer step ends (wall clock and the
 * training thread's CPU time), from the progress calls the training loop makes after every step.
 * The time from the end of the first step to the end of the last covers everything the loop does
 * per step (batch gathering, {@code fit}, curve row, progress) but neither set-up, the
 * evaluations before the first and after the last step, nor the first step's warm-up.
 */
final class StepClock implements TrialRunner {
  private final TrialRunner inner;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private long[] ends = new long[0];
  private long[] cpu = new long[0];
  private int count;

  StepClock(TrialRunner inner) {
    this.inner = inner;
  }

  @Override
  public TrialResult run(TrialSpec spec, Path trialDir, LongConsumer progress) {
    ends = new long[(int) spec.totalSteps()];
    cpu = new long[ends.length];
    count = 0;
    return inner.run(spec, trialDir, n -> {
      // One call per step from a fresh start; a resumed trial first reports its steps at once.
      long now = System.nanoTime();
      long used = cpuNanos();
      for (long i = 0; i < n && count < ends.length; i++) {
        cpu[count] = used;
        ends[count++] = now;
      }
      progress.accept(n);
    });
  }

  /** @return the step end times of the last run (ns) */
  long[] ends() {
    return Arrays.copyOf(ends, count);
  }

  /** @return the training thread's CPU time at each step end of the last run (ns) */
  long[] cpuEnds() {
    return Arrays.copyOf(cpu, count);
  }

  /**
   * CPU time of the calling thread. With one native thread, ND4J and BLAS compute on the thread
   * that calls them, so this counts a step's work but not the time other processes took the core.
   *
   * @return nanoseconds
   */
  static long cpuNanos() {
    return THREADS.getCurrentThreadCpuTime();
  }

  /**
   * @param ends end time of every step (ns), at least two
   * @return seconds from the end of the first step to the end of the last
   */
  static double seconds(long[] ends) {
    check(ends);
    return (ends[ends.length - 1] - ends[0]) / 1e9;
  }

  /**
   * The median time of steps 2..N: unlike the total, it is not moved by a few steps that another
   * process on the machine delayed, but it also misses costs that come every k steps.
   *
   * @param ends end time of every step (ns), at least two
   * @return the median step time (seconds)
   */
  static double medianStep(long[] ends) {
    check(ends);
    List<Double> steps = new ArrayList<>();
    for (int i = 1; i < ends.length; i++) {
      steps.add((ends[i] - ends[i - 1]) / 1e9);
    }
    return Spread.of(steps).median();
  }

  private static void check(long[] ends) {
    if (ends.length < 2) {
      throw new IllegalStateException("fewer than two steps were timed");
    }
  }
}
