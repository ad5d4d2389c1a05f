package org.optbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.optbench.experiment.BatchSize;
import org.optbench.experiment.Budget;
import org.optbench.experiment.TrialSpec;
import org.optbench.optimizer.OptimizerSpec;
import org.optbench.problem.ProblemSpec;
import org.optbench.problem.TestFunction;
import org.optbench.result.TrialResult;
import org.optbench.result.TrialStatus;
import org.optbench.testing.Optimizers;

/** What the dry run's estimate and the progress bar's ETA learn from trials that ran. */
class TrialCostsTest {
  private static TrialSpec trial(OptimizerSpec optimizer, int steps, long seed) {
    return new TrialSpec(new ProblemSpec.Analytic(new TestFunction.Saddle(), List.of(1.0, 1e-3)),
        optimizer, BatchSize.FULL, new Budget(Budget.Unit.STEPS, steps), 0,
        1, 100, seed, 1);
  }

  private static TrialResult result(TrialSpec spec, TrialStatus status, double train,
      double eval) {
    return new TrialResult("id", spec.problem().id(), spec.optimizer().id(), Map.of(), "full",
        spec.seed(), status, null, 3, 0, 0, -1, train, eval, 1, "", "", Map.of(), null);
  }

  @Test
  void meanOverTheCostClassWhateverTheOptimizerAndSeed() {
    TrialCosts costs = new TrialCosts();
    TrialSpec sgd = trial(Optimizers.spec("sgd", 0.1), 3, 0);
    TrialSpec nesterovs = trial(Optimizers.spec("nesterovs", 0.1, 0.9), 3, 1);
    costs.add(sgd, result(sgd, TrialStatus.COMPLETED, 1.0, 0.5), 1000);
    costs.add(nesterovs, result(nesterovs, TrialStatus.COMPLETED, 2.0, 0.5), 3000);
    // Stopped early or failed: no measure of a whole trial.
    costs.add(nesterovs, result(nesterovs, TrialStatus.DIVERGED, 0.1, 0), 10);
    costs.add(nesterovs, result(nesterovs, TrialStatus.FAILED, 0, 0), 0);
    TrialSpec another = trial(Optimizers.spec("sgd", 0.5), 3, 7);
    assertEquals(Optional.of(2.0), costs.seconds(another));
    assertEquals(Optional.of(2000.0), costs.bytes(another));
    assertEquals(2, costs.known(another));
    // Another budget is another class.
    assertEquals(Optional.empty(), costs.seconds(trial(Optimizers.spec("sgd", 0.1), 4, 0)));
    assertEquals(0, costs.known(trial(Optimizers.spec("sgd", 0.1), 4, 0)));
  }

  @Test
  void durationsAndSizesForPeople() {
    assertEquals("1.5 s", TrialCosts.duration(1.5));
    assertEquals("42 s", TrialCosts.duration(42.2));
    assertEquals("3 min 20 s", TrialCosts.duration(200));
    assertEquals("2 h 05 min", TrialCosts.duration(7500));
    assertEquals("2 KiB", TrialCosts.size(2000));
    assertEquals("2.5 MiB", TrialCosts.size(2.5 * 1024 * 1024));
  }
}
