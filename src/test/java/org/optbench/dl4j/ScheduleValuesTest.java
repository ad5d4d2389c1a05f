package org.optbench.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.schedule.ISchedule;
import org.optbench.UserInputException;
import org.optbench.data.DatasetId;
import org.optbench.experiment.BatchSize;
import org.optbench.experiment.Budget;
import org.optbench.experiment.TrialSpec;
import org.optbench.optimizer.Recipe;
import org.optbench.optimizer.ScheduleKind;
import org.optbench.problem.Architecture;
import org.optbench.problem.ProblemSpec;
import org.optbench.testing.Optimizers;

/**
 * Every schedule's rate at named iterations (and epochs) against values computed by hand from
 * its equation, with η = 0.1.
 */
class ScheduleValuesTest {
  private static final double ETA = 0.1;
  private static final double TOL = 1e-15;

  /** 1000 examples in batches of 100: 10 steps per epoch; 5 epochs = 50 steps. */
  private static TrialSpec trial(Budget budget) {
    ProblemSpec.Image problem = new ProblemSpec.Image("mnist-logreg", DatasetId.MNIST,
        Architecture.LOGREG, 1000, 100, 100, 100);
    return new TrialSpec(problem, Optimizers.spec("sgd", ETA), new BatchSize(100), budget, 0, 1,
        5, 0, 1);
  }

  private static ISchedule schedule(ScheduleKind kind, boolean epochs, Budget budget,
      double... values) {
    Map<String, Double> named = new LinkedHashMap<>();
    List<String> names = kind.parameterNames();
    for (int i = 0; i < names.size(); i++) {
      named.put(names.get(i), values[i]);
    }
    return Schedules.of(new Recipe.Schedule(kind, epochs, named, new TreeMap<>()), ETA,
        trial(budget));
  }

  private static ISchedule iterations(ScheduleKind kind, double... values) {
    return schedule(kind, false, new Budget(Budget.Unit.STEPS, 110), values);
  }

  @Test
  void stepHalvesEveryTenIterations() {
    ISchedule s = iterations(ScheduleKind.STEP, 0.5, 10);
    assertEquals(0.1, s.valueAt(0, 0), TOL);
    assertEquals(0.1, s.valueAt(9, 0), TOL);
    assertEquals(0.05, s.valueAt(10, 0), TOL);
    assertEquals(0.025, s.valueAt(25, 3), TOL);
  }

  @Test
  void exponentialInverseSigmoid() {
    ISchedule e = iterations(ScheduleKind.EXPONENTIAL, 0.99);
    assertEquals(0.1, e.valueAt(0, 0), TOL);
    assertEquals(0.036603234127322926, e.valueAt(100, 0), 1e-16);
    ISchedule inv = iterations(ScheduleKind.INVERSE, 0.1, 0.5);
    assertEquals(0.1, inv.valueAt(0, 0), TOL);
    assertEquals(0.05, inv.valueAt(30, 0), TOL); // 0.1 / (1 + 3)^0.5
    ISchedule sig = iterations(ScheduleKind.SIGMOID, 0.1, 50);
    assertEquals(0.05, sig.valueAt(50, 0), TOL);
    assertEquals(6.692850924284856e-4, sig.valueAt(0, 0), 1e-18); // 0.1 / (1 + e^5)
  }

  @Test
  void polyDecaysToZeroAtTheTrialsHorizon() {
    ISchedule s = iterations(ScheduleKind.POLY, 2);
    assertEquals(0.1, s.valueAt(0, 0), TOL);
    assertEquals(0.1 * 0.25, s.valueAt(55, 0), TOL); // (1 − 55/110)²
    assertEquals(0.0, s.valueAt(110, 0), TOL);
  }

  @Test
  void epochSchedulesCountEpochsAndTakeTheHorizonInEpochs() {
    Budget fiveEpochs = new Budget(Budget.Unit.EPOCHS, 5);
    ISchedule step = schedule(ScheduleKind.STEP, true, fiveEpochs, 0.5, 2);
    assertEquals(0.1, step.valueAt(35, 1), TOL);
    assertEquals(0.05, step.valueAt(20, 2), TOL);
    assertEquals(0.025, step.valueAt(0, 4), TOL);
    ISchedule poly = schedule(ScheduleKind.POLY, true, fiveEpochs, 1);
    assertEquals(0.1 * 0.6, poly.valueAt(999, 2), TOL); // 1 − 2/5; the iteration is ignored
    // 45 steps at 10 per epoch: the horizon counts the final partial epoch, ⌈45/10⌉ = 5.
    ISchedule partial = schedule(ScheduleKind.POLY, true, new Budget(Budget.Unit.STEPS, 45), 1);
    assertEquals(0.1 * 0.6, partial.valueAt(0, 2), TOL);
  }

  @Test
  void cycleRisesFallsAndAnneals() {
    // cycleLength 100, annealing 10: ramps of s = 45 steps, increment (1.0 − 0.1)/45 = 0.02.
    ISchedule s = iterations(ScheduleKind.CYCLE, 1.0, 100, 10, 0.1);
    assertEquals(0.1, s.valueAt(0, 0), TOL);
    assertEquals(0.5, s.valueAt(20, 0), 1e-15);
    assertEquals(1.0, s.valueAt(45, 0), 1e-15);
    assertEquals(0.7, s.valueAt(60, 0), 1e-15);
    assertEquals(0.1 * 1e-5, s.valueAt(95, 0), 1e-20); // η·0.1^(10 − (100 − 95))
    assertEquals(1.0, s.valueAt(145, 0), 1e-15);
    assertThrows(IllegalArgumentException.class,
        () -> iterations(ScheduleKind.CYCLE, 1.0, 11, 10, 0.1));
  }

  @Test
  void mapTakesTheFractionAtTheLargestKeyReached() {
    ISchedule s = Schedules.of(new Recipe.Schedule(ScheduleKind.MAP, false, Map.of(),
        new TreeMap<>(Map.of(0, 1.0, 100, 0.1, 200, 0.01))), ETA,
        trial(new Budget(Budget.Unit.STEPS, 300)));
    assertEquals(0.1, s.valueAt(0, 0), TOL);
    assertEquals(0.1, s.valueAt(99, 0), TOL);
    assertEquals(0.01, s.valueAt(100, 0), TOL);
    assertEquals(0.001, s.valueAt(250, 0), TOL);
  }

  @Test
  void warmupStartsAtEtaOverWAndHolds() {
    ISchedule s = iterations(ScheduleKind.WARMUP, 10);
    assertEquals(0.01, s.valueAt(0, 0), TOL);
    assertEquals(0.05, s.valueAt(4, 0), TOL);
    assertEquals(0.1, s.valueAt(9, 0), TOL);
    assertEquals(0.1, s.valueAt(50, 0), TOL);
  }

  @Test
  void warmupThenCosineToTheFinalFractionAtTheHorizon() {
    // W = 10, T = 110, f = 0.1
    ISchedule s = iterations(ScheduleKind.WARMUP_COSINE, 10, 0.1);
    assertEquals(0.01, s.valueAt(0, 0), TOL);
    assertEquals(0.1, s.valueAt(9, 0), TOL);
    assertEquals(0.1, s.valueAt(10, 0), TOL);
    assertEquals(0.08681980515339465, s.valueAt(35, 0), 1e-16); // progress ¼: ½(1 + cos π/4)
    assertEquals(0.1 * (0.1 + 0.9 * 0.5), s.valueAt(60, 0), TOL);
    assertEquals(0.01, s.valueAt(110, 0), TOL);
    ISchedule noWarmup = iterations(ScheduleKind.WARMUP_COSINE, 0, 0.0);
    assertEquals(0.1, noWarmup.valueAt(0, 0), TOL);
    assertEquals(0.05, noWarmup.valueAt(55, 0), TOL);
  }

  @Test
  void aTrialWithoutAStepsOrEpochsLimitHasNoHorizon() {
    UserInputException e = assertThrows(UserInputException.class,
        () -> schedule(ScheduleKind.WARMUP_COSINE, false, Budget.timeOnly(600), 10, 0.1));
    assertEquals(true, e.getMessage().startsWith("the trial has only a training-time limit"
        + " (stop: {seconds: 600})"), e.getMessage());
  }
}
