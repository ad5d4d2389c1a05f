package org.optbench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.math.MathContext;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYDataImageAnnotation;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnitSource;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/** Builds the report's JFreeChart charts in one house style: white, light grid, legend below. */
final class Charts {
  private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 15);
  static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
  static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
  static final Font LEGEND_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  private static final Color GRID = new Color(0xDDDDDD);

  /**
   * Mean of several seeds with a band around it (see {@link Figures#band}), as one or more
   * unbroken pieces (a logarithmic axis cannot show values ≤ 0, so the line breaks there instead of bridging).
   *
   * @param optimizer optimizer id (colour and line style)
   * @param label legend text
   * @param pieces each {@code {x, mean, low, high}}, four arrays of equal length
   */
  record Band(String optimizer, String label, List<double[][]> pieces) {
    /** Copies the list. */
    Band {
      pieces = List.copyOf(pieces);
    }
  }

  /**
   * A polyline.
   *
   * @param optimizer optimizer id (colour and line style)
   * @param label legend text
   * @param x abscissae
   * @param y ordinates
   */
  record Line(String optimizer, String label, double[] x, double[] y) {}

  /**
   * f − f* sampled on a regular grid, as log₁₀ values clamped to the colour scale.
   *
   * @param xMin left edge
   * @param xMax right edge
   * @param yMin bottom edge
   * @param yMax top edge
   * @param cells cells per side
   * @param x lattice points (cell centres), x coordinate ({@code cells²} values, row-major: x
   *     varies fastest)
   * @param y lattice points, y coordinate
   * @param z log₁₀(f − f*) at the lattice points, clamped to [{@code low}, {@code high}]
   * @param low lowest level (log₁₀)
   * @param high highest level (log₁₀)
   * @param step level spacing (decades)
   */
  record Grid(double xMin, double xMax, double yMin, double yMax, int cells, double[] x,
      double[] y, double[] z, double low, double high, double step) {}

  private Charts() {}

  /**
   * @param title chart title
   * @param xLabel x axis label with unit
   * @param logX logarithmic x axis
   * @param yLabel y axis label with unit
   * @param logY logarithmic y axis
   * @param bands one per optimizer
   * @return lines of the means with their shaded bands
   */
  static JFreeChart bands(String title, String xLabel, boolean logX, String yLabel, boolean logY,
      List<Band> bands) {
    return bands(title, xLabel, logX, yLabel, logY, bands, List.of());
  }

  /**
   * As {@link #bands(String, String, boolean, String, boolean, List)}, with the mean lines of
   * {@code faint} drawn thin and pale beneath (e.g. raw values under smoothed ones), in the same
   * colours and out of the legend.
   *
   * @param title chart title
   * @param xLabel x axis label with unit
   * @param logX logarithmic x axis
   * @param yLabel y axis label with unit
   * @param logY logarithmic y axis
   * @param bands one per optimizer
   * @param faint lines drawn beneath, one per optimizer (their bands are not drawn)
   * @return the chart; dataset 0 holds the bands, dataset 1 the faint lines
   */
  static JFreeChart bands(String title, String xLabel, boolean logX, String yLabel, boolean logY,
      List<Band> bands, List<Band> faint) {
    YIntervalSeriesCollection data = new YIntervalSeriesCollection();
    DeviationRenderer renderer = new DeviationRenderer(true, false);
    renderer.setAlpha(0.2f);
    // One path per series instead of one element per segment: much smaller SVG.
    renderer.setDrawSeriesLineAsPath(true);
    for (Band band : bands) {
      for (int p = 0; p < band.pieces().size(); p++) {
        double[][] piece = band.pieces().get(p);
        // Keys must be unique; later pieces share the colour but not the legend entry.
        YIntervalSeries series = new YIntervalSeries(
            p == 0 ? band.label() : band.label() + " (part " + (p + 1) + ")", false, true);
        for (int i = 0; i < piece[0].length; i++) {
          series.add(piece[0][i], piece[1][i], piece[2][i], piece[3][i]);
        }
        int index = data.getSeriesCount();
        data.addSeries(series);
        renderer.setSeriesPaint(index, Palette.color(band.optimizer()));
        renderer.setSeriesFillPaint(index, Palette.color(band.optimizer()));
        renderer.setSeriesStroke(index, Palette.stroke(band.optimizer(), 1.6f));
        renderer.setSeriesVisibleInLegend(index, p == 0);
      }
    }
    XYPlot plot = new XYPlot(data, axis(xLabel, logX), axis(yLabel, logY), renderer);
    if (!faint.isEmpty()) {
      XYSeriesCollection under = new XYSeriesCollection();
      XYLineAndShapeRenderer pale = new XYLineAndShapeRenderer(true, false);
      pale.setDrawSeriesLineAsPath(true);
      for (Band band : faint) {
        for (int p = 0; p < band.pieces().size(); p++) {
          double[][] piece = band.pieces().get(p);
          XYSeries series = new XYSeries(band.label() + " (raw " + (p + 1) + ")", false, true);
          for (int i = 0; i < piece[0].length; i++) {
            series.add(piece[0][i], piece[1][i]);
          }
          int index = under.getSeriesCount();
          under.addSeries(series);
          Color c = Palette.color(band.optimizer());
          pale.setSeriesPaint(index, new Color(c.getRed(), c.getGreen(), c.getBlue(), 70));
          pale.setSeriesStroke(index, new BasicStroke(0.8f));
          pale.setSeriesVisibleInLegend(index, false);
        }
      }
      plot.setDataset(1, under);
      plot.setRenderer(1, pale);
      // The faint raw lines first, the smoothed bands on top.
      plot.setDatasetRenderingOrder(DatasetRenderingOrder.REVERSE);
    }
    return chart(title, plot);
  }

  /**
   * @param title chart title
   * @param xLabel x axis label with unit
   * @param logX logarithmic x axis
   * @param yLabel y axis label with unit
   * @param logY logarithmic y axis
   * @param lines one per optimizer
   * @return lines with a marker at every point
   */
  static JFreeChart lines(String title, String xLabel, boolean logX, String yLabel, boolean logY,
      List<Line> lines) {
    return lines(title, xLabel, logX, yLabel, logY, lines, true);
  }

  /**
   * @param title chart title
   * @param xLabel x axis label with unit
   * @param logX logarithmic x axis
   * @param yLabel y axis label with unit
   * @param logY logarithmic y axis
   * @param lines one per optimizer
   * @param connect join the points (else markers only, for points that do not form a curve)
   * @return a marker at every point, joined or not
   */
  static JFreeChart lines(String title, String xLabel, boolean logX, String yLabel, boolean logY,
      List<Line> lines, boolean connect) {
    XYSeriesCollection data = new XYSeriesCollection();
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(connect, true);
    renderer.setDrawSeriesLineAsPath(true);
    for (Line line : lines) {
      int index = data.getSeriesCount();
      data.addSeries(series(line));
      renderer.setSeriesPaint(index, Palette.color(line.optimizer()));
      renderer.setSeriesStroke(index, Palette.stroke(line.optimizer(), 1.8f));
      renderer.setSeriesShape(index, new Ellipse2D.Double(-4, -4, 8, 8));
    }
    XYPlot plot = new XYPlot(data, axis(xLabel, logX), axis(yLabel, logY), renderer);
    return chart(title, plot);
  }

  /**
   * Contour lines of f − f* on log-spaced levels over a light continuous field, with
   * trajectories on top, on equal x and y scales so the surface's geometry (a ravine's
   * elongation) is drawn as it is.
   *
   * @param title chart title
   * @param xLabel x axis label
   * @param yLabel y axis label
   * @param zLabel colour scale label
   * @param frame {@code [xMin, xMax, yMin, yMax]} that must be shown; one side is widened to
   *     make the scales equal
   * @param sampler samples the function on the final {@code [xMin, xMax, yMin, yMax]} (log₁₀
   *     values on a lattice)
   * @param trajectories one per optimizer
   * @param markers for each trajectory, the points where a dot marks equal step intervals
   * @param start the start point {@code [x, y]}
   * @param minima global minimisers {@code [x, y]}
   * @param width the figure's width in pixels (to make the scales equal)
   * @param height the figure's height in pixels
   * @return the chart; dataset 0 is the contour lines, 1 the trajectories, 2 the step markers,
   *     3 the start and minima
   */
  static JFreeChart contour(String title, String xLabel, String yLabel, String zLabel,
      double[] frame, Function<double[], Grid> sampler, List<Line> trajectories,
      List<Line> markers, double[] start, List<double[]> minima, int width, int height) {
    NumberAxis xAxis = (NumberAxis) axis(xLabel, false);
    xAxis.setRange(frame[0], frame[1]);
    NumberAxis yAxis = (NumberAxis) axis(yLabel, false);
    yAxis.setRange(frame[2], frame[3]);
    XYSeriesCollection levels = new XYSeriesCollection();
    XYLineAndShapeRenderer levelRenderer = new XYLineAndShapeRenderer(true, false);
    levelRenderer.setDrawSeriesLineAsPath(true);
    XYPlot plot = new XYPlot(levels, xAxis, yAxis, levelRenderer);

    XYSeriesCollection paths = new XYSeriesCollection();
    XYLineAndShapeRenderer pathRenderer = new XYLineAndShapeRenderer(true, false);
    pathRenderer.setDrawSeriesLineAsPath(true);
    for (Line line : trajectories) {
      int index = paths.getSeriesCount();
      paths.addSeries(series(line));
      pathRenderer.setSeriesPaint(index, Palette.color(line.optimizer()));
      pathRenderer.setSeriesStroke(index, Palette.stroke(line.optimizer(), 2.0f));
    }
    plot.setDataset(1, paths);
    plot.setRenderer(1, pathRenderer);

    XYSeriesCollection dots = new XYSeriesCollection();
    XYLineAndShapeRenderer dotRenderer = new XYLineAndShapeRenderer(false, true);
    for (Line line : markers) {
      int index = dots.getSeriesCount();
      dots.addSeries(series(new Line(line.optimizer(), line.label() + " (steps)", line.x(),
          line.y())));
      dotRenderer.setSeriesPaint(index, Palette.color(line.optimizer()));
      dotRenderer.setSeriesShape(index, new Ellipse2D.Double(-3, -3, 6, 6));
      dotRenderer.setSeriesVisibleInLegend(index, false);
    }
    plot.setDataset(2, dots);
    plot.setRenderer(2, dotRenderer);

    XYSeriesCollection points = new XYSeriesCollection();
    XYSeries startSeries = new XYSeries("start", false, true);
    startSeries.add(start[0], start[1]);
    XYSeries minimumSeries = new XYSeries(minima.size() == 1 ? "minimum" : "minima", false, true);
    minima.forEach(m -> minimumSeries.add(m[0], m[1]));
    points.addSeries(startSeries);
    points.addSeries(minimumSeries);
    XYLineAndShapeRenderer pointRenderer = new XYLineAndShapeRenderer(false, true);
    pointRenderer.setUseFillPaint(true);
    pointRenderer.setUseOutlinePaint(true);
    pointRenderer.setDrawOutlines(true);
    pointRenderer.setSeriesShape(0, new Ellipse2D.Double(-6, -6, 12, 12));
    pointRenderer.setSeriesShape(1, star(8));
    for (int i = 0; i < 2; i++) {
      pointRenderer.setSeriesPaint(i, Color.BLACK);
      pointRenderer.setSeriesOutlinePaint(i, Color.BLACK);
      pointRenderer.setSeriesOutlineStroke(i, new BasicStroke(1.5f));
    }
    pointRenderer.setSeriesFillPaint(0, Color.BLACK);
    pointRenderer.setSeriesFillPaint(1, Color.WHITE);
    plot.setDataset(3, points);
    plot.setRenderer(3, pointRenderer);
    // Field (under everything), contour lines and their labels, paths, step dots, then the
    // start and minima on top.
    plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);

    JFreeChart chart = chart(title, plot);
    // The colour scale takes room on the right: lay the chart out with it, from a first
    // sample of the frame, then make the scales equal and sample the ranges they leave, so the
    // field fills the whole plot.
    Grid provisional = sampler.apply(frame);
    NumberAxis scaleAxis = new NumberAxis(zLabel);
    scaleAxis.setRange(provisional.low(), provisional.high());
    scaleAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.ROOT));
    scaleAxis.setLabelFont(LABEL_FONT);
    scaleAxis.setTickLabelFont(TICK_FONT);
    PaintScaleLegend legend = new PaintScaleLegend(
        new LightGreys(provisional.low(), provisional.high()), scaleAxis);
    legend.setPosition(RectangleEdge.RIGHT);
    legend.setAxisLocation(AxisLocation.BOTTOM_OR_RIGHT);
    legend.setStripWidth(14);
    legend.setSubdivisionCount(64);
    legend.setMargin(new RectangleInsets(8, 8, 40, 8));
    legend.setBackgroundPaint(Color.WHITE);
    chart.addSubtitle(legend);
    equalScales(chart, width, height);

    Grid grid = sampler.apply(new double[] {xAxis.getLowerBound(), xAxis.getUpperBound(),
        yAxis.getLowerBound(), yAxis.getUpperBound()});
    LightGreys scale = new LightGreys(grid.low(), grid.high());
    legend.setScale(scale);
    scaleAxis.setRange(grid.low(), grid.high());
    int n = grid.cells();
    double[] xs = new double[n];
    double[] ys = new double[n];
    double[][] z = new double[n][n];
    for (int k = 0; k < n; k++) {
      xs[k] = grid.x()[k];
      ys[k] = grid.y()[k * n];
    }
    // Lines follow the values, not their logarithms: interpolating f − f* linearly along an
    // edge is exact for a plane and closer for a quadratic bowl than interpolating log₁₀.
    double[][] values = new double[n][n];
    for (int j = 0; j < n; j++) {
      System.arraycopy(grid.z(), j * n, z[j], 0, n);
      for (int i = 0; i < n; i++) {
        values[j][i] = Math.pow(10, z[j][i]);
      }
    }
    levelRenderer.addAnnotation(new XYDataImageAnnotation(field(z, scale), grid.xMin(),
        grid.yMin(), grid.xMax() - grid.xMin(), grid.yMax() - grid.yMin()), Layer.BACKGROUND);
    double diagonal = Math.hypot(grid.xMax() - grid.xMin(), grid.yMax() - grid.yMin());
    // Levels strictly inside the clamped range: a line at either end would trace the clamp.
    int count = (int) Math.round((grid.high() - grid.low()) / grid.step());
    for (int l = 1; l < count; l++) {
      double level = grid.low() + l * grid.step();
      Contours.Polyline longest = null;
      for (Contours.Polyline line : Contours.lines(xs, ys, values, Math.pow(10, level))) {
        int index = levels.getSeriesCount();
        XYSeries series = new XYSeries("level " + l + "." + index, false, true);
        for (int i = 0; i < line.size(); i++) {
          series.add(line.x()[i], line.y()[i]);
        }
        levels.addSeries(series);
        levelRenderer.setSeriesPaint(index, CONTOUR_LINE);
        levelRenderer.setSeriesStroke(index, new BasicStroke(0.9f));
        levelRenderer.setSeriesVisibleInLegend(index, false);
        if (longest == null || line.length() > longest.length()) {
          longest = line;
        }
      }
      // A label on the longest line of each level, at its middle vertex; not on small loops
      // (around a minimum), where labels would pile up and hide the line and the minimum.
      if (longest != null && longest.length() >= MIN_LABELLED_LENGTH * diagonal) {
        int mid = longest.size() / 2;
        XYTextAnnotation label = new XYTextAnnotation(levelLabel(level), longest.x()[mid],
            longest.y()[mid]);
        label.setFont(CONTOUR_FONT);
        label.setPaint(CONTOUR_LABEL);
        label.setBackgroundPaint(new Color(255, 255, 255, 200));
        levelRenderer.addAnnotation(label, Layer.FOREGROUND);
      }
    }
    return chart;
  }

  private static final Color CONTOUR_LINE = new Color(0x555555);
  /** A level is labelled when its longest line is at least this share of the plot's diagonal. */
  private static final double MIN_LABELLED_LENGTH = 0.15;
  private static final Color CONTOUR_LABEL = new Color(0x333333);
  private static final Font CONTOUR_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 10);

  /**
   * @param log10Value a level as log₁₀ of the value
   * @return the value with two significant digits, e.g. {@code 0.032}, {@code 1}, {@code 320}
   */
  static String levelLabel(double log10Value) {
    BigDecimal v = new BigDecimal(Math.pow(10, log10Value)).round(new MathContext(2));
    return v.abs().compareTo(new BigDecimal("1e5")) >= 0
        || v.abs().compareTo(new BigDecimal("1e-4")) < 0
        ? String.format(Locale.ROOT, "%.1e", v.doubleValue()).replace(".0e", "e")
        : v.stripTrailingZeros().toPlainString();
  }

  /** The field as an image, one pixel per lattice point, top row first. */
  private static BufferedImage field(double[][] z, LightGreys scale) {
    int n = z.length;
    BufferedImage image = new BufferedImage(z[0].length, n, BufferedImage.TYPE_INT_RGB);
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < z[j].length; i++) {
        image.setRGB(i, n - 1 - j, ((Color) scale.getPaint(z[j][i])).getRGB());
      }
    }
    return image;
  }

  /**
   * Widens one axis range about its centre so that a data unit spans as many pixels on x as on
   * y, measured on the chart laid out at the figure's size (twice, as the tick labels of the
   * widened axis can move the plot's edge by a few pixels).
   */
  static void equalScales(JFreeChart chart, int width, int height) {
    XYPlot plot = chart.getXYPlot();
    for (int pass = 0; pass < 2; pass++) {
      ChartRenderingInfo info = new ChartRenderingInfo();
      BufferedImage scratch = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
      Graphics2D g2 = scratch.createGraphics();
      chart.draw(g2, new Rectangle2D.Double(0, 0, width, height), info);
      g2.dispose();
      Rectangle2D area = info.getPlotInfo().getDataArea();
      ValueAxis x = plot.getDomainAxis();
      ValueAxis y = plot.getRangeAxis();
      double perPixel = Math.max(x.getRange().getLength() / area.getWidth(),
          y.getRange().getLength() / area.getHeight());
      x.setRange(centred(x.getRange().getCentralValue(), perPixel * area.getWidth()));
      y.setRange(centred(y.getRange().getCentralValue(), perPixel * area.getHeight()));
    }
  }

  private static org.jfree.data.Range centred(double centre, double length) {
    return new org.jfree.data.Range(centre - length / 2, centre + length / 2);
  }

  /** Near white at the lowest level to a light grey at the highest: lines and paths stay legible. */
  static final class LightGreys implements PaintScale {
    private final double low;
    private final double high;

    LightGreys(double low, double high) {
      this.low = low;
      this.high = high;
    }

    @Override
    public double getLowerBound() {
      return low;
    }

    @Override
    public double getUpperBound() {
      return high;
    }

    @Override
    public Paint getPaint(double value) {
      double t = Double.isFinite(value)
          ? Math.max(0, Math.min(1, (value - low) / (high - low))) : 1;
      int v = (int) Math.round(252 - 52 * t);
      return new Color(v, v, v);
    }
  }

  /**
   * @param r outer radius in pixels
   * @return a five-pointed star centred on the origin
   */
  static Shape star(double r) {
    Path2D.Double p = new Path2D.Double();
    for (int i = 0; i < 10; i++) {
      double radius = i % 2 == 0 ? r : r * 0.45;
      double angle = -Math.PI / 2 + i * Math.PI / 5;
      double x = radius * Math.cos(angle);
      double y = radius * Math.sin(angle);
      if (i == 0) {
        p.moveTo(x, y);
      } else {
        p.lineTo(x, y);
      }
    }
    p.closePath();
    return p;
  }

  /**
   * @param line a polyline
   * @return its points as an unsorted series that allows repeated x
   */
  static XYSeries series(Line line) {
    XYSeries series = new XYSeries(line.label(), false, true);
    for (int i = 0; i < line.x().length; i++) {
      series.add(line.x()[i], line.y()[i]);
    }
    return series;
  }

  /**
   * @param label axis label with unit
   * @param log logarithmic (whole decades) or linear with locale-independent ticks
   * @return the axis in the house style
   */
  static ValueAxis axis(String label, boolean log) {
    ValueAxis axis;
    if (log) {
      LogAxis logAxis = new LogAxis(label);
      logAxis.setBaseSymbol("10");
      logAxis.setSmallestValue(1e-300);
      // Whole decades only, formatted the same whatever the JVM's locale.
      logAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.ROOT));
      axis = logAxis;
    } else {
      NumberAxis numberAxis = new NumberAxis(label);
      numberAxis.setAutoRangeIncludesZero(false);
      // JFreeChart's locale-specific units show at most three decimals (0.0001 reads 0).
      numberAxis.setStandardTickUnits(new NumberTickUnitSource(false, new TickFormat()));
      axis = numberAxis;
    }
    axis.setLabelFont(LABEL_FONT);
    axis.setTickLabelFont(TICK_FONT);
    return axis;
  }

  /**
   * Tick labels with at most six significant digits, no grouping, whatever the locale: tick values
   * such as 0.00085 carry floating-point noise that a plain decimal format would print.
   */
  static final class TickFormat extends NumberFormat {
    private static final long serialVersionUID = 1L;
    private static final MathContext SIX = new MathContext(6);

    @Override
    public StringBuffer format(double number, StringBuffer toAppendTo, FieldPosition pos) {
      if (!Double.isFinite(number)) {
        return toAppendTo.append(number);
      }
      if (number == 0) {
        return toAppendTo.append('0');
      }
      return toAppendTo.append(new BigDecimal(number).round(SIX).stripTrailingZeros()
          .toPlainString());
    }

    @Override
    public StringBuffer format(long number, StringBuffer toAppendTo, FieldPosition pos) {
      return toAppendTo.append(number);
    }

    @Override
    public Number parse(String source, ParsePosition parsePosition) {
      throw new UnsupportedOperationException("tick labels are only formatted");
    }
  }

  /**
   * @param title chart title
   * @param plot the plot
   * @return the chart in the house style: white, light grid, legend below
   */
  static JFreeChart chart(String title, XYPlot plot) {
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(GRID);
    plot.setRangeGridlinePaint(GRID);
    plot.setDomainGridlineStroke(new BasicStroke(0.8f));
    plot.setRangeGridlineStroke(new BasicStroke(0.8f));
    plot.setOutlinePaint(new Color(0x888888));
    plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
    JFreeChart chart = new JFreeChart(title, TITLE_FONT, plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    chart.setAntiAlias(true);
    chart.setTextAntiAlias(true);
    TextTitle t = chart.getTitle();
    t.setPadding(new RectangleInsets(4, 4, 8, 4));
    LegendTitle legend = chart.getLegend();
    legend.setItemFont(LEGEND_FONT);
    legend.setFrame(BlockBorder.NONE);
    legend.setPosition(RectangleEdge.BOTTOM);
    legend.setBackgroundPaint(Color.WHITE);
    return chart;
  }
}
