package org.optbench.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.schedule.ISchedule;
import org.optbench.data.DatasetId;
import org.optbench.data.ImageDataset;
import org.optbench.experiment.BatchSize;
import org.optbench.experiment.Budget;
import org.optbench.experiment.TrialSpec;
import org.optbench.optimizer.Recipe;
import org.optbench.optimizer.ScheduleKind;
import org.optbench.problem.Architecture;
import org.optbench.problem.ProblemSpec;
import org.optbench.result.ResultStore;
import org.optbench.result.TrialResult;
import org.optbench.testing.CurveCsv;
import org.optbench.testing.Optimizers;

/**
 * Every schedule survives a checkpoint: a trial killed after its first epoch and resumed ends
 * bit-identical to one that ran straight through (curves, final parameters), and its
 * {@code learning_rate} column is the schedule's value at each step. Weight decay, L2 and both
 * kinds of clipping ride along in some cases.
 */
class RecipeCheckpointTest {
  @TempDir
  Path dir;

  static Stream<Arguments> recipes() {
    return Stream.of(
        schedule(ScheduleKind.STEP, false, 0.5, 7),
        schedule(ScheduleKind.STEP, true, 0.5, 1),
        schedule(ScheduleKind.EXPONENTIAL, false, 0.97),
        schedule(ScheduleKind.INVERSE, false, 0.1, 0.75),
        schedule(ScheduleKind.POLY, false, 2),
        schedule(ScheduleKind.POLY, true, 1),
        schedule(ScheduleKind.SIGMOID, false, 0.2, 12),
        schedule(ScheduleKind.CYCLE, false, 0.5, 12, 2, 0.5),
        Arguments.of("map", new Recipe(new Recipe.Schedule(ScheduleKind.MAP, false, Map.of(),
            new TreeMap<>(Map.of(0, 1.0, 5, 0.3, 17, 0.05))), 0, 0, false, 0, null)),
        schedule(ScheduleKind.WARMUP, false, 8),
        Arguments.of("warmup-cosine, weight decay, global clipping", new Recipe(
            new Recipe.Schedule(ScheduleKind.WARMUP_COSINE, false,
                named(ScheduleKind.WARMUP_COSINE, 6, 0.1), new TreeMap<>()),
            1e-3, 0, false, 0.05, null)),
        Arguments.of("l2 on biases, per-layer clipping", new Recipe(null, 0, 1e-3, true, 0,
            new Recipe.LayerClipping("ClipL2PerLayer", 0.5))));
  }

  private static Arguments schedule(ScheduleKind kind, boolean epochs, double... values) {
    return Arguments.of(kind.id() + (epochs ? " in epochs" : ""), new Recipe(
        new Recipe.Schedule(kind, epochs, named(kind, values), new TreeMap<>()), 0, 0, false, 0,
        null));
  }

  private static Map<String, Double> named(ScheduleKind kind, double... values) {
    Map<String, Double> named = new LinkedHashMap<>();
    List<String> names = kind.parameterNames();
    for (int i = 0; i < names.size(); i++) {
      named.put(names.get(i), values[i]);
    }
    return named;
  }

  private static TrialSpec spec(Recipe recipe) {
    ProblemSpec.Image problem = new ProblemSpec.Image("mnist-logreg", DatasetId.MNIST,
        Architecture.LOGREG, 1000, 200, 200, 100);
    return new TrialSpec(problem, Optimizers.type("sgdm").create(Map.of("learningRate", 0.05))
        .withRecipe(recipe), new BatchSize(100), new Budget(Budget.Unit.EPOCHS, 3), 0, 1, 100,
        5, 1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("recipes")
  void resumingFromACheckpointMatchesAnUninterruptedRun(String label, Recipe recipe)
      throws Exception {
    ImageDataset data = SyntheticImages.dataset(1200, 100);
    TrialSpec spec = spec(recipe);
    Path straight = Files.createDirectories(dir.resolve("straight"));
    TrialResult expected = new Dl4jTrialRunner(id -> data, 1).run(spec, straight, n -> { });

    Path resumed = Files.createDirectories(dir.resolve("resumed"));
    Dl4jTrialRunner crashing = new Dl4jTrialRunner(id -> data, 1).afterCheckpoint(epoch -> {
      throw new IllegalStateException("killed after epoch " + epoch);
    });
    assertThrows(IllegalStateException.class, () -> crashing.run(spec, resumed, n -> { }));
    assertTrue(Files.exists(resumed.resolve(ResultStore.CHECKPOINT).resolve("state.json")));
    TrialResult actual = new Dl4jTrialRunner(id -> data, 1).run(spec, resumed, n -> { });

    assertEquals(expected.finalParamsSha256(), actual.finalParamsSha256());
    assertEquals(expected.finalMetrics(), actual.finalMetrics());
    for (String file : new String[] {"curve.csv", "evals.csv"}) {
      assertEquals(CurveCsv.read(straight.resolve(file)).without("train_time_s"),
          CurveCsv.read(resumed.resolve(file)).without("train_time_s"), file);
    }
    CurveCsv curve = CurveCsv.read(resumed.resolve("curve.csv"));
    double[] lr = curve.column("learning_rate");
    double[] epoch = curve.column("epoch");
    assertEquals(30, lr.length);
    if (recipe.schedule() != null) {
      ISchedule schedule = Schedules.of(recipe.schedule(), 0.05, spec);
      for (int t = 0; t < lr.length; t++) {
        assertEquals(schedule.valueAt(t, (int) epoch[t]), lr[t], 0.0, "rate at step " + t);
      }
      assertTrue(lr[0] != lr[29] || recipe.schedule().kind() == ScheduleKind.CYCLE,
          "the rate moves");
    }
    boolean clips = recipe.clipGlobalNorm() > 0;
    assertEquals(clips, curve.columns().contains("grad_norm"));
    if (clips) {
      assertTrue(Stream.of(curve.column("clipped")).flatMapToDouble(java.util.Arrays::stream)
          .anyMatch(c -> c == 1.0), "a threshold of 0.05 clips some step");
    }
  }
}
