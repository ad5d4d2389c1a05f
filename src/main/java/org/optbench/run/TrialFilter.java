package org.optbench.run;

import java.util.Optional;
import org.optbench.experiment.TrialSpec;

/**
 * A subset of an experiment's plan ({@code run --only problem=ID,optimizer=NAME}): the trials of
 * one problem, of one optimizer, or both. The trials keep their ids, so a later full run reuses
 * them.
 *
 * @param problem a problem id, or empty for every problem
 * @param optimizer an optimizer id (its short name), or empty for every optimizer
 */
public record TrialFilter(Optional<String> problem, Optional<String> optimizer) {
  /** The whole plan. */
  public static final TrialFilter ALL = new TrialFilter(Optional.empty(), Optional.empty());

  /**
   * @param spec a trial
   * @return whether it belongs to the subset
   */
  public boolean matches(TrialSpec spec) {
    return matches(spec.problem().id(), spec.optimizer().id());
  }

  /**
   * @param problemId a problem id
   * @param optimizerId an optimizer id
   * @return whether trials of that problem and optimizer belong to the subset
   */
  public boolean matches(String problemId, String optimizerId) {
    return problem.map(problemId::equals).orElse(true)
        && optimizer.map(optimizerId::equals).orElse(true);
  }

  /** @return whether this is the whole plan */
  public boolean all() {
    return problem.isEmpty() && optimizer.isEmpty();
  }
}
