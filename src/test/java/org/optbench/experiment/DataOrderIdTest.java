package org.optbench.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.optbench.data.DatasetId;
import org.optbench.problem.Architecture;
import org.optbench.problem.ProblemSpec;
import org.optbench.testing.Optimizers;

/**
 * The data order's part of a trial's identity: a shuffle buffer is part of it, the default
 * permutation adds nothing (ids of such trials are those they always had), and a trial derived
 * for another seed, budget or replay keeps its order.
 */
class DataOrderIdTest {
  private static TrialSpec trial(DataOrder order) {
    ProblemSpec.Image problem = new ProblemSpec.Image("fashion-mnist-2c2d",
        DatasetId.FASHION_MNIST, Architecture.CONV_2C2D, 59904, 96, 1, 9984);
    return new TrialSpec(problem, Optimizers.type("adam").create(Map.of("learningRate", 2.5e-4)),
        new BatchSize(128), new Budget(Budget.Unit.EPOCHS, 100), 0, 1, 5, 42, 2, order);
  }

  @Test
  void onlyABufferEntersTheDescription() {
    assertFalse(trial(DataOrder.PERMUTATION).description().containsKey("shuffleBuffer"));
    assertEquals(20000, trial(new DataOrder(20000)).description().get("shuffleBuffer"));
  }

  @Test
  void theDefaultOrderKeepsTheIdATrialHadWithoutOne() {
    TrialSpec permutation = trial(DataOrder.PERMUTATION);
    TrialSpec unsaid = new TrialSpec(permutation.problem(), permutation.optimizer(),
        permutation.batchSize(), permutation.budget(), 0, 1, 5, 42, 2);
    assertEquals(TrialId.of(permutation), TrialId.of(unsaid));
    assertNotEquals(TrialId.of(permutation), TrialId.of(trial(new DataOrder(20000))));
    assertNotEquals(TrialId.of(trial(new DataOrder(20000))),
        TrialId.of(trial(new DataOrder(10000))));
  }

  /** A batch of all 59,904 examples draws no order: the trial is the one without a buffer. */
  @Test
  void aTrialWhoseBatchHoldsEveryExampleTakesNoBuffer() {
    TrialSpec buffered = trial(new DataOrder(20000));
    for (BatchSize all : new BatchSize[] {BatchSize.FULL, new BatchSize(59904)}) {
      TrialSpec one = new TrialSpec(buffered.problem(), buffered.optimizer(), all,
          buffered.budget(), 0, 1, 5, 42, 2, new DataOrder(20000));
      assertEquals(DataOrder.PERMUTATION, one.order());
      assertFalse(one.description().containsKey("shuffleBuffer"));
    }
    assertEquals(new DataOrder(20000), new TrialSpec(buffered.problem(), buffered.optimizer(),
        new BatchSize(59903), buffered.budget(), 0, 1, 5, 42, 2, new DataOrder(20000)).order());
  }

  @Test
  void derivedTrialsKeepTheOrder() {
    TrialSpec buffered = trial(new DataOrder(20000));
    assertEquals(buffered.order(), buffered.withSeed(7).order());
    assertEquals(buffered.order(), buffered.replayTo(40).order());
    assertEquals(buffered.order(),
        buffered.withBudget(new Budget(Budget.Unit.STEPS, 3)).order());
  }
}
