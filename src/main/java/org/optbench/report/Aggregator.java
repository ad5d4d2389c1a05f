package org.optbench.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.optbench.problem.ProblemKind;
import org.optbench.result.CurveTable;
import org.optbench.result.TrialStatus;
import org.optbench.stats.Summary;

/** Groups trials into settings, aggregates over seeds, and selects settings. */
final class Aggregator {
  private Aggregator() {}

  /**
   * @param data a read experiment
   * @return one summary per setting, in plan order
   */
  static List<SettingSummary> summarize(ExperimentData data) {
    return summarize(data.trials());
  }

  /**
   * @param trials trials of the plan, e.g. those of one protocol arm
   * @return one summary per setting, in the order of the trials
   */
  static List<SettingSummary> summarize(List<TrialRecord> trials) {
    Map<String, List<TrialRecord>> groups = new LinkedHashMap<>();
    for (TrialRecord t : trials) {
      groups.computeIfAbsent(t.problem().key() + "|" + t.settingKey(), k -> new ArrayList<>())
          .add(t);
    }
    List<SettingSummary> out = new ArrayList<>();
    for (List<TrialRecord> group : groups.values()) {
      out.add(summarize(group, out.size()));
    }
    return out;
  }

  private static SettingSummary summarize(List<TrialRecord> trials, int order) {
    TrialRecord first = trials.get(0);
    ProblemEntry problem = first.problem();
    List<TrialRecord> completed = trials.stream().filter(TrialRecord::completed).toList();
    Map<String, Summary> metrics = new LinkedHashMap<>();
    for (Metric m : Metric.of(problem.kind())) {
      List<Double> values = new ArrayList<>();
      for (TrialRecord t : completed) {
        values.add(m.value().applyAsDouble(t));
      }
      metrics.put(m.id(), Summary.ofPresent(values));
    }
    return new SettingSummary(problem, first.optimizer(), first.hyperparameters(),
        first.batchSize(), first.settingKey(), order, List.copyOf(trials), metrics,
        timeToTarget(trials, problem));
  }

  private static TimeToTarget timeToTarget(List<TrialRecord> trials, ProblemEntry problem) {
    List<Double> steps = new ArrayList<>();
    List<Double> epochs = new ArrayList<>();
    List<Double> examples = new ArrayList<>();
    List<Double> seconds = new ArrayList<>();
    int eligible = 0;
    boolean measurable = false;
    for (TrialRecord t : trials) {
      if (t.result() == null || t.status() == TrialStatus.FAILED) {
        continue;
      }
      eligible++;
      CurveTable source = problem.hasEvals() ? t.evals() : t.curve();
      measurable |= source != null && source.has(problem.target().metric());
      if (t.diverged()) {
        continue;
      }
      double[] reach = reach(t, problem);
      if (reach != null) {
        steps.add(reach[0]);
        epochs.add(reach[1]);
        seconds.add(reach[2]);
        examples.add(reach[3]);
      }
    }
    return new TimeToTarget(Summary.ofPresent(steps), Summary.ofPresent(epochs), Summary.ofPresent(examples),
        Summary.ofPresent(seconds), steps.size(), eligible, measurable);
  }

  /**
   * The first evaluation row (analytic problems: curve row) whose target metric meets the target.
   *
   * @param trial a trial with a result
   * @param problem its problem
   * @return {steps, epochs (NaN without epochs), train seconds, examples seen (NaN when not
   *     recorded)}, or null if never reached
   */
  static double[] reach(TrialRecord trial, ProblemEntry problem) {
    CurveTable source = problem.hasEvals() ? trial.evals() : trial.curve();
    if (source == null) {
      return null;
    }
    double[] metric = source.column(problem.target().metric());
    double[] iteration = source.column("iteration");
    if (metric == null || iteration == null) {
      return null;
    }
    double[] examples = source.column("examples_seen");
    double[] time = source.column("train_time_s");
    int perEpoch = problem.trainExamples();
    for (int i = 0; i < metric.length; i++) {
      if (problem.target().reachedBy(metric[i])) {
        double epochs = examples != null && perEpoch > 0 ? examples[i] / perEpoch : Double.NaN;
        return new double[] {iteration[i], epochs, time == null ? Double.NaN : time[i],
            examples == null ? Double.NaN : examples[i]};
      }
    }
    return null;
  }

  /**
   * Ranks settings for selection: a setting with a smaller share of diverged seeds first, then the
   * better mean of the selection metric (see {@link Metric#selection}), then plan order. Settings
   * with no finished seed rank last.
   *
   * @param kind the problem's kind
   * @return the ranking
   */
  static Comparator<SettingSummary> ranking(ProblemKind kind) {
    Metric selection = Metric.selection(kind);
    return Comparator.comparingDouble(Aggregator::divergedShare)
        .thenComparing((a, b) -> selection.goal().compare(a.stats(selection).mean(),
            b.stats(selection).mean()))
        .thenComparingInt(SettingSummary::order);
  }

  private static double divergedShare(SettingSummary s) {
    int finished = s.completed() + s.diverged();
    return finished == 0 ? 2 : (double) s.diverged() / finished;
  }

  /**
   * @param settings settings of one problem
   * @return the best setting of each optimizer (by {@link #ranking}), in order of the optimizers'
   *     first appearance in the plan; optimizers without any finished seed are left out
   */
  static List<SettingSummary> bestPerOptimizer(List<SettingSummary> settings) {
    Map<String, SettingSummary> best = new LinkedHashMap<>();
    for (SettingSummary s : settings) {
      if (s.completed() + s.diverged() == 0) {
        continue;
      }
      Comparator<SettingSummary> rank = ranking(s.problem().kind());
      best.merge(s.optimizer(), s, (a, b) -> rank.compare(a, b) <= 0 ? a : b);
    }
    return List.copyOf(best.values());
  }

  /**
   * One row of the learning-rate sensitivity table.
   *
   * @param setting the best setting (by {@link #ranking}) among those with this learning rate
   * @param learningRate the learning rate
   * @param overallBest whether this is also the optimizer's best setting
   */
  record LrRow(SettingSummary setting, double learningRate, boolean overallBest) {}

  /**
   * For each optimizer with a learning rate and each learning rate tried, the best setting with
   * that rate: other hyperparameters and batch size at their best value for that rate.
   *
   * @param settings settings of one problem
   * @return rows by optimizer (plan order), then learning rate ascending
   */
  static List<LrRow> learningRateRows(List<SettingSummary> settings) {
    Set<String> best = new LinkedHashSet<>();
    bestPerOptimizer(settings).forEach(s -> best.add(s.key()));
    return learningRateRows(settings, best);
  }

  /**
   * As {@link #learningRateRows(List)}, with the settings to mark given.
   *
   * @param settings settings of one problem
   * @param marked keys of the settings to mark as best (e.g. those a tuning run chose)
   * @return rows by optimizer (plan order), then learning rate ascending
   */
  static List<LrRow> learningRateRows(List<SettingSummary> settings, Set<String> marked) {
    Set<String> best = marked;
    Map<String, TreeMap<Double, SettingSummary>> byOptimizer = new LinkedHashMap<>();
    for (SettingSummary s : settings) {
      if (Double.isNaN(s.learningRate())) {
        continue;
      }
      Comparator<SettingSummary> rank = ranking(s.problem().kind());
      byOptimizer.computeIfAbsent(s.optimizer(), k -> new TreeMap<>())
          .merge(s.learningRate(), s, (a, b) -> rank.compare(a, b) <= 0 ? a : b);
    }
    List<LrRow> rows = new ArrayList<>();
    byOptimizer.forEach((optimizer, map) -> map.forEach((lr, s) ->
        rows.add(new LrRow(s, lr, best.contains(s.key())))));
    return rows;
  }

  /**
   * @param settings every setting of the experiment
   * @return every trial without a usable result or with a cut-off curve, in plan order
   */
  static List<Gap> gaps(List<SettingSummary> settings) {
    List<Gap> gaps = new ArrayList<>();
    for (SettingSummary s : settings) {
      for (TrialRecord t : s.trials()) {
        String reason = gapReason(t);
        if (reason != null) {
          gaps.add(new Gap(t.problem().label(), t.optimizer(), s.settingText(), t.seed(), reason,
              t.path()));
        }
      }
    }
    return gaps;
  }

  private static String gapReason(TrialRecord t) {
    if (t.damage() != null) {
      return "damaged: " + t.damage() + " (left out; delete the trial folder and rerun to redo"
          + " it)";
    }
    if (t.result() == null) {
      if ("PENDING".equals(t.indexStatus()) && t.curve() == null) {
        return "not run (PENDING)";
      }
      return "not finished (no result.json)";
    }
    if (t.status() == TrialStatus.FAILED) {
      return "FAILED: " + (t.result().message() == null ? "no message" : t.result().message());
    }
    return null;
  }
}
