package org.optbench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleBinaryOperator;
import org.optbench.result.CurveTable;
import org.optbench.result.TrialStatus;
import org.optbench.stats.Goal;
import org.optbench.stats.TInterval;

/** Turns curves of the best settings into the report's figures for one problem. */
final class Figures {
  /** Points per line at most; longer curves keep every k-th point (and the last). */
  static final int MAX_POINTS = 1000;
  /** Grid cells per side of a contour plot. */
  static final int CELLS = 400;
  /** Decades of f − f* the contour colours span at most. */
  private static final double MAX_DECADES = 10;

  private static final int WIDTH = 900;
  private static final int TRAJECTORY_HEIGHT = 640;
  private static final int HEIGHT = 540;
  /** What the shaded band of a curve figure is, for its caption. */
  static final String BAND = "shaded over its 95 % confidence interval (Student's t, mean ± t·s/√n"
      + " over the n seeds with a value at that step; no band with one seed)";
  /** β of the moving average over mini-batch losses by default (about ten steps). */
  static final double LOSS_SMOOTHING = ReportOptions.DEFAULT_SMOOTHING;

  private Figures() {}

  /**
   * @param problem a problem
   * @param best best setting per optimizer
   * @param lrRows learning-rate sensitivity rows
   * @return its figures in page order
   */
  static List<Figure> forProblem(ProblemEntry problem, List<SettingSummary> best,
      List<Aggregator.LrRow> lrRows) {
    return forProblem(problem, best, lrRows, false);
  }

  /**
   * @param problem a problem
   * @param best best (grid) or chosen (tune-then-evaluate) setting per optimizer
   * @param lrRows learning-rate sensitivity rows
   * @param randomTuning whether the rows are random-search tuning trials, whose other
   *     hyperparameters vary from point to point (the sensitivity figure then shows points only)
   * @return its figures in page order
   */
  static List<Figure> forProblem(ProblemEntry problem, List<SettingSummary> best,
      List<Aggregator.LrRow> lrRows, boolean randomTuning) {
    return forProblem(problem, best, lrRows, randomTuning, LOSS_SMOOTHING);
  }

  /**
   * @param problem a problem
   * @param best best (grid) or chosen (tune-then-evaluate) setting per optimizer
   * @param lrRows learning-rate sensitivity rows
   * @param randomTuning whether the rows are random-search tuning trials
   * @param smoothing β of the moving average over mini-batch losses, in [0, 1) (0: none)
   * @return its figures in page order
   */
  static List<Figure> forProblem(ProblemEntry problem, List<SettingSummary> best,
      List<Aggregator.LrRow> lrRows, boolean randomTuning, double smoothing) {
    List<Figure> figures = new ArrayList<>();
    if (best.isEmpty()) {
      return figures;
    }
    String key = problem.key();
    String name = problem.label();
    String bandNote = " One line per optimizer at its best setting: the mean over seeds, "
        + BAND + ".";
    if (problem.spec() != null) {
      ProblemFigures side = FigureRegistry.forProblem(problem.spec());
      for (ProblemFigures.CurvePlot plot : side.curves(problem.spec())) {
        figures.add(curveFigure(problem, best, plot, bandNote, smoothing));
      }
      Figure schedule = scheduleFigure(problem, best);
      if (schedule != null) {
        figures.add(schedule);
      }
      side.surface(problem.spec()).map(surface -> trajectoryFigure(problem, best, surface))
          .ifPresent(figures::add);
    }
    Figure lr = learningRateFigure(problem, lrRows, randomTuning);
    if (lr != null) {
      figures.add(lr);
    }
    return figures;
  }

  private static Figure curveFigure(ProblemEntry problem, List<SettingSummary> best,
      ProblemFigures.CurvePlot plot, String bandNote, double smoothing) {
    if (plot instanceof ProblemFigures.Loss loss) {
      return lossFigure(problem, best, loss, smoothing);
    }
    if (plot instanceof ProblemFigures.Suboptimality suboptimality) {
      return suboptimalityFigure(problem, best, suboptimality);
    }
    String name = problem.label();
    return new Figure(problem.key() + "-test-accuracy", "Test accuracy vs epoch",
        "Accuracy on the test set at each evaluation." + bandNote,
        Charts.bands(name + ": test accuracy", "epoch [passes over the training set]",
            false, "test accuracy [fraction]", false,
            bands(best, true, "examples_seen", 1.0 / Math.max(1, problem.trainExamples()),
                "test_accuracy", false)),
        WIDTH, HEIGHT);
  }

  private static Figure lossFigure(ProblemEntry problem, List<SettingSummary> best,
      ProblemFigures.Loss plot, double beta) {
    String x = plot.x();
    boolean steps = x.equals("iteration");
    String xLabel = steps ? "iteration [steps]" : "training time [s]";
    String suffix = steps ? "loss" : "loss-time";
    String against = steps ? "iteration" : "training wall time";
    String what = plot.quantity();
    // A mini-batch loss is one noisy sample per step: six optimizers' raw curves cannot be told
    // apart, so the lines are smoothed and the raw mean stays beneath, faint.
    boolean noisy = problem.kind().usesMiniBatches() && beta > 0;
    double smoothing = noisy ? beta : 0;
    // A log axis where the means span two decades or more (or there is nothing to measure);
    // within less it would show one tick label or none, so the axis stays linear.
    boolean logY = spansDecades(bands(best, false, x, 1, plot.column(), false, smoothing));
    List<Charts.Band> raw = noisy ? bands(best, false, x, 1, plot.column(), logY)
        : List.of();
    return new Figure(problem.key() + "-" + suffix, what + " vs " + against,
        plot.description()
            + (x.equals("train_time_s") ? ", against cumulative training time (evaluation"
                + " excluded; the time of one run varies with the machine)." : ".")
            + (logY ? " Logarithmic y axis, as the values span two decades or more; values ≤ 0"
                + " are not drawn." : " Linear y axis, as the values span less than two"
                + " decades.")
            + " One line per optimizer at its best setting: the mean over seeds, " + BAND
            + (noisy ? "; each seed's mini-batch losses smoothed first by a debiased"
                + " exponential moving average, β = " + Numbers.exact(beta) + " (about "
                + Math.round(1 / (1 - beta)) + " recorded losses), with the raw mean as the"
                + " faint line beneath."
                : problem.kind().usesMiniBatches() ? "; the mini-batch losses are not smoothed"
                + " (β = 0)." : "."),
        Charts.bands(problem.label() + ": " + what.toLowerCase(Locale.ROOT) + " vs "
                + against, xLabel, false, plot.axis(), logY,
            bands(best, false, x, 1, plot.column(), logY, smoothing), raw),
        WIDTH, HEIGHT);
  }

  /**
   * @param bands curves drawn on a linear axis
   * @return whether their positive means span a factor of 100 or more, or none is positive
   *     (then the log axis, as before, draws nothing misleading)
   */
  static boolean spansDecades(List<Charts.Band> bands) {
    double smallest = Double.POSITIVE_INFINITY;
    double largest = 0;
    boolean nonPositive = false;
    for (Charts.Band band : bands) {
      for (double[][] piece : band.pieces()) {
        for (double v : piece[1]) {
          if (v > 0) {
            smallest = Math.min(smallest, v);
            largest = Math.max(largest, v);
          } else {
            nonPositive = true;
          }
        }
      }
    }
    if (largest == 0) {
      return !nonPositive;
    }
    return largest >= 100 * smallest;
  }

  /**
   * The learning rate each best setting applied at every recorded step ({@code curve.csv}'s
   * {@code learning_rate}), drawn beside the loss curves when one of them follows a schedule
   * (its rate changes during the trial); null otherwise, so a problem whose optimizers all run
   * at a constant rate gets no such figure.
   */
  private static Figure scheduleFigure(ProblemEntry problem, List<SettingSummary> best) {
    boolean scheduled = false;
    double low = Double.POSITIVE_INFINITY;
    double high = 0;
    for (SettingSummary s : best) {
      TrialRecord t = s.representative();
      double[] lr = t == null || t.curve() == null ? null : t.curve().column("learning_rate");
      if (lr == null) {
        continue;
      }
      double peak = java.util.Arrays.stream(lr).filter(Double::isFinite).max().orElse(0);
      if (peak > 0) {
        low = Math.min(low, peak);
        high = Math.max(high, peak);
      }
      if (java.util.Arrays.stream(lr).filter(Double::isFinite).distinct().count() > 1) {
        scheduled = true;
      }
    }
    if (!scheduled) {
      return null;
    }
    // Optimizers' rates differ by decades (SGD against Adam or Lion): a linear axis would flatten
    // all but the largest.
    boolean logY = high >= 10 * low;
    return new Figure(problem.key() + "-schedule", "Learning rate vs iteration",
        "The learning rate applied at each step (curve.csv's learning_rate column) by each"
            + " optimizer's best setting: its schedule, or a flat line at a constant rate."
            + (logY ? " Logarithmic y axis; rates of 0 are not drawn." : "")
            + " Optimizers without a learning rate (AdaDelta) have no line.",
        Charts.bands(problem.label() + ": learning rate vs iteration", "iteration [steps]",
            false, "learning rate η_t", logY,
            bands(best, false, "iteration", 1, "learning_rate", logY)),
        WIDTH, HEIGHT);
  }

  private static Figure suboptimalityFigure(ProblemEntry problem, List<SettingSummary> best,
      ProblemFigures.Suboptimality plot) {
    return new Figure(problem.key() + "-suboptimality", "Suboptimality vs step",
        plot.description()
            + ", logarithmic y axis; values ≤ 0 are not drawn. The target is "
            + problem.targetText() + ". One line per optimizer at its best setting: the"
            + " mean over seeds, " + BAND + ".",
        Charts.bands(problem.label() + ": suboptimality", "iteration [steps]", false,
            plot.axis(), true,
            bands(best, false, "iteration", 1, "suboptimality", true)),
        WIDTH, HEIGHT);
  }

  /**
   * @param best best settings
   * @param fromEvals read {@code evals.csv} (else {@code curve.csv})
   * @param x x column
   * @param xScale factor applied to x (e.g. 1 / training examples for epochs)
   * @param y y column
   * @param logY drop non-positive means and keep band edges positive
   * @return one band per setting that has curves
   */
  static List<Charts.Band> bands(List<SettingSummary> best, boolean fromEvals, String x,
      double xScale, String y, boolean logY) {
    return bands(best, fromEvals, x, xScale, y, logY, 0);
  }

  /**
   * As {@link #bands(List, boolean, String, double, String, boolean)}, each seed's curve first
   * smoothed by {@link Smoothing#ema} with factor {@code smoothing} (0: none).
   *
   * @param best best settings
   * @param fromEvals read {@code evals.csv} (else {@code curve.csv})
   * @param x x column
   * @param xScale factor applied to x
   * @param y y column
   * @param logY drop non-positive means and keep band edges positive
   * @param smoothing β of the moving average, in [0, 1)
   * @return one band per setting that has curves
   */
  static List<Charts.Band> bands(List<SettingSummary> best, boolean fromEvals, String x,
      double xScale, String y, boolean logY, double smoothing) {
    List<Charts.Band> out = new ArrayList<>();
    for (SettingSummary s : best) {
      List<CurveTable> seeds = new ArrayList<>();
      for (TrialRecord t : s.trials()) {
        CurveTable series = fromEvals ? t.evals() : t.curve();
        if (t.result() != null && t.status() != TrialStatus.FAILED && series != null
            && series.has(x) && series.has(y) && series.has("iteration")) {
          seeds.add(series);
        }
      }
      if (!seeds.isEmpty()) {
        out.add(band(s.optimizer(), legend(s, seeds.size()), seeds, x, xScale, y, logY,
            smoothing));
      }
    }
    return out;
  }

  /** Groups the seeds' rows by iteration; x is the mean of the seeds' x at that iteration. */
  static Charts.Band band(String optimizer, String label, List<CurveTable> seeds, String x,
      double xScale, String y, boolean logY) {
    return band(optimizer, label, seeds, x, xScale, y, logY, 0);
  }

  /**
   * As above, each seed's y first smoothed by {@link Smoothing#ema} with β = smoothing. The band
   * is the 95 % t confidence interval of the mean over the seeds that have a finite value at the
   * iteration, mean ± t(0.975, n − 1)·s/√n; with one seed it is the line itself.
   */
  static Charts.Band band(String optimizer, String label, List<CurveTable> seeds, String x,
      double xScale, String y, boolean logY, double smoothing) {
    // {sum x, count x, sum y, count y, sum y², smallest positive y}
    TreeMap<Double, double[]> rows = new TreeMap<>();
    for (CurveTable s : seeds) {
      double[] it = s.column("iteration");
      double[] xs = s.column(x);
      double[] ys = smoothing > 0 ? Smoothing.ema(s.column(y), smoothing) : s.column(y);
      for (int i = 0; i < it.length; i++) {
        double[] acc = rows.computeIfAbsent(it[i], k -> new double[] {0, 0, 0, 0, 0,
            Double.POSITIVE_INFINITY});
        if (Double.isFinite(xs[i])) {
          acc[0] += xs[i] * xScale;
          acc[1]++;
        }
        if (Double.isFinite(ys[i])) {
          acc[2] += ys[i];
          acc[3]++;
          acc[4] += ys[i] * ys[i];
          if (ys[i] > 0) {
            acc[5] = Math.min(acc[5], ys[i]);
          }
        }
      }
    }
    List<List<double[]>> pieces = new ArrayList<>();
    List<double[]> piece = new ArrayList<>();
    int total = 0;
    for (Map.Entry<Double, double[]> e : rows.entrySet()) {
      double[] acc = e.getValue();
      if (acc[1] == 0 || acc[3] == 0) {
        continue;
      }
      double mean = acc[2] / acc[3];
      double half = halfWidth(acc[3], mean, acc[4]);
      double low = mean - half;
      if (logY) {
        if (!(mean > 0)) {
          // Break the line: a log axis cannot show this point, and bridging it would mislead.
          if (!piece.isEmpty()) {
            pieces.add(piece);
            piece = new ArrayList<>();
          }
          continue;
        }
        // A log axis cannot show an edge at or below 0: clamp it to the smallest seed value.
        low = low > 0 ? low : Math.min(mean, acc[5]);
      }
      piece.add(new double[] {acc[0] / acc[1], mean, low, mean + half});
      total++;
    }
    if (!piece.isEmpty()) {
      pieces.add(piece);
    }
    int stride = Math.max(1, (total + MAX_POINTS - 1) / MAX_POINTS);
    List<double[][]> out = new ArrayList<>();
    for (List<double[]> p : pieces) {
      List<double[]> points = thin(p, stride);
      double[][] cols = new double[4][points.size()];
      for (int i = 0; i < points.size(); i++) {
        for (int c = 0; c < 4; c++) {
          cols[c][i] = points.get(i)[c];
        }
      }
      out.add(cols);
    }
    return new Charts.Band(optimizer, label, out);
  }

  /**
   * Half the width of the 95 % t confidence interval of a mean.
   *
   * @param n number of values
   * @param mean their mean
   * @param sumSquares the sum of their squares
   * @return t(0.975, n − 1)·s/√n, or 0 for fewer than two values
   */
  static double halfWidth(double n, double mean, double sumSquares) {
    if (n < 2) {
      return 0;
    }
    // Σy² − n·ȳ² can come out a hair below 0 by rounding when the seeds agree.
    double variance = Math.max(0, (sumSquares - n * mean * mean) / (n - 1));
    return TInterval.halfWidth(n, variance, 0.95);
  }

  /** Keeps every {@code stride}-th point and the last one. */
  private static List<double[]> thin(List<double[]> points, int stride) {
    if (stride <= 1) {
      return points;
    }
    List<double[]> out = new ArrayList<>();
    for (int i = 0; i < points.size(); i += stride) {
      out.add(points.get(i));
    }
    if ((points.size() - 1) % stride != 0) {
      out.add(points.get(points.size() - 1));
    }
    return out;
  }

  /**
   * @return e.g. {@code Adam, lr 0.001 (3 seeds)}; in a merged report followed by the
   *     experiment the setting came from, e.g. {@code [baselines]}
   */
  static String legend(SettingSummary s, int seeds) {
    String lr = Double.isNaN(s.learningRate()) ? "no learning rate"
        : "lr " + Numbers.exact(s.learningRate());
    String origin = s.trials().isEmpty() ? "" : s.trials().get(0).origin().label();
    return Palette.name(s.optimizer()) + ", " + lr + (seeds > 1 ? " (" + seeds + " seeds)" : "")
        + (origin.isEmpty() ? "" : " [" + origin + "]");
  }

  private static Figure learningRateFigure(ProblemEntry problem, List<Aggregator.LrRow> rows,
      boolean randomTuning) {
    Metric metric = Metric.headline(problem.kind());
    double smallest = Double.POSITIVE_INFINITY;
    double largest = Double.NEGATIVE_INFINITY;
    for (Aggregator.LrRow r : rows) {
      double v = r.setting().stats(metric).mean();
      if (v > 0) {
        smallest = Math.min(smallest, v);
        largest = Math.max(largest, v);
      }
    }
    // Suboptimality spans decades; within two decades a log axis would show one label or none.
    boolean logY = metric.goal() == Goal.MIN && largest >= 100 * smallest;
    List<Double> all = rows.stream().map(r -> r.setting().stats(metric).mean()).toList();
    double floor = logY ? StudyFigures.floor(all) : Double.NaN;
    boolean clamped = false;
    Map<String, List<double[]>> byOptimizer = new LinkedHashMap<>();
    for (Aggregator.LrRow r : rows) {
      double v = r.setting().stats(metric).mean();
      if (Double.isNaN(v)) {
        continue;
      }
      clamped |= logY && v < floor;
      byOptimizer.computeIfAbsent(r.setting().optimizer(), k -> new ArrayList<>())
          .add(new double[] {r.learningRate(), StudyFigures.clamp(v, floor)});
    }
    if (byOptimizer.isEmpty()) {
      return null;
    }
    List<Charts.Line> lines = new ArrayList<>();
    byOptimizer.forEach((optimizer, pts) -> lines.add(new Charts.Line(optimizer,
        Palette.name(optimizer), pts.stream().mapToDouble(p -> p[0]).toArray(),
        pts.stream().mapToDouble(p -> p[1]).toArray())));
    String what = metric.header().substring(0, 1).toUpperCase(Locale.ROOT)
        + metric.header().substring(1);
    return new Figure(problem.key() + "-lr", "Learning-rate sensitivity",
        (randomTuning ? what + " of every random-search tuning trial (one seed) against its"
            + " learning rate; the other hyperparameters were drawn at random too, so the"
            + " points are not joined. Diverged trials have no point."
            : what + " (mean over completed seeds) at each learning rate tried, other"
            + " hyperparameters at their best for that rate. Settings whose seeds all diverged"
            + " have no point.") + " AdaDelta has no learning rate."
            + (clamped ? " Logarithmic y axis; values below " + Numbers.format(floor)
                + ", including exact zeros, are drawn on the bottom edge." : ""),
        Charts.lines(problem.label() + ": learning-rate sensitivity", "learning rate η", true,
            metric.header(), logY, lines, !randomTuning),
        WIDTH, HEIGHT);
  }

  /** The surface of a 2-D problem with every optimizer's path (first completed seed). */
  private static Figure trajectoryFigure(ProblemEntry problem, List<SettingSummary> best,
      ProblemFigures.Surface surface) {
    DoubleBinaryOperator excess = surface.excess();
    double[] start = surface.start();
    List<double[]> minima = surface.minima();
    String xCol = surface.xColumn();
    String yCol = surface.yColumn();
    List<TrialRecord> shown = new ArrayList<>();
    List<SettingSummary> shownSettings = new ArrayList<>();
    double lastStep = 0;
    for (SettingSummary s : best) {
      TrialRecord t = s.representative();
      if (t != null && t.curve().has(xCol) && t.curve().has(yCol)
          && t.curve().has("iteration")) {
        shown.add(t);
        shownSettings.add(s);
        double[] iterations = t.curve().column("iteration");
        lastStep = Math.max(lastStep, iterations.length == 0 ? 0
            : iterations[iterations.length - 1]);
      }
    }
    // About a dozen markers along the longest path: equal steps, so speed shows as spacing.
    long every = markerStride(lastStep);
    List<Charts.Line> paths = new ArrayList<>();
    List<Charts.Line> markers = new ArrayList<>();
    for (int k = 0; k < shown.size(); k++) {
      TrialRecord t = shown.get(k);
      SettingSummary s = shownSettings.get(k);
      double[] xs = t.curve().column(xCol);
      double[] ys = t.curve().column(yCol);
      double[] iterations = t.curve().column("iteration");
      List<double[]> pts = new ArrayList<>();
      List<double[]> marks = new ArrayList<>();
      for (int i = 0; i < xs.length; i++) {
        if (Double.isFinite(xs[i]) && Double.isFinite(ys[i])) {
          pts.add(new double[] {xs[i], ys[i]});
          if (iterations[i] > 0 && (long) iterations[i] % every == 0) {
            marks.add(new double[] {xs[i], ys[i]});
          }
        }
      }
      pts = thin(pts, Math.max(1, (pts.size() + MAX_POINTS - 1) / MAX_POINTS));
      paths.add(new Charts.Line(s.optimizer(), legend(s, 1),
          pts.stream().mapToDouble(p -> p[0]).toArray(),
          pts.stream().mapToDouble(p -> p[1]).toArray()));
      markers.add(new Charts.Line(s.optimizer(), legend(s, 1),
          marks.stream().mapToDouble(p -> p[0]).toArray(),
          marks.stream().mapToDouble(p -> p[1]).toArray()));
    }
    double[] frame = frame(start, minima, paths);
    boolean seeds = problem.kind().usesSeeds();
    String surfaceText = surface.quantity();
    return new Figure(problem.key() + "-trajectories",
        "Trajectories over the surface",
        "Path of every optimizer at its best setting"
            + (seeds ? " (first completed seed; mini-batch steps)" : "")
            + " over contour lines of " + surfaceText
            + " at log-spaced levels, each labelled with its value, on a shaded field (colour"
            + " scale: log₁₀), with equal scales on both axes; a dot every " + every
            + (every == 1 ? " step" : " steps") + ". The filled circle is the start,"
            + " the star the " + (minima.size() == 1 ? "minimum" : "global minima") + ".",
        Charts.contour(problem.label() + ": trajectories", surface.xLabel(), surface.yLabel(),
            "log₁₀(" + surfaceText + ")", frame, box -> grid(excess, box), paths, markers,
            start, minima, WIDTH, TRAJECTORY_HEIGHT),
        WIDTH, TRAJECTORY_HEIGHT);
  }

  /**
   * @param lastStep the last step of the longest path
   * @return 1, 2 or 5 × 10ⁿ steps, the smallest giving at most 12 markers on that path
   */
  static long markerStride(double lastStep) {
    long every = 1;
    for (long decade = 1; ; decade *= 10) {
      for (long m : new long[] {1, 2, 5}) {
        every = m * decade;
        if (lastStep / every <= 12) {
          return every;
        }
      }
    }
  }

  /**
   * Frames the start, the minima and the paths, ignoring excursions beyond three times the
   * start-to-minimum distance, so a divergent path does not shrink everything else.
   *
   * @return {@code [xMin, xMax, yMin, yMax]} with a margin of 8 % on each side
   */
  static double[] frame(double[] start, List<double[]> minima, List<Charts.Line> paths) {
    double reach = 0;
    for (double[] m : minima) {
      reach = Math.max(reach, Math.hypot(m[0] - start[0], m[1] - start[1]));
    }
    reach = Math.max(reach, 1e-3);
    double[] box = {start[0], start[0], start[1], start[1]};
    for (double[] m : minima) {
      include(box, m[0], m[1]);
    }
    for (Charts.Line path : paths) {
      for (int i = 0; i < path.x().length; i++) {
        double dx = path.x()[i] - start[0];
        double dy = path.y()[i] - start[1];
        if (Math.hypot(dx, dy) <= 3 * reach) {
          include(box, path.x()[i], path.y()[i]);
        }
      }
    }
    double width = box[1] - box[0];
    double height = box[3] - box[2];
    // Keep a thin box (e.g. a start on the valley floor) from collapsing one axis.
    double minExtent = 0.25 * Math.max(width, height);
    if (width < minExtent) {
      box[0] -= (minExtent - width) / 2;
      box[1] += (minExtent - width) / 2;
    }
    if (height < minExtent) {
      box[2] -= (minExtent - height) / 2;
      box[3] += (minExtent - height) / 2;
    }
    double mx = 0.08 * (box[1] - box[0]);
    double my = 0.08 * (box[3] - box[2]);
    return new double[] {box[0] - mx, box[1] + mx, box[2] - my, box[3] + my};
  }

  /**
   * Samples the surface on {@link #CELLS}² points of a box, as log₁₀ values on levels half a
   * decade or a decade apart.
   *
   * @param excess f − f* (or L − L*), ≥ 0
   * @param box {@code [xMin, xMax, yMin, yMax]}
   * @return the sampled grid
   */
  static Charts.Grid grid(DoubleBinaryOperator excess, double[] box) {
    double xMin = box[0];
    double xMax = box[1];
    double yMin = box[2];
    double yMax = box[3];
    int n = CELLS;
    double[] xs = new double[n * n];
    double[] ys = new double[n * n];
    double[] values = new double[n * n];
    double smallest = Double.POSITIVE_INFINITY;
    double largest = 0;
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < n; i++) {
        int k = j * n + i;
        xs[k] = xMin + (i + 0.5) * (xMax - xMin) / n;
        ys[k] = yMin + (j + 0.5) * (yMax - yMin) / n;
        values[k] = excess.applyAsDouble(xs[k], ys[k]);
        if (values[k] > 0 && Double.isFinite(values[k])) {
          smallest = Math.min(smallest, values[k]);
          largest = Math.max(largest, values[k]);
        }
      }
    }
    if (!(largest > 0)) {
      largest = 1;
      smallest = 1;
    }
    double high = Math.ceil(Math.log10(largest));
    double low = Math.max(Math.floor(Math.log10(smallest)), high - MAX_DECADES);
    if (high <= low) {
      low = high - 1;
    }
    double step = high - low <= 4 ? 0.5 : 1;
    double[] z = new double[n * n];
    for (int k = 0; k < z.length; k++) {
      double v = values[k] > 0 ? Math.log10(values[k]) : low;
      z[k] = Math.max(low, Math.min(high, Double.isFinite(v) ? v : high));
    }
    return new Charts.Grid(xMin, xMax, yMin, yMax, n, xs, ys, z, low, high, step);
  }

  private static void include(double[] box, double x, double y) {
    box[0] = Math.min(box[0], x);
    box[1] = Math.max(box[1], x);
    box[2] = Math.min(box[2], y);
    box[3] = Math.max(box[3], y);
  }
}
