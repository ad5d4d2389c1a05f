package org.optbench.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.util.TreeMap;
import org.optbench.UserInputException;
import org.optbench.data.DatasetId;
import org.optbench.data.ImageDataset;
import org.optbench.experiment.BatchSize;
import org.optbench.experiment.Budget;
import org.optbench.experiment.TrialSpec;
import org.optbench.optimizer.Recipe;
import org.optbench.optimizer.ScheduleKind;
import org.optbench.problem.Architecture;
import org.optbench.problem.ProblemSpec;
import org.optbench.problem.TestFunction;
import org.optbench.result.ResultStore;
import org.optbench.result.StopLimit;
import org.optbench.result.TrialResult;
import org.optbench.result.TrialStatus;
import org.optbench.testing.CurveCsv;
import org.optbench.testing.Optimizers;

/**
 * Trials that stop on training time: the limit ends them and is recorded, a resumed trial counts
 * the time spent before its interruption, and a replay with the recorded step count gives the
 * same curves bit for bit. No assertion depends on how fast this machine is: the limits are
 * either far below one step's time or far above the whole trial's.
 */
class TimeLimitTest {
  /** Below the time of any step: the trial takes its first step and then stops. */
  private static final double BELOW_ONE_STEP = 1e-9;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path temp;

  private static TrialSpec ravine(Budget budget) {
    return new TrialSpec(new ProblemSpec.Analytic(new TestFunction.Ravine2d(100),
        List.of(-4.0, 1.0)), Optimizers.spec("sgd", 0.015), BatchSize.FULL, budget, 0, 1, 100,
        0, 1);
  }

  private TrialResult runAnalytic(TrialSpec spec, String name) throws Exception {
    Path dir = Files.createDirectories(temp.resolve(name));
    return AnalyticTrial.run(spec, Updaters.toIUpdater(spec.optimizer()), dir, n -> { });
  }

  private static TrialSpec mlp(Budget budget) {
    ProblemSpec.Image problem = new ProblemSpec.Image("mnist-mlp", DatasetId.MNIST,
        Architecture.MLP, 1000, 200, 200, 100);
    return new TrialSpec(problem, Optimizers.type("adam").create(Map.of("learningRate", 1e-3)),
        new BatchSize(100), budget, 0, 1, 100, 5, 1);
  }

  @Test
  void aTinyTimeLimitStopsATwoDimensionalTrialAndIsRecorded() throws Exception {
    // A million steps cannot fit in a millisecond of update time: time ends the trial.
    TrialSpec spec = ravine(new Budget(Budget.Unit.STEPS, 1_000_000).withTimeLimit(0.001));
    TrialResult result = runAnalytic(spec, "timed");

    assertEquals(TrialStatus.COMPLETED, result.status());
    assertEquals(StopLimit.TIME, result.stoppedBy());
    assertTrue(result.steps() > 0 && result.steps() < 1_000_000, "steps " + result.steps());
    CurveCsv curve = CurveCsv.read(temp.resolve("timed/curve.csv"));
    assertEquals(result.steps() + 1, curve.rows().size(), "θ_0 .. θ_T, T the steps reached");
    assertEquals((double) result.steps(), curve.column("iteration")[curve.rows().size() - 1]);
  }

  @Test
  void aTimeLimitAloneStopsATrialWithoutAStepLimit() throws Exception {
    TrialSpec spec = ravine(Budget.timeOnly(BELOW_ONE_STEP));
    assertTrue(!spec.hasStepHorizon());
    TrialResult result = runAnalytic(spec, "time-only");
    assertEquals(StopLimit.TIME, result.stoppedBy());
    assertEquals(1, result.steps(), "the first step starts at 0 s, the second never");
  }

  @Test
  void theStepLimitIsRecordedWhenItComesFirst() throws Exception {
    TrialResult result = runAnalytic(ravine(new Budget(Budget.Unit.STEPS, 20)
        .withTimeLimit(3600)), "steps-first");
    assertEquals(StopLimit.STEPS, result.stoppedBy());
    assertEquals(20, result.steps());
    TrialResult plain = runAnalytic(ravine(new Budget(Budget.Unit.STEPS, 20)), "plain");
    assertNull(plain.stoppedBy(), "a trial without a time limit records no stopping limit");
    assertNull(plain.conditions());
  }

  @Test
  void aTimeLimitedTrialReplaysBitIdenticallyToItsRecordedSteps() throws Exception {
    TrialSpec spec = ravine(new Budget(Budget.Unit.STEPS, 1_000_000).withTimeLimit(0.001));
    TrialResult timed = runAnalytic(spec, "original");
    TrialResult replay = runAnalytic(spec.replayTo(timed.steps()), "replay");

    assertEquals(timed.steps(), replay.steps());
    assertEquals(timed.finalParamsSha256(), replay.finalParamsSha256());
    assertEquals(timed.finalMetrics(), replay.finalMetrics());
    assertEquals(CurveCsv.read(temp.resolve("original/curve.csv")).without("train_time_s"),
        CurveCsv.read(temp.resolve("replay/curve.csv")).without("train_time_s"));
  }

  @Test
  void aReplayKeepsTheHorizonOfADecayingScheduleAndTheClippingColumns() throws Exception {
    // Warm-up + cosine decays towards the step limit (a million steps), not towards the step the
    // time limit stopped at: a replay that took its step count as the horizon would apply other
    // rates from step 3 on, and its curve would differ.
    Recipe recipe = new Recipe(new Recipe.Schedule(ScheduleKind.WARMUP_COSINE, false,
        Map.of("warmupSteps", 2.0, "finalFraction", 0.0), new TreeMap<>()), 0, 0, false, 5,
        null);
    TrialSpec spec = new TrialSpec(new ProblemSpec.Analytic(new TestFunction.Ravine2d(100),
        List.of(-4.0, 1.0)), Optimizers.spec("sgd", 0.015).withRecipe(recipe), BatchSize.FULL,
        new Budget(Budget.Unit.STEPS, 1_000_000).withTimeLimit(0.01), 0, 1, 100, 0, 1);
    Dl4jTrialRunner runner = new Dl4jTrialRunner(id -> null, 1);
    Path original = Files.createDirectories(temp.resolve("scheduled"));
    TrialResult timed = runner.run(spec, original, n -> { });
    assertEquals(StopLimit.TIME, timed.stoppedBy());
    assertTrue(timed.steps() > 3, "steps " + timed.steps());

    TrialSpec replaySpec = spec.replayTo(timed.steps());
    assertEquals(1_000_000, replaySpec.horizon());
    Path replayDir = Files.createDirectories(temp.resolve("scheduled-replay"));
    TrialResult replay = runner.run(replaySpec, replayDir, n -> { });
    CurveCsv recorded = CurveCsv.read(original.resolve("curve.csv")).without("train_time_s");
    assertEquals(recorded, CurveCsv.read(replayDir.resolve("curve.csv")).without("train_time_s"));
    assertEquals(timed.finalParamsSha256(), replay.finalParamsSha256());
    // The last point has no step after it, in the time-limited run as in the replay.
    double[] norms = recorded.column("grad_norm");
    assertTrue(Double.isNaN(norms[norms.length - 1]));
    assertTrue(Double.isFinite(norms[norms.length - 2]));
  }

  @Test
  void aTrialLimitedByTimeAloneHasNoHorizon() {
    TrialSpec spec = ravine(Budget.timeOnly(600));
    UserInputException e = assertThrows(UserInputException.class, spec::horizon);
    assertEquals("the trial has only a training-time limit (stop: {seconds: 600}), so its"
        + " horizon (the step a decaying learning-rate schedule ends at) is unknown; give steps: N"
        + " or epochs: N beside it", e.getMessage());
    assertEquals(Long.MAX_VALUE, spec.totalSteps());
  }

  @Test
  void aNetworkTrialStoppedByTimeReplaysBitIdentically() throws Exception {
    ImageDataset data = SyntheticImages.dataset(1200, 100);
    Dl4jTrialRunner runner = new Dl4jTrialRunner(id -> data, 1);
    TrialSpec spec = mlp(new Budget(Budget.Unit.EPOCHS, 3).withTimeLimit(BELOW_ONE_STEP));
    Path original = Files.createDirectories(temp.resolve("net-original"));
    TrialResult timed = runner.run(spec, original, n -> { });
    assertEquals(StopLimit.TIME, timed.stoppedBy());
    assertEquals(1, timed.steps());

    Path replayDir = Files.createDirectories(temp.resolve("net-replay"));
    TrialResult replay = runner.run(spec.replayTo(timed.steps()), replayDir,
        n -> { });
    assertEquals(timed.finalParamsSha256(), replay.finalParamsSha256());
    assertEquals(timed.finalMetrics(), replay.finalMetrics());
    for (String file : new String[] {"curve.csv", "evals.csv"}) {
      assertEquals(CurveCsv.read(original.resolve(file)).without("train_time_s"),
          CurveCsv.read(replayDir.resolve(file)).without("train_time_s"), file);
    }
  }

  @Test
  void aResumedTrialCountsTheTrainingTimeSpentBeforeItsInterruption() throws Exception {
    ImageDataset data = SyntheticImages.dataset(1200, 100);
    // Three epochs of ten steps, and an hour: the step limit would end an uninterrupted run.
    TrialSpec spec = mlp(new Budget(Budget.Unit.EPOCHS, 3).withTimeLimit(3600));
    Path dir = Files.createDirectories(temp.resolve("resumed"));
    Dl4jTrialRunner crashing = new Dl4jTrialRunner(id -> data, 1).afterCheckpoint(epoch -> {
      throw new IllegalStateException("killed after epoch " + epoch);
    });
    assertThrows(IllegalStateException.class, () -> crashing.run(spec, dir, n -> { }));

    // The first run is recorded as having trained an hour already: the resumed trial must take
    // no further step, which it can only know from the checkpoint.
    Path state = dir.resolve(ResultStore.CHECKPOINT).resolve("state.json");
    ObjectNode saved = (ObjectNode) JSON.readTree(state.toFile());
    long spentNanos = 3600L * 1_000_000_000L;
    saved.put("trainNanos", spentNanos);
    Files.writeString(state, JSON.writeValueAsString(saved));

    TrialResult resumed = new Dl4jTrialRunner(id -> data, 1).run(spec, dir, n -> { });
    assertEquals(StopLimit.TIME, resumed.stoppedBy());
    assertEquals(10, resumed.steps(), "the epoch trained before the interruption, no more");
    assertEquals(1, resumed.epochs());
    assertEquals(3600.0, resumed.trainSeconds(), 0.0);

    // It replays to those ten steps as an uninterrupted run limited to ten steps.
    Path replayDir = Files.createDirectories(temp.resolve("resumed-replay"));
    TrialResult replay = new Dl4jTrialRunner(id -> data, 1).run(
        spec.replayTo(resumed.steps()), replayDir, n -> { });
    assertEquals(resumed.finalParamsSha256(), replay.finalParamsSha256());
    for (String file : new String[] {"curve.csv", "evals.csv"}) {
      assertEquals(CurveCsv.read(dir.resolve(file)).without("train_time_s"),
          CurveCsv.read(replayDir.resolve(file)).without("train_time_s"), file);
    }
  }
}
