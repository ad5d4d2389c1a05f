package org.optbench.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.data.DatasetId;
import org.optbench.data.ImageDataset;
import org.optbench.experiment.BatchSize;
import org.optbench.experiment.Budget;
import org.optbench.experiment.TrialSpec;
import org.optbench.optimizer.OptimizerSpec;
import org.optbench.plugin.registry.OptimizerRegistry;
import org.optbench.plugin.registry.PluginJars;
import org.optbench.problem.Architecture;
import org.optbench.problem.ProblemSpec;
import org.optbench.result.TrialResult;
import org.optbench.testing.CurveCsv;
import org.optbench.testing.Optimizers;

/**
 * A plugin trial (its updater from a jar this test builds, unknown to the application class
 * loader) killed after its first checkpoint resumes bit-identically, on worker threads whose own
 * context class loader cannot see the plugin; and reruns and parallel runs agree to the bit.
 */
class PluginResumeTest {
  @TempDir
  Path dir;

  private static TrialSpec spec(OptimizerSpec optimizer) {
    ProblemSpec.Image problem = new ProblemSpec.Image("mnist-mlp", DatasetId.MNIST,
        Architecture.MLP, 1000, 200, 200, 100);
    return new TrialSpec(problem, optimizer, new BatchSize(100),
        new Budget(Budget.Unit.EPOCHS, 3), 0, 1, 100, 5, 1);
  }

  @Test
  void killedPluginTrialsResumeBitIdentically() throws Exception {
    Path jar = org.optbench.testing.PluginJars.build(dir, "signum.jar", Map.of(), true);
    OptimizerRegistry registry = OptimizerRegistry.with(PluginJars.open(List.of(jar)));
    ImageDataset data = SyntheticImages.dataset(1200, 100);
    List<OptimizerSpec> optimizers = List.of(
        registry.type("signum").create(Map.of("learningRate", 1e-3)),
        registry.byClass("org.example.signum.Signum").create(Map.of("beta", 0.8)),
        Optimizers.spec("lion", 1e-4, 0.9, 0.99, 0.1));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int k = 0; k < optimizers.size(); k++) {
        OptimizerSpec optimizer = optimizers.get(k);
        TrialSpec spec = spec(optimizer);
        String name = k + "-" + optimizer.id();
        Path straight = Files.createDirectories(dir.resolve(name + "-straight"));
        Path parallel = Files.createDirectories(dir.resolve(name + "-parallel"));
        Future<TrialResult> a = pool.submit(() ->
            new Dl4jTrialRunner(id -> data, 1).run(spec, straight, n -> { }));
        Future<TrialResult> b = pool.submit(() ->
            new Dl4jTrialRunner(id -> data, 1).run(spec, parallel, n -> { }));
        TrialResult expected = a.get();
        assertEquals(expected.finalParamsSha256(), b.get().finalParamsSha256(),
            optimizer.id() + ": two runs at once agree");

        Path resumed = Files.createDirectories(dir.resolve(name + "-resumed"));
        Dl4jTrialRunner crashing = new Dl4jTrialRunner(id -> data, 1).afterCheckpoint(epoch -> {
          throw new IllegalStateException("killed after epoch " + epoch);
        });
        Future<?> killed = pool.submit(() -> crashing.run(spec, resumed, n -> { }));
        assertEquals("killed after epoch 1", assertThrows(Exception.class, killed::get)
            .getCause().getMessage());
        TrialResult actual = pool.submit(() ->
            new Dl4jTrialRunner(id -> data, 1).run(spec, resumed, n -> { })).get();
        assertEquals(expected.finalParamsSha256(), actual.finalParamsSha256(), optimizer.id());
        assertEquals(expected.finalMetrics(), actual.finalMetrics(), optimizer.id());
        for (String file : new String[] {"curve.csv", "evals.csv"}) {
          assertEquals(CurveCsv.read(straight.resolve(file)).without("train_time_s"),
              CurveCsv.read(resumed.resolve(file)).without("train_time_s"),
              optimizer.id() + " " + file);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
