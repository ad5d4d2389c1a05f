package org.optbench.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.optbench.config.ConfigLoader;
import org.optbench.config.ExperimentConfig;
import org.optbench.experiment.TrialSpec;

/**
 * The trials the benchmarks run, written as experiment configs so they are built exactly as
 * {@code optbench run} builds its trials.
 */
final class BenchPlans {
  private BenchPlans() {}

  /**
   * One mnist-mlp trial with Adam at DL4J's defaults, batch 128, {@code steps} steps, evaluated
   * only before the first and after the last step, on 1000-example train and test subsets (the
   * evaluation is not timed; smaller sets only make the benchmark finish sooner).
   *
   * @param steps optimizer steps
   * @param threads native threads recorded in the spec and pinned by the runner
   * @return the trial
   */
  static TrialSpec mlpTrial(int steps, int threads) {
    return imageTrial("mnist-mlp", steps, threads);
  }

  /**
   * {@link #mlpTrial} for another image problem.
   *
   * @param problemId an image problem, e.g. {@code mnist-2c2d}
   * @param steps optimizer steps
   * @param threads native threads recorded in the spec and pinned by the runner
   * @return the trial
   */
  static TrialSpec imageTrial(String problemId, int steps, int threads) {
    String yaml = String.format(Locale.ROOT, """
        name: bench-harness
        seeds: [0]
        threads: %d
        problems:
          - id: %s
            params: {evalExamples: 1000, testExamples: 1000}
            batchSize: 128
            steps: %d
            optimizers: [{name: adam}]
        """, threads, problemId, steps);
    return single(parse(yaml).trials());
  }

  /**
   * The sweep: ravine-regression and mnist-logreg, four optimizers each, one seed, batch 128,
   * {@code steps} steps, evaluations at every epoch end as an experiment would do them.
   *
   * @param steps optimizer steps per trial
   * @return eight trials
   */
  static List<TrialSpec> sweep(int steps) {
    String yaml = String.format(Locale.ROOT, """
        name: bench-sweep
        seeds: [0]
        threads: 1
        defaults: {batchSize: 128, steps: %d}
        optimizers:
          - {name: sgd, learningRate: 0.01}
          - {name: nesterovs, learningRate: 0.01, momentum: 0.9}
          - {name: rmsprop, learningRate: 0.001}
          - {name: adam, learningRate: 0.001}
        problems:
          - id: ravine-regression
          - id: mnist-logreg
        """, steps);
    return parse(yaml).trials();
  }

  private static ExperimentConfig parse(String yaml) {
    return ConfigLoader.parse(Path.of("bench.yaml"), yaml);
  }

  private static TrialSpec single(List<TrialSpec> trials) {
    if (trials.size() != 1) {
      throw new IllegalStateException("expected one trial, got " + trials.size());
    }
    return trials.get(0);
  }
}
