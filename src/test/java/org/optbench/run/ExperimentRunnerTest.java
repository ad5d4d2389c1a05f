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
}
