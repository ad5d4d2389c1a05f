package org.optbench.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Performance profiles of optimizers over a set of problems (Dolan, E. D. &amp; Moré, J. J.
 * (2002). Benchmarking optimization software with performance profiles. <i>Mathematical
 * Programming</i> 91(2), 201–213), summarised by the normalised area used by AlgoPerf (Dahl, G. E.
 * et al. (2023). Benchmarking Neural Network Training Algorithms. arXiv:2306.07179).
 *
 * <p>For problem {@code p} and optimizer {@code s} with time-to-target {@code t(p,s)} (steps,
 * seconds, any positive unit, the same for the whole table; {@code +∞} when the target was never
 * reached), the performance ratio is {@code r(p,s) = t(p,s) / min over s' of t(p,s')}, so the
 * fastest optimizer on a problem has ratio 1 and one that never reached the target has ratio
 * {@code +∞}. A problem on which no optimizer reached the target has no finite minimum; it is
 * excluded from the problem set {@code P} (it says nothing about relative speed), and
 * {@link #solvedProblems()} counts what remains. The profile
 * {@code ρ_s(τ) = |{p ∈ P : r(p,s) ≤ τ}| / |P|} is a right-continuous, non-decreasing step
 * function of τ: the fraction of problems solved within a factor τ of the fastest.
 */
public final class PerformanceProfile {
  /** AlgoPerf's upper limit of the ratio axis. */
  public static final double DEFAULT_TAU_MAX = 4.0;

  private final List<String> optimizers;
  private final List<String> problems;
  // ratios[s] holds optimizer s's ratio on each counted problem, sorted ascending.
  private final double[][] ratios;
  private final int solved;

  /**
   * A corner of a profile's staircase: from {@code tau} up to the next step's {@code tau} the
   * profile equals {@code rho}.
   *
   * @param tau performance ratio τ ≥ 1 (dimensionless)
   * @param rho ρ(τ), the fraction of counted problems with ratio ≤ τ, in [0, 1]
   */
  public record Step(double tau, double rho) {}

  private PerformanceProfile(List<String> problems, List<String> optimizers, double[][] ratios,
      int solved) {
    this.problems = problems;
    this.optimizers = optimizers;
    this.ratios = ratios;
    this.solved = solved;
  }

  /**
   * Builds the profiles from a time-to-target table.
   *
   * @param problems problem ids, one per row of {@code timeToTarget}, distinct
   * @param optimizers optimizer ids, one per column, distinct
   * @param timeToTarget {@code timeToTarget[p][s]}: time optimizer {@code s} needed to reach the
   *     target on problem {@code p}, in one positive unit; {@code Double.POSITIVE_INFINITY} when
   *     it never did
   * @return the profiles
   * @throws IllegalArgumentException if there is no problem or optimizer, an id is repeated, the
   *     table's shape does not match the ids, or a time is NaN, zero, negative or {@code -∞}
   */
  public static PerformanceProfile of(
      List<String> problems, List<String> optimizers, double[][] timeToTarget) {
    if (problems == null || problems.isEmpty()) {
      throw new IllegalArgumentException("no problems");
    }
    if (optimizers == null || optimizers.isEmpty()) {
      throw new IllegalArgumentException("no optimizers");
    }
    distinct(problems, "problem");
    distinct(optimizers, "optimizer");
    if (timeToTarget == null || timeToTarget.length != problems.size()) {
      throw new IllegalArgumentException("timeToTarget must have one row per problem ("
          + problems.size() + ")");
    }
    int k = optimizers.size();
    List<double[]> kept = new ArrayList<>();
    for (int p = 0; p < timeToTarget.length; p++) {
      double[] row = timeToTarget[p];
      if (row == null || row.length != k) {
        throw new IllegalArgumentException("row for problem '" + problems.get(p)
            + "' must have one time per optimizer (" + k + ")");
      }
      double min = Double.POSITIVE_INFINITY;
      for (int s = 0; s < k; s++) {
        if (!(row[s] > 0)) {
          throw new IllegalArgumentException("time of '" + optimizers.get(s) + "' on '"
              + problems.get(p) + "' is " + row[s]
              + "; times must be > 0, with +Infinity for a target never reached");
        }
        min = Math.min(min, row[s]);
      }
      if (min == Double.POSITIVE_INFINITY) {
        continue; // nobody reached the target: no fastest time to compare with
      }
      double[] r = new double[k];
      for (int s = 0; s < k; s++) {
        r[s] = row[s] / min; // exactly 1.0 for the fastest; +∞ stays +∞
      }
      kept.add(r);
    }
    double[][] ratios = new double[k][kept.size()];
    for (int s = 0; s < k; s++) {
      for (int p = 0; p < kept.size(); p++) {
        ratios[s][p] = kept.get(p)[s];
      }
      Arrays.sort(ratios[s]);
    }
    return new PerformanceProfile(List.copyOf(problems), List.copyOf(optimizers), ratios,
        kept.size());
  }

  /** @return the optimizer ids, in column order */
  public List<String> optimizers() {
    return optimizers;
  }

  /** @return all problem ids given, in row order, including any that nobody solved */
  public List<String> problems() {
    return problems;
  }

  /** @return |P|: the number of problems on which at least one optimizer reached the target */
  public int solvedProblems() {
    return solved;
  }

  /**
   * ρ_s(τ), the fraction of counted problems that {@code optimizer} solved within a factor
   * {@code tau} of the fastest.
   *
   * @param optimizer optimizer id
   * @param tau performance ratio; values below 1 give 0, {@code +∞} gives the fraction the
   *     optimizer solved at all
   * @return ρ in [0, 1]; NaN when no problem was solved by anyone
   * @throws IllegalArgumentException if the optimizer is unknown or {@code tau} is NaN
   */
  public double rho(String optimizer, double tau) {
    double[] r = ratios[index(optimizer)];
    if (Double.isNaN(tau)) {
      throw new IllegalArgumentException("tau is NaN");
    }
    if (solved == 0) {
      return Double.NaN;
    }
    return (double) countAtMost(r, tau) / solved;
  }

  /**
   * Corners of the staircase on [1, {@value #DEFAULT_TAU_MAX}].
   *
   * @param optimizer optimizer id
   * @return as for {@link #steps(String, double)}
   * @throws IllegalArgumentException as for {@link #steps(String, double)}
   */
  public List<Step> steps(String optimizer) {
    return steps(optimizer, DEFAULT_TAU_MAX);
  }

  /**
   * Corners of the staircase on [1, {@code tauMax}], for plotting as a step chart: the first
   * step is at τ = 1, then one at every distinct ratio in (1, {@code tauMax}] where ρ jumps, and a
   * last one at {@code tauMax} (unless a jump is already there) so the plot reaches the edge.
   *
   * @param optimizer optimizer id
   * @param tauMax right end of the τ axis, finite and &gt; 1
   * @return the steps in increasing τ; empty when no problem was solved by anyone
   * @throws IllegalArgumentException if the optimizer is unknown or {@code tauMax} is not a
   *     finite number &gt; 1
   */
  public List<Step> steps(String optimizer, double tauMax) {
    double[] r = ratios[index(optimizer)];
    checkTauMax(tauMax);
    List<Step> steps = new ArrayList<>();
    if (solved == 0) {
      return steps;
    }
    steps.add(new Step(1.0, (double) countAtMost(r, 1.0) / solved));
    for (double ratio : r) {
      if (ratio > 1.0 && ratio <= tauMax && ratio != steps.get(steps.size() - 1).tau()) {
        steps.add(new Step(ratio, (double) countAtMost(r, ratio) / solved));
      }
    }
    if (steps.get(steps.size() - 1).tau() < tauMax) {
      steps.add(new Step(tauMax, (double) countAtMost(r, tauMax) / solved));
    }
    return List.copyOf(steps);
  }

  /**
   * Normalised area under the profile on [1, {@value #DEFAULT_TAU_MAX}], AlgoPerf's score.
   *
   * @param optimizer optimizer id
   * @return as for {@link #area(String, double)}
   * @throws IllegalArgumentException as for {@link #area(String, double)}
   */
  public double area(String optimizer) {
    return area(optimizer, DEFAULT_TAU_MAX);
  }

  /**
   * Normalised area under the profile,
   * {@code B_s = (1 / (τ_max − 1)) ∫₁^τ_max ρ_s(τ) dτ}, integrated exactly: each counted problem
   * contributes {@code max(0, τ_max − r(p,s))} to the integral of its indicator, so
   * {@code B_s = Σ_p max(0, τ_max − r(p,s)) / (|P|·(τ_max − 1))}. 1 means fastest on every
   * counted problem; 0 means never within a factor {@code τ_max} of the fastest.
   *
   * @param optimizer optimizer id
   * @param tauMax upper limit of integration, finite and &gt; 1 (AlgoPerf uses 4)
   * @return the area in [0, 1]; NaN when no problem was solved by anyone
   * @throws IllegalArgumentException if the optimizer is unknown or {@code tauMax} is not a
   *     finite number &gt; 1
   */
  public double area(String optimizer, double tauMax) {
    double[] r = ratios[index(optimizer)];
    checkTauMax(tauMax);
    if (solved == 0) {
      return Double.NaN;
    }
    double integral = 0;
    for (double ratio : r) {
      if (ratio < tauMax) {
        integral += tauMax - ratio; // ratio ≥ 1, so this is the length of [ratio, tauMax]
      }
    }
    return integral / (solved * (tauMax - 1));
  }

  private int index(String optimizer) {
    int i = optimizers.indexOf(optimizer);
    if (i < 0) {
      throw new IllegalArgumentException(
          "unknown optimizer '" + optimizer + "'; known: " + optimizers);
    }
    return i;
  }

  private static void checkTauMax(double tauMax) {
    if (!(tauMax > 1 && Double.isFinite(tauMax))) {
      throw new IllegalArgumentException("tauMax must be a finite number > 1, got " + tauMax);
    }
  }

  /** @return how many finite entries of the ascending array {@code sorted} are ≤ {@code tau} */
  private static int countAtMost(double[] sorted, double tau) {
    int count = 0;
    // An unreached target (ratio +∞) never counts, even at τ = +∞.
    while (count < sorted.length && sorted[count] <= tau
        && sorted[count] != Double.POSITIVE_INFINITY) {
      count++;
    }
    return count;
  }

  private static void distinct(List<String> ids, String what) {
    Set<String> seen = new HashSet<>();
    for (String id : ids) {
      if (id == null || !seen.add(id)) {
        throw new IllegalArgumentException(what + " id '" + id + "' is null or repeated");
      }
    }
  }
}
