package org.optbench.report;

import org.optbench.stats.Summary;

/**
 * How long the seeds of a setting took to reach the problem's target, over the seeds that reached
 * it.
 *
 * @param steps optimizer steps (iterations)
 * @param epochs passes over the training set (NaN for analytic problems)
 * @param examples training examples seen (empty for analytic problems, which take the full
 *     gradient of a function and see no examples)
 * @param seconds training wall time, evaluation excluded (s)
 * @param reached seeds that reached the target
 * @param eligible seeds with a result that did not fail (diverged seeds count and never reach it)
 * @param measurable whether the target's metric is recorded at all for this problem
 */
record TimeToTarget(Summary steps, Summary epochs, Summary examples, Summary seconds, int reached,
    int eligible, boolean measurable) {

  /** @return e.g. {@code 2/3}, or {@code –} when nothing was measured */
  String reachedText() {
    return measurable && eligible > 0 ? reached + "/" + eligible : Numbers.NONE;
  }

  /** @return mean steps to target over the seeds that reached it, or why there is none */
  String stepsText() {
    return text(steps, Numbers.steps(steps.mean()));
  }

  /** @return mean epochs to target, or why there is none */
  String epochsText() {
    return text(epochs, Numbers.format(epochs.mean()));
  }

  /** @return mean training examples seen at the target, or why there is none */
  String examplesText() {
    return text(examples, Numbers.format(examples.mean()));
  }

  /**
   * @return whether every eligible seed reached the target (false when none was eligible or the
   *     target's metric is not recorded)
   */
  boolean reachedOnEverySeed() {
    return measurable && eligible > 0 && reached == eligible;
  }

  /** @return mean training seconds to target, or why there is none */
  String secondsText() {
    return text(seconds, Numbers.format(seconds.mean()));
  }

  private String text(Summary s, String mean) {
    if (!measurable || eligible == 0) {
      return Numbers.NONE;
    }
    // Seed-to-seed spread of the time to target is rarely useful; the mean is what compares.
    return reached == 0 ? "not reached" : s.n() == 0 ? Numbers.NONE : mean;
  }
}
