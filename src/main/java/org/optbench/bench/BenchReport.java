package org.optbench.bench;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.optbench.stats.TInterval;

/**
 * The conclusions the bench command prints from its measurements: whether the harness overhead
 * meets its target, and which arrangement of trials and native threads is fastest.
 */
public final class BenchReport {
  /** Target of the harness overhead: harness time / bare DL4J time. */
  public static final double OVERHEAD_TARGET = 1.02;

  private BenchReport() {}

  /**
   * The verdict rests on the wall time when the machine is quiet enough for it, else on the CPU
   * time of the training thread: on a shared machine, other processes delay whole steps of one
   * run and not the other, which moves the wall-time ratio by more than the target allows.
   *
   * <p>With two or more pairs it rests on the 95 % t interval of the pairs' mean ratio: "met"
   * when the whole interval lies at or below the target, "NOT met" when it lies above, and "not
   * decided" when it contains the target (more pairs narrow it). One pair has no interval and is
   * never a verdict: "not decided".
   *
   * @param wall harness / bare wall time, one value per pair of runs
   * @param cpu harness / bare CPU time of the training thread, one value per pair
   * @param wallInterval the t interval of {@code wall}'s mean; null for one pair
   * @param cpuInterval the same for {@code cpu}
   * @return a line saying whether the overhead meets {@link #OVERHEAD_TARGET} and on which measure
   */
  public static String overheadVerdict(Spread wall, Spread cpu, TInterval wallInterval,
      TInterval cpuInterval) {
    // Quiet enough: the pairs agree with each other to within the target's own margin.
    boolean quiet = wall.max() - wall.min() <= OVERHEAD_TARGET - 1;
    Spread used = quiet ? wall : cpu;
    TInterval interval = quiet ? wallInterval : cpuInterval;
    String measure = quiet ? "wall time" : "CPU time; wall time too noisy here";
    String target = String.format(Locale.ROOT, "target <= %+.0f %%", 100 * (OVERHEAD_TARGET - 1));
    if (interval == null) {
      // One ratio is one draw of a drift of 10-30 %: it can suggest, never show, a 2 % target.
      return String.format(Locale.ROOT, "overhead %+.1f %% (%s, %d pair), %s: not decided (one"
          + " pair has no interval; --repeats 2 or more gives one)", 100 * (used.median() - 1),
          measure, used.count(), target);
    }
    String verdict = interval.high() <= OVERHEAD_TARGET ? "met"
        : interval.low() > OVERHEAD_TARGET ? "NOT met"
        : "not decided (the interval contains the target; more pairs with --repeats narrow it)";
    return String.format(Locale.ROOT, "overhead %+.1f %% (95 %% interval %+.1f to %+.1f %%; %s,"
        + " mean of %d pairs), %s: %s", 100 * (interval.mean() - 1), 100 * (interval.low() - 1),
        100 * (interval.high() - 1), measure, interval.n(), target, verdict);
  }

  /**
   * The arrangement with the highest throughput on this machine: several trials at once with one
   * native thread each, or one trial at a time with several native threads.
   *
   * @param sweeps sweep throughput by parallelism (the first is parallelism 1)
   * @param threads one trial's time by native threads (the first is 1 thread, the last the most
   *     threads), if measured
   * @return a line naming the arrangement and the speed-ups it rests on
   */
  public static String arrangement(List<Sweep.Result> sweeps,
      Optional<List<NativeThreads.Result>> threads) {
    Sweep.Result single = sweeps.get(0);
    Sweep.Result best = single;
    for (Sweep.Result r : sweeps) {
      if (r.trialsPerMinute().median() > best.trialsPerMinute().median()) {
        best = r;
      }
    }
    double parallelSpeedUp = best.trialsPerMinute().median() / single.trialsPerMinute().median();
    if (threads.isPresent() && threads.get().size() > 1) {
      NativeThreads.Result one = threads.get().get(0);
      NativeThreads.Result most = threads.get().get(threads.get().size() - 1);
      double threadSpeedUp = one.seconds().median() / most.seconds().median();
      if (threadSpeedUp > parallelSpeedUp) {
        return String.format(Locale.ROOT, "arrangement: 1 trial at a time with %d native threads"
            + " (speed-up %.2f, against %.2f from %d trials at once)", most.threads(),
            threadSpeedUp, parallelSpeedUp, best.parallelism());
      }
      return String.format(Locale.ROOT, "arrangement: %d trial(s) at once, 1 native thread each"
          + " (speed-up %.2f, against %.2f from %d native threads on one trial)",
          best.parallelism(), parallelSpeedUp, threadSpeedUp, most.threads());
    }
    return String.format(Locale.ROOT, "arrangement: %d trial(s) at once, 1 native thread each"
        + " (speed-up %.2f)", best.parallelism(), parallelSpeedUp);
  }
}
