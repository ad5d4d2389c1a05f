package org.optbench.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.optbench.data.DatasetRepository;
import org.optbench.dl4j.Dl4jTrialRunner;
import org.optbench.experiment.TrialSpec;
import org.optbench.result.ResultStore;
import org.optbench.result.TrialResult;
import org.optbench.run.ExperimentRunner;
import org.optbench.run.PlannedTrial;

/**
 * Throughput of a sweep of small trials (the {@link BenchPlans#sweep} grid) through the
 * experiment runner at several parallelisms, each trial with one native thread. The wall time
 * covers everything a run does for its trials: training, evaluations and result files; data
 * loading is done once beforehand.
 */
public final class Sweep {
  /**
   * @param parallelism trials at once
   * @param seconds wall time of the whole grid, one value per repeat
   * @param trials trials in the grid
   */
  public record Result(int parallelism, Spread seconds, int trials) {
    /** @return trials per minute (its spread) */
    public Spread trialsPerMinute() {
      return new Spread(60 * trials / seconds.max(), 60 * trials / seconds.median(),
          60 * trials / seconds.min(), seconds.count());
    }
  }

  private Sweep() {}

  /**
   * @param repository where MNIST is found
   * @param steps optimizer steps per trial
   * @param parallelisms e.g. {@code [1, 2]}
   * @param repeats runs per parallelism, alternating
   * @param log told about each run
   * @return one result per parallelism, in the given order
   * @throws IllegalStateException if two parallelisms give different final parameters
   */
  public static List<Result> measure(DatasetRepository repository, int steps,
      List<Integer> parallelisms, int repeats, PrintWriter log) {
    List<TrialSpec> grid = BenchPlans.sweep(steps);
    Dl4jTrialRunner runner = new Dl4jTrialRunner(repository, 1);
    runner.prepare(grid);
    List<List<Double>> seconds = new ArrayList<>();
    parallelisms.forEach(p -> seconds.add(new ArrayList<>()));
    Set<List<String>> outcomes = new HashSet<>();
    try (Scratch scratch = new Scratch()) {
      // Warm-up: loads MNIST into the runner and compiles the Java paths.
      run(BenchPlans.sweep(Math.min(steps, 10)), runner, 1, scratch);
      for (int r = 0; r < repeats; r++) {
        for (int k = 0; k < parallelisms.size(); k++) {
          int i = (k + r) % parallelisms.size();
          long t0 = System.nanoTime();
          List<TrialResult> results = run(grid, runner, parallelisms.get(i), scratch);
          double s = (System.nanoTime() - t0) / 1e9;
          seconds.get(i).add(s);
          outcomes.add(results.stream().map(TrialResult::finalParamsSha256).toList());
          log.printf(Locale.ROOT, "  parallelism %d, run %d: %.2f s for %d trials%n",
              parallelisms.get(i), r + 1, s, grid.size());
          log.flush();
        }
      }
    }
    if (outcomes.size() != 1) {
      throw new IllegalStateException("runs of the same grid ended with different parameters");
    }
    List<Result> out = new ArrayList<>();
    for (int i = 0; i < parallelisms.size(); i++) {
      out.add(new Result(parallelisms.get(i), Spread.of(seconds.get(i)), grid.size()));
    }
    return out;
  }

  private static List<TrialResult> run(List<TrialSpec> grid, Dl4jTrialRunner runner,
      int parallelism, Scratch scratch) {
    ExperimentRunner experiment = new ExperimentRunner(new ResultStore(scratch.fresh("sweep")),
        runner, parallelism, Scratch.silent());
    try {
      return experiment.run(grid.stream()
          .map(t -> new PlannedTrial(org.optbench.experiment.Arm.GRID, t)).toList(), false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
