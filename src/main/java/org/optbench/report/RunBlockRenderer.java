package org.optbench.report;

import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CrosshairState;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYItemRendererState;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.XYZDataset;

/**
 * An {@link XYBlockRenderer} for row-major grids (cells of one row share y, in increasing x) that
 * paints each run of same-coloured cells in a row as one rectangle. With discrete contour levels
 * this cuts the number of shapes by an order of magnitude, which keeps SVG files small; the
 * picture is the same.
 */
final class RunBlockRenderer extends XYBlockRenderer {
  private static final long serialVersionUID = 1L;
  /** Overlap between neighbouring rectangles (Java2D units) so no hairline seams show. */
  private static final double OVERLAP = 0.3;

  @Override
  public void drawItem(Graphics2D g2, XYItemRendererState state, Rectangle2D dataArea,
      PlotRenderingInfo info, XYPlot plot, ValueAxis domainAxis, ValueAxis rangeAxis,
      XYDataset dataset, int series, int item, CrosshairState crosshairState, int pass) {
    XYZDataset grid = (XYZDataset) dataset;
    PaintScale scale = getPaintScale();
    double y = grid.getYValue(series, item);
    Paint paint = scale.getPaint(grid.getZValue(series, item));
    if (item > 0 && sameCell(grid, series, item - 1, y, paint, scale)) {
      // Painted as part of the run that starts further left.
      return;
    }
    int last = item;
    int count = grid.getItemCount(series);
    while (last + 1 < count && sameCell(grid, series, last + 1, y, paint, scale)) {
      last++;
    }
    double halfW = getBlockWidth() / 2;
    double halfH = getBlockHeight() / 2;
    double x0 = domainAxis.valueToJava2D(grid.getXValue(series, item) - halfW, dataArea,
        plot.getDomainAxisEdge());
    double x1 = domainAxis.valueToJava2D(grid.getXValue(series, last) + halfW, dataArea,
        plot.getDomainAxisEdge());
    double y0 = rangeAxis.valueToJava2D(y - halfH, dataArea, plot.getRangeAxisEdge());
    double y1 = rangeAxis.valueToJava2D(y + halfH, dataArea, plot.getRangeAxisEdge());
    Rectangle2D block = new Rectangle2D.Double(Math.min(x0, x1) - OVERLAP,
        Math.min(y0, y1) - OVERLAP, Math.abs(x1 - x0) + 2 * OVERLAP,
        Math.abs(y1 - y0) + 2 * OVERLAP);
    Object antiAlias = g2.getRenderingHint(RenderingHints.KEY_ANTIALIASING);
    g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
    g2.setPaint(paint);
    g2.fill(block);
    if (antiAlias != null) {
      g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, antiAlias);
    }
  }

  private static boolean sameCell(XYZDataset grid, int series, int item, double y, Paint paint,
      PaintScale scale) {
    return grid.getYValue(series, item) == y
        && paint.equals(scale.getPaint(grid.getZValue(series, item)));
  }

  @Override
  public boolean equals(Object obj) {
    return obj instanceof RunBlockRenderer && super.equals(obj);
  }

  @Override
  public int hashCode() {
    return super.hashCode();
  }
}
