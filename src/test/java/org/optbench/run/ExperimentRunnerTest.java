package org.optbench.run;

import org.optbench.testing.Optimizers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.experiment.Arm;
import org.optbench.experiment.BatchSize;
import org.optbench.experiment.Budget;
import org.optbench.experiment.TrialId;
import org.optbench.experiment.TrialSpec;
import org.optbench.optimizer.OptimizerSpec;
import org.optbench.problem.ProblemSpec;
import org.optbench.problem.TestFunction;
import org.optbench.result.ResultStore;
import org.optbench.result.TrialResult;
import org.optbench.result.TrialStatus;

/** The runner around trials, with a stand-in trial runner: no training involved. */
class ExperimentRunnerTest {
  @TempDir
  Path dir;

  private static TrialSpec trial(double learningRate) {
    return new TrialSpec(new ProblemSpec.Analytic(new TestFunction.Saddle(), List.of(1.0, 1e-3)),
        Optimizers.spec("sgd", learningRate), BatchSize.FULL, new Budget(Budget.Unit.STEPS, 3), 0,
        1, 100, 0, 1);
  }

  @Test
  void aTrialThatThrowsIsFailedWithItsMessageAndTheOthersStillRun() throws Exception {
    TrialSpec ok1 = trial(0.1);
    TrialSpec broken = trial(0.2);
    TrialSpec ok2 = trial(0.3);
    TrialRunner runner = (spec, trialDir, progress) -> {
      if (spec.equals(broken)) {
        throw new IllegalStateException("native op failed");
      }
      return new TrialResult(TrialId.of(spec).hex(), spec.problem().id(), spec.optimizer().id(),
          spec.optimizer().hyperparameters(), "full", spec.seed(), TrialStatus.COMPLETED, null, 3,
          0, 0, -1, 0.1, 0, 1, "a", "b", Map.of("loss", -0.25), null);
    };
    ResultStore store = new ResultStore(dir);
    StringWriter out = new StringWriter();
    List<TrialResult> results = new ExperimentRunner(store, runner, 2, new PrintWriter(out))
        .run(List.of(new PlannedTrial(Arm.GRID, ok1), new PlannedTrial(Arm.GRID, broken),
            new PlannedTrial(Arm.GRID, ok2)), false);

    assertEquals(List.of(TrialStatus.COMPLETED, TrialStatus.FAILED, TrialStatus.COMPLETED),
        results.stream().map(TrialResult::status).toList());
    assertEquals("java.lang.IllegalStateException: native op failed", results.get(1).message());
    assertTrue(out.toString().contains("saddle sgd {learningRate=0.2} batch full (seed 0): FAILED"
        + " - java.lang.IllegalStateException: native op failed"), out.toString());
    // The failure is a result like any other: written and indexed (a rerun tries it again).
    assertTrue(Files.exists(store.trialDir(broken).resolve(ResultStore.RESULT)));
    assertTrue(Files.readString(dir.resolve(ResultStore.INDEX)).contains(",FAILED,"));
  }

  @Test
  void aTrialListedInTwoArmsRunsOnce() throws Exception {
    TrialSpec spec = trial(0.1);
    int[] calls = new int[1];
    TrialRunner runner = (s, trialDir, progress) -> {
      calls[0]++;
      return new TrialResult(TrialId.of(s).hex(), "saddle", "sgd", Map.of("learningRate", 0.1),
          "full", 0, TrialStatus.COMPLETED, null, 3, 0, 0, -1, 0.1, 0, 1, "a", "b", Map.of(), null);
    };
    ResultStore store = new ResultStore(dir);
    List<TrialResult> results = new ExperimentRunner(store, runner, 1,
        new PrintWriter(new StringWriter())).run(List.of(new PlannedTrial(Arm.TUNING, spec),
            new PlannedTrial(Arm.EVALUATION, spec)), false);
    assertEquals(1, calls[0]);
    assertEquals(2, results.size());
    assertEquals(results.get(0), results.get(1));
    List<String> index = Files.readAllLines(dir.resolve(ResultStore.INDEX));
    assertEquals(3, index.size(), "header + one row per arm");
  }

  /** A rerun names every damaged trial at once (here: results whose curves were never kept). */
  @Test
  void aRerunNamesEveryDamagedTrialAtOnce() throws Exception {
    TrialSpec first = trial(0.1);
    TrialSpec second = trial(0.2);
    TrialRunner noCurves = (s, trialDir, progress) -> new TrialResult(TrialId.of(s).hex(),
        "saddle", "sgd", s.optimizer().hyperparameters(), "full", 0, TrialStatus.COMPLETED,
        null, 3, 0, 0, -1, 0.1, 0, 1, "a", "b", Map.of(), null);
    ResultStore store = new ResultStore(dir);
    List<PlannedTrial> plan = List.of(new PlannedTrial(Arm.GRID, first),
        new PlannedTrial(Arm.GRID, second));
    new ExperimentRunner(store, noCurves, 1, new PrintWriter(new StringWriter())).run(plan, false);

    org.optbench.UserInputException e = org.junit.jupiter.api.Assertions.assertThrows(
        org.optbench.UserInputException.class, () -> new ExperimentRunner(store, noCurves, 1,
            new PrintWriter(new StringWriter())).run(plan, false));
    String fix = ". Delete that folder to run the trial again (the other results are kept), or"
        + " rerun with --overwrite to run every trial again";
    assertEquals("2 finished trials are damaged:\n"
        + "  the finished trial in " + store.trialDir(first) + " is damaged: seed-0/curve.csv is"
        + " missing" + fix + "\n"
        + "  the finished trial in " + store.trialDir(second) + " is damaged: seed-0/curve.csv is"
        + " missing" + fix, e.getMessage());
  }

  @Test
  void aTrialsShareDoneIsOfItsStepsOrOfItsExpectedTimeWhicheverIsFurther() {
    long second = 1_000_000_000L;
    TrialSpec both = trial(0.1).withBudget(new Budget(Budget.Unit.STEPS, 100, 10));
    ExperimentRunner.TrialProgress p = new ExperimentRunner.TrialProgress(both);
    assertEquals(0.0, p.fractionDone(10, 5 * second), "not started");
    p.started(1_000);
    p.took(25);
    assertEquals(0.25, p.fractionDone(10, 1_000 + second), 1e-12, "1 s of 10 is less");
    assertEquals(0.8, p.fractionDone(10, 1_000 + 8 * second), 1e-12, "8 s of 10 is more");

    TrialSpec timed = trial(0.1).withBudget(Budget.timeOnly(10));
    ExperimentRunner.TrialProgress q = new ExperimentRunner.TrialProgress(timed);
    q.started(-4 * second); // nanoTime may be negative
    q.started(0); // only the first start counts
    q.took(3);
    assertEquals(0.5, q.fractionDone(10, second), 1e-12);
    // Expected to take 20 s with its evaluations: 5 s is a quarter.
    assertEquals(0.25, q.fractionDone(20, second), 1e-12);
    assertEquals(1.0, q.fractionDone(10, 60 * second), 0.0);

    TrialSpec steps = trial(0.1).withBudget(new Budget(Budget.Unit.STEPS, 100));
    ExperimentRunner.TrialProgress r = new ExperimentRunner.TrialProgress(steps);
    r.started(0);
    // No step reported yet (a child JVM reports them at the end): the time share stands in.
    assertEquals(0.3, r.fractionDone(10, 3 * second), 1e-12);
    r.took(10);
    assertEquals(0.1, r.fractionDone(1, 60 * second), 1e-12, "steps reported: steps only");
  }

  /**
   * Before a trial of its class has finished, a running trial's pace estimates its time: from its
   * first report, which leaves out set-up and a resumed trial's checkpointed steps.
   */
  @Test
  void aRunningTrialsPaceEstimatesItsTimeFromItsFirstReport() {
    long second = 1_000_000_000L;
    TrialSpec steps = trial(0.1).withBudget(new Budget(Budget.Unit.STEPS, 1000));
    ExperimentRunner.TrialProgress fresh = new ExperimentRunner.TrialProgress(steps);
    fresh.started(0);
    assertTrue(fresh.paceSeconds(60 * second).isEmpty(), "no step reported");
    fresh.took(1, 20 * second); // 20 s of set-up and a first evaluation
    fresh.took(99, 29 * second);
    assertTrue(fresh.paceSeconds(29 * second).isEmpty(), "9 s after the first report: too soon");
    fresh.took(100, 40 * second);
    // 199 steps in the 20 s since the first report: 1000 steps take 1000 × 20 / 199 s.
    assertEquals(1000 * 20.0 / 199, fresh.paceSeconds(40 * second).getAsDouble(), 1e-9);

    ExperimentRunner.TrialProgress resumed = new ExperimentRunner.TrialProgress(steps);
    resumed.started(0);
    resumed.took(600, 5 * second); // the checkpoint's steps, reported at once
    resumed.took(50, 15 * second);
    assertEquals(200.0, resumed.paceSeconds(15 * second).getAsDouble(), 1e-9,
        "50 steps in 10 s: 1000 steps in 200 s");
    assertEquals(0.65, resumed.fractionDone(200, 15 * second), 1e-12);

    ExperimentRunner.TrialProgress limited = new ExperimentRunner.TrialProgress(
        trial(0.1).withBudget(new Budget(Budget.Unit.STEPS, 1000, 60)));
    limited.took(1, 0);
    limited.took(500, 30 * second);
    assertTrue(limited.paceSeconds(30 * second).isEmpty(), "a time limit may end it sooner");
  }

  @Test
  void theEtaSaysWhatItIsMadeOf() {
    TimeLeft.Trial minute = new TimeLeft.Trial(60, 0);
    // Three 1-minute trials on two workers: two minutes.
    assertEquals(", ETA 2 min 00 s", ExperimentRunner.etaText(List.of(minute, minute, minute), 0,
        null, false, false, null, 2));
    assertEquals(", ETA after a mnist-mlp trial ends",
        ExperimentRunner.etaText(List.of(), 3, "mnist-mlp", false, false, null, 2));
    assertEquals(", ETA at least 30 s + 1 untimed", ExperimentRunner.etaText(
        List.of(new TimeLeft.Trial(60, 0.5)), 1, "saddle", true, false, "ravine-2d", 1));
    // A time limit's lower bound used up by wall time: no claim, not "at least 0.0 s".
    assertEquals(", ETA after a ravine-2d trial ends", ExperimentRunner.etaText(
        List.of(new TimeLeft.Trial(60, 1)), 0, null, true, false, "ravine-2d", 1));
    assertEquals(", ETA 1 min 30 s from the pace so far + 2 untimed", ExperimentRunner.etaText(
        List.of(new TimeLeft.Trial(120, 0.25)), 2, "saddle", false, true, null, 1));
    // Every step taken, the last evaluation running: not "0.0 s" for as long as it takes.
    assertEquals(", all steps taken, finishing", ExperimentRunner.etaText(
        List.of(new TimeLeft.Trial(120, 1)), 0, null, false, true, null, 1));
    assertEquals(", ETA after a saddle trial ends", ExperimentRunner.etaText(
        List.of(new TimeLeft.Trial(120, 1)), 1, "saddle", false, false, null, 1));
  }

  /** A run of trials limited by time alone counts their steps on a bar without an end. */
  @Test
  void theBarCountsTheStepsOfTrialsLimitedByTimeAlone() throws Exception {
    TrialSpec timed = trial(0.1).withBudget(Budget.timeOnly(30));
    TrialRunner runner = (s, trialDir, progress) -> {
      progress.accept(4);
      progress.accept(3);
      return new TrialResult(TrialId.of(s).hex(), "saddle", "sgd", Map.of("learningRate", 0.1),
          "full", 0, TrialStatus.COMPLETED, null, 7, 0, 0, -1, 0.1, 0, 1, "a", "b", Map.of(),
          null);
    };
    StringWriter out = new StringWriter();
    new ExperimentRunner(new ResultStore(dir), runner, 1, new PrintWriter(out))
        .run(List.of(new PlannedTrial(Arm.GRID, timed)), false);
    List<String> bar = out.toString().lines().filter(l -> l.startsWith("training")).toList();
    // Its last state, with the steps taken, is drawn once.
    assertTrue(bar.get(bar.size() - 1).matches("training .* 7/\\? steps .* 1/1 trials"),
        out.toString());
    assertEquals(1, bar.stream().filter(l -> l.endsWith(" 1/1 trials")).count(), out.toString());
  }

  /** An executor that hears of a trial only at its end reports its steps then. */
  @Test
  void progressAtTheEndIsTheStepTotalOrTheStepsTakenWithoutOne() {
    TrialSpec timed = trial(0.1).withBudget(Budget.timeOnly(30));
    TrialSpec steps = trial(0.1);
    TrialResult result = new TrialResult(TrialId.of(timed).hex(), "saddle", "sgd",
        Map.of("learningRate", 0.1), "full", 0, TrialStatus.COMPLETED, null, 7, 0, 0, -1, 0.1, 0,
        1, "a", "b", Map.of(), null);
    List<Long> reported = new java.util.ArrayList<>();
    TrialExecutor.Listener listener = new TrialExecutor.Listener() {
      @Override
      public void progressed(TrialSpec spec, long n) {
        reported.add(n);
      }

      @Override
      public void finished(TrialResult r) {}
    };
    listener.progressedToEnd(timed, result);
    listener.progressedToEnd(steps, result);
    assertEquals(List.of(7L, 3L), reported);
  }
}
