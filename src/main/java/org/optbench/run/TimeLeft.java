package org.optbench.run;

import java.util.Collection;

/**
 * The progress bar's estimate of the time left in a run, from each unfinished trial's expected
 * duration and the share of its steps already taken.
 *
 * <p>A trial expected to take {@code s} seconds that has taken a fraction {@code f} of its steps
 * has {@code s·(1 − f)} left. With {@code w} workers the run needs at least the sum of these
 * over {@code w}, and at least the longest single one (a trial runs on one worker): the estimate
 * is the larger of the two. Counting a running trial as whole, as an estimate from trial counts
 * would, says "1 h 36 min" when the last trial is a minute from its end.
 */
final class TimeLeft {
  /**
   * One unfinished trial.
   *
   * @param seconds its expected duration in seconds (≥ 0), the mean of its cost class
   * @param fractionDone the share of its steps taken, in [0, 1]; 0 for a trial limited by time
   *     alone, whose steps are not known ahead
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
   * @param trials the unfinished trials whose duration is known
   * @param workers trials run at once (≥ 1)
   * @return the estimated seconds until they have all finished
   */
  static double seconds(Collection<Trial> trials, int workers) {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be >= 1 (got " + workers + ")");
    }
    double sum = 0;
    double longest = 0;
    for (Trial t : trials) {
      sum += t.left();
      longest = Math.max(longest, t.left());
    }
    return Math.max(sum / workers, longest);
  }
}
