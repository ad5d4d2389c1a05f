package org.optbench.report;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.optbench.result.CurveTable;
import org.optbench.result.ResultStore;
import org.optbench.result.TrialStatus;

/**
 * The data of the page's interactive curve plots: for each curve a problem draws (its loss, its
 * suboptimality or test accuracy), one series per optimizer at its best setting (the mean over
 * seeds, mini-batch losses smoothed as in the static figure) and one per seed (raw values,
 * hidden at first), each against every x axis that applies: iterations, epochs (examples seen /
 * training examples) and training seconds.
 *
 * <p>A series longer than {@value #LONG} points is downsampled to the minimum and the maximum of
 * each of {@value #BUCKETS} runs of consecutive points (in step order, so the envelope of a
 * noisy curve survives), plus its first and last points; the page links every trial's full
 * {@code curve.csv} or {@code evals.csv}.
 */
final class InteractivePlots {
  /** Series with more points than this are downsampled. */
  static final int LONG = 2000;
  /** Runs of consecutive points a long series is cut into; each keeps its minimum and maximum. */
  static final int BUCKETS = 1000;

  /** The x axes a plot may offer, in the order offered. */
  static final List<String> AXES = List.of("iteration", "epoch", "seconds");

  /**
   * One interactive plot.
   *
   * @param id element id, unique on the page, e.g. {@code plot-mnist-mlp-loss}
   * @param title heading
   * @param yLabel y-axis label with its unit
   * @param logY whether the y axis opens logarithmic (where the means span two decades)
   * @param axes the x axes offered, a non-empty sublist of {@link #AXES}
   * @param note what the lines are (smoothing, downsampling), for the caption
   * @param series the lines, optimizer means first then seeds
   * @param csvLinks per optimizer label, links (relative to the page) to each seed's full file
   */
  record Plot(String id, String title, String yLabel, boolean logY, List<String> axes,
      String note, List<Series> series, Map<String, List<String>> csvLinks) {}

  /**
   * One line.
   *
   * @param label legend text
   * @param optimizer optimizer id, for the colour
   * @param seed the seed, or -1 for the mean over seeds
   * @param shown whether it is drawn when the page opens
   * @param x abscissae by axis name (each the same length as {@code y})
   * @param y ordinates, NaN where there is no value
   */
  record Series(String label, String optimizer, long seed, boolean shown,
      Map<String, double[]> x, double[] y) {}

  private InteractivePlots() {}

  /**
   * @param problem a problem
   * @param best the setting drawn for each optimizer
   * @param smoothing β of the moving average over mini-batch losses (0: none)
   * @param page the folder the page will be in, for the relative links to the CSV files
   * @return its plots in page order (none without a problem spec or curves)
   */
  static List<Plot> forProblem(ProblemEntry problem, List<SettingSummary> best,
      double smoothing, Path page) {
    List<Plot> plots = new ArrayList<>();
    if (problem.spec() == null || best.isEmpty()) {
      return plots;
    }
    Set<String> columns = new LinkedHashSet<>();
    for (ProblemFigures.CurvePlot plot : FigureRegistry.forProblem(problem.spec())
        .curves(problem.spec())) {
      if (plot instanceof ProblemFigures.Loss loss && columns.add(loss.column())) {
        boolean noisy = problem.kind().usesMiniBatches() && smoothing > 0;
        plots.add(plot(problem, best, page, "-" + loss.column(), loss.quantity(),
            loss.axis(), true, false, loss.column(), noisy ? smoothing : 0));
      } else if (plot instanceof ProblemFigures.Suboptimality s && columns.add("suboptimality")) {
        plots.add(plot(problem, best, page, "-suboptimality", "Suboptimality " + s.quantity(),
            s.axis(), true, false, "suboptimality", 0));
      } else if (plot instanceof ProblemFigures.TestAccuracy && columns.add("test_accuracy")) {
        plots.add(plot(problem, best, page, "-test-accuracy", "Test accuracy",
            "test accuracy [fraction]", false, true, "test_accuracy", 0));
      }
    }
    plots.removeIf(p -> p.series().isEmpty());
    return plots;
  }

  private static Plot plot(ProblemEntry problem, List<SettingSummary> best, Path page,
      String suffix, String title, String yLabel, boolean logY,
      boolean fromEvals, String column, double smoothing) {
    List<String> axes = new ArrayList<>(List.of("iteration"));
    if (problem.trainExamples() > 0) {
      axes.add("epoch");
    }
    axes.add("seconds");
    List<Series> means = new ArrayList<>();
    List<Series> seeds = new ArrayList<>();
    Map<String, List<String>> links = new LinkedHashMap<>();
    for (SettingSummary s : best) {
      List<TrialRecord> trials = new ArrayList<>();
      for (TrialRecord t : s.trials()) {
        CurveTable table = fromEvals ? t.evals() : t.curve();
        if (t.result() != null && t.status() != TrialStatus.FAILED && table != null
            && table.has(column) && table.has("iteration")) {
          trials.add(t);
        }
      }
      if (trials.isEmpty()) {
        continue;
      }
      String label = Figures.legend(s, trials.size());
      List<Series> raw = new ArrayList<>();
      for (TrialRecord t : trials) {
        CurveTable table = fromEvals ? t.evals() : t.curve();
        raw.add(series(Palette.name(s.optimizer()) + " seed " + t.seed() + " (raw)",
            s.optimizer(), t.seed(), false, table, column, 0, problem.trainExamples()));
      }
      Series mean = mean(label + (smoothing > 0 ? ", EMA β = " + Numbers.exact(smoothing) : "")
          + (trials.size() > 1 ? ", mean" : ""), s.optimizer(), trials, fromEvals, column,
          smoothing, problem.trainExamples());
      means.add(downsample(mean));
      // One unsmoothed seed is the mean itself: a second, identical line would only clutter.
      if (trials.size() > 1 || smoothing > 0) {
        raw.forEach(r -> seeds.add(downsample(r)));
      }
      String file = fromEvals ? ResultStore.EVALS : ResultStore.CURVE;
      links.put(label, trials.stream().map(t -> link(page, t.origin().root().resolve(t.path())
          .resolve(file))).toList());
    }
    List<Series> all = new ArrayList<>(means);
    all.addAll(seeds);
    // As in the static figures: a log axis opens only where the means span two decades.
    double smallest = Double.POSITIVE_INFINITY;
    double largest = 0;
    for (Series m : means) {
      for (double v : m.y()) {
        if (v > 0) {
          smallest = Math.min(smallest, v);
          largest = Math.max(largest, v);
        }
      }
    }
    boolean opensLog = logY && largest >= 100 * smallest;
    String note = "One line per optimizer at its best setting: the mean over seeds"
        + (smoothing > 0 ? " of each seed's values smoothed by a debiased exponential moving"
            + " average, β = " + Numbers.exact(smoothing) : "")
        + "; each seed's raw values are further series, hidden at first. Curves longer than "
        + LONG + " points show the minimum and maximum of each of " + BUCKETS + " runs of"
        + " consecutive points; the CSV links hold every point.";
    return new Plot("plot-" + problem.key() + suffix, problem.label() + ": " + title, yLabel,
        opensLog, axes, note, all, links);
  }

  /** One trial's values against every axis. */
  private static Series series(String label, String optimizer, long seed, boolean shown,
      CurveTable table, String column, double smoothing, int trainExamples) {
    double[] y = smoothing > 0 ? Smoothing.ema(table.column(column), smoothing)
        : table.column(column);
    return new Series(label, optimizer, seed, shown, axes(table, trainExamples), y);
  }

  private static Map<String, double[]> axes(CurveTable table, int trainExamples) {
    Map<String, double[]> x = new LinkedHashMap<>();
    x.put("iteration", table.column("iteration"));
    if (trainExamples > 0 && table.has("examples_seen")) {
      double[] examples = table.column("examples_seen");
      double[] epochs = new double[examples.length];
      for (int i = 0; i < examples.length; i++) {
        epochs[i] = examples[i] / trainExamples;
      }
      x.put("epoch", epochs);
    }
    if (table.has("train_time_s")) {
      x.put("seconds", table.column("train_time_s"));
    }
    return x;
  }

  /**
   * The mean over the trials at each iteration of the (smoothed) values and of every axis.
   */
  private static Series mean(String label, String optimizer, List<TrialRecord> trials,
      boolean fromEvals, String column, double smoothing, int trainExamples) {
    // iteration -> {count y, sum y, then per axis: count, sum}
    TreeMap<Double, double[]> rows = new TreeMap<>();
    List<String> names = new ArrayList<>(AXES);
    for (TrialRecord t : trials) {
      CurveTable table = fromEvals ? t.evals() : t.curve();
      Map<String, double[]> x = axes(table, trainExamples);
      double[] y = smoothing > 0 ? Smoothing.ema(table.column(column), smoothing)
          : table.column(column);
      double[] it = x.get("iteration");
      for (int i = 0; i < it.length; i++) {
        double[] acc = rows.computeIfAbsent(it[i], k -> new double[2 + 2 * names.size()]);
        if (Double.isFinite(y[i])) {
          acc[0]++;
          acc[1] += y[i];
        }
        for (int a = 0; a < names.size(); a++) {
          double[] xs = x.get(names.get(a));
          if (xs != null && Double.isFinite(xs[i])) {
            acc[2 + 2 * a]++;
            acc[3 + 2 * a] += xs[i];
          }
        }
      }
    }
    double[] y = new double[rows.size()];
    double[][] xs = new double[names.size()][rows.size()];
    boolean[] present = new boolean[names.size()];
    int i = 0;
    for (double[] acc : rows.values()) {
      y[i] = acc[0] == 0 ? Double.NaN : acc[1] / acc[0];
      for (int a = 0; a < names.size(); a++) {
        present[a] |= acc[2 + 2 * a] > 0;
        xs[a][i] = acc[2 + 2 * a] == 0 ? Double.NaN : acc[3 + 2 * a] / acc[2 + 2 * a];
      }
      i++;
    }
    Map<String, double[]> x = new LinkedHashMap<>();
    for (int a = 0; a < names.size(); a++) {
      if (present[a]) {
        x.put(names.get(a), xs[a]);
      }
    }
    return new Series(label, optimizer, -1, true, x, y);
  }

  /**
   * Keeps a short series whole; of a long one, the first and last points and the minimum and
   * maximum of each of {@link #BUCKETS} runs of consecutive points, in step order.
   *
   * @param s a series
   * @return it, or its downsampled copy
   */
  static Series downsample(Series s) {
    int n = s.y().length;
    if (n <= LONG) {
      return s;
    }
    List<Integer> keep = new ArrayList<>();
    keep.add(0);
    for (int b = 0; b < BUCKETS; b++) {
      int from = (int) ((long) b * n / BUCKETS);
      int to = (int) ((long) (b + 1) * n / BUCKETS);
      int min = -1;
      int max = -1;
      for (int i = from; i < to; i++) {
        double v = s.y()[i];
        if (Double.isNaN(v)) {
          continue;
        }
        if (min < 0 || v < s.y()[min]) {
          min = i;
        }
        if (max < 0 || v > s.y()[max]) {
          max = i;
        }
      }
      for (int i : min < 0 ? new int[0] : min <= max ? new int[] {min, max}
          : new int[] {max, min}) {
        if (i > keep.get(keep.size() - 1)) {
          keep.add(i);
        }
      }
    }
    if (keep.get(keep.size() - 1) != n - 1) {
      keep.add(n - 1);
    }
    double[] y = keep.stream().mapToDouble(i -> s.y()[i]).toArray();
    Map<String, double[]> x = new LinkedHashMap<>();
    s.x().forEach((axis, values) -> x.put(axis,
        keep.stream().mapToDouble(i -> values[i]).toArray()));
    return new Series(s.label(), s.optimizer(), s.seed(), s.shown(), x, y);
  }

  /**
   * @param page the folder of the page
   * @param file a file the page links to
   * @return the file's path relative to the page, as a link: forward slashes, and each name
   *     percent-encoded where a browser would read it otherwise (a space, {@code #} that would
   *     start a fragment, {@code ?} a query, {@code %} an escape)
   */
  static String link(Path page, Path file) {
    Path relative = page.toAbsolutePath().normalize()
        .relativize(file.toAbsolutePath().normalize());
    List<String> parts = new ArrayList<>();
    relative.forEach(p -> parts.add(encoded(p.toString())));
    String link = String.join("/", parts);
    // A colon before the first slash would make the link's start read as a scheme.
    return parts.get(0).contains(":") ? "./" + link : link;
  }

  private static String encoded(String name) {
    try {
      // Rooted, so that a colon in the name cannot read as a scheme; the root is cut again.
      return new URI(null, null, "/" + name, null).getRawPath().substring(1);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("a file name as a URI path: " + name, e);
    }
  }

  /**
   * @param plot a plot
   * @return its data as JSON for the page's script: title, axes, y label, log flag and the
   *     series with colours; NaN as null; numbers to 7 significant digits
   */
  static String json(Plot plot) {
    StringBuilder j = new StringBuilder("{");
    j.append("\"id\":").append(string(plot.id())).append(",\"yLabel\":")
        .append(string(plot.yLabel())).append(",\"log\":").append(plot.logY())
        .append(",\"axes\":[");
    for (int i = 0; i < plot.axes().size(); i++) {
      j.append(i == 0 ? "" : ",").append(string(plot.axes().get(i)));
    }
    j.append("],\"series\":[");
    for (int i = 0; i < plot.series().size(); i++) {
      Series s = plot.series().get(i);
      java.awt.Color c = Palette.color(s.optimizer());
      j.append(i == 0 ? "" : ",").append("{\"label\":").append(string(s.label()))
          .append(",\"color\":\"").append(String.format(Locale.ROOT, "#%02x%02x%02x",
              c.getRed(), c.getGreen(), c.getBlue())).append("\",\"mean\":")
          .append(s.seed() < 0).append(",\"show\":").append(s.shown()).append(",\"x\":{");
      int a = 0;
      for (Map.Entry<String, double[]> e : s.x().entrySet()) {
        j.append(a++ == 0 ? "" : ",").append(string(e.getKey())).append(':');
        numbers(j, e.getValue());
      }
      j.append("},\"y\":");
      numbers(j, s.y());
      j.append('}');
    }
    return j.append("]}").toString();
  }

  private static void numbers(StringBuilder j, double[] values) {
    j.append('[');
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        j.append(',');
      }
      double v = values[i];
      if (!Double.isFinite(v)) {
        j.append("null");
      } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
        j.append((long) v);
      } else {
        j.append(new java.math.BigDecimal(v).round(new java.math.MathContext(7))
            .stripTrailingZeros().toString());
      }
    }
    j.append(']');
  }

  /** A JSON string; {@code <} escaped so the text cannot close the script element. */
  private static String string(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char ch : text.toCharArray()) {
      switch (ch) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '<' -> out.append("\\u003c");
        default -> {
          if (ch < 0x20) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
          } else {
            out.append(ch);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
