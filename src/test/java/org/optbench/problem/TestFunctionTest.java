package org.optbench.problem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Gradients, minimisers and minimum values of the analytic 2-D functions. */
class TestFunctionTest {
  /** Points with no zero gradient component, away from every stationary point. */
  private static final double[][] POINTS = {{-1.2, 1.0}, {0.7, -0.4}, {2.0, 0.5}, {-0.3, 1.7}};

  static Stream<TestFunction> functions() {
    return Stream.of(new TestFunction.Ravine2d(100), new TestFunction.Ravine2d(3.5),
        new TestFunction.Rosenbrock(1, 100), new TestFunction.Rosenbrock(-0.5, 2),
        new TestFunction.Saddle(), new TestFunction.TwoWells());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("functions")
  void gradientMatchesCentralDifferences(TestFunction f) {
    double[] g = new double[2];
    for (double[] p : POINTS) {
      f.gradient(p[0], p[1], g);
      // h ≈ ∛ε: truncation (h²) and rounding (ε/h) errors both stay far below 1e-6.
      double h = 1e-5;
      double dx = (f.value(p[0] + h, p[1]) - f.value(p[0] - h, p[1])) / (2 * h);
      double dy = (f.value(p[0], p[1] + h) - f.value(p[0], p[1] - h)) / (2 * h);
      assertEquals(dx, g[0], 1e-6 * Math.max(1, Math.abs(dx)), "df/dx at " + p[0] + "," + p[1]);
      assertEquals(dy, g[1], 1e-6 * Math.max(1, Math.abs(dy)), "df/dy at " + p[0] + "," + p[1]);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("functions")
  void minimisersAreStationaryAndAttainTheMinimum(TestFunction f) {
    double[] g = new double[2];
    for (double[] m : f.minimizers()) {
      f.gradient(m[0], m[1], g);
      assertEquals(0, g[0], 1e-12);
      assertEquals(0, g[1], 1e-12);
      assertEquals(f.minimum(), f.value(m[0], m[1]), 1e-15);
      assertEquals(0, f.distanceToOptimum(m[0], m[1]), 0);
      // A true minimum: every nearby point is higher.
      for (double[] d : new double[][] {{1e-3, 0}, {-1e-3, 0}, {0, 1e-3}, {0, -1e-3}}) {
        assertTrue(f.value(m[0] + d[0], m[1] + d[1]) > f.minimum());
      }
    }
  }

  @Test
  void ravineAndRosenbrockMinima() {
    TestFunction.Ravine2d ravine = new TestFunction.Ravine2d(100);
    assertEquals(0, ravine.minimum());
    // ½(3² + 100·2²) = ½(9 + 400)
    assertEquals(204.5, ravine.value(3, 2), 0);
    assertEquals(5, ravine.distanceToOptimum(3, 4), 0);

    TestFunction.Rosenbrock rosen = new TestFunction.Rosenbrock(-0.5, 2);
    assertArrayEquals(new double[] {-0.5, 0.25}, rosen.minimizers().get(0), 0);
    // At the conventional start (−1.2, 1) with a = 1, b = 100: 2.2² + 100·(1 − 1.44)² = 4.84 + 19.36
    assertEquals(24.2, new TestFunction.Rosenbrock(1, 100).value(-1.2, 1), 1e-12);
  }

  @Test
  void saddleMinimumIsExactlyMinusAQuarter() {
    TestFunction.Saddle saddle = new TestFunction.Saddle();
    assertEquals(-0.25, saddle.minimum(), 0);
    // ¼·1 − ½·1 = −¼ with no rounding: all values are dyadic.
    assertEquals(-0.25, saddle.value(0, 1), 0);
    assertEquals(-0.25, saddle.value(0, -1), 0);
    // The origin is a stationary point but not a minimiser.
    double[] g = new double[2];
    saddle.gradient(0, 0, g);
    assertArrayEquals(new double[] {0, 0}, g, 0);
    assertEquals(0, saddle.value(0, 0), 0);
  }

  @Test
  void saddleDistancePicksTheNearerMinimiser() {
    TestFunction.Saddle saddle = new TestFunction.Saddle();
    // (0.3, 0.8) is 0.2 below (0, 1) and 1.8 above (0, −1): hypot(0.3, 0.2).
    assertEquals(Math.hypot(0.3, 0.2), saddle.distanceToOptimum(0.3, 0.8), 1e-15);
    assertEquals(Math.hypot(0.3, 0.2), saddle.distanceToOptimum(0.3, -0.8), 1e-15);
    // Below the x axis the minimiser at −1 is the nearer one: 1 − 0.1.
    assertEquals(0.9, saddle.distanceToOptimum(0, -0.1), 1e-15);
    // On the axis both are at distance hypot(x, 1).
    assertEquals(Math.hypot(2, 1), saddle.distanceToOptimum(2, 0), 1e-15);
    List<double[]> minima = saddle.minimizers();
    assertEquals(2, minima.size());
  }

  /**
   * f'(x) = 4x³ − 4x + 0.3 = 0 ⇔ x³ − x + 0.075 = 0, a depressed cubic t³ + pt + q with three
   * real roots t_k = 2√(−p/3)·cos(⅓·arccos((3q/2p)·√(−3/p)) − 2πk/3) (Viète). k = 0 gives the
   * right minimum, k = 1 the local maximum between the wells, k = 2 the left minimum.
   */
  private static double cubicRoot(int k) {
    double p = -1;
    double q = 0.075;
    return 2 * Math.sqrt(-p / 3)
        * Math.cos(Math.acos(3 * q / (2 * p) * Math.sqrt(-3 / p)) / 3 - 2 * Math.PI * k / 3);
  }

  @Test
  void twoWellsMinimaAreTheCubicsRoots() {
    TestFunction.TwoWells f = new TestFunction.TwoWells();
    double global = cubicRoot(2);
    double local = cubicRoot(0);
    double barrier = cubicRoot(1);
    // Newton's roots agree with Viète's closed form to rounding.
    assertEquals(global, f.minimizers().get(0)[0], 1e-12);
    assertEquals(local, f.localMinimizer()[0], 1e-12);
    // Pinned values (printed from the closed form above).
    assertEquals(-1.035579, global, 1e-4);
    assertEquals(0.960150, local, 1e-4);
    assertEquals(0.075429, barrier, 1e-4);
    // f at each minimum: x⁴ − 2x² + 0.3x
    assertEquals(-1.305428, f.minimum(), 1e-4);
    assertEquals(-0.705854, f.value(local, 0), 1e-4);
    assertTrue(f.minimum() < f.value(local, 0), "the left well is the global one");
    assertEquals(0, f.localMinimizer()[1], 0);
    // The local minimiser is stationary too, and the barrier is a maximum along x.
    double[] g = new double[2];
    f.gradient(local, 0, g);
    assertEquals(0, g[0], 1e-12);
    assertTrue(f.value(barrier, 0) > f.value(barrier + 1e-3, 0));
    assertTrue(f.value(barrier, 0) > f.value(barrier - 1e-3, 0));
    // Distance is measured to the global minimiser only.
    assertEquals(local - global, f.distanceToOptimum(local, 0), 1e-12);
  }
}
