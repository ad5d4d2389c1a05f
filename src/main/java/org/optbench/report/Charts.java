package org.optbench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.math.BigDecimal;
import java.math.MathContext;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnitSource;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.DefaultXYZDataset;
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
   * Mean of several seeds with their minimum and maximum, as one or more unbroken pieces (a
   * logarithmic axis cannot show values ≤ 0, so the line breaks there instead of bridging).
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
   * @param x cell centres, x coordinate ({@code cells²} values)
   * @param y cell centres, y coordinate
   * @param z log₁₀(f − f*) at the cell centres, clamped to [{@code low}, {@code high}]
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
   * @return lines of the means with shaded min–max bands
   */
  static JFreeChart bands(String title, String xLabel, boolean logX, String yLabel, boolean logY,
      List<Band> bands) {
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
   * Filled contours of f − f* on log-spaced levels with trajectories on top.
   *
   * @param title chart title
   * @param xLabel x axis label
   * @param yLabel y axis label
   * @param zLabel colour scale label
   * @param grid the sampled function
   * @param trajectories one per optimizer
   * @param start the start point {@code [x, y]}
   * @param minima global minimisers {@code [x, y]}
   * @return the chart; dataset 0 is the grid, 1 the trajectories, 2 the start and minima
   */
  static JFreeChart contour(String title, String xLabel, String yLabel, String zLabel, Grid grid,
      List<Line> trajectories, double[] start, List<double[]> minima) {
    DefaultXYZDataset surface = new DefaultXYZDataset();
    surface.addSeries("f - f*", new double[][] {grid.x(), grid.y(), grid.z()});
    LookupPaintScale scale = greys(grid.low(), grid.high(), grid.step());
    XYBlockRenderer blocks = new RunBlockRenderer();
    blocks.setBlockWidth((grid.xMax() - grid.xMin()) / grid.cells());
    blocks.setBlockHeight((grid.yMax() - grid.yMin()) / grid.cells());
    blocks.setPaintScale(scale);
    blocks.setSeriesVisibleInLegend(0, false);

    NumberAxis xAxis = (NumberAxis) axis(xLabel, false);
    xAxis.setRange(grid.xMin(), grid.xMax());
    NumberAxis yAxis = (NumberAxis) axis(yLabel, false);
    yAxis.setRange(grid.yMin(), grid.yMax());
    XYPlot plot = new XYPlot(surface, xAxis, yAxis, blocks);

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
    plot.setDataset(2, points);
    plot.setRenderer(2, pointRenderer);
    // Contours first, then paths, then the markers on top.
    plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);

    JFreeChart chart = chart(title, plot);
    NumberAxis scaleAxis = new NumberAxis(zLabel);
    scaleAxis.setRange(grid.low(), grid.high());
    scaleAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.ROOT));
    scaleAxis.setLabelFont(LABEL_FONT);
    scaleAxis.setTickLabelFont(TICK_FONT);
    PaintScaleLegend legend = new PaintScaleLegend(scale, scaleAxis);
    legend.setPosition(RectangleEdge.RIGHT);
    legend.setAxisLocation(AxisLocation.BOTTOM_OR_RIGHT);
    legend.setStripWidth(14);
    // One strip per level; level bounds are multiples of 0.5, so the samples fall exactly.
    legend.setSubdivisionCount(Math.max(1, (int) Math.round((grid.high() - grid.low())
        / grid.step())));
    legend.setMargin(new RectangleInsets(8, 8, 40, 8));
    legend.setBackgroundPaint(Color.WHITE);
    chart.addSubtitle(legend);
    return chart;
  }

  /** Light (near the minimum) to mid grey (far away): coloured paths stay readable on top. */
  private static LookupPaintScale greys(double low, double high, double step) {
    LookupPaintScale scale = new LookupPaintScale(low, high, new Color(0xF7F7F7));
    int levels = Math.max(1, (int) Math.round((high - low) / step));
    for (int i = 0; i < levels; i++) {
      int v = (int) Math.round(250 - 140.0 * i / Math.max(1, levels - 1));
      scale.add(low + i * step, new Color(v, v, v));
    }
    return scale;
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
