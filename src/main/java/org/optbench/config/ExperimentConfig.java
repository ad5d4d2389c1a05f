package org.optbench.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.optbench.experiment.BatchSize;
import org.optbench.experiment.TrialSpec;
import org.optbench.optimizer.OptimizerSpec;
import org.optbench.problem.ProblemKind;

/**
 * A validated experiment with every default filled in.
 *
 * @param name kebab-case experiment name; results go to {@code <resultsDir>/<name>/}
 * @param description free text
 * @param seeds seeds run for every setting (analytic problems, being deterministic, use the first)
 * @param dataDir data directory from the config, if given (the CLI's {@code --data-dir} wins)
 * @param resultsDir parent of the experiment's results folder
 * @param download whether missing data files may be downloaded
 * @param threads native threads per trial
 * @param problems the problems with their optimizer search spaces
 * @param protocol grid sweep or tune-then-evaluate
 * @param reportSmoothing β of the report's moving average over mini-batch losses
 *     ({@code report: {smoothing: β}}), in [0, 1); {@link Double#NaN} when the config leaves it
 *     to the report's default
 */
public record ExperimentConfig(String name, String description, List<Long> seeds,
    Optional<Path> dataDir, Path resultsDir, boolean download, int threads,
    List<ProblemPlan> problems, Protocol protocol, double reportSmoothing) {

  /** Copies the lists so the record stays immutable. */
  public ExperimentConfig {
    seeds = List.copyOf(seeds);
    problems = List.copyOf(problems);
  }

  /**
   * An experiment that leaves the report's smoothing to its default.
   *
   * @param name kebab-case experiment name
   * @param description free text
   * @param seeds seeds run for every setting
   * @param dataDir data directory from the config, if given
   * @param resultsDir parent of the experiment's results folder
   * @param download whether missing data files may be downloaded
   * @param threads native threads per trial
   * @param problems the problems with their optimizer search spaces
   * @param protocol grid sweep or tune-then-evaluate
   */
  public ExperimentConfig(String name, String description, List<Long> seeds,
      Optional<Path> dataDir, Path resultsDir, boolean download, int threads,
      List<ProblemPlan> problems, Protocol protocol) {
    this(name, description, seeds, dataDir, resultsDir, download, threads, problems, protocol,
        Double.NaN);
  }

  /**
   * @param newName the name to use instead of the config's, e.g. from {@code run --name}; the
   *     caller has checked it with {@link ExperimentName#isValid}
   * @return this experiment under that name: its results go to {@code <resultsDir>/<newName>/}
   *     and its resolved config records {@code newName}
   */
  public ExperimentConfig withName(String newName) {
    return new ExperimentConfig(newName, description, seeds, dataDir, resultsDir, download,
        threads, problems, protocol, reportSmoothing);
  }

  /** @return whether a problem's trials stop on a training-time limit ({@code stop:}) */
  public boolean hasTimeLimits() {
    return problems.stream().anyMatch(p -> p.budget().hasTimeLimit());
  }

  /**
   * The grid plan: the cross product problem × optimizer setting × batch size × seed, in that
   * nesting order (stable, so progress output and indexes are stable). Under tune-then-evaluate
   * the run package plans the tuning, evaluation and defaults arms instead.
   *
   * @return every trial of the grid protocol
   */
  public List<TrialSpec> trials() {
    List<TrialSpec> trials = new ArrayList<>();
    for (ProblemPlan plan : problems) {
      List<Long> trialSeeds = seedsFor(plan.problem().kind());
      for (OptimizerSpec optimizer : plan.optimizers()) {
        for (BatchSize batch : plan.batchSizes()) {
          for (long seed : trialSeeds) {
            trials.add(plan.trial(optimizer, batch, seed, threads));
          }
        }
      }
    }
    return trials;
  }

  /**
   * @param kind a problem's kind
   * @return the seeds its trials run with: all of them, or only the first for a deterministic
   *     kind such as the analytic problems (more would repeat the same trial)
   */
  public List<Long> seedsFor(ProblemKind kind) {
    return kind.usesSeeds() ? seeds : seeds.subList(0, 1);
  }
}
