package org.optbench.userproblem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.optbench.problem.ProblemInfo;
import org.optbench.problem.ProblemKind;
import org.optbench.problem.ProblemMetric;
import org.optbench.problem.ProblemParameter;
import org.optbench.problem.ProblemProvider;
import org.optbench.problem.ProblemSpec;
import org.optbench.problem.Target;
import org.optbench.stats.Goal;

/**
 * A problem added from outside optbench's main code: f(w) = a·(w − b)² in one parameter w,
 * minimised with its exact gradient 2a·(w − b); f* = 0 at w = b. It is registered only through
 * {@code META-INF/services} of the test class path, with its trainer ({@link Quadratic1dTrainer})
 * and its report figures ({@link Quadratic1dFigures}).
 *
 * @param a curvature a &gt; 0
 * @param b the minimiser
 * @param start the initial w
 */
public record Quadratic1d(double a, double b, double start) implements ProblemSpec {
  /** The problem id in configs. */
  public static final String ID = "quadratic-1d";

  /** Deterministic and full-gradient, like the 2-D functions: one seed, steps, no evaluations. */
  public static final ProblemKind KIND = new Kind();

  @Override
  public String id() {
    return ID;
  }

  @Override
  public ProblemKind kind() {
    return KIND;
  }

  @Override
  public Map<String, Object> parameters() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("a", a);
    map.put("b", b);
    map.put("start", start);
    return map;
  }

  @Override
  public int trainExamples() {
    return 1;
  }

  /** @return f(w) */
  public double value(double w) {
    return a * (w - b) * (w - b);
  }

  /** @return f'(w) = 2a·(w − b) */
  public double gradient(double w) {
    return 2 * a * (w - b);
  }

  /** The kind: metrics f − f* (selection and headline) and |w − b|. */
  private static final class Kind implements ProblemKind {
    private static final ProblemMetric SUBOPTIMALITY = ProblemMetric.finalValue(
        "final_suboptimality", "final f − f*", Goal.MIN, "suboptimality");

    @Override
    public String description() {
      return "1-D quadratic (deterministic: first seed only)";
    }

    @Override
    public List<ProblemMetric> metrics() {
      return List.of(SUBOPTIMALITY, ProblemMetric.finalValue("final_distance", "final |w − b|",
          Goal.MIN, "distance_to_optimum"));
    }

    @Override
    public ProblemMetric selectionMetric() {
      return SUBOPTIMALITY;
    }

    @Override
    public String selectionRule() {
      return "chosen on the final f − f*";
    }

    @Override
    public List<String> recordedMetrics() {
      return List.of("loss", "distance_to_optimum", "suboptimality");
    }

    @Override
    public boolean usesSeeds() {
      return false;
    }

    @Override
    public boolean usesMiniBatches() {
      return false;
    }

    @Override
    public boolean hasEvaluations() {
      return false;
    }
  }

  /** Adds the problem to the catalogue, with parameters a (default 1), b (0) and start (1). */
  public static final class Provider implements ProblemProvider {
    @Override
    public List<ProblemInfo> problems() {
      List<ProblemParameter> parameters = List.of(
          new ProblemParameter("a", ProblemParameter.Type.DOUBLE, 1.0, "curvature",
              "a finite number > 0", v -> (Double) v > 0 && Double.isFinite((Double) v)),
          new ProblemParameter("b", ProblemParameter.Type.DOUBLE, 0.0, "minimiser",
              "a finite number", v -> Double.isFinite((Double) v)),
          new ProblemParameter("start", ProblemParameter.Type.DOUBLE, 1.0, "initial w",
              "a finite number", v -> Double.isFinite((Double) v)));
      return List.of(new ProblemInfo(ID, KIND, "f = a(w − b)²: a parabola in one weight",
          parameters, Target.of("suboptimality", 1e-6), 100,
          v -> new Quadratic1d((Double) v.get("a"), (Double) v.get("b"),
              (Double) v.get("start"))));
    }
  }
}
