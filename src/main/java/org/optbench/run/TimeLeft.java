package org.optbench.run;

import java.util.List;
import java.util.PriorityQueue;

/**
 * How long trials take to run on a pool of workers: the progress bar's estimate of the time left,
 * and a dry run's estimate of a whole run.
 *
 * <p>A trial expected to take {@code s} seconds that has done a fraction {@code f} of its work
 * has {@code s·(1 − f)} left. The trials are then laid out as {@link TrialPool} runs them: in
 * order, each on the first worker to come free, a trial whole on one worker. The estimate is when
 * the last one ends. Trials are not divisible, so this is more than their sum over the workers
 * when they do not share out evenly: three 1-hour trials on two workers take 2 hours, not 1.5.
 * Counting a running trial as whole, as an estimate from trial counts would, says "1 h 36 min"
 * when the last trial is a minute from its end.
 */
final class TimeLeft {
  /**
   * One unfinished trial.
   *
   * @param seconds its expected duration in seconds (≥ 0)
   * @param fractionDone the share of its work done, in [0, 1]: of its steps, or of its time
   *     limit for a trial limited by time
   */
  record Trial(double seconds, double fractionDone) {
    Trial {
      if (!(seconds >= 0) || !(fractionDone >= 0 && fractionDone <= 1)) {
        throw new IllegalArgumentException("seconds " + seconds + " must be >= 0 and"
            + " fractionDone " + fractionDone + " in [0, 1]");
      }
    }

    double left() {
      return seconds * (1 - fractionDone);
    }
  }

  private TimeLeft() {}

  /**
   * @param trials the unfinished trials whose duration is known, in the order they run: the
   *     running ones (at most {@code workers}) first, then those still queued
   * @param workers trials run at once (≥ 1)
   * @return the estimated seconds until they have all finished
   * @throws IllegalArgumentException if {@code workers < 1}
   */
  static double seconds(List<Trial> trials, int workers) {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be >= 1 (got " + workers + ")");
    }
    // When each worker comes free; a trial starts on the earliest.
    PriorityQueue<Double> free = new PriorityQueue<>();
    for (int w = 0; w < Math.min(workers, trials.size()); w++) {
      free.add(0.0);
    }
    double end = 0;
    for (Trial t : trials) {
      double done = free.poll() + t.left();
      free.add(done);
      end = Math.max(end, done);
    }
    return end;
  }
}
