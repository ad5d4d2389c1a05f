package org.optbench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.optbench.result.TrialStatus;
import org.optbench.stats.BootstrapInterval;
import org.optbench.stats.Goal;
import org.optbench.stats.Holm;
import org.optbench.stats.PairedComparison;

/**
 * Compares optimizers on one problem over seeds with the statistics of
 * {@link org.optbench.stats}: a percentile bootstrap interval of each mean and a paired Wilcoxon
 * test against the best optimizer, Holm-adjusted.
 */
final class Comparisons {
  /** Bootstrap resamples of the seeds for every interval. */
  static final int RESAMPLES = 10_000;
  /** Seed of every bootstrap, so the intervals are the same on every run. */
  static final long BOOTSTRAP_SEED = 1;
  /** Nominal coverage of the intervals. */
  static final double LEVEL = 0.95;
  /** Family-wise significance level of the tests against the best. */
  static final double ALPHA = PairedComparison.DEFAULT_ALPHA;

  private Comparisons() {}

  /**
   * How one contender compares with the best.
   *
   * @param contender the contender
   * @param completed seeds that completed (their values make the mean and the interval)
   * @param diverged seeds that diverged
   * @param failed seeds that failed
   * @param mean mean of the metric over completed seeds (NaN if none)
   * @param interval bootstrap interval of that mean, or null with fewer than two completed seeds
   * @param pValue raw two-sided Wilcoxon p-value against the best; NaN for the best or untested
   * @param adjusted Holm-adjusted p-value; NaN for the best or untested
   * @param mark {@link #BEST}, {@link #TIED}, {@link #DIFFERS} or {@link Numbers#NONE} (not
   *     tested)
   */
  record Row(Contender contender, int completed, int diverged, int failed, double mean,
      BootstrapInterval.Interval interval, double pValue, double adjusted, String mark) {}

  /** Mark of the best contender. */
  static final String BEST = "best";
  /** Mark of a contender the test cannot tell from the best (adjusted p &gt; α). */
  static final String TIED = "≈ best";
  /** Mark of a contender the test tells from the best (adjusted p ≤ α). */
  static final String DIFFERS = "differs";

  /**
   * One comparison.
   *
   * @param metric the compared metric
   * @param rows one per contender, in the contenders' order
   * @param pairedSeeds seeds every contender with a setting has a result for, ascending
   * @param tested whether p-values were computed (at least two contenders and two paired seeds)
   * @param comparisons number of tests Holm adjusts over (contenders − 1)
   */
  record Result(Metric metric, List<Row> rows, List<Long> pairedSeeds, boolean tested,
      int comparisons) {

    /**
     * @return the smallest Holm-adjusted p-value the paired seeds allow: the exact Wilcoxon
     *     test's smallest p, 2/2ⁿ with n paired seeds, times the number of tests
     */
    double smallestAdjustedP() {
      return Math.min(1, comparisons * 2 / Math.pow(2, pairedSeeds.size()));
    }
  }

  /**
   * @param contenders the contenders of one problem and arm
   * @param metric the metric to compare (its goal says which way is better)
   * @return the comparison; contenders without a setting get a row with no numbers
   */
  static Result of(List<Contender> contenders, Metric metric) {
    Map<String, Map<Long, Double>> values = new LinkedHashMap<>();
    TreeSet<Long> paired = null;
    for (Contender c : contenders) {
      if (c.setting() == null) {
        continue;
      }
      Map<Long, Double> bySeed = values(c.setting(), metric);
      values.put(c.label(), bySeed);
      if (paired == null) {
        paired = new TreeSet<>(bySeed.keySet());
      } else {
        paired.retainAll(bySeed.keySet());
      }
    }
    List<Long> seeds = paired == null ? List.of() : List.copyOf(paired);
    PairedComparison.Result test = null;
    if (!values.isEmpty() && !seeds.isEmpty()) {
      Map<String, Map<Long, Double>> pairs = new LinkedHashMap<>();
      values.forEach((label, bySeed) -> {
        Map<Long, Double> kept = new TreeMap<>();
        seeds.forEach(s -> kept.put(s, bySeed.get(s)));
        pairs.put(label, kept);
      });
      test = PairedComparison.compare(pairs, metric.goal(), ALPHA);
    }
    boolean tested = test != null && values.size() >= 2 && seeds.size() >= 2;
    List<Row> rows = new ArrayList<>();
    for (Contender c : contenders) {
      SettingSummary s = c.setting();
      if (s == null) {
        rows.add(new Row(c, 0, 0, 0, Double.NaN, null, Double.NaN, Double.NaN, Numbers.NONE));
        continue;
      }
      double[] finished = finished(s, metric);
      BootstrapInterval.Interval interval = finished.length < 2 ? null
          : BootstrapInterval.mean(finished, LEVEL, RESAMPLES, BOOTSTRAP_SEED);
      double mean = s.stats(metric).mean();
      String mark = Numbers.NONE;
      double p = Double.NaN;
      double adjusted = Double.NaN;
      if (test != null) {
        PairedComparison.Row r = test.row(c.label());
        if (r.best()) {
          mark = BEST;
        } else if (tested) {
          p = r.pValue();
          adjusted = r.adjustedPValue();
          mark = r.indistinguishableFromBest() ? TIED : DIFFERS;
        }
      }
      rows.add(new Row(c, s.completed(), s.diverged(), s.failed(), mean, interval, p, adjusted,
          mark));
    }
    return new Result(metric, rows, seeds, tested, Math.max(0, values.size() - 1));
  }

  /**
   * The metric per seed with a result: its final value for a completed seed, NaN for a diverged
   * or failed one (the worst value in the paired test). Seeds without a result are absent.
   */
  static Map<Long, Double> values(SettingSummary s, Metric metric) {
    Map<Long, Double> out = new TreeMap<>();
    for (TrialRecord t : s.trials()) {
      if (t.result() == null) {
        continue;
      }
      double v = t.status() == TrialStatus.COMPLETED ? metric.value().applyAsDouble(t)
          : Double.NaN;
      out.put(t.seed(), v);
    }
    return out;
  }

  /** The metric of the completed seeds, in seed order. */
  static double[] finished(SettingSummary s, Metric metric) {
    return values(s, metric).values().stream().filter(Double::isFinite)
        .mapToDouble(Double::doubleValue).toArray();
  }

  /**
   * Defaults against tuned for one optimizer entry.
   *
   * @param tuned the entry's chosen setting (evaluation arm)
   * @param defaults the optimizer at its defaults (defaults arm), or null if absent
   * @param tunedMean mean over tuned completed seeds
   * @param defaultsMean mean over defaults completed seeds
   * @param gap how much tuning gained, in the unit of {@link #gapHeader}; NaN when undefined
   * @param pairedSeeds seeds both have a result for
   * @param pValue raw two-sided Wilcoxon p-value of tuned against defaults over the paired seeds
   *     (diverged seeds at the worst value); NaN with fewer than two paired seeds
   * @param adjusted Holm-adjusted over the problem's optimizers; NaN when untested
   */
  record GapRow(Contender tuned, Contender defaults, double tunedMean, double defaultsMean,
      double gap, int pairedSeeds, double pValue, double adjusted) {}

  /**
   * @param metric the compared metric
   * @return what the gap measures: the difference of means for metrics to maximise, the decades
   *     between the means for metrics to minimise (suboptimality spans many decades)
   */
  static String gapHeader(Metric metric) {
    return metric.goal() == Goal.MAX ? "gain from tuning (tuned − defaults)"
        : "gain from tuning [decades] log₁₀(defaults / tuned)";
  }

  /**
   * @param tuned the evaluation-arm contenders of a problem
   * @param defaults its defaults-arm contenders
   * @param metric the compared metric
   * @return one row per tuned contender with a setting and a defaults contender of the same
   *     optimizer, in the tuned contenders' order
   */
  static List<GapRow> gaps(List<Contender> tuned, List<Contender> defaults, Metric metric) {
    List<GapRow> rows = new ArrayList<>();
    List<Double> raw = new ArrayList<>();
    for (Contender t : tuned) {
      Contender d = defaults.stream().filter(c -> c.optimizer().equals(t.optimizer()))
          .findFirst().orElse(null);
      if (t.setting() == null || d == null || d.setting() == null) {
        continue;
      }
      double tm = t.setting().stats(metric).mean();
      double dm = d.setting().stats(metric).mean();
      double gap = metric.goal() == Goal.MAX ? tm - dm
          : tm > 0 && dm > 0 ? Math.log10(dm / tm) : Double.NaN;
      Map<Long, Double> tv = values(t.setting(), metric);
      Map<Long, Double> dv = values(d.setting(), metric);
      TreeSet<Long> seeds = new TreeSet<>(tv.keySet());
      seeds.retainAll(dv.keySet());
      double p = Double.NaN;
      if (seeds.size() >= 2) {
        Map<Long, Double> a = new TreeMap<>();
        Map<Long, Double> b = new TreeMap<>();
        seeds.forEach(s -> {
          a.put(s, tv.get(s));
          b.put(s, dv.get(s));
        });
        Map<String, Map<Long, Double>> pair = new LinkedHashMap<>();
        pair.put("tuned", a);
        pair.put("defaults", b);
        PairedComparison.Result r = PairedComparison.compare(pair, metric.goal(), ALPHA);
        // With two samples the non-best row holds the one test.
        p = r.rows().stream().filter(x -> !x.best()).findFirst().orElseThrow().pValue();
      }
      raw.add(p);
      rows.add(new GapRow(t, d, tm, dm, gap, seeds.size(), p, Double.NaN));
    }
    double[] tested = raw.stream().filter(v -> !Double.isNaN(v)).mapToDouble(v -> v).toArray();
    double[] adjusted = Holm.adjust(tested);
    List<GapRow> out = new ArrayList<>();
    int k = 0;
    for (GapRow r : rows) {
      double adj = Double.isNaN(r.pValue()) ? Double.NaN : adjusted[k++];
      out.add(new GapRow(r.tuned(), r.defaults(), r.tunedMean(), r.defaultsMean(), r.gap(),
          r.pairedSeeds(), r.pValue(), adj));
    }
    return out;
  }
}
