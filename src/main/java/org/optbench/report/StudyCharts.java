package org.optbench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.NumberTickUnitSource;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.Range;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The charts of the comparison sections, in the house style of {@link Charts}: performance
 * profiles as staircases, stability maps (scatter or cells coloured by the metric, diverged
 * trials crossed out) and defaults-against-tuned dumbbells.
 */
final class StudyCharts {
  /** Colour of the crosses that mark diverged trials. */
  static final Color DIVERGED = new Color(0xC00000);

  private StudyCharts() {}

  /**
   * Trials of a stability map, split by what they show.
   *
   * @param x completed trials, first hyperparameter (cells: column index)
   * @param y completed trials, second hyperparameter (cells: row index)
   * @param z their colour values
   * @param divergedX diverged trials (cells: cells where every trial diverged)
   * @param divergedY as {@code divergedX}
   * @param chosenX the chosen trial, empty if none
   * @param chosenY as {@code chosenX}
   */
  record MapData(double[] x, double[] y, double[] z, double[] divergedX, double[] divergedY,
      double[] chosenX, double[] chosenY) {}

  /**
   * @param title chart title
   * @param lines one staircase per optimizer, from the profile's corners
   * @param tauMax right end of the τ axis
   * @return ρ(τ) against τ, right-continuous steps, y in [0, 1]
   */
  static JFreeChart profile(String title, List<Charts.Line> lines, double tauMax) {
    XYSeriesCollection data = new XYSeriesCollection();
    XYStepRenderer renderer = new XYStepRenderer();
    renderer.setDefaultShapesVisible(false);
    for (Charts.Line line : lines) {
      int index = data.getSeriesCount();
      data.addSeries(Charts.series(line));
      renderer.setSeriesPaint(index, Palette.color(line.optimizer()));
      renderer.setSeriesStroke(index, Palette.stroke(line.optimizer(), 2.2f));
    }
    NumberAxis x = (NumberAxis) Charts.axis("performance ratio τ (time / fastest time)", false);
    x.setRange(1, tauMax);
    x.setTickUnit(new NumberTickUnit(0.5, new Charts.TickFormat()));
    NumberAxis y = (NumberAxis) Charts.axis("ρ(τ): fraction of problems within τ of the"
        + " fastest", false);
    // A little headroom so lines at ρ = 0 and 1 are not hidden by the frame.
    y.setRange(-0.02, 1.04);
    y.setTickUnit(new NumberTickUnit(0.1, new Charts.TickFormat()));
    return Charts.chart(title, new XYPlot(data, x, y, renderer));
  }

  /**
   * Trials as points coloured by the metric, diverged ones as crosses, the chosen one ringed.
   *
   * @param title chart title
   * @param xLabel x label
   * @param logX logarithmic x axis
   * @param yLabel y label
   * @param logY logarithmic y axis
   * @param zLabel colour scale label
   * @param scale colour scale
   * @param data the trials
   * @return the chart; dataset 0 completed, 1 diverged, 2 chosen
   */
  static JFreeChart scatter(String title, String xLabel, boolean logX, String yLabel,
      boolean logY, String zLabel, PaintScale scale, MapData data) {
    DefaultXYZDataset completed = new DefaultXYZDataset();
    completed.addSeries("completed (colour: metric)", new double[][] {data.x(), data.y(),
        data.z()});
    XYShapeRenderer shapes = new XYShapeRenderer();
    shapes.setPaintScale(scale);
    shapes.setSeriesShape(0, new Ellipse2D.Double(-6, -6, 12, 12));
    shapes.setDrawOutlines(true);
    shapes.setUseOutlinePaint(true);
    shapes.setSeriesOutlinePaint(0, new Color(0x333333));
    shapes.setSeriesOutlineStroke(0, new BasicStroke(0.6f));
    shapes.setSeriesPaint(0, scale.getPaint((scale.getLowerBound() + scale.getUpperBound())
        / 2));
    shapes.setLegendShape(0, new Ellipse2D.Double(-5, -5, 10, 10));
    ValueAxis x = Charts.axis(xLabel, logX);
    ValueAxis y = Charts.axis(yLabel, logY);
    XYPlot plot = new XYPlot(completed, x, y, shapes);
    overlays(plot, data);
    padAxes(plot, data, logX, logY);
    // The shape renderer's own legend entry is a plain square; say what the points look like.
    LegendItemCollection legend = new LegendItemCollection();
    legend.add(new LegendItem("completed (colour: metric)", null, null, null,
        new Ellipse2D.Double(-5, -5, 10, 10),
        scale.getPaint((scale.getLowerBound() + scale.getUpperBound()) / 2),
        new BasicStroke(0.6f), new Color(0x333333)));
    LegendItemCollection others = plot.getLegendItems();
    for (int i = 0; i < others.getItemCount(); i++) {
      if (!others.get(i).getLabel().startsWith("completed")) {
        legend.add(others.get(i));
      }
    }
    plot.setFixedLegendItems(legend);
    JFreeChart chart = Charts.chart(title, plot);
    chart.addSubtitle(legend(scale, zLabel));
    return chart;
  }

  /**
   * A grid of cells coloured by the metric, cells where every trial diverged crossed out, the
   * chosen cell ringed.
   *
   * @param title chart title
   * @param xLabel x label
   * @param xValues the grid's x values, one per column
   * @param yLabel y label
   * @param yValues the grid's y values, one per row
   * @param zLabel colour scale label
   * @param scale colour scale
   * @param data cells by column and row index
   * @return the chart; dataset 0 cells, 1 diverged, 2 chosen
   */
  static JFreeChart cells(String title, String xLabel, String[] xValues, String yLabel,
      String[] yValues, String zLabel, PaintScale scale, MapData data) {
    DefaultXYZDataset grid = new DefaultXYZDataset();
    grid.addSeries("completed (colour: metric)", new double[][] {data.x(), data.y(),
        data.z()});
    XYBlockRenderer blocks = new XYBlockRenderer();
    blocks.setPaintScale(scale);
    blocks.setBlockWidth(1);
    blocks.setBlockHeight(1);
    blocks.setSeriesVisibleInLegend(0, false);
    SymbolAxis x = symbols(xLabel, xValues);
    SymbolAxis y = symbols(yLabel, yValues);
    XYPlot plot = new XYPlot(grid, x, y, blocks);
    overlays(plot, data);
    JFreeChart chart = Charts.chart(title, plot);
    chart.addSubtitle(legend(scale, zLabel));
    return chart;
  }

  /** Dataset 1: crosses for diverged trials; dataset 2: a ring around the chosen trial. */
  private static void overlays(XYPlot plot, MapData data) {
    XYSeriesCollection diverged = new XYSeriesCollection();
    XYSeries d = new XYSeries("diverged", false, true);
    for (int i = 0; i < data.divergedX().length; i++) {
      d.add(data.divergedX()[i], data.divergedY()[i]);
    }
    diverged.addSeries(d);
    XYLineAndShapeRenderer crosses = new XYLineAndShapeRenderer(false, true);
    crosses.setSeriesShape(0, cross(6));
    crosses.setSeriesShapesFilled(0, false);
    crosses.setSeriesPaint(0, DIVERGED);
    crosses.setSeriesOutlineStroke(0, new BasicStroke(2f));
    crosses.setDrawOutlines(true);
    crosses.setUseOutlinePaint(false);
    plot.setDataset(1, diverged);
    plot.setRenderer(1, crosses);

    XYSeriesCollection chosen = new XYSeriesCollection();
    XYSeries c = new XYSeries("chosen setting", false, true);
    for (int i = 0; i < data.chosenX().length; i++) {
      c.add(data.chosenX()[i], data.chosenY()[i]);
    }
    chosen.addSeries(c);
    XYLineAndShapeRenderer ring = new XYLineAndShapeRenderer(false, true);
    ring.setSeriesShape(0, new Ellipse2D.Double(-11, -11, 22, 22));
    ring.setSeriesShapesFilled(0, false);
    ring.setSeriesPaint(0, Color.BLACK);
    ring.setSeriesOutlineStroke(0, new BasicStroke(2f));
    ring.setDrawOutlines(true);
    plot.setDataset(2, chosen);
    plot.setRenderer(2, ring);
    plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
  }

  /** Keeps points off the frame: the auto range of a few points ends exactly on the extremes. */
  private static void padAxes(XYPlot plot, MapData data, boolean logX, boolean logY) {
    pad(plot.getDomainAxis(), concat(data.x(), data.divergedX()), logX);
    pad(plot.getRangeAxis(), concat(data.y(), data.divergedY()), logY);
  }

  private static void pad(ValueAxis axis, double[] values, boolean log) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      if (Double.isFinite(v) && (!log || v > 0)) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    if (!(min <= max)) {
      return;
    }
    if (log) {
      double lo = Math.log10(min);
      double hi = Math.log10(max);
      double margin = Math.max(0.15, 0.06 * (hi - lo));
      axis.setRange(new Range(Math.pow(10, lo - margin), Math.pow(10, hi + margin)));
    } else {
      double margin = max > min ? 0.06 * (max - min) : Math.max(Math.abs(max) * 0.1, 0.5);
      axis.setRange(new Range(min - margin, max + margin));
    }
  }

  private static double[] concat(double[] a, double[] b) {
    double[] out = new double[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static SymbolAxis symbols(String label, String[] values) {
    SymbolAxis axis = new SymbolAxis(label, values);
    axis.setGridBandsVisible(false);
    axis.setLabelFont(Charts.LABEL_FONT);
    axis.setTickLabelFont(Charts.TICK_FONT);
    axis.setRange(-0.5, values.length - 0.5);
    return axis;
  }

  private static PaintScaleLegend legend(PaintScale scale, String label) {
    NumberAxis axis = new NumberAxis(label);
    axis.setRange(scale.getLowerBound(), scale.getUpperBound());
    // Over several decades whole decades read best; narrower scales need fractions.
    axis.setStandardTickUnits(scale.getUpperBound() - scale.getLowerBound() >= 3
        ? NumberAxis.createIntegerTickUnits(Locale.ROOT)
        : new NumberTickUnitSource(false, new Charts.TickFormat()));
    axis.setLabelFont(Charts.LABEL_FONT);
    axis.setTickLabelFont(Charts.TICK_FONT);
    PaintScaleLegend legend = new PaintScaleLegend(scale, axis);
    legend.setPosition(RectangleEdge.RIGHT);
    legend.setAxisLocation(AxisLocation.BOTTOM_OR_RIGHT);
    legend.setStripWidth(14);
    legend.setSubdivisionCount(64);
    legend.setMargin(new RectangleInsets(8, 8, 40, 8));
    legend.setBackgroundPaint(Color.WHITE);
    return legend;
  }

  /** An × of half-width {@code r}, drawn as the outline of two crossing strokes. */
  static Shape cross(double r) {
    Path2D.Double p = new Path2D.Double();
    p.moveTo(-r, -r);
    p.lineTo(r, r);
    p.moveTo(-r, r);
    p.lineTo(r, -r);
    return p;
  }

  /**
   * One optimizer's two values in a dumbbell chart.
   *
   * @param optimizer optimizer id (colour)
   * @param label category label on the x axis
   * @param defaults the defaults value (NaN: none)
   * @param tuned the tuned value (NaN: none)
   */
  record Pair(String optimizer, String label, double defaults, double tuned) {}

  /**
   * Per optimizer a vertical segment from its defaults value (hollow circle) to its tuned value
   * (filled circle), in the optimizer's colour.
   *
   * @param title chart title
   * @param yLabel y label
   * @param logY logarithmic y axis
   * @param pairs one per optimizer, left to right
   * @return the chart; dataset 0 the segments (one series per optimizer), 1 the points (series
   *     0 tuned, 1 defaults)
   */
  static JFreeChart dumbbells(String title, String yLabel, boolean logY, List<Pair> pairs) {
    XYSeriesCollection segments = new XYSeriesCollection();
    XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
    XYSeries tuned = new XYSeries("tuned (filled)", false, true);
    XYSeries defaults = new XYSeries("defaults (hollow)", false, true);
    String[] labels = new String[pairs.size()];
    Paint[] tunedPaint = new Paint[pairs.size()];
    Paint[] defaultsPaint = new Paint[pairs.size()];
    int t = 0;
    int d = 0;
    for (int i = 0; i < pairs.size(); i++) {
      Pair p = pairs.get(i);
      labels[i] = p.label();
      XYSeries s = new XYSeries(p.label(), false, true);
      if (ok(p.defaults(), logY)) {
        s.add(i, p.defaults());
        defaults.add(i, p.defaults());
        defaultsPaint[d++] = Palette.color(p.optimizer());
      }
      if (ok(p.tuned(), logY)) {
        s.add(i, p.tuned());
        tuned.add(i, p.tuned());
        tunedPaint[t++] = Palette.color(p.optimizer());
      }
      segments.addSeries(s);
      lines.setSeriesPaint(i, Palette.color(p.optimizer()));
      lines.setSeriesStroke(i, Palette.stroke(p.optimizer(), 2.4f));
      lines.setSeriesVisibleInLegend(i, false);
    }
    XYSeriesCollection points = new XYSeriesCollection();
    points.addSeries(tuned);
    points.addSeries(defaults);
    Paint[][] itemPaint = {tunedPaint, defaultsPaint};
    XYLineAndShapeRenderer dots = new XYLineAndShapeRenderer(false, true) {
      private static final long serialVersionUID = 1L;

      @Override
      public Paint getItemPaint(int series, int item) {
        // Each point in its optimizer's colour; the legend keeps the series' black.
        return itemPaint[series][item];
      }
    };
    Shape circle = new Ellipse2D.Double(-6, -6, 12, 12);
    for (int s = 0; s < 2; s++) {
      dots.setSeriesShape(s, circle);
      dots.setSeriesPaint(s, Color.BLACK);
      dots.setSeriesOutlineStroke(s, new BasicStroke(2f));
    }
    dots.setSeriesShapesFilled(0, true);
    dots.setSeriesShapesFilled(1, false);
    dots.setDrawOutlines(true);
    SymbolAxis x = symbols("optimizer", labels);
    XYPlot plot = new XYPlot(segments, x, Charts.axis(yLabel, logY), lines);
    plot.setDataset(1, points);
    plot.setRenderer(1, dots);
    plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
    if (!logY) {
      ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
    }
    return Charts.chart(title, plot);
  }

  private static boolean ok(double v, boolean log) {
    return Double.isFinite(v) && (!log || v > 0);
  }

  /**
   * @param axis a linear axis
   * @return the axis with whole-number ticks only
   */
  static NumberAxis integerTicks(NumberAxis axis) {
    axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.ROOT));
    return axis;
  }
}
