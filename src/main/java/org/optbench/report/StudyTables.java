package org.optbench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.optbench.problem.ProblemKind;
import org.optbench.stats.BootstrapInterval;
import org.optbench.stats.Goal;

/**
 * The tables that compare optimizers with statistics: comparisons with bootstrap intervals and
 * Holm-adjusted Wilcoxon tests, defaults against tuned, time to target on three clocks, tuning
 * budget, stable learning-rate ranges and performance-profile areas. Like {@link ReportTables},
 * each comes as a display table and a data table with one number per CSV column.
 */
final class StudyTables {
  private StudyTables() {}

  /** Which arm a comparison covers. */
  enum Arm {
    /** Grid store: each optimizer's best setting over its seeds. */
    GRID_BEST,
    /** Tune-then-evaluate: each entry's chosen setting over the evaluation seeds. */
    EVALUATION,
    /** Tune-then-evaluate: each optimizer's defaults over the evaluation seeds. */
    DEFAULTS
  }

  /**
   * @param problem a problem
   * @param result the comparison
   * @param arm which arm it covers
   * @return the comparison table
   */
  static ReportTables.Pair comparison(ProblemEntry problem, Comparisons.Result result,
      Arm arm) {
    Metric metric = result.metric();
    boolean tuned = arm == Arm.EVALUATION;
    String level = percent(Comparisons.LEVEL);
    List<String> headers = new ArrayList<>(List.of("optimizer",
        arm == Arm.DEFAULTS ? "setting (defaults)" : tuned ? "chosen setting" : "setting"));
    if (tuned) {
      headers.add("tuning trials (excluded)");
    }
    headers.addAll(List.of("n", "diverged", metric.header() + " mean [" + level + " CI]",
        "p vs best (Holm)", "vs best"));
    List<Boolean> numeric = new ArrayList<>(List.of(false, false));
    if (tuned) {
      numeric.add(true);
    }
    numeric.addAll(List.of(true, true, true, true, false));

    List<String> dataHeaders = List.of("problem", "arm", "optimizer", "setting",
        "tuning trials", "tuning trials excluded", "selection metric", "selection value",
        "seeds completed", "seeds diverged", "seeds failed", metric.header() + " mean",
        "ci low", "ci high", "ci level", "bootstrap resamples", "bootstrap seed",
        "paired seeds", "p", "p holm", "vs best");
    List<Boolean> dataNumeric = dataHeaders.stream().map(h -> !List.of("problem", "arm",
        "optimizer", "setting", "selection metric", "vs best").contains(h)).toList();

    List<List<String>> display = new ArrayList<>();
    List<List<String>> data = new ArrayList<>();
    for (Comparisons.Row r : result.rows()) {
      Contender c = r.contender();
      Selection sel = c.selection();
      BootstrapInterval.Interval ci = r.interval();
      List<String> row = new ArrayList<>(List.of(c.label(), c.settingText()));
      if (tuned) {
        row.add(sel == null ? Numbers.NONE
            : sel.candidates() + " (" + sel.excluded() + ")");
      }
      boolean has = c.setting() != null;
      row.addAll(List.of(has ? Numbers.count(r.completed()) : Numbers.NONE,
          has ? Numbers.count(r.diverged()) : Numbers.NONE, meanWithInterval(r.mean(), ci),
          Numbers.format(r.adjusted()), r.mark()));
      display.add(row);
      data.add(List.of(problem.label(), armName(arm), c.label(), c.settingText(),
          sel == null ? "" : Numbers.count(sel.candidates()),
          sel == null ? "" : Numbers.count(sel.excluded()), sel == null ? "" : sel.metric(),
          sel == null ? "" : Numbers.format(sel.value()), Numbers.count(r.completed()),
          Numbers.count(r.diverged()), Numbers.count(r.failed()), Numbers.format(r.mean()),
          ci == null ? Numbers.NONE : Numbers.format(ci.low()),
          ci == null ? Numbers.NONE : Numbers.format(ci.high()),
          Numbers.exact(Comparisons.LEVEL), Numbers.count(Comparisons.RESAMPLES),
          Numbers.count(Comparisons.BOOTSTRAP_SEED), Numbers.count(result.pairedSeeds().size()),
          Numbers.format(r.pValue()), Numbers.format(r.adjusted()), r.mark()));
    }
    String id = problem.key() + (arm == Arm.DEFAULTS ? "-defaults" : "-comparison");
    String title = problem.label() + ": " + switch (arm) {
      case GRID_BEST -> "optimizers compared at their best settings";
      case EVALUATION -> "tuned optimizers compared on the evaluation seeds";
      case DEFAULTS -> "optimizers at their defaults compared";
    };
    String caption = switch (arm) {
      case GRID_BEST -> "Each optimizer at its best setting, " + problem.kind()
          .selectionRule() + ". The best setting was chosen on the same seeds that are compared"
          + " here, so the intervals and tests do not account for the selection; the"
          + " tune-then-evaluate protocol separates the two. ";
      case EVALUATION -> "Each optimizer entry at the setting the run chose on its tuning trials"
          + " (selection.csv: " + selectionPhrase(problem.kind()) + ", never a test metric),"
          + " retrained with every evaluation seed; tuning trials (excluded) counts the"
          + " candidates and those that diverged or failed. ";
      case DEFAULTS -> "Each optimizer at DL4J's default hyperparameters and the first batch"
          + " size, with the evaluation seeds; nothing was tuned. ";
    } + statistics(problem, result);
    java.util.Optional<String> unequal = TimeLimitConditions.mismatch(result.rows().stream()
        .map(r -> r.contender().setting()).filter(java.util.Objects::nonNull).toList());
    if (unequal.isPresent()) {
      title += TimeLimitConditions.TITLE_MARK;
      caption = unequal.get() + caption;
    }
    return new ReportTables.Pair(new Table(id, title, caption, headers, numeric, display),
        new Table(id, title, caption, dataHeaders, dataNumeric, data));
  }

  /**
   * The choice of a tuning over several seeds: each optimizer entry's chosen setting with its
   * selection metric on every tuning seed and their median, the score it was chosen on.
   *
   * @param problem the problem
   * @param contenders the evaluation arm's entries with their selection rows
   * @return the table, or empty when the run tuned with one seed
   */
  static java.util.Optional<ReportTables.Pair> tuningSeeds(ProblemEntry problem,
      List<Contender> contenders) {
    List<Long> seeds = contenders.stream().map(Contender::selection)
        .filter(s -> s != null && !s.seedValues().isEmpty())
        .flatMap(s -> s.seedValues().keySet().stream()).distinct().sorted().toList();
    if (seeds.isEmpty()) {
      return java.util.Optional.empty();
    }
    String metric = selectionPhrase(problem.kind());
    List<String> headers = new ArrayList<>(List.of("optimizer", "chosen setting"));
    seeds.forEach(seed -> headers.add("seed " + seed));
    headers.addAll(List.of("median", "tuning settings (excluded)"));
    List<Boolean> numeric = new ArrayList<>(List.of(false, false));
    seeds.forEach(seed -> numeric.add(true));
    numeric.addAll(List.of(true, true));
    List<List<String>> display = new ArrayList<>();
    for (Contender c : contenders) {
      Selection sel = c.selection();
      if (sel == null) {
        continue;
      }
      List<String> row = new ArrayList<>(List.of(c.label(), c.settingText()));
      for (long seed : seeds) {
        Double v = sel.seedValues().get(seed);
        row.add(v == null ? Numbers.NONE : Double.isInfinite(v) ? "diverged" : Numbers.format(v));
      }
      row.add(Numbers.format(sel.value()));
      row.add(sel.candidates() + " (" + sel.excluded() + ")");
      display.add(row);
    }
    String id = problem.key() + "-tuning-seeds";
    String title = problem.label() + ": settings chosen on the median over " + seeds.size()
        + " tuning seeds";
    String caption = "Each optimizer entry's chosen setting with its " + metric + " on every"
        + " tuning seed and their median, on which the setting was chosen (the mean of the two"
        + " middle values for an even number of seeds), so one lucky seed cannot choose it. A"
        + " seed that diverged counts as the worst possible value; a setting whose median is"
        + " such a value, or with a failed seed, is not chosen (counted as excluded).";
    Table table = new Table(id, title, caption, headers, numeric, display);
    return java.util.Optional.of(new ReportTables.Pair(table, table));
  }

  /**
   * @param kind a problem's kind
   * @return the metric a tune-then-evaluate run chooses on, as a phrase: its header, e.g.
   *     {@code final validation accuracy}
   */
  static String selectionPhrase(ProblemKind kind) {
    return kind.selectionMetric().header();
  }

  /** What the numbers are and how the test was made. */
  private static String statistics(ProblemEntry problem, Comparisons.Result result) {
    StringBuilder s = new StringBuilder();
    s.append("Metric: ").append(result.metric().header()).append(" (")
        .append(result.metric().goal() == Goal.MAX ? "larger" : "smaller")
        .append(" is better). Mean over the n seeds that completed (diverged seeds are counted,"
            + " not averaged) with a ")
        .append(percent(Comparisons.LEVEL)).append(" percentile bootstrap interval (")
        .append(String.format(Locale.ROOT, "%,d", Comparisons.RESAMPLES))
        .append(" resamples of the seeds, seed ").append(Comparisons.BOOTSTRAP_SEED)
        .append("; none with fewer than two seeds). ");
    if (result.tested()) {
      s.append("p: two-sided Wilcoxon signed-rank test of each optimizer against the best over"
          + " the ").append(result.pairedSeeds().size()).append(" seeds every optimizer has a"
          + " result for (a diverged or failed seed counts as the worst value; zero differences"
          + " are dropped; exact p), Holm-adjusted over the ").append(result.comparisons())
          .append(result.comparisons() == 1 ? " comparison" : " comparisons")
          .append(". The best has the fewest diverged seeds, then the best mean. ≈ best: adjusted"
              + " p > ").append(Numbers.exact(Comparisons.ALPHA)).append(", so these seeds"
              + " cannot tell it from the best; differs: adjusted p ≤ ")
          .append(Numbers.exact(Comparisons.ALPHA)).append('.');
      double floor = result.smallestAdjustedP();
      if (floor > Comparisons.ALPHA) {
        s.append(" With ").append(result.pairedSeeds().size()).append(" paired seeds the"
            + " smallest attainable adjusted p is ").append(Numbers.format(floor))
            .append(", so no optimizer can be declared different from the best; more seeds are"
                + " needed.");
      }
    } else if (!problem.kind().usesSeeds()) {
      s.append("The function is deterministic and was run with one seed: there is no interval"
          + " or test, and the best is simply the best value.");
    } else {
      s.append("Fewer than two paired seeds or optimizers: no test.");
    }
    return s.toString();
  }

  /**
   * @param problem a problem
   * @param rows gaps per optimizer entry
   * @param metric the compared metric
   * @return the defaults-against-tuned table
   */
  static ReportTables.Pair defaultsVsTuned(ProblemEntry problem, List<Comparisons.GapRow> rows,
      Metric metric) {
    String gap = Comparisons.gapHeader(metric);
    List<String> headers = List.of("optimizer", "tuned setting", "tuned: " + metric.header(),
        "defaults: " + metric.header(), "defaults diverged", gap, "p (Holm)");
    List<Boolean> numeric = List.of(false, false, true, true, true, true, true);
    List<String> dataHeaders = List.of("problem", "optimizer", "tuned setting",
        "defaults setting", "tuned seeds completed", "tuned seeds diverged", "tuned mean",
        "defaults seeds completed", "defaults seeds diverged", "defaults mean", gap,
        "paired seeds", "p", "p holm");
    List<Boolean> dataNumeric = dataHeaders.stream().map(h -> !List.of("problem", "optimizer",
        "tuned setting", "defaults setting").contains(h)).toList();
    List<List<String>> display = new ArrayList<>();
    List<List<String>> data = new ArrayList<>();
    for (Comparisons.GapRow r : rows) {
      SettingSummary t = r.tuned().setting();
      SettingSummary d = r.defaults().setting();
      display.add(List.of(r.tuned().label(), t.settingText(), meanOf(t, metric),
          meanOf(d, metric), d.diverged() + "/" + (d.completed() + d.diverged() + d.failed()),
          gapText(r, d), Numbers.format(r.adjusted())));
      data.add(List.of(problem.label(), r.tuned().label(), t.settingText(), d.settingText(),
          Numbers.count(t.completed()), Numbers.count(t.diverged()),
          Numbers.format(r.tunedMean()), Numbers.count(d.completed()),
          Numbers.count(d.diverged()), Numbers.format(r.defaultsMean()),
          Numbers.format(r.gap()), Numbers.count(r.pairedSeeds()), Numbers.format(r.pValue()),
          Numbers.format(r.adjusted())));
    }
    String id = problem.key() + "-defaults-vs-tuned";
    String title = problem.label() + ": defaults against tuned";
    String caption = "How much tuning gained over the defaults (the question of Schmidt,"
        + " Schneider & Hennig 2021), per optimizer entry: the mean " + metric.header()
        + " over completed evaluation seeds of the chosen setting and of the defaults, with the"
        + " same seeds. " + (metric.goal() == Goal.MAX
            ? "Gain = tuned mean − defaults mean; positive means tuning helped."
            : "Gain = log₁₀(defaults mean / tuned mean), in decades; positive means tuning"
                + " helped, 1 is ten times closer to the optimum.")
        + " p: two-sided Wilcoxon signed-rank test of tuned against defaults over the seeds both"
        + " have a result for (diverged seeds count as the worst value), Holm-adjusted over the"
        + " optimizers of this problem; – with fewer than two paired seeds.";
    return new ReportTables.Pair(new Table(id, title, caption, headers, numeric, display),
        new Table(id, title, caption, dataHeaders, dataNumeric, data));
  }

  private static String meanOf(SettingSummary s, Metric metric) {
    return Numbers.format(s.stats(metric).mean()) + " (n " + s.completed() + ")";
  }

  private static String gapText(Comparisons.GapRow r, SettingSummary defaults) {
    if (defaults.completed() == 0) {
      return "defaults never completed";
    }
    return Double.isNaN(r.gap()) ? Numbers.NONE
        : (r.gap() > 0 ? "+" : "") + Numbers.format(r.gap());
  }

  /**
   * @param problem a problem
   * @param contenders its contenders
   * @param tuned whether they are the evaluation arm (else a grid store's best settings)
   * @return time to target in steps, examples seen and wall seconds
   */
  static ReportTables.Pair timeToTarget(ProblemEntry problem, List<Contender> contenders,
      boolean tuned) {
    boolean examples = problem.kind().usesMiniBatches();
    List<String> headers = new ArrayList<>(List.of("optimizer", "setting",
        "reached target [seeds]", "optimizer steps"));
    if (examples) {
      headers.add("examples seen");
    }
    headers.add("training wall time [s]");
    List<Boolean> numeric = new ArrayList<>(List.of(false, false, true, true, true));
    if (examples) {
      numeric.add(true);
    }
    List<String> dataHeaders = new ArrayList<>(List.of("problem", "optimizer", "setting",
        "target", "seeds reached", "seeds eligible", "steps mean"));
    if (examples) {
      dataHeaders.add("examples seen mean");
    }
    dataHeaders.add("seconds mean");
    List<Boolean> dataNumeric = dataHeaders.stream().map(h -> !List.of("problem", "optimizer",
        "setting", "target").contains(h)).toList();
    List<List<String>> display = new ArrayList<>();
    List<List<String>> data = new ArrayList<>();
    for (Contender c : contenders) {
      if (c.setting() == null) {
        continue;
      }
      TimeToTarget t = c.setting().toTarget();
      List<String> row = new ArrayList<>(List.of(c.label(), c.settingText(), t.reachedText(),
          t.stepsText()));
      List<String> dataRow = new ArrayList<>(List.of(problem.label(), c.label(),
          c.settingText(), problem.targetText(), Numbers.count(t.reached()),
          Numbers.count(t.eligible()), Numbers.format(t.steps().mean())));
      if (examples) {
        row.add(t.examplesText());
        dataRow.add(Numbers.format(t.examples().mean()));
      }
      row.add(t.secondsText());
      dataRow.add(Numbers.format(t.seconds().mean()));
      display.add(row);
      data.add(dataRow);
    }
    String id = problem.key() + "-time-to-target";
    String title = problem.label() + ": time to target on three clocks";
    String caption = "The first " + (problem.hasEvals() ? "evaluation" : "step") + " where "
        + problem.targetText() + (problem.targetFromConfig() ? "" : " (default target)")
        + ", per optimizer " + (tuned ? "at its chosen setting over the evaluation seeds"
            : "at its best setting") + ", measured in optimizer steps"
        + (examples ? ", training examples seen" : "") + " and training wall time (evaluation"
        + " excluded; it depends on the machine and on how many trials ran at once). Each is"
        + " the mean over the seeds that reached the target; reached counts them among the"
        + " seeds with a result (diverged seeds never reach it)."
        + (examples ? "" : " A 2-D function takes the full gradient and sees no examples.");
    return new ReportTables.Pair(new Table(id, title, caption, headers, numeric, display),
        new Table(id, title, caption, dataHeaders, dataNumeric, data));
  }

  /**
   * The budgets shown as columns: 1, 2, 4, 8, … up to and including the largest pool.
   *
   * @param largest the largest pool size
   * @return ascending budgets
   */
  static List<Integer> budgets(int largest) {
    List<Integer> ks = new ArrayList<>();
    for (int k = 1; k < largest; k *= 2) {
      ks.add(k);
    }
    ks.add(largest);
    return ks;
  }

  /**
   * @param problem a problem
   * @param curves expected-best curves per entry
   * @return expected best selection metric at a few budgets
   */
  static ReportTables.Pair tuningBudget(ProblemEntry problem, List<Tuning.Curve> curves) {
    Metric selection = Metric.selection(problem.kind());
    int largest = curves.stream().mapToInt(Tuning.Curve::pool).max().orElse(1);
    List<Integer> ks = budgets(largest);
    List<String> headers = new ArrayList<>(List.of("optimizer", "tuning trials",
        "diverged (scored at start)"));
    List<String> dataHeaders = new ArrayList<>(List.of("problem", "optimizer", "tuning trials",
        "diverged", "excluded"));
    for (int k : ks) {
      headers.add("k = " + k);
    }
    for (int k = 1; k <= largest; k++) {
      dataHeaders.add("expected best of " + k);
    }
    List<Boolean> numeric = new ArrayList<>();
    headers.forEach(h -> numeric.add(!h.equals("optimizer")));
    List<Boolean> dataNumeric = new ArrayList<>();
    dataHeaders.forEach(h -> dataNumeric.add(!List.of("problem", "optimizer").contains(h)));
    List<List<String>> display = new ArrayList<>();
    List<List<String>> data = new ArrayList<>();
    for (Tuning.Curve c : curves) {
      List<String> row = new ArrayList<>(List.of(c.entry().label(), Numbers.count(c.pool()),
          Numbers.count(c.diverged())));
      for (int k : ks) {
        row.add(k <= c.pool() ? Numbers.format(c.expected()[k - 1]) : Numbers.NONE);
      }
      List<String> dataRow = new ArrayList<>(List.of(problem.label(), c.entry().label(),
          Numbers.count(c.pool()), Numbers.count(c.diverged()), Numbers.count(c.excluded())));
      for (int k = 1; k <= largest; k++) {
        dataRow.add(k <= c.pool() ? Numbers.format(c.expected()[k - 1]) : Numbers.NONE);
      }
      display.add(row);
      data.add(dataRow);
    }
    String id = problem.key() + "-tuning-budget";
    String title = problem.label() + ": expected best " + shortName(selection)
        + " after k tuning trials";
    String caption = budgetCaption(problem, selection);
    return new ReportTables.Pair(new Table(id, title, caption, headers, numeric, display),
        new Table(id, title, caption, dataHeaders, dataNumeric, data));
  }

  /** Shared by the tuning-budget table and figure. */
  static String budgetCaption(ProblemEntry problem, Metric selection) {
    return "The expected best " + selection.header() + " among k tuning trials drawn at random"
        + " without replacement from an optimizer's tuning trials (Dodge et al. 2019; the exact"
        + " average over all subsets of size k, ExpectedMaxCurve): k = 1 is the pool's mean,"
        + " k = all its best. "
        + "A diverged trial is scored at its value before the first step, where every setting"
        + " starts (as if training had not moved); failed trials are left out.";
  }

  /**
   * @param problem a problem
   * @param ranges stable learning-rate ranges per entry
   * @return the stability table
   */
  static ReportTables.Pair stability(ProblemEntry problem, List<Tuning.StableRange> ranges) {
    List<String> headers = List.of("optimizer", "tuning trials", "diverged",
        "smallest stable lr", "largest stable lr", "stable range [decades]",
        "smallest diverging lr", "searched lr");
    List<Boolean> numeric = List.of(false, true, true, true, true, true, true, false);
    List<String> dataHeaders = List.of("problem", "optimizer", "tuning trials", "diverged",
        "smallest stable lr", "largest stable lr", "stable range decades",
        "smallest diverging lr", "searched lr");
    List<Boolean> dataNumeric = List.of(false, false, true, true, true, true, true, true, false);
    List<List<String>> display = new ArrayList<>();
    List<List<String>> data = new ArrayList<>();
    for (Tuning.StableRange r : ranges) {
      List<String> cells = List.of(Numbers.count(r.trials()), Numbers.count(r.diverged()),
          rate(r.minStable()), rate(r.maxStable()), Numbers.format(r.width()),
          rate(r.smallestDiverged()), r.searched());
      List<String> row = new ArrayList<>(List.of(r.entry().label()));
      row.addAll(cells);
      display.add(row);
      List<String> dataRow = new ArrayList<>(List.of(problem.label(), r.entry().label()));
      dataRow.addAll(cells);
      data.add(dataRow);
    }
    String id = problem.key() + "-stability";
    String title = problem.label() + ": stable learning-rate range";
    String caption = "Stable range = log₁₀(η_max / η_min) in decades, where η_max and η_min are"
        + " the largest and smallest learning rates among the optimizer's tuning trials that"
        + " completed without diverging (failed trials are left out); 0 when one rate"
        + " completed, – when none did. The tuning trials also vary the other hyperparameters,"
        + " so a rate inside the range may diverge with other values of them, and the range"
        + " cannot exceed the searched one; the smallest diverging rate shows where trouble"
        + " starts. AdaDelta has no learning rate and is not listed.";
    return new ReportTables.Pair(new Table(id, title, caption, headers, numeric, display),
        new Table(id, title, caption, dataHeaders, dataNumeric, data));
  }

  /** A learning rate as tried: exact digits, since tuning drew them. */
  private static String rate(double v) {
    return Double.isNaN(v) ? Numbers.NONE : Numbers.format(v);
  }

  /**
   * @param steps profiles on the step clock
   * @param seconds profiles on the wall-time clock
   * @return one row per optimizer with its normalised areas
   */
  static ReportTables.Pair profileAreas(Profiles.Clock steps, Profiles.Clock seconds) {
    List<String> headers = List.of("optimizer", "problems reached on every seed",
        "area, steps", "area, wall time");
    List<Boolean> numeric = List.of(false, true, true, true);
    List<List<String>> rows = new ArrayList<>();
    for (String label : steps.optimizers().keySet()) {
      long reached = steps.times().values().stream()
          .filter(m -> Double.isFinite(m.getOrDefault(label, Double.POSITIVE_INFINITY)))
          .count();
      rows.add(List.of(label, reached + "/" + steps.times().size(),
          area(steps, label), area(seconds, label)));
    }
    String caption = "Normalised area under each performance profile on τ ∈ [1, "
        + Numbers.exact(Profiles.TAU_MAX) + "]: B = (1/(τ_max − 1)) ∫ ρ(τ) dτ, 1 when an"
        + " optimizer is the fastest on every problem, 0 when it is never within a factor "
        + Numbers.exact(Profiles.TAU_MAX) + " of the fastest (Dolan & Moré 2002; AlgoPerf, Dahl"
        + " et al. 2023). " + profileRule(steps, seconds);
    Table t = new Table("performance-profiles", "Performance-profile areas", caption, headers,
        numeric, rows);
    return new ReportTables.Pair(t, t);
  }

  private static String area(Profiles.Clock clock, String label) {
    return clock.profile() == null ? Numbers.NONE : Numbers.format(clock.profile().area(label));
  }

  /** How the profiles' times were made; shared by the table and the figures. */
  static String profileRule(Profiles.Clock steps, Profiles.Clock seconds) {
    StringBuilder s = new StringBuilder("The time of an optimizer on a problem is its mean time"
        + " to the problem's target over the seeds" + " when every seed with a result reached it,"
        + " and not reached otherwise (also when the optimizer was not run there); a problem"
        + " that no optimizer reached is left out of |P|. ");
    if (steps.profile() != null) {
      s.append("|P| = ").append(steps.profile().solvedProblems()).append(" of ")
          .append(steps.times().size()).append(" problems on the step clock");
      if (seconds.profile() != null) {
        s.append(", ").append(seconds.profile().solvedProblems()).append(" on the wall-time"
            + " clock");
      }
      s.append('.');
    }
    List<String> excluded = new ArrayList<>(steps.excluded());
    seconds.excluded().stream().filter(p -> !excluded.contains(p)).forEach(excluded::add);
    if (!excluded.isEmpty()) {
      s.append(" Left out because an optimizer met the target before its first step or the"
          + " clock was not recorded: ").append(String.join(", ", excluded)).append('.');
    }
    return s.toString();
  }

  /** Lower-case metric name for titles, e.g. {@code final validation accuracy}. */
  static String shortName(Metric m) {
    return m.header().replaceAll(" \\(.*\\)$", "").replaceAll(" \\[.*\\]$", "");
  }

  private static String meanWithInterval(double mean, BootstrapInterval.Interval ci) {
    if (Double.isNaN(mean)) {
      return Numbers.NONE;
    }
    return ci == null ? Numbers.format(mean) : Numbers.format(mean) + " ["
        + Numbers.format(ci.low()) + ", " + Numbers.format(ci.high()) + "]";
  }

  private static String percent(double level) {
    return Math.round(100 * level) + " %";
  }

  private static String armName(Arm arm) {
    return switch (arm) {
      case GRID_BEST -> "grid";
      case EVALUATION -> "evaluation";
      case DEFAULTS -> "defaults";
    };
  }
}
