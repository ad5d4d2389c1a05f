package org.optbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.result.CurveTable;

/** Figures are built from the best settings and render to valid PNG and SVG. */
class FiguresTest {
  @TempDir
  Path dir;

  private Map<String, Figure> mnist;
  private Map<String, Figure> ravine;

  @BeforeEach
  void build() {
    ExperimentData data = StoreReader.read(
        ResultStoreFixture.standard(dir.resolve("hand-made"), "test").root());
    List<SettingSummary> settings = Aggregator.summarize(data);
    mnist = figures(data.problems().get(0), settings);
    ravine = figures(data.problems().get(1), settings);
  }

  private static Map<String, Figure> figures(ProblemEntry problem,
      List<SettingSummary> settings) {
    List<SettingSummary> mine = settings.stream().filter(s -> s.problem() == problem).toList();
    return Figures.forProblem(problem, Aggregator.bestPerOptimizer(mine),
        Aggregator.learningRateRows(mine)).stream()
        .collect(Collectors.toMap(Figure::id, Function.identity()));
  }

  private static int legendItems(JFreeChart chart) {
    return chart.getXYPlot().getLegendItems().getItemCount();
  }

  @Test
  void imageProblemHasLossTimeAccuracyAndSensitivityFigures() {
    assertEquals(List.of("mnist-mlp-loss", "mnist-mlp-loss-time", "mnist-mlp-lr",
        "mnist-mlp-test-accuracy"), mnist.keySet().stream().sorted().toList());
    // One line per optimizer at its best setting: sgd and adam.
    XYPlot loss = mnist.get("mnist-mlp-loss").chart().getXYPlot();
    assertEquals(2, loss.getDataset().getSeriesCount());
    assertEquals(2, legendItems(mnist.get("mnist-mlp-loss").chart()));
    assertEquals("Sgd, lr 0.1 (3 seeds)", loss.getDataset().getSeriesKey(0));
    assertEquals("Adam, lr 0.001 (2 seeds)", loss.getDataset().getSeriesKey(1));
    // Raw (dataset 1, faint): at iteration 12 the two completed seeds have loss 2.3·e^(−0.6)
    // and the diverging seed 1e6; the line is their mean.
    assertEquals((2 * 2.3 * Math.exp(-0.6) + 1e6) / 3, loss.getDataset(1).getYValue(0, 12),
        1e-6);
    assertFalse(loss.getRenderer(1).isSeriesVisibleInLegend(0));
    // Smoothed (dataset 0): each seed's losses 2.3·e^(−t/20), t = 0..12 (the diverging seed's
    // last one 1e6) through the debiased moving average with β = 0.9, then the mean, the band
    // between the smoothed seeds.
    double[] completed = new double[13];
    double[] diverging = new double[13];
    for (int t = 0; t <= 12; t++) {
      completed[t] = 2.3 * Math.exp(-t / 20.0);
      diverging[t] = t == 12 ? 1e6 : completed[t];
    }
    double c = Smoothing.ema(completed, Figures.LOSS_SMOOTHING)[12];
    double d = Smoothing.ema(diverging, Figures.LOSS_SMOOTHING)[12];
    org.jfree.data.xy.IntervalXYDataset band =
        (org.jfree.data.xy.IntervalXYDataset) loss.getDataset();
    double mean = (2 * c + d) / 3;
    assertEquals(mean, band.getYValue(0, 12), 1e-6);
    // The band is the 95 % t interval of the mean of three seeds: t(0.975, 2) = 4.302652729911,
    // s² = (2(c − mean)² + (d − mean)²) / 2.
    double s = Math.sqrt((2 * (c - mean) * (c - mean) + (d - mean) * (d - mean)) / 2);
    assertEquals(mean + 4.302652729911 * s / Math.sqrt(3), band.getEndYValue(0, 12), 1e-3);
    // Its lower edge is below 0, which a log axis cannot show: it is drawn at the smallest seed.
    assertEquals(c, band.getStartYValue(0, 12), 1e-12);
    // The debiased average starts at the first value: no made-up start near 0.
    assertEquals(2.3, band.getYValue(0, 0), 1e-12);
    // Sensitivity: sgd has one rate, adam two.
    XYPlot lr = mnist.get("mnist-mlp-lr").chart().getXYPlot();
    assertEquals(2, lr.getDataset().getSeriesCount());
    assertEquals(2, lr.getDataset().getItemCount(1));
  }

  @Test
  void twoDimensionalProblemHasTrajectoriesOverContourLinesOnEqualScales() {
    assertEquals(List.of("ravine-2d-loss-time", "ravine-2d-lr", "ravine-2d-suboptimality",
        "ravine-2d-trajectories"), ravine.keySet().stream().sorted().toList());
    XYPlot plot = ravine.get("ravine-2d-trajectories").chart().getXYPlot();
    assertEquals(4, plot.getDatasetCount());
    // Dataset 0: contour lines, hidden from the legend; 1: one path per optimizer; 2: a dot
    // every k steps; 3: start, minimum. ravine-2d is f = (x² + 100·y²)/2 (f* = 0): every
    // vertex of a line that spans many cells lies on the level set log₁₀ f = level, up to
    // linear interpolation on a 400-point lattice (loops of a cell or two are coarser).
    assertTrue(plot.getDataset(0).getSeriesCount() >= 5, "" + plot.getDataset(0)
        .getSeriesCount());
    double worst = 0;
    for (int s = 0; s < plot.getDataset(0).getSeriesCount(); s++) {
      assertFalse(plot.getRenderer(0).isSeriesVisibleInLegend(s));
      if (plot.getDataset(0).getItemCount(s) < 40) {
        continue;
      }
      double first = Double.NaN;
      for (int i = 0; i < plot.getDataset(0).getItemCount(s); i++) {
        double x = plot.getDataset(0).getXValue(s, i);
        double y = plot.getDataset(0).getYValue(s, i);
        double level = Math.log10((x * x + 100 * y * y) / 2);
        if (i == 0) {
          first = level;
        }
        worst = Math.max(worst, Math.abs(level - first));
      }
    }
    // Measured 0.031 decades (7 %): the thinnest lines are a few lattice spacings wide in y.
    assertTrue(worst < 0.05, "a line strays " + worst + " decades from its level");
    // Equal scales: a data unit spans the same number of pixels on x and y.
    Figure figure = ravine.get("ravine-2d-trajectories");
    org.jfree.chart.ChartRenderingInfo info = new org.jfree.chart.ChartRenderingInfo();
    BufferedImage scratch = new BufferedImage(figure.width(), figure.height(),
        BufferedImage.TYPE_INT_RGB);
    java.awt.Graphics2D g2 = scratch.createGraphics();
    figure.chart().draw(g2, new java.awt.geom.Rectangle2D.Double(0, 0, figure.width(),
        figure.height()), info);
    g2.dispose();
    java.awt.geom.Rectangle2D area = info.getPlotInfo().getDataArea();
    double xPerPixel = plot.getDomainAxis().getRange().getLength() / area.getWidth();
    double yPerPixel = plot.getRangeAxis().getRange().getLength() / area.getHeight();
    assertEquals(1, xPerPixel / yPerPixel, 0.01);
    assertEquals(2, plot.getDataset(1).getSeriesCount());
    assertEquals("Sgd, lr 0.015", plot.getDataset(1).getSeriesKey(0));
    assertEquals(6, plot.getDataset(1).getItemCount(0));
    // Steps 0..5: a dot every step (the stride is 1, 2 or 5 × 10ⁿ, ≤ 12 dots), none at the start.
    assertEquals(5, plot.getDataset(2).getItemCount(0));
    assertEquals(plot.getDataset(1).getXValue(0, 1), plot.getDataset(2).getXValue(0, 0), 0);
    assertEquals(2, plot.getDataset(3).getSeriesCount());
    assertEquals(-4.0, plot.getDataset(3).getXValue(0, 0), 0);
    assertEquals(0.0, plot.getDataset(3).getXValue(1, 0), 0);
  }

  @Test
  void stepMarkersComeEvery1Or2Or5TimesAPowerOfTenSteps() {
    assertEquals(1, Figures.markerStride(5));
    assertEquals(1, Figures.markerStride(12));
    assertEquals(2, Figures.markerStride(13));
    assertEquals(5, Figures.markerStride(60));
    assertEquals(10, Figures.markerStride(61));
    assertEquals(500, Figures.markerStride(5000));
  }

  @Test
  void pngAndSvgAreNonEmptyAndHaveTheFigureSize() throws IOException {
    for (Figure f : List.of(mnist.get("mnist-mlp-loss"), ravine.get("ravine-2d-trajectories"))) {
      byte[] png = ChartFiles.png(f);
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
      assertNotNull(image, f.id());
      assertEquals(f.width(), image.getWidth());
      assertEquals(f.height(), image.getHeight());
      assertTrue(png.length > 10_000, f.id() + ": " + png.length + " bytes");
      String svg = ChartFiles.svg(f);
      assertTrue(svg.contains("<svg") && svg.contains("</svg>"), f.id());
      assertTrue(svg.contains("<path"), f.id());
      assertTrue(svg.getBytes(StandardCharsets.UTF_8).length < 1_500_000, f.id());
    }
  }

  @Test
  void bandIsTheTIntervalOfTheMeanAndVanishesWithOneSeed() {
    CurveTable a = new CurveTable(List.of("iteration", "v"), new double[][] {{0, 1}, {1, 2}});
    CurveTable b = new CurveTable(List.of("iteration", "v"), new double[][] {{0, 1}, {3, 4}});
    Charts.Band two = Figures.band("sgd", "Sgd", List.of(a, b), "iteration", 1, "v", false);
    double[][] piece = two.pieces().get(0);
    // Step 0: values 1 and 3, mean 2, s = √2, n = 2, t(0.975, 1) = 12.7062047361747:
    // half-width 12.7062047361747 · √2 / √2.
    assertEquals(2, piece[1][0], 0);
    assertEquals(2 - 12.7062047361747, piece[2][0], 1e-9);
    assertEquals(2 + 12.7062047361747, piece[3][0], 1e-9);
    Charts.Band one = Figures.band("sgd", "Sgd", List.of(a), "iteration", 1, "v", false);
    assertEquals(one.pieces().get(0)[1][1], one.pieces().get(0)[2][1], 0);
    assertEquals(one.pieces().get(0)[1][1], one.pieces().get(0)[3][1], 0);
  }

  @Test
  void lossAxisIsLogarithmicOnlyWhereTheMeansSpanTwoDecades() {
    CurveTable narrow = new CurveTable(List.of("iteration", "v"),
        new double[][] {{0, 1}, {2, 0.03}});
    CurveTable wide = new CurveTable(List.of("iteration", "v"),
        new double[][] {{0, 1}, {2, 0.02}});
    assertFalse(Figures.spansDecades(List.of(
        Figures.band("sgd", "Sgd", List.of(narrow), "iteration", 1, "v", false))));
    assertTrue(Figures.spansDecades(List.of(
        Figures.band("sgd", "Sgd", List.of(wide), "iteration", 1, "v", false))));
  }

  @Test
  void logPlotsBreakInsteadOfBridgingNonPositiveValues() {
    CurveTable a = new CurveTable(List.of("iteration", "v"), new double[][] {{0, 1, 2, 3}, {1, 0, 0, 2}});
    Charts.Band band = Figures.band("sgd", "Sgd", List.of(a), "iteration", 1, "v", true);
    assertEquals(2, band.pieces().size());
    assertEquals(1, band.pieces().get(0)[0].length);
    assertEquals(3.0, band.pieces().get(1)[0][0], 0);
  }
}
