package org.optbench.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.optbench.problem.ProblemSpec;
import org.optbench.problem.RavineRegressionData;
import org.optbench.problem.TestFunction;

/**
 * The {@link ProblemFigures} of every problem type, keyed by its spec class: the built-in image,
 * regression and analytic problems, then every implementation {@link ServiceLoader} finds.
 */
final class FigureRegistry {
  private static final Map<Class<? extends ProblemSpec>, ProblemFigures> BY_TYPE = load();

  private FigureRegistry() {}

  /**
   * @param problem a problem
   * @return the figures registered for its class
   * @throws IllegalStateException if none are, naming the problem, its class and every
   *     registered class
   */
  static ProblemFigures forProblem(ProblemSpec problem) {
    ProblemFigures figures = BY_TYPE.get(problem.getClass());
    if (figures == null) {
      throw new IllegalStateException("no report figures for problem '" + problem.id() + "' ("
          + problem.getClass().getName() + "); figures are registered for "
          + BY_TYPE.keySet().stream().map(Class::getName).toList() + ". Register them by"
          + " listing a " + ProblemFigures.class.getName() + " in META-INF/services/"
          + ProblemFigures.class.getName());
    }
    return figures;
  }

  private static Map<Class<? extends ProblemSpec>, ProblemFigures> load() {
    Map<Class<? extends ProblemSpec>, ProblemFigures> map = new LinkedHashMap<>();
    for (ProblemFigures f : List.of(new Image(), new Regression(), new Analytic())) {
      map.put(f.problemType(), f);
    }
    for (ProblemFigures f : ServiceLoader.load(ProblemFigures.class)) {
      ProblemFigures earlier = map.putIfAbsent(f.problemType(), f);
      if (earlier != null) {
        throw new IllegalStateException("two report figure sets for problem type "
            + f.problemType().getName() + ": " + earlier.getClass().getName() + " and "
            + f.getClass().getName());
      }
    }
    return map;
  }

  /** Mini-batch loss against steps and time, and test accuracy against epochs. */
  private static final class Image implements ProblemFigures {
    private static final String LOSS = "training loss, mini-batch [cross-entropy, nats]";
    private static final String WHAT = "Mean loss of the mini-batch at each step, before its"
        + " update";

    @Override
    public Class<ProblemSpec.Image> problemType() {
      return ProblemSpec.Image.class;
    }

    @Override
    public List<CurvePlot> curves(ProblemSpec problem) {
      return List.of(new Loss("iteration", "loss", "Training loss", LOSS, WHAT),
          new Loss("train_time_s", "loss", "Training loss", LOSS, WHAT), new TestAccuracy());
    }
  }

  /** Loss against steps and time, the exact suboptimality, and the path of 2-D weights. */
  private static final class Regression implements ProblemFigures {
    private static final String LOSS = "training loss, mini-batch [MSE]";
    private static final String WHAT = "Mean loss of the mini-batch at each step, before its"
        + " update";

    @Override
    public Class<ProblemSpec.RavineRegression> problemType() {
      return ProblemSpec.RavineRegression.class;
    }

    @Override
    public List<CurvePlot> curves(ProblemSpec problem) {
      return List.of(new Loss("iteration", "loss", "Training loss", LOSS, WHAT),
          new Loss("train_time_s", "loss", "Training loss", LOSS, WHAT),
          new Suboptimality("L(w) − L(ŵ)", "L(w) − L(ŵ) [MSE]", "Training-set suboptimality"
              + " L(w) − L(ŵ) (exact, from the Gram matrix) at the weights before each step"));
    }

    @Override
    public Optional<Surface> surface(ProblemSpec problem) {
      ProblemSpec.RavineRegression r = (ProblemSpec.RavineRegression) problem;
      if (r.dimension() != 2) {
        return Optional.empty();
      }
      RavineRegressionData data = r.generate();
      return Optional.of(new Surface((x, y) -> data.suboptimality(new double[] {x, y}),
          new double[] {r.start().get(0), r.start().get(1)}, List.of(data.optimum()), "w0", "w1",
          "weight w₀", "weight w₁", "L(w) − L(ŵ)"));
    }
  }

  /** f − f* against steps and time, and the path over the function's surface. */
  private static final class Analytic implements ProblemFigures {
    private static final String EXCESS = "f − f*";
    private static final String WHAT = "f − f* after each step";

    @Override
    public Class<ProblemSpec.Analytic> problemType() {
      return ProblemSpec.Analytic.class;
    }

    @Override
    public List<CurvePlot> curves(ProblemSpec problem) {
      return List.of(new Suboptimality(EXCESS, EXCESS, WHAT),
          new Loss("train_time_s", "suboptimality", EXCESS, EXCESS, WHAT));
    }

    @Override
    public Optional<Surface> surface(ProblemSpec problem) {
      ProblemSpec.Analytic analytic = (ProblemSpec.Analytic) problem;
      TestFunction f = analytic.function();
      return Optional.of(new Surface((x, y) -> f.value(x, y) - f.minimum(),
          new double[] {analytic.start().get(0), analytic.start().get(1)}, f.minimizers(), "x",
          "y", "x", "y", EXCESS));
    }
  }
}
