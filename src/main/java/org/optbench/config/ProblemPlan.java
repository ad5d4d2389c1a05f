package org.optbench.config;

import java.util.List;
import org.optbench.experiment.BatchSize;
import org.optbench.experiment.Budget;
import org.optbench.experiment.DataOrder;
import org.optbench.experiment.TrialSpec;
import org.optbench.optimizer.OptimizerSearch;
import org.optbench.optimizer.OptimizerSpec;
import org.optbench.problem.ProblemSpec;
import org.optbench.problem.Target;

/**
 * One problem of an experiment with the optimizer settings and protocol it is run with; grids are
 * already expanded.
 *
 * @param problem the resolved problem
 * @param searches the optimizer entries with their hyperparameter domains
 * @param batchSizes every batch size on the grid
 * @param budget how long each trial trains
 * @param evalEverySteps evaluation interval in steps; 0 means at each epoch end
 * @param lossEvery mini-batch loss recorded every this many steps
 * @param divergenceFactor loss multiple of the initial loss that counts as divergence
 * @param target what counts as solved, for time-to-target in reports
 * @param order how each epoch orders the training examples (a trial whose batch holds every
 *     example takes none: see {@link TrialSpec})
 */
public record ProblemPlan(ProblemSpec problem, List<OptimizerSearch> searches,
    List<BatchSize> batchSizes, Budget budget, int evalEverySteps, int lossEvery,
    double divergenceFactor, Target target, DataOrder order) {
  /** Copies the lists so the record stays immutable. */
  public ProblemPlan {
    searches = List.copyOf(searches);
    batchSizes = List.copyOf(batchSizes);
  }

  /**
   * The one place a trial is built from a plan: the plan's problem and protocol with one setting.
   *
   * @param optimizer the optimizer setting
   * @param batchSize one of the plan's batch sizes
   * @param seed the trial's seed
   * @param threads native threads per trial (the experiment's)
   * @return the trial
   */
  public TrialSpec trial(OptimizerSpec optimizer, BatchSize batchSize, long seed, int threads) {
    return new TrialSpec(problem, optimizer, batchSize, budget, evalEverySteps, lossEvery,
        divergenceFactor, seed, threads, order);
  }

  /**
   * @return every optimizer setting of the grid: each search's cross product, in config order
   * @throws IllegalStateException if a search has an interval domain (random search only)
   */
  public List<OptimizerSpec> optimizers() {
    return searches.stream().flatMap(s -> s.grid().stream()).toList();
  }
}
