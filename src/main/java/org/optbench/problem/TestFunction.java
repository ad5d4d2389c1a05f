package org.optbench.problem;

import java.util.List;

/**
 * A smooth function of two parameters {@code (x, y)} with known minimisers, optimised by applying
 * a DL4J updater to a 2-element parameter array with the analytic gradient.
 *
 * <p>Implementations are immutable and thread-safe.
 */
public sealed interface TestFunction
    permits TestFunction.Ravine2d, TestFunction.Rosenbrock, TestFunction.Saddle,
        TestFunction.TwoWells {

  /** @return the problem id, e.g. {@code ravine-2d} */
  String id();

  /** @return f(x, y) */
  double value(double x, double y);

  /**
   * Writes ∇f(x, y) into {@code out}.
   *
   * @param out array of length 2 receiving {@code [∂f/∂x, ∂f/∂y]}
   */
  void gradient(double x, double y, double[] out);

  /** @return every global minimiser as {@code [x, y]}; distances are measured to the nearest */
  List<double[]> minimizers();

  /** @return the global minimum value f* */
  double minimum();

  /** @return the conventional start point {@code [x, y]} */
  double[] defaultStart();

  /** @return Euclidean distance from (x, y) to the nearest global minimiser */
  default double distanceToOptimum(double x, double y) {
    double best = Double.POSITIVE_INFINITY;
    for (double[] m : minimizers()) {
      best = Math.min(best, Math.hypot(x - m[0], y - m[1]));
    }
    return best;
  }

  /**
   * The ravine f = ½(x² + κy²): a quadratic whose Hessian diag(1, κ) has condition number κ, so
   * gradient descent with step η contracts x by (1 − η) and y by (1 − ηκ) per step and is stable
   * only for η &lt; 2/κ.
   *
   * @param kappa condition number κ ≥ 1
   */
  record Ravine2d(double kappa) implements TestFunction {
    /** @throws IllegalArgumentException if κ &lt; 1 or not finite */
    public Ravine2d {
      if (!(kappa >= 1) || Double.isInfinite(kappa)) {
        throw new IllegalArgumentException("kappa must be >= 1 and finite (got " + kappa + ")");
      }
    }

    @Override
    public String id() {
      return "ravine-2d";
    }

    @Override
    public double value(double x, double y) {
      return 0.5 * (x * x + kappa * y * y);
    }

    @Override
    public void gradient(double x, double y, double[] out) {
      out[0] = x;
      out[1] = kappa * y;
    }

    @Override
    public List<double[]> minimizers() {
      return List.of(new double[] {0, 0});
    }

    @Override
    public double minimum() {
      return 0;
    }

    @Override
    public double[] defaultStart() {
      return new double[] {-4, 1};
    }
  }

  /**
   * Rosenbrock's banana f = (a − x)² + b(y − x²)² (Rosenbrock 1960): a curved valley with its
   * minimum f* = 0 at (a, a²).
   *
   * @param a position of the minimum along x
   * @param b steepness of the valley walls, b &gt; 0
   */
  record Rosenbrock(double a, double b) implements TestFunction {
    /** @throws IllegalArgumentException if b ≤ 0 or a parameter is not finite */
    public Rosenbrock {
      if (!Double.isFinite(a) || !(b > 0) || Double.isInfinite(b)) {
        throw new IllegalArgumentException(
            "rosenbrock needs finite a and b > 0 (got a=" + a + ", b=" + b + ")");
      }
    }

    @Override
    public String id() {
      return "rosenbrock";
    }

    @Override
    public double value(double x, double y) {
      double u = a - x;
      double v = y - x * x;
      return u * u + b * v * v;
    }

    @Override
    public void gradient(double x, double y, double[] out) {
      double v = y - x * x;
      out[0] = -2 * (a - x) - 4 * b * x * v;
      out[1] = 2 * b * v;
    }

    @Override
    public List<double[]> minimizers() {
      return List.of(new double[] {a, a * a});
    }

    @Override
    public double minimum() {
      return 0;
    }

    @Override
    public double[] defaultStart() {
      return new double[] {-1.2, 1};
    }
  }

  /**
   * f = x² + ¼y⁴ − ½y²: a saddle point at the origin (Hessian diag(2, −1)) and two minima at
   * (0, ±1) with f* = −¼. Started at (1, 10⁻³), plain gradient descent first slows near the
   * saddle, where the gradient vanishes, before the tiny y offset grows and it escapes.
   */
  record Saddle() implements TestFunction {
    @Override
    public String id() {
      return "saddle";
    }

    @Override
    public double value(double x, double y) {
      double y2 = y * y;
      return x * x + 0.25 * y2 * y2 - 0.5 * y2;
    }

    @Override
    public void gradient(double x, double y, double[] out) {
      out[0] = 2 * x;
      out[1] = y * y * y - y;
    }

    @Override
    public List<double[]> minimizers() {
      return List.of(new double[] {0, 1}, new double[] {0, -1});
    }

    @Override
    public double minimum() {
      return -0.25;
    }

    @Override
    public double[] defaultStart() {
      return new double[] {1, 1e-3};
    }
  }

  /**
   * f = x⁴ − 2x² + 0.3x + y²: a shallow local minimum near x ≈ 0.96 and the global minimum near
   * x ≈ −1.04, both at y = 0, separated by a local maximum near x ≈ 0.075. Gradient descent from
   * the right settles in the local minimum; enough momentum carries the iterate over the barrier.
   */
  record TwoWells() implements TestFunction {
    /** The global minimiser along x, from Newton's method on f'(x) = 4x³ − 4x + 0.3. */
    static final double GLOBAL_X = newtonRoot(-1.0);

    /** The local (non-global) minimiser along x. */
    static final double LOCAL_X = newtonRoot(1.0);

    @Override
    public String id() {
      return "two-wells";
    }

    @Override
    public double value(double x, double y) {
      double x2 = x * x;
      return x2 * x2 - 2 * x2 + 0.3 * x + y * y;
    }

    @Override
    public void gradient(double x, double y, double[] out) {
      out[0] = 4 * x * x * x - 4 * x + 0.3;
      out[1] = 2 * y;
    }

    @Override
    public List<double[]> minimizers() {
      return List.of(new double[] {GLOBAL_X, 0});
    }

    @Override
    public double minimum() {
      return value(GLOBAL_X, 0);
    }

    /** @return the local minimiser {@code [x, 0]} with x ≈ 0.96 */
    public double[] localMinimizer() {
      return new double[] {LOCAL_X, 0};
    }

    @Override
    public double[] defaultStart() {
      return new double[] {2, 0.5};
    }

    private static double newtonRoot(double x) {
      for (int i = 0; i < 100; i++) {
        double step = (4 * x * x * x - 4 * x + 0.3) / (12 * x * x - 4);
        x -= step;
        if (Math.abs(step) < 1e-16) {
          break;
        }
      }
      return x;
    }
  }
}
