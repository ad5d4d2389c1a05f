package org.optbench.report;

import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGUtils;

/**
 * Renders figures to PNG and SVG bytes that depend only on the chart: ImageIO's PNG writer adds no
 * time chunk, and the SVG's definition ids are fixed instead of JFreeSVG's time-based default.
 */
final class ChartFiles {
  private ChartFiles() {}

  /**
   * @param figure a figure
   * @return an opaque RGB PNG of {@code width × height} pixels
   * @throws UncheckedIOException if encoding fails
   */
  static byte[] png(Figure figure) {
    BufferedImage image = figure.chart().createBufferedImage(figure.width(), figure.height(),
        BufferedImage.TYPE_INT_RGB, null);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, "png", out)) {
        throw new IOException("no PNG writer available");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode " + figure.id() + ".png", e);
    }
    return out.toByteArray();
  }

  /**
   * @param figure a figure
   * @return a standalone SVG document of {@code width × height} pixels, coordinates rounded to
   *     two decimals
   */
  static String svg(Figure figure) {
    SVGGraphics2D g2 = new SVGGraphics2D(figure.width(), figure.height());
    g2.setDefsKeyPrefix(figure.id() + "-");
    g2.setGeomDoubleConverter(SVGUtils.createDoubleConverter(2));
    g2.setTransformDoubleConverter(SVGUtils.createDoubleConverter(4));
    figure.chart().draw(g2, new Rectangle2D.Double(0, 0, figure.width(), figure.height()));
    return g2.getSVGDocument();
  }
}
