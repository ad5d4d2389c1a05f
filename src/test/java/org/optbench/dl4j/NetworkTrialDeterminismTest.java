package org.optbench.dl4j;

import org.optbench.testing.Optimizers;
import org.optbench.testing.CurveCsv;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.data.DatasetRepository;
import org.optbench.experiment.BatchSize;
import org.optbench.experiment.Budget;
import org.optbench.experiment.TrialSpec;
import org.optbench.optimizer.OptimizerSpec;
import org.optbench.problem.ProblemSpec;
import org.optbench.result.TrialResult;
import org.optbench.result.TrialStatus;

/** Equal trial specs give equal files and final weights, whether run alone or side by side. */
class NetworkTrialDeterminismTest {
  private static final String TIME = "train_time_s";
  private static final ProblemSpec.RavineRegression PROBLEM = new ProblemSpec.RavineRegression(
      "ravine-regression", 2, 100, 200, 50, 0.1, 0, List.of(0.0, 0.0));

  private static Dl4jTrialRunner runner;

  @TempDir Path temp;

  @BeforeAll
  static void createRunner() {
    // Regression trials never load image data, so the repository is never used.
    runner = new Dl4jTrialRunner(DatasetRepository.fromEnvironment(Optional.empty(), false), 1);
  }

  private static TrialSpec spec(OptimizerSpec optimizer, long seed) {
    return new TrialSpec(PROBLEM, optimizer, new BatchSize(16),
        new Budget(Budget.Unit.EPOCHS, 3), 0, 1, 100, seed, 1);
  }

  private TrialResult run(TrialSpec spec, String name) throws Exception {
    return runner.run(spec, Files.createDirectories(temp.resolve(name)), n -> { });
  }

  /** Asserts the two trial folders hold the same curves apart from wall time. */
  private void assertSameFiles(String a, String b) throws Exception {
    for (String file : List.of("curve.csv", "evals.csv")) {
      CurveCsv left = CurveCsv.read(temp.resolve(a).resolve(file)).without(TIME);
      CurveCsv right = CurveCsv.read(temp.resolve(b).resolve(file)).without(TIME);
      assertEquals(left, right, file + " of " + a + " vs " + b);
    }
  }

  @Test
  void sameSpecTwiceGivesIdenticalCurvesAndWeights() throws Exception {
    TrialSpec spec = spec(Optimizers.spec("adam", 0.05, 0.9, 0.999, 1e-8), 7);
    TrialResult first = run(spec, "first");
    TrialResult second = run(spec, "second");
    assertEquals(TrialStatus.COMPLETED, first.status());
    assertSameFiles("first", "second");
    assertEquals(first.initialParamsSha256(), second.initialParamsSha256());
    assertEquals(first.finalParamsSha256(), second.finalParamsSha256());
    assertNotEquals(first.initialParamsSha256(), first.finalParamsSha256());
    assertEquals(first.finalMetrics(), second.finalMetrics());

    // ⌈200/16⌉ = 13 steps per epoch (12 of 16 examples, one of 8): 39 steps in 3 epochs.
    assertEquals(39, first.steps());
    assertEquals(3, first.epochs());
    assertEquals(600, first.examplesSeen());
    CurveCsv evals = CurveCsv.read(temp.resolve("first/evals.csv"));
    assertArrayEquals(new double[] {0, 13, 26, 39}, evals.column("iteration"));
    assertArrayEquals(new double[] {0, 1, 2, 3}, evals.column("epoch"));
    assertArrayEquals(new double[] {0, 200, 400, 600}, evals.column("examples_seen"));

    CurveCsv curve = CurveCsv.read(temp.resolve("first/curve.csv"));
    assertEquals(39, curve.rows().size(), "one row per step with lossEvery = 1");
    // The last mini-batch of each epoch holds 200 − 12·16 = 8 examples.
    double[] seen = curve.column("examples_seen");
    assertEquals(192, seen[12]);
    assertEquals(200, seen[13]);
    double[] sub = curve.column("suboptimality");
    assertTrue(sub[sub.length - 1] < 0.5 * sub[0],
        "suboptimality falls overall: " + sub[0] + " → " + sub[sub.length - 1]);
    // Adam at η = 0.05 oscillates step to step (the curve rises at times), but after three
    // epochs it has removed well over 90% of the initial suboptimality (0.554 → 0.027).
    double[] evalSub = evals.column("suboptimality");
    assertEquals(sub[0], evalSub[0], 0, "both files measure θ_0");
    assertTrue(evalSub[3] < 0.1 * evalSub[0],
        "suboptimality after 3 epochs: " + evalSub[0] + " → " + evalSub[3]);
  }

  @Test
  void concurrentTrialsMatchSequentialOnes() throws Exception {
    TrialSpec adam = spec(Optimizers.spec("adam", 0.05, 0.9, 0.999, 1e-8), 1);
    TrialSpec nesterovs = spec(Optimizers.spec("nesterovs", 0.001, 0.9), 2);
    TrialResult adamAlone = run(adam, "adam-seq");
    TrialResult nesterovsAlone = run(nesterovs, "nesterovs-seq");

    // Both workers wait at the barrier so the two trials really overlap.
    CyclicBarrier together = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<TrialResult> a = pool.submit(() -> {
        together.await();
        return run(adam, "adam-par");
      });
      Future<TrialResult> b = pool.submit(() -> {
        together.await();
        return run(nesterovs, "nesterovs-par");
      });
      assertEquals(adamAlone.finalParamsSha256(), a.get().finalParamsSha256());
      assertEquals(nesterovsAlone.finalParamsSha256(), b.get().finalParamsSha256());
    } finally {
      pool.shutdown();
    }
    assertSameFiles("adam-seq", "adam-par");
    assertSameFiles("nesterovs-seq", "nesterovs-par");
    assertNotEquals(adamAlone.finalParamsSha256(), nesterovsAlone.finalParamsSha256());
  }
}
