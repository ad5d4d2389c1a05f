package org.optbench.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The interactive plots' downsampling and the JSON the page reads. */
class InteractivePlotsTest {
  private static InteractivePlots.Series series(int n) {
    double[] it = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      it[i] = i;
      // A sawtooth of period 10: each bucket of 10 points has its minimum 0 at a multiple of
      // 10 and its maximum 9 just before the next.
      y[i] = i % 10;
    }
    Map<String, double[]> x = new LinkedHashMap<>();
    x.put("iteration", it);
    return new InteractivePlots.Series("Sgd", "sgd", 0, true, x, y);
  }

  @Test
  void shortSeriesAreKeptWhole() {
    InteractivePlots.Series s = series(InteractivePlots.LONG);
    assertSame(s, InteractivePlots.downsample(s));
  }

  @Test
  void longSeriesKeepEachBucketsMinimumAndMaximumInStepOrder() {
    // 10 000 points in 1000 buckets of 10: each keeps its 0 (at 10k) and its 9 (at 10k + 9).
    InteractivePlots.Series d = InteractivePlots.downsample(series(10_000));
    assertEquals(2000, d.y().length);
    assertArrayEquals(new double[] {0, 9, 0, 9}, java.util.Arrays.copyOf(d.y(), 4));
    assertArrayEquals(new double[] {0, 9, 10, 19},
        java.util.Arrays.copyOf(d.x().get("iteration"), 4));
    assertEquals(9999, d.x().get("iteration")[1999], 0);
  }

  @Test
  void jsonWritesNaNAsNullAndShortNumbers() {
    Map<String, double[]> x = new LinkedHashMap<>();
    x.put("iteration", new double[] {0, 1, 2});
    InteractivePlots.Plot plot = new InteractivePlots.Plot("plot-a", "A </script>", "loss",
        true, List.of("iteration"), "note",
        List.of(new InteractivePlots.Series("Adam <b>", "adam", -1, true, x,
            new double[] {2.302585092994046, Double.NaN, 1e-20})), Map.of());
    String json = InteractivePlots.json(plot);
    assertTrue(json.contains("\"y\":[2.302585,null,1E-20]"), json);
    assertTrue(json.contains("\"label\":\"Adam \\u003cb>\""), json);
    assertTrue(json.contains("\"mean\":true,\"show\":true"), json);
    assertTrue(!json.contains("</"), json);
  }

  @Test
  void linksArePercentEncodedWhereABrowserWouldMisreadTheName() {
    Path page = Path.of("/r/merged");
    assertEquals("../odd%20dir*%5Bx%5D%23_y/my%25exp/trials/curve.csv", InteractivePlots.link(page,
        Path.of("/r/odd dir*[x]#_y/my%exp/trials/curve.csv")));
    assertEquals("trials/a%3Fb/caf\u00e9.csv", InteractivePlots.link(page,
        Path.of("/r/merged/trials/a?b/caf\u00e9.csv")));
    assertEquals("./a:b/curve.csv", InteractivePlots.link(page, Path.of("/r/merged/a:b/curve.csv")));
  }
}
