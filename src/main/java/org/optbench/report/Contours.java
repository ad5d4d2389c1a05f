package org.optbench.report;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Contour lines of a function sampled on a rectangular lattice, by marching squares (Lorensen
 * and Cline's marching cubes in two dimensions) with linear interpolation along cell edges.
 *
 * <p>Each cell of the lattice is classified by which of its four corners lie at or above the
 * level; the line crosses an edge whose ends are on different sides, at the point where the
 * linear interpolation of the two corner values equals the level. A saddle cell (two opposite
 * corners above) is resolved by the mean of its four corners, the usual asymptotic-free choice.
 * Crossings are computed once per edge, so neighbouring cells share endpoints exactly and the
 * segments join into polylines (closed ones end where they start).
 */
final class Contours {
  private Contours() {}

  /**
   * A contour polyline in data coordinates.
   *
   * @param x abscissae, one per vertex
   * @param y ordinates, one per vertex
   */
  record Polyline(double[] x, double[] y) {
    /** @return the number of vertices */
    int size() {
      return x.length;
    }

    /** @return the length of the polyline in data units */
    double length() {
      double sum = 0;
      for (int i = 1; i < x.length; i++) {
        sum += Math.hypot(x[i] - x[i - 1], y[i] - y[i - 1]);
      }
      return sum;
    }
  }

  /**
   * @param xs lattice abscissae, strictly increasing, length {@code nx ≥ 2}
   * @param ys lattice ordinates, strictly increasing, length {@code ny ≥ 2}
   * @param z values, {@code z[j][i]} at {@code (xs[i], ys[j])}: shape {@code [ny][nx]}; a cell
   *     with a non-finite corner draws nothing
   * @param level the value the lines follow
   * @return the polylines of {@code z = level}, in a deterministic order (scan order of their
   *     first cell)
   * @throws IllegalArgumentException if the shapes disagree
   */
  static List<Polyline> lines(double[] xs, double[] ys, double[][] z, double level) {
    int nx = xs.length;
    int ny = ys.length;
    if (nx < 2 || ny < 2 || z.length != ny) {
      throw new IllegalArgumentException("need a lattice of at least 2 × 2 with z of shape [ny][nx]"
          + " (got " + nx + " × " + ny + ", z rows " + z.length + ")");
    }
    // Segments as pairs of edge ids; an edge id names a lattice edge, so shared crossings match.
    List<long[]> segments = new ArrayList<>();
    Map<Long, double[]> points = new HashMap<>();
    for (int j = 0; j < ny - 1; j++) {
      if (z[j].length != nx || z[j + 1].length != nx) {
        throw new IllegalArgumentException("row " + (z[j].length != nx ? j : j + 1) + " of z has "
            + (z[j].length != nx ? z[j].length : z[j + 1].length) + " values, not " + nx);
      }
      for (int i = 0; i < nx - 1; i++) {
        final int ci = i;
        final int cj = j;
        double a = z[j][i];         // bottom left
        double b = z[j][i + 1];     // bottom right
        double c = z[j + 1][i + 1]; // top right
        double d = z[j + 1][i];     // top left
        if (!(Double.isFinite(a) && Double.isFinite(b) && Double.isFinite(c)
            && Double.isFinite(d))) {
          continue;
        }
        int index = (a >= level ? 1 : 0) | (b >= level ? 2 : 0) | (c >= level ? 4 : 0)
            | (d >= level ? 8 : 0);
        if (index == 0 || index == 15) {
          continue;
        }
        long bottom = edge(i, j, true, nx, ny);
        long top = edge(i, j + 1, true, nx, ny);
        long left = edge(i, j, false, nx, ny);
        long right = edge(i + 1, j, false, nx, ny);
        points.computeIfAbsent(bottom, k -> cross(xs[ci], ys[cj], a, xs[ci + 1], ys[cj], b,
            level));
        points.computeIfAbsent(top, k -> cross(xs[ci], ys[cj + 1], d, xs[ci + 1], ys[cj + 1], c,
            level));
        points.computeIfAbsent(left, k -> cross(xs[ci], ys[cj], a, xs[ci], ys[cj + 1], d,
            level));
        points.computeIfAbsent(right, k -> cross(xs[ci + 1], ys[cj], b, xs[ci + 1], ys[cj + 1],
            c, level));
        boolean centreAbove = (a + b + c + d) / 4 >= level;
        switch (index) {
          case 1, 14 -> segments.add(new long[] {left, bottom});
          case 2, 13 -> segments.add(new long[] {bottom, right});
          case 3, 12 -> segments.add(new long[] {left, right});
          case 4, 11 -> segments.add(new long[] {right, top});
          case 6, 9 -> segments.add(new long[] {bottom, top});
          case 7, 8 -> segments.add(new long[] {left, top});
          case 5 -> {
            // a and c above: joined through the centre if it is above, else cut apart.
            if (centreAbove) {
              segments.add(new long[] {left, top});
              segments.add(new long[] {bottom, right});
            } else {
              segments.add(new long[] {left, bottom});
              segments.add(new long[] {right, top});
            }
          }
          case 10 -> {
            // b and d above.
            if (centreAbove) {
              segments.add(new long[] {left, bottom});
              segments.add(new long[] {right, top});
            } else {
              segments.add(new long[] {left, top});
              segments.add(new long[] {bottom, right});
            }
          }
          default -> throw new AssertionError(index);
        }
      }
    }
    return join(segments, points);
  }

  /**
   * @param xs lattice abscissae
   * @param ys lattice ordinates
   * @param z values of shape {@code [ny][nx]}
   * @param x a point inside the lattice's extent
   * @param y a point inside the lattice's extent
   * @return the bilinear interpolation of {@code z} at {@code (x, y)}
   */
  static double interpolate(double[] xs, double[] ys, double[][] z, double x, double y) {
    int i = cell(xs, x);
    int j = cell(ys, y);
    double tx = (x - xs[i]) / (xs[i + 1] - xs[i]);
    double ty = (y - ys[j]) / (ys[j + 1] - ys[j]);
    double bottom = z[j][i] + tx * (z[j][i + 1] - z[j][i]);
    double top = z[j + 1][i] + tx * (z[j + 1][i + 1] - z[j + 1][i]);
    return bottom + ty * (top - bottom);
  }

  private static int cell(double[] grid, double v) {
    int lo = 0;
    int hi = grid.length - 2;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (grid[mid] <= v) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  /** Horizontal edges are numbered before vertical ones; both in row-major order. */
  private static long edge(int i, int j, boolean horizontal, int nx, int ny) {
    return horizontal ? (long) j * nx + i : (long) nx * ny + (long) j * nx + i;
  }

  private static double[] cross(double x0, double y0, double v0, double x1, double y1, double v1,
      double level) {
    double t = v0 == v1 ? 0.5 : (level - v0) / (v1 - v0);
    return new double[] {x0 + t * (x1 - x0), y0 + t * (y1 - y0)};
  }

  /** Chains segments that share an edge crossing into polylines. */
  private static List<Polyline> join(List<long[]> segments, Map<Long, double[]> points) {
    Map<Long, List<Integer>> byEnd = new HashMap<>();
    for (int s = 0; s < segments.size(); s++) {
      for (long end : segments.get(s)) {
        byEnd.computeIfAbsent(end, k -> new ArrayList<>(2)).add(s);
      }
    }
    boolean[] used = new boolean[segments.size()];
    List<Polyline> lines = new ArrayList<>();
    for (int s = 0; s < segments.size(); s++) {
      if (used[s]) {
        continue;
      }
      used[s] = true;
      Deque<Long> chain = new ArrayDeque<>();
      chain.add(segments.get(s)[0]);
      chain.add(segments.get(s)[1]);
      extend(chain, false, segments, byEnd, used);
      extend(chain, true, segments, byEnd, used);
      double[] x = new double[chain.size()];
      double[] y = new double[chain.size()];
      int k = 0;
      for (long e : chain) {
        double[] p = points.get(e);
        x[k] = p[0];
        y[k] = p[1];
        k++;
      }
      lines.add(new Polyline(x, y));
    }
    return lines;
  }

  private static void extend(Deque<Long> chain, boolean atHead, List<long[]> segments,
      Map<Long, List<Integer>> byEnd, boolean[] used) {
    while (true) {
      long end = atHead ? chain.peekFirst() : chain.peekLast();
      Integer next = null;
      for (int candidate : byEnd.get(end)) {
        if (!used[candidate]) {
          next = candidate;
          break;
        }
      }
      if (next == null) {
        return;
      }
      used[next] = true;
      long[] seg = segments.get(next);
      long other = seg[0] == end ? seg[1] : seg[0];
      if (atHead) {
        chain.addFirst(other);
      } else {
        chain.addLast(other);
      }
    }
  }
}
