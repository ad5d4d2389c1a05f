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
   * @param candidates tuning trials considered
   * @param excluded of those, diverged or failed (or missing)
   */
  public record Choice(String problem, int entry, Optional<TrialSpec> chosen, String metric,
      double value, int candidates, int excluded) {}

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
            trials.add(new PlannedTrial(Arm.TUNING,
                spec(config, plan, setting, batch, config.protocol().seed())));
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
        int candidates = 0;
        int excluded = 0;
        for (OptimizerSpec setting : settings(config, p, e)) {
          for (BatchSize batch : plan.batchSizes()) {
            TrialSpec spec = spec(config, plan, setting, batch, config.protocol().seed());
            candidates++;
            TrialResult r = results.get(TrialId.of(spec).hex());
            Double value = r == null ? null : r.finalMetrics().get(selection.column());
            if (r == null || r.status() != TrialStatus.COMPLETED || value == null
                || value.isNaN()) {
              excluded++;
              continue;
            }
            if (best == null || selection.goal().better(value, bestValue)) {
              best = spec;
              bestValue = value;
            }
          }
        }
        choices.add(new Choice(plan.problem().id(), e, Optional.ofNullable(best),
            selection.column(), bestValue, candidates, excluded));
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
