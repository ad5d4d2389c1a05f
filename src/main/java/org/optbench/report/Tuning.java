package org.optbench.report;

import org.optbench.optimizer.Domain;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.optbench.problem.ProblemKind;
import org.optbench.result.CurveTable;
import org.optbench.result.TrialStatus;
import org.optbench.stats.ExpectedMaxCurve;

/**
 * What the tuning trials of a tune-then-evaluate store say beyond the chosen setting: how the
 * best validation score grows with the tuning budget, how wide the range of learning rates is
 * that trains without diverging, and where in hyperparameter space training is stable.
 */
final class Tuning {
  private Tuning() {}

  /**
   * Expected best selection metric after k tuning trials of one entry.
   *
   * @param entry the optimizer entry
   * @param expected {@code expected[k − 1]} for k = 1..pool (empty when the pool is empty)
   * @param pool tuning trials in the pool (completed and diverged)
   * @param diverged of those, diverged ones scored at their step-0 value
   * @param excluded trials left out: failed, without a result, or diverged without a step-0
   *     value
   */
  record Curve(TuningEntry entry, double[] expected, int pool, int diverged, int excluded) {}

  /**
   * @param problem the problem
   * @param entries its tuning entries
   * @return one curve per entry with a non-empty pool, in entry order
   */
  static List<Curve> curves(ProblemEntry problem, List<TuningEntry> entries) {
    Metric selection = Metric.selection(problem.kind());
    List<Curve> out = new ArrayList<>();
    for (TuningEntry e : entries) {
      List<Double> pool = new ArrayList<>();
      int diverged = 0;
      int excluded = 0;
      for (TrialRecord t : e.trials()) {
        double v = Double.NaN;
        if (t.completed()) {
          v = selection.value().applyAsDouble(t);
        } else if (t.diverged()) {
          v = startValue(problem, t);
          diverged += Double.isFinite(v) ? 1 : 0;
        }
        if (Double.isFinite(v)) {
          pool.add(v);
        } else {
          excluded++;
        }
      }
      if (pool.isEmpty()) {
        continue;
      }
      double[] scores = pool.stream().mapToDouble(Double::doubleValue).toArray();
      out.add(new Curve(e, ExpectedMaxCurve.of(scores, selection.goal()).exact(),
          scores.length, diverged, excluded));
    }
    return out;
  }

  /**
   * The column of {@code evals.csv} (or {@code curve.csv} for a kind without evaluations)
   * holding the selection metric.
   */
  static String selectionColumn(ProblemKind kind) {
    return kind.selectionMetric().column();
  }

  /**
   * The selection metric before the first step: every setting of a problem and seed starts there,
   * so a diverged trial is scored as if training had not moved.
   *
   * @return the value at iteration 0, or NaN if it was not recorded
   */
  static double startValue(ProblemEntry problem, TrialRecord t) {
    CurveTable source = problem.hasEvals() ? t.evals() : t.curve();
    if (source == null) {
      return Double.NaN;
    }
    double[] it = source.column("iteration");
    double[] v = source.column(selectionColumn(problem.kind()));
    if (it == null || v == null || it.length == 0 || it[0] != 0) {
      return Double.NaN;
    }
    return v[0];
  }

  /**
   * The learning rates of one entry's tuning trials that trained without diverging.
   *
   * @param entry the optimizer entry
   * @param trials tuning trials with a result that did not fail
   * @param diverged of those, how many diverged
   * @param minStable smallest learning rate of a completed trial (NaN if none)
   * @param maxStable largest learning rate of a completed trial (NaN if none)
   * @param smallestDiverged smallest learning rate of a diverged trial (NaN if none)
   * @param searched the configured learning-rate domain, or {@link Numbers#NONE}
   */
  record StableRange(TuningEntry entry, int trials, int diverged, double minStable,
      double maxStable, double smallestDiverged, String searched) {

    /** @return log₁₀(maxStable / minStable) in decades, 0 for one rate, NaN for none */
    double width() {
      return minStable > 0 ? Math.log10(maxStable / minStable) : Double.NaN;
    }
  }

  /**
   * @param entries tuning entries of one problem
   * @return one range per entry whose trials have a learning rate, in entry order
   */
  static List<StableRange> stableRanges(List<TuningEntry> entries) {
    List<StableRange> out = new ArrayList<>();
    for (TuningEntry e : entries) {
      double min = Double.NaN;
      double max = Double.NaN;
      double divergedMin = Double.NaN;
      int trials = 0;
      int diverged = 0;
      boolean hasRate = false;
      for (TrialRecord t : e.trials()) {
        double lr = t.learningRate();
        hasRate |= !Double.isNaN(lr);
        if (Double.isNaN(lr) || t.result() == null || t.status() == TrialStatus.FAILED) {
          continue;
        }
        trials++;
        if (t.completed()) {
          min = Double.isNaN(min) ? lr : Math.min(min, lr);
          max = Double.isNaN(max) ? lr : Math.max(max, lr);
        } else {
          diverged++;
          divergedMin = Double.isNaN(divergedMin) ? lr : Math.min(divergedMin, lr);
        }
      }
      if (!hasRate) {
        continue;
      }
      Domain domain = e.entry() == null ? null : e.entry().domain("learningRate");
      out.add(new StableRange(e, trials, diverged, min, max, divergedMin,
          domain == null ? Numbers.NONE : SearchEntry.text(domain)));
    }
    return out;
  }

  /**
   * One tuning trial in a stability map.
   *
   * @param x its value of the first hyperparameter
   * @param y its value of the second
   * @param value its final selection metric (NaN when diverged)
   * @param diverged whether it diverged
   * @param chosen whether the run chose it
   */
  record Point(double x, double y, double value, boolean diverged, boolean chosen) {}

  /**
   * The tuning trials of one entry over two hyperparameters it varies.
   *
   * @param entry the optimizer entry
   * @param xName first hyperparameter (the learning rate when it varies)
   * @param yName second hyperparameter
   * @param logX whether x is searched (or best shown) on a log scale
   * @param logY whether y is
   * @param cells whether the trials lie on a grid (else they were drawn at random)
   * @param points every trial with a result that did not fail
   */
  record Map2d(TuningEntry entry, String xName, String yName, boolean logX, boolean logY,
      boolean cells, List<Point> points) {}

  /**
   * Stability maps of one problem: for each entry whose tuning trials vary the learning rate and
   * another hyperparameter, one map per such pair (learning rate on x); for an entry without a
   * varying learning rate that varies exactly two hyperparameters (AdaDelta's rho and epsilon),
   * one map of those.
   *
   * @param problem the problem
   * @param entries its tuning entries
   * @param randomSearch whether the settings were drawn at random (else they form a grid)
   * @return the maps in entry order
   */
  static List<Map2d> maps(ProblemEntry problem, List<TuningEntry> entries,
      boolean randomSearch) {
    Metric selection = Metric.selection(problem.kind());
    List<Map2d> out = new ArrayList<>();
    for (TuningEntry e : entries) {
      List<TrialRecord> trials = e.trials().stream()
          .filter(t -> t.result() != null && t.status() != TrialStatus.FAILED).toList();
      Set<String> varied = varied(trials);
      List<String[]> pairs = new ArrayList<>();
      if (varied.contains("learningRate")) {
        varied.stream().filter(h -> !h.equals("learningRate"))
            .forEach(h -> pairs.add(new String[] {"learningRate", h}));
      } else if (varied.size() == 2) {
        pairs.add(varied.toArray(String[]::new));
      }
      TrialRecord chosen = e.chosenTrial();
      for (String[] pair : pairs) {
        List<Point> points = new ArrayList<>();
        for (TrialRecord t : trials) {
          points.add(new Point(t.hyperparameters().get(pair[0]),
              t.hyperparameters().get(pair[1]),
              t.completed() ? selection.value().applyAsDouble(t) : Double.NaN, t.diverged(),
              chosen != null && t.trialId().equals(chosen.trialId())));
        }
        boolean cells = !randomSearch && !ranged(e, pair[0]) && !ranged(e, pair[1]);
        out.add(new Map2d(e, pair[0], pair[1], logarithmic(e, pair[0], points, true),
            logarithmic(e, pair[1], points, false), cells, points));
      }
    }
    return out;
  }

  /** Hyperparameters with more than one value among the trials, in hyperparameter order. */
  private static Set<String> varied(List<TrialRecord> trials) {
    Map<String, Set<Double>> values = new LinkedHashMap<>();
    for (TrialRecord t : trials) {
      t.hyperparameters().forEach((k, v) -> values.computeIfAbsent(k,
          x -> new LinkedHashSet<>()).add(v));
    }
    Set<String> out = new LinkedHashSet<>();
    values.forEach((k, v) -> {
      if (v.size() > 1) {
        out.add(k);
      }
    });
    return out;
  }

  private static boolean ranged(TuningEntry e, String name) {
    Domain d = e.entry() == null ? null : e.entry().domain(name);
    return d != null && d.isInterval();
  }

  /** The configured domain decides; without one, a positive spread over a decade does. */
  private static boolean logarithmic(TuningEntry e, String name, List<Point> points,
      boolean x) {
    Domain d = e.entry() == null ? null : e.entry().domain(name);
    if (d != null) {
      return d.logarithmic();
    }
    double min = Double.POSITIVE_INFINITY;
    double max = 0;
    for (Point p : points) {
      double v = x ? p.x() : p.y();
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    return min > 0 && max >= 10 * min;
  }
}
