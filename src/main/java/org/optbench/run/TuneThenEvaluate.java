package org.optbench.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.optbench.config.ExperimentConfig;
import org.optbench.config.ProblemPlan;
import org.optbench.experiment.Arm;
import org.optbench.experiment.BatchSize;
import org.optbench.experiment.TrialId;
import org.optbench.experiment.TrialSpec;
import org.optbench.optimizer.OptimizerType;
import org.optbench.optimizer.OptimizerSearch;
import org.optbench.optimizer.OptimizerSpec;
import org.optbench.problem.ProblemMetric;
import org.optbench.result.TrialResult;
import org.optbench.result.TrialStatus;

/**
 * The tune-then-evaluate protocol (see {@link org.optbench.config.Protocol}): the tuning trials,
 * the choice of the best setting on the validation metric, and the evaluation and defaults arms.
 *
 * <p>Selection metric: the problem kind's {@link
 * org.optbench.problem.ProblemKind#selectionMetric()}, read from each tuning trial's final
 * metrics: {@code validation_accuracy} (maximised) for image problems; the final training
 * {@code suboptimality} (minimised) for ravine regression and analytic problems, which have no
 * validation split. Test metrics are never read here. Diverged
 * and failed trials are never chosen; among equal values the earlier setting in plan order wins.
 *
 * <p>With several tuning seeds ({@code tuning: {seeds: k}}), each setting trains with every
 * tuning seed and is scored by the median of its seeds' values (for even k the mean of the two
 * middle ones), so one lucky seed cannot choose the winner. A seed that diverged counts as the
 * worst possible value (the goal's worst: −∞ for accuracy, +∞ for suboptimality), so a
 * setting whose median is a diverged value (half or more of its seeds diverged) is never
 * chosen, as a diverged trial is not with one seed. A setting with a failed or missing seed is
 * not scored: a failure says nothing about the optimizer, and the next run tries it again.
 */
public final class TuneThenEvaluate {
  private TuneThenEvaluate() {}

  /**
   * The setting chosen for one problem and optimizer entry.
   *
   * @param problem problem id
   * @param entry index of the optimizer entry in the problem's list
   * @param chosen the chosen trial's spec (tuning seed), or empty if every tuning trial diverged
   *     or failed
   * @param metric the selection metric
   * @param value its final value for the chosen trial (NaN if none)
   * @param candidates tuning settings considered (settings × batch sizes; with one tuning seed,
   *     one trial each)
   * @param excluded of those, not scored: a seed failed or is missing, or the median is a
   *     diverged seed's value
   * @param seedValues with several tuning seeds, the chosen setting's value for each tuning seed
   *     in seed order (a diverged seed as the worst possible value, ±∞); empty with one
   *     tuning seed
   */
  public record Choice(String problem, int entry, Optional<TrialSpec> chosen, String metric,
      double value, int candidates, int excluded, Map<Long, Double> seedValues) {
    /** Copies the map, keeping the seed order. */
    public Choice {
      seedValues = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(seedValues));
    }
  }

  /**
   * @param config a tune-then-evaluate experiment
   * @return every tuning trial: per problem and optimizer entry, its budget of settings (the grid,
   *     or seeded random draws) × batch sizes, with the tuning seed
   */
  public static List<PlannedTrial> tuning(ExperimentConfig config) {
    List<PlannedTrial> trials = new ArrayList<>();
    for (int p = 0; p < config.problems().size(); p++) {
      ProblemPlan plan = config.problems().get(p);
      for (int e = 0; e < plan.searches().size(); e++) {
        for (OptimizerSpec setting : settings(config, p, e)) {
          for (BatchSize batch : plan.batchSizes()) {
            for (long seed : tuningSeeds(config, plan)) {
              trials.add(new PlannedTrial(Arm.TUNING, spec(config, plan, setting, batch, seed)));
            }
          }
        }
      }
    }
    return trials;
  }

  /**
   * @param config a tune-then-evaluate experiment
   * @param results completed results by trial id
   * @return the choice for every problem and optimizer entry, in plan order
   */
  public static List<Choice> choose(ExperimentConfig config, Map<String, TrialResult> results) {
    List<Choice> choices = new ArrayList<>();
    for (int p = 0; p < config.problems().size(); p++) {
      ProblemPlan plan = config.problems().get(p);
      ProblemMetric selection = plan.problem().kind().selectionMetric();
      for (int e = 0; e < plan.searches().size(); e++) {
        TrialSpec best = null;
        double bestValue = Double.NaN;
        Map<Long, Double> bestSeeds = Map.of();
        int candidates = 0;
        int excluded = 0;
        List<Long> seeds = tuningSeeds(config, plan);
        for (OptimizerSpec setting : settings(config, p, e)) {
          for (BatchSize batch : plan.batchSizes()) {
            candidates++;
            Map<Long, Double> values = seedValues(config, plan, setting, batch, seeds,
                selection, results);
            double median = values == null ? Double.NaN
                : median(values.values(), selection.goal().worst());
            if (values == null || Double.isInfinite(median)) {
              excluded++;
              continue;
            }
            if (best == null || selection.goal().better(median, bestValue)) {
              best = spec(config, plan, setting, batch, seeds.get(0));
              bestValue = median;
              bestSeeds = seeds.size() > 1 ? values : Map.of();
            }
          }
        }
        choices.add(new Choice(plan.problem().id(), e, Optional.ofNullable(best),
            selection.column(), bestValue, candidates, excluded, bestSeeds));
      }
    }
    return choices;
  }

  /**
   * @param config a tune-then-evaluate experiment
   * @param choices from {@link #choose}
   * @return the evaluation arm (each chosen setting × every seed) followed by the defaults arm
   *     (each optimizer of the problem at its provider's defaults, first batch size, every seed)
   */
  public static List<PlannedTrial> evaluation(ExperimentConfig config, List<Choice> choices) {
    List<PlannedTrial> trials = new ArrayList<>();
    for (Choice choice : choices) {
      choice.chosen().ifPresent(spec -> {
        for (long seed : config.seedsFor(spec.problem().kind())) {
          trials.add(new PlannedTrial(Arm.EVALUATION, withSeed(spec, seed)));
        }
      });
    }
    if (config.protocol().defaultsArm()) {
      for (ProblemPlan plan : config.problems()) {
        Map<OptimizerType, Boolean> kinds = new LinkedHashMap<>();
        plan.searches().forEach(s -> kinds.put(s.type(), true));
        for (OptimizerType kind : kinds.keySet()) {
          for (long seed : config.seedsFor(plan.problem().kind())) {
            trials.add(new PlannedTrial(Arm.DEFAULTS,
                spec(config, plan, kind.create(Map.of()), plan.batchSizes().get(0), seed)));
          }
        }
      }
    }
    return trials;
  }

  /**
   * @param config a tune-then-evaluate experiment
   * @param plan one of its problems
   * @return the seeds each tuning setting of the problem trains with: the protocol's tuning
   *     seeds, or only the first for a deterministic problem (more would repeat one trial)
   */
  public static List<Long> tuningSeeds(ExperimentConfig config, ProblemPlan plan) {
    List<Long> all = config.protocol().tuningSeedList();
    return plan.problem().kind().usesSeeds() ? all : all.subList(0, 1);
  }

  /**
   * @return each tuning seed's final value of the selection metric, a diverged seed (or one
   *     without a value) as the worst possible; null if a seed failed or has no result
   */
  private static Map<Long, Double> seedValues(ExperimentConfig config, ProblemPlan plan,
      OptimizerSpec setting, BatchSize batch, List<Long> seeds, ProblemMetric selection,
      Map<String, TrialResult> results) {
    Map<Long, Double> values = new LinkedHashMap<>();
    for (long seed : seeds) {
      TrialResult r = results.get(TrialId.of(spec(config, plan, setting, batch, seed)).hex());
      if (r == null || r.status() == TrialStatus.FAILED) {
        return null;
      }
      Double value = r.finalMetrics().get(selection.column());
      boolean scored = r.status() == TrialStatus.COMPLETED && value != null && !value.isNaN();
      values.put(seed, scored ? value : selection.goal().worst());
    }
    return values;
  }

  /**
   * @param values one value per seed, the worst possible for a diverged seed
   * @param worst the worst possible value of the metric (−∞ when larger is better, +∞ when
   *     smaller is)
   * @return the median: the middle value, or the mean of the two middle values for an even
   *     count ({@code worst} when either is infinite); NaN for no values
   */
  static double median(java.util.Collection<Double> values, double worst) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = sorted.length;
    if (n == 0) {
      return Double.NaN;
    }
    if (n % 2 == 1) {
      return sorted[n / 2];
    }
    double low = sorted[n / 2 - 1];
    double high = sorted[n / 2];
    if (Double.isInfinite(low) || Double.isInfinite(high)) {
      return worst;
    }
    return (low + high) / 2;
  }

  /** The budget of settings of one entry; random draws use a generator per (problem, entry). */
  private static List<OptimizerSpec> settings(ExperimentConfig config, int problem, int entry) {
    OptimizerSearch search = config.problems().get(problem).searches().get(entry);
    if (search.isGrid() && config.protocol().search()
        == org.optbench.config.Protocol.Search.GRID) {
      return search.grid();
    }
    // Each (problem, entry) gets its own stream, so adding an entry never changes the others.
    SplittableRandom random = new SplittableRandom(config.protocol().seed());
    for (int i = 0; i <= problem; i++) {
      random = random.split();
    }
    for (int i = 0; i <= entry; i++) {
      random = random.split();
    }
    List<OptimizerSpec> drawn = new ArrayList<>();
    for (int i = 0; i < config.protocol().budget(); i++) {
      drawn.add(search.sample(random));
    }
    return drawn;
  }

  private static TrialSpec spec(ExperimentConfig config, ProblemPlan plan, OptimizerSpec setting,
      BatchSize batch, long seed) {
    return plan.trial(setting, batch, seed, config.threads());
  }

  private static TrialSpec withSeed(TrialSpec s, long seed) {
    return s.withSeed(seed);
  }
}
