package org.optbench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.optbench.stats.Goal;
import org.optbench.stats.PerformanceProfile;

/**
 * The figures of the comparison sections: defaults against tuned, tuning-budget curves,
 * stability maps and performance profiles.
 */
final class StudyFigures {
  private static final int WIDTH = 900;
  private static final int HEIGHT = 540;
  /** Decades of a log colour scale below its worst value; better values share the end colour. */
  private static final double COLOUR_DECADES = 12;
  /** Decades a logarithmic value axis spans at most below its largest value. */
  private static final double AXIS_DECADES = 15;

  private StudyFigures() {}

  /**
   * @param problem a problem
   * @param rows defaults against tuned per optimizer entry
   * @param metric the compared metric
   * @return the dumbbell figure, or null without rows
   */
  static Figure defaultsVsTuned(ProblemEntry problem, List<Comparisons.GapRow> rows,
      Metric metric) {
    if (rows.isEmpty()) {
      return null;
    }
    List<Double> all = rows.stream()
        .flatMap(r -> java.util.stream.Stream.of(r.tunedMean(), r.defaultsMean())).toList();
    boolean logY = metric.goal() == Goal.MIN && spansDecades(all);
    double floor = logY ? floor(all) : Double.NaN;
    List<StudyCharts.Pair> pairs = rows.stream().map(r -> new StudyCharts.Pair(
        r.tuned().optimizer(), r.tuned().label(), clamp(r.defaultsMean(), floor),
        clamp(r.tunedMean(), floor))).toList();
    JFreeChart chart = StudyCharts.dumbbells(problem.label() + ": defaults against tuned",
        metric.header() + ", mean over completed seeds", logY, pairs);
    return new Figure(problem.key() + "-defaults-vs-tuned", "Defaults against tuned",
        "For each optimizer, the mean " + metric.header() + " over the completed evaluation"
            + " seeds at its defaults (hollow circle) and at the tuned setting (filled"
            + " circle), joined by a segment whose length is what tuning changed"
            + (logY ? "; logarithmic y axis" + floorNote(all, floor) : "") + ". "
            + (metric.goal() == Goal.MAX
                ? "Higher is better." : "Lower is better.")
            + " An optimizer whose defaults never completed has no hollow circle.",
        chart, WIDTH, HEIGHT);
  }

  /**
   * @param problem a problem
   * @param curves expected-best curves per tuning entry
   * @return the tuning-budget figure, or null without curves
   */
  static Figure tuningBudget(ProblemEntry problem, List<Tuning.Curve> curves) {
    if (curves.isEmpty()) {
      return null;
    }
    Metric selection = Metric.selection(problem.kind());
    List<Double> all = new ArrayList<>();
    curves.forEach(c -> {
      for (double v : c.expected()) {
        all.add(v);
      }
    });
    boolean logY = selection.goal() == Goal.MIN && spansDecades(all);
    double floor = logY ? floor(all) : Double.NaN;
    List<Charts.Line> lines = new ArrayList<>();
    for (Tuning.Curve c : curves) {
      List<double[]> pts = new ArrayList<>();
      for (int k = 1; k <= c.expected().length; k++) {
        pts.add(new double[] {k, clamp(c.expected()[k - 1], floor)});
      }
      lines.add(new Charts.Line(c.entry().optimizer(), Palette.name(c.entry().optimizer())
          + label(c.entry()) + " (" + c.pool() + " trials)",
          pts.stream().mapToDouble(p -> p[0]).toArray(),
          pts.stream().mapToDouble(p -> p[1]).toArray()));
    }
    JFreeChart chart = Charts.lines(problem.label() + ": expected best after k tuning trials",
        "tuning trials k", false, "expected best " + selection.header(), logY, lines);
    StudyCharts.integerTicks((NumberAxis) chart.getXYPlot().getDomainAxis());
    return new Figure(problem.key() + "-tuning-budget", "Tuning budget",
        StudyTables.budgetCaption(problem, selection)
            + (logY ? " Logarithmic y axis" + floorNote(all, floor) + "." : ""),
        chart, WIDTH, HEIGHT);
  }

  /** Entry suffix for legends when an optimizer has several entries. */
  private static String label(TuningEntry e) {
    return e.label().equals(e.optimizer()) ? "" : e.label().substring(e.optimizer().length());
  }

  /**
   * @param problem a problem
   * @param maps stability maps of its tuning entries
   * @param randomSearch whether settings were drawn at random
   * @return one figure per map
   */
  static List<Figure> stability(ProblemEntry problem, List<Tuning.Map2d> maps,
      boolean randomSearch) {
    Metric selection = Metric.selection(problem.kind());
    boolean log = selection.goal() == Goal.MIN;
    List<Figure> out = new ArrayList<>();
    for (Tuning.Map2d m : maps) {
      double[] range = colourRange(m.points(), log);
      Viridis scale = new Viridis(range[0], range[1], !log);
      String zLabel = (log ? "log₁₀ " : "") + selection.header() + " (yellow = better)";
      // Grid cells are evenly spaced whatever the values, so only a scatter has log axes.
      String xLabel = axisLabel(m.xName(), m.logX() && !m.cells());
      String yLabel = axisLabel(m.yName(), m.logY() && !m.cells());
      String title = problem.label() + ": " + Palette.name(m.entry().optimizer())
          + label(m.entry()) + ", " + m.xName() + " × " + m.yName();
      JFreeChart chart = m.cells() ? cellChart(title, xLabel, yLabel, zLabel, scale, m, log,
          selection) : scatterChart(title, xLabel, yLabel, zLabel, scale, m, log);
      long diverged = m.points().stream().filter(Tuning.Point::diverged).count();
      String caption = (m.cells()
          ? "Tuning grid of " + m.entry().label() + " over " + m.xName() + " and " + m.yName()
              + ": each cell is coloured by the best final " + shortSelection(selection)
              + " of its trials (over any other hyperparameters and batch sizes), and crossed"
              + " out when every trial in it diverged."
          : "Every tuning trial of " + m.entry().label() + " (random search) at its "
              + m.xName() + " and " + m.yName() + ", coloured by its final "
              + shortSelection(selection) + "; a cross marks a trial that diverged.")
          + " " + diverged + " of " + m.points().size() + " trials diverged. The ring marks"
          + " the setting the run chose. Colour" + (log ? ": log₁₀ of the value, yellow ="
              + " smaller (better); values more than " + Numbers.exact(COLOUR_DECADES)
              + " decades below the worst share the yellow end." : ": yellow = higher"
              + " (better).")
          + (m.cells() ? " The grid's values are evenly spaced." : m.logX() || m.logY()
              ? " Logarithmic " + (m.logX() && m.logY() ? "axes" : (m.logX() ? "x" : "y")
                  + " axis") + "." : "");
      out.add(new Figure(problem.key() + "-stability-" + slug(m.entry().label()) + "-"
          + slug(m.yName()), "Stability of " + m.entry().label() + ": " + m.xName() + " × "
          + m.yName(), caption, chart, WIDTH, 600));
    }
    return out;
  }

  private static JFreeChart scatterChart(String title, String xLabel, String yLabel,
      String zLabel, Viridis scale, Tuning.Map2d m, boolean log) {
    List<double[]> done = new ArrayList<>();
    List<double[]> diverged = new ArrayList<>();
    List<double[]> chosen = new ArrayList<>();
    for (Tuning.Point p : m.points()) {
      if (p.diverged()) {
        diverged.add(new double[] {p.x(), p.y()});
      } else {
        done.add(new double[] {p.x(), p.y(), colour(p.value(), log, scale)});
      }
      if (p.chosen()) {
        chosen.add(new double[] {p.x(), p.y()});
      }
    }
    return StudyCharts.scatter(title, xLabel, m.logX(), yLabel, m.logY(), zLabel, scale,
        data(done, diverged, chosen));
  }

  private static JFreeChart cellChart(String title, String xLabel, String yLabel,
      String zLabel, Viridis scale, Tuning.Map2d m, boolean log, Metric selection) {
    TreeSet<Double> xs = new TreeSet<>();
    TreeSet<Double> ys = new TreeSet<>();
    m.points().forEach(p -> {
      xs.add(p.x());
      ys.add(p.y());
    });
    List<Double> xl = List.copyOf(xs);
    List<Double> yl = List.copyOf(ys);
    List<double[]> done = new ArrayList<>();
    List<double[]> diverged = new ArrayList<>();
    List<double[]> chosen = new ArrayList<>();
    for (int i = 0; i < xl.size(); i++) {
      for (int j = 0; j < yl.size(); j++) {
        double best = Double.NaN;
        boolean any = false;
        for (Tuning.Point p : m.points()) {
          if (p.x() != xl.get(i) || p.y() != yl.get(j)) {
            continue;
          }
          any = true;
          if (!p.diverged() && selection.goal().compare(p.value(), best) < 0) {
            best = p.value();
          }
          if (p.chosen()) {
            chosen.add(new double[] {i, j});
          }
        }
        if (!Double.isNaN(best)) {
          done.add(new double[] {i, j, colour(best, log, scale)});
        } else if (any) {
          diverged.add(new double[] {i, j});
        }
      }
    }
    return StudyCharts.cells(title, xLabel, xl.stream().map(Numbers::exact)
        .toArray(String[]::new), yLabel, yl.stream().map(Numbers::exact)
        .toArray(String[]::new), zLabel, scale, data(done, diverged, chosen));
  }

  private static StudyCharts.MapData data(List<double[]> done, List<double[]> diverged,
      List<double[]> chosen) {
    return new StudyCharts.MapData(column(done, 0), column(done, 1), column(done, 2),
        column(diverged, 0), column(diverged, 1), column(chosen, 0), column(chosen, 1));
  }

  private static double[] column(List<double[]> rows, int c) {
    return rows.stream().mapToDouble(r -> r[c]).toArray();
  }

  /** The value on the colour scale: log₁₀ for metrics to minimise, clamped to the scale. */
  private static double colour(double v, boolean log, Viridis scale) {
    double z = log ? (v > 0 ? Math.log10(v) : Double.NEGATIVE_INFINITY) : v;
    return Math.max(scale.getLowerBound(), Math.min(scale.getUpperBound(), z));
  }

  /** The scale spans the completed trials' values (log: at most {@link #COLOUR_DECADES}). */
  private static double[] colourRange(List<Tuning.Point> points, boolean log) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (Tuning.Point p : points) {
      if (p.diverged() || !Double.isFinite(p.value()) || (log && !(p.value() > 0))) {
        continue;
      }
      double z = log ? Math.log10(p.value()) : p.value();
      min = Math.min(min, z);
      max = Math.max(max, z);
    }
    if (!(min <= max)) {
      return new double[] {0, 1};
    }
    if (log) {
      min = Math.max(min, max - COLOUR_DECADES);
    }
    if (max - min < 1e-9) {
      double pad = log ? 0.5 : Math.max(Math.abs(max) * 0.01, 1e-3);
      return new double[] {min - pad, max + pad};
    }
    return new double[] {min, max};
  }

  private static String axisLabel(String name, boolean log) {
    String symbol = switch (name) {
      case "learningRate" -> "learning rate η";
      case "momentum" -> "momentum μ";
      case "beta1" -> "β₁";
      case "beta2" -> "β₂";
      case "epsilon" -> "ε";
      case "rho" -> "ρ";
      case "rmsDecay" -> "RMS decay";
      default -> name;
    };
    return symbol + (symbol.equals(name) ? "" : " (" + name + ")") + (log ? ", log scale" : "");
  }

  private static String shortSelection(Metric selection) {
    return StudyTables.shortName(selection).replaceFirst("^final ", "");
  }

  /**
   * @param steps profiles on the step clock
   * @param seconds profiles on the wall-time clock
   * @return the profile figures that have a profile
   */
  static List<Figure> profiles(Profiles.Clock steps, Profiles.Clock seconds) {
    List<Figure> out = new ArrayList<>();
    for (Profiles.Clock clock : List.of(steps, seconds)) {
      PerformanceProfile p = clock.profile();
      if (p == null || p.solvedProblems() == 0) {
        continue;
      }
      boolean s = clock.clock().equals("steps");
      List<Charts.Line> lines = new ArrayList<>();
      for (String label : p.optimizers()) {
        List<PerformanceProfile.Step> corners = p.steps(label, Profiles.TAU_MAX);
        String optimizer = clock.optimizers().get(label);
        lines.add(new Charts.Line(optimizer, label + " (area " + Numbers.format(p.area(label,
            Profiles.TAU_MAX)) + ")",
            corners.stream().mapToDouble(PerformanceProfile.Step::tau).toArray(),
            corners.stream().mapToDouble(PerformanceProfile.Step::rho).toArray()));
      }
      String clockName = s ? "optimizer steps" : "training wall time";
      out.add(new Figure("performance-profile-" + clock.clock(),
          "Performance profiles, " + clockName,
          "Dolan & Moré performance profiles from the time to each problem's target in "
              + clockName + ": ρ(τ) is the fraction of the " + p.solvedProblems()
              + " counted problems an optimizer solved within τ times the fastest optimizer's"
              + " time, for τ from 1 to " + Numbers.exact(Profiles.TAU_MAX) + "; higher and"
              + " further left is better, and the height at τ = 1 is the share of problems on"
              + " which it was the fastest. The legend gives the normalised area. "
              + StudyTables.profileRule(steps, seconds)
              + (s ? "" : " Wall time depends on the machine and on how many trials ran at"
                  + " once.")
              + " Identical profiles draw on top of each other.",
          StudyCharts.profile("Performance profiles (" + clockName + ")", lines,
              Profiles.TAU_MAX),
          WIDTH, HEIGHT));
    }
    return out;
  }

  /**
   * The bottom of a logarithmic axis: {@link #AXIS_DECADES} below the largest value, or the
   * smallest positive value if that is higher. Converged runs reach 1e-90 or exactly 0; a
   * wider axis would squeeze every other difference into a line.
   */
  static double floor(List<Double> values) {
    double[] range = positiveRange(values);
    if (!(range[1] > 0)) {
      return Double.NaN;
    }
    return Math.max(range[0], Math.pow(10, Math.floor(Math.log10(range[1])) - AXIS_DECADES));
  }

  /** @return {min, max} over the finite positive values; max is 0 when there are none */
  private static double[] positiveRange(List<Double> values) {
    double min = Double.POSITIVE_INFINITY;
    double max = 0;
    for (double v : values) {
      if (v > 0 && Double.isFinite(v)) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    return new double[] {min, max};
  }

  /** A value for a log axis with the given floor: lower values (and 0) sit on the floor. */
  static double clamp(double v, double floor) {
    if (Double.isNaN(floor) || Double.isNaN(v)) {
      return v;
    }
    return Math.max(v, floor);
  }

  private static String floorNote(List<Double> values, double floor) {
    boolean clamped = values.stream().anyMatch(v -> !Double.isNaN(v) && v < floor);
    return clamped ? "; values below " + Numbers.format(floor) + ", including exact zeros,"
        + " are drawn on the bottom edge" : "";
  }

  /** Whether positive values span at least two decades (worth a log axis). */
  private static boolean spansDecades(List<Double> values) {
    double[] range = positiveRange(values);
    return range[1] > 0 && range[1] >= 100 * range[0];
  }

  private static String slug(String text) {
    return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
  }
}
