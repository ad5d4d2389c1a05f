package org.optbench.problem;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.optbench.data.DatasetId;

/**
 * Every problem optbench can run, with parameter defaults stated here and nowhere else.
 *
 * <p>Ids: {@code mnist-logreg}, {@code mnist-mlp}, {@code mnist-2c2d}, the same three with
 * {@code fashion-mnist-}, {@code cifar10-3c3d}, {@code ravine-regression}, {@code ravine-2d}, {@code rosenbrock},
 * {@code saddle} and {@code two-wells}, followed by the problems of every {@link ProblemProvider}
 * found by {@link ServiceLoader} on the class path (in the order the loader finds them).
 */
public final class ProblemCatalog {
  /** Size of the official MNIST / Fashion-MNIST training set (examples). */
  public static final int OFFICIAL_TRAIN_EXAMPLES = 60_000;

  /** Size of the official CIFAR-10 training set (examples): its five training batches. */
  public static final int CIFAR10_TRAIN_EXAMPLES = 50_000;

  /** Size of the official test set (examples). */
  public static final int OFFICIAL_TEST_EXAMPLES = 10_000;

  /** Size of the fixed training subset evaluated, when the training set is at least this big. */
  private static final int DEFAULT_EVAL_EXAMPLES = 10_000;

  /**
   * Default divergence factor of problems whose loss is unbounded (regression, 2-D functions): the
   * loss, or f − f*, a hundred times its initial value.
   */
  public static final double DIVERGENCE_FACTOR = 100;

  /**
   * Default divergence factor of the image classifiers. DL4J's softmax cross-entropy clips
   * probabilities at 1e-10, so a mini-batch loss never exceeds ln(1e10) ≈ 23.0, about 10 times
   * the initial ln 10 ≈ 2.30: the general factor of 100 could never fire. Five times the initial
   * loss (≈ 11.5) means the network gives the true classes a geometric-mean probability below
   * 1e-5, far worse than chance: it has blown up.
   */
  public static final double IMAGE_DIVERGENCE_FACTOR = 5;

  private static final List<ProblemInfo> ALL = build();

  private ProblemCatalog() {}

  /** @return all problems in display order */
  public static List<ProblemInfo> all() {
    return ALL;
  }

  /** @return the problem with this id, if any */
  public static Optional<ProblemInfo> byId(String id) {
    return ALL.stream().filter(p -> p.id().equals(id)).findFirst();
  }

  /** @return every problem id */
  public static List<String> ids() {
    return ALL.stream().map(ProblemInfo::id).toList();
  }

  private static List<ProblemInfo> build() {
    List<ProblemInfo> list = new ArrayList<>();
    for (DatasetId dataset : DatasetId.values()) {
      for (Architecture arch : architectures(dataset)) {
        list.add(image(dataset, arch));
      }
    }
    list.add(ravineRegression());
    list.add(analytic(new TestFunction.Ravine2d(100),
        "f = ½(x² + κy²): the narrow valley of condition number κ",
        List.of(ProblemParameter.realAtLeast("kappa", 1, 100, "condition number κ")),
        v -> new TestFunction.Ravine2d((Double) v.get("kappa"))));
    list.add(analytic(new TestFunction.Rosenbrock(1, 100),
        "f = (a − x)² + b(y − x²)²: a curved valley, minimum (a, a²)",
        List.of(ProblemParameter.real("a", 1, "minimum at (a, a²)"),
            new ProblemParameter("b", ProblemParameter.Type.DOUBLE, 100.0, "valley steepness",
                "a finite number > 0", x -> (Double) x > 0 && Double.isFinite((Double) x))),
        v -> new TestFunction.Rosenbrock((Double) v.get("a"), (Double) v.get("b"))));
    list.add(analytic(new TestFunction.Saddle(),
        "f = x² + ¼y⁴ − ½y²: saddle at the origin, minima (0, ±1), f* = −¼", List.of(),
        v -> new TestFunction.Saddle()));
    list.add(analytic(new TestFunction.TwoWells(),
        "f = x⁴ − 2x² + 0.3x + y²: local minimum x ≈ 0.96, global x ≈ −1.04", List.of(),
        v -> new TestFunction.TwoWells()));
    for (ProblemProvider provider : ServiceLoader.load(ProblemProvider.class)) {
      for (ProblemInfo added : provider.problems()) {
        // An id names one problem in configs and result folders: a second meaning is refused.
        if (list.stream().anyMatch(p -> p.id().equals(added.id()))) {
          throw new IllegalStateException("problem id '" + added.id() + "' of "
              + provider.getClass().getName() + " is already taken; known ids: "
              + list.stream().map(ProblemInfo::id).toList());
        }
        list.add(added);
      }
    }
    return Collections.unmodifiableList(list);
  }

  /** The networks DeepOBS pairs with each data set: three on the MNISTs, 3c3d on CIFAR-10. */
  private static List<Architecture> architectures(DatasetId dataset) {
    return switch (dataset.format()) {
      case IDX -> List.of(Architecture.LOGREG, Architecture.MLP, Architecture.CONV_2C2D);
      case CIFAR_BINARY -> List.of(Architecture.CONV_3C3D);
    };
  }

  /** @return the official training set's size: 60,000 for the MNISTs, 50,000 for CIFAR-10 */
  private static int officialTrainExamples(DatasetId dataset) {
    return dataset.format() == DatasetId.Format.CIFAR_BINARY
        ? CIFAR10_TRAIN_EXAMPLES : OFFICIAL_TRAIN_EXAMPLES;
  }

  /**
   * Test accuracies that a well-tuned optimizer reaches within a few epochs (DeepOBS-style
   * budgets), so time-to-target separates fast from slow optimizers. CIFAR-10's 3c3d trains for
   * DeepOBS's 100 epochs: DeepOBS's published baseline of its tuned Adam (learning rate 3.98e-4,
   * seed 44) first passes 0.80 test accuracy at epoch 21 and ends at 0.851.
   */
  private static double defaultAccuracyTarget(DatasetId dataset, Architecture arch) {
    boolean mnist = dataset == DatasetId.MNIST;
    return switch (arch) {
      case LOGREG -> mnist ? 0.92 : 0.83;
      case MLP -> mnist ? 0.97 : 0.87;
      case CONV_2C2D -> mnist ? 0.99 : 0.91;
      case CONV_3C3D -> 0.80;
    };
  }

  private static ProblemInfo image(DatasetId dataset, Architecture arch) {
    String id = dataset.id() + "-" + arch.suffix();
    int official = officialTrainExamples(dataset);
    List<ProblemParameter> params = List.of(
        ProblemParameter.intAtLeast("trainExamples", 1, null,
            "training examples used (default: all " + official + " − validationExamples)"),
        ProblemParameter.intAtLeast("validationExamples", 1, 10_000,
            "last examples of the official training set held out for validation"),
        ProblemParameter.intAtLeast("evalExamples", 1, null,
            "fixed training subset for train loss/accuracy (default: 10000 or trainExamples)"),
        ProblemParameter.intAtLeast("testExamples", 1, OFFICIAL_TEST_EXAMPLES,
            "official test examples evaluated"));
    String description = switch (arch) {
      case LOGREG -> "softmax regression 784 → 10";
      case MLP -> "MLP 784 → 1000 → 500 → 100 → 10, ReLU";
      case CONV_2C2D -> "2 conv (5×5×32, 5×5×64) + 2 dense (1024, 10)";
      case CONV_3C3D -> "3 conv (5×5×64, 3×3×96, 3×3×128) + 3 dense (512, 256, 10), L2 0.002";
    } + " on " + dataset.displayName();
    return new ProblemInfo(id, ProblemKinds.IMAGE, description, params,
        Target.of("test_accuracy", defaultAccuracyTarget(dataset, arch)),
        IMAGE_DIVERGENCE_FACTOR, v -> {
      int validation = (Integer) v.get("validationExamples");
      int available = official - validation;
      if (available < 1) {
        throw new IllegalArgumentException("validationExamples " + validation
            + " leaves no training examples; accepted: at most " + (official - 1));
      }
      Integer requested = (Integer) v.get("trainExamples");
      int train = requested == null ? available : requested;
      if (train > available) {
        throw new IllegalArgumentException("trainExamples " + train + " exceeds the " + available
            + " examples left after holding out validationExamples " + validation);
      }
      Integer requestedEval = (Integer) v.get("evalExamples");
      int eval = requestedEval == null ? Math.min(DEFAULT_EVAL_EXAMPLES, train) : requestedEval;
      if (eval > train) {
        throw new IllegalArgumentException(
            "evalExamples " + eval + " exceeds trainExamples " + train);
      }
      int test = (Integer) v.get("testExamples");
      if (test > OFFICIAL_TEST_EXAMPLES) {
        throw new IllegalArgumentException("testExamples " + test + " exceeds the "
            + OFFICIAL_TEST_EXAMPLES + " examples of the official test set");
      }
      return new ProblemSpec.Image(id, dataset, arch, train, validation, eval, test);
    });
  }

  @SuppressWarnings("unchecked")
  private static ProblemInfo ravineRegression() {
    List<ProblemParameter> params = List.of(
        ProblemParameter.intAtLeast("dimension", 1, 2, "number of weights d (2 can be plotted)"),
        ProblemParameter.realAtLeast("kappa", 1, 100, "condition number κ of the features"),
        ProblemParameter.intAtLeast("samples", 1, 1000, "training examples n"),
        ProblemParameter.intAtLeast("testSamples", 1, 1000, "held-out examples"),
        ProblemParameter.realAtLeast("noise", 0, 0.1, "target noise σ"),
        ProblemParameter.seed("dataSeed", 0, "seed of the generated data"),
        ProblemParameter.point("start", null, 0, "initial weights (default: all zeros)"));
    return new ProblemInfo("ravine-regression", ProblemKinds.REGRESSION,
        "least squares on synthetic data whose loss is a ravine of condition number κ", params,
        Target.of("suboptimality", 1e-6), DIVERGENCE_FACTOR, v -> {
          int d = (Integer) v.get("dimension");
          int n = (Integer) v.get("samples");
          if (n < d) {
            throw new IllegalArgumentException(
                "samples " + n + " must be at least dimension " + d);
          }
          List<Double> start = (List<Double>) v.get("start");
          if (start == null) {
            start = Collections.nCopies(d, 0.0);
          } else if (start.size() != d) {
            throw new IllegalArgumentException(
                "start has " + start.size() + " values but dimension is " + d);
          }
          return new ProblemSpec.RavineRegression("ravine-regression", d,
              (Double) v.get("kappa"), n, (Integer) v.get("testSamples"),
              (Double) v.get("noise"), (Long) v.get("dataSeed"), start);
        });
  }

  private static ProblemInfo analytic(TestFunction prototype, String description,
      List<ProblemParameter> functionParams,
      java.util.function.Function<Map<String, Object>, TestFunction> make) {
    List<ProblemParameter> params = new ArrayList<>(functionParams);
    double[] s = prototype.defaultStart();
    params.add(ProblemParameter.point("start", List.of(s[0], s[1]), 2, "initial [x, y]"));
    return new ProblemInfo(prototype.id(), ProblemKinds.ANALYTIC, description, List.copyOf(params),
        Target.of("suboptimality", 1e-6), DIVERGENCE_FACTOR, v -> {
          @SuppressWarnings("unchecked")
          List<Double> start = (List<Double>) v.get("start");
          return new ProblemSpec.Analytic(make.apply(v), start);
        });
  }
}
