package org.optbench.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.optbench.data.DatasetId;

/**
 * A fully resolved test problem: every parameter has a value. Two trials with equal problem specs
 * train on bit-identical data from bit-identical initial weights (given the same seed).
 *
 * <p>Open for problems added from outside (see the package documentation): an implementation
 * must be an immutable value with {@code equals} and {@code hashCode} over its parameters (a
 * record), and its class is the key under which the trainer and the report find it.
 */
public interface ProblemSpec {

  /** @return the problem id, e.g. {@code mnist-mlp}, {@code ravine-2d} */
  String id();

  /** @return the kind of problem, which decides budget units, seeds and metrics */
  ProblemKind kind();

  /** @return every parameter value by its config key, in catalogue order (part of the trial id) */
  Map<String, Object> parameters();

  /**
   * How the resolved config states this problem, besides its id: by default
   * {@code {params: <parameters()>}}. A problem declared by other config keys (data from files:
   * {@code data} and {@code network}) returns those, so that loading the resolved config gives the
   * same problem.
   *
   * @return config keys and their values, in writing order
   */
  default Map<String, Object> configEntries() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("params", parameters());
    return map;
  }

  /**
   * @return examples in the training set that mini-batches are drawn from; 1 for a function with
   *     an exact gradient, whose every step sees the whole problem
   */
  int trainExamples();

  /**
   * Whether {@link #parameters()} hold the SHA-256 of every data file or value the problem
   * trains on (the user's files, a plugin's data), so that a trial's id alone proves which data
   * it read. Built-in data sets are named, not hashed, in the id: their files' checksums are
   * recorded in the experiment's {@code manifest.json} instead.
   *
   * @return false unless the problem says so
   */
  default boolean identityHoldsData() {
    return false;
  }

  /**
   * Image classification on MNIST, Fashion-MNIST or CIFAR-10. The official training images
   * (60,000; CIFAR-10's 50,000) are split into the first {@code official − validationExamples}
   * for training and the last {@code validationExamples} for validation; test metrics use the
   * official test set.
   *
   * @param id problem id, {@code <dataset>-<architecture>}
   * @param dataset which data set
   * @param architecture the network
   * @param trainExamples training examples used, the first of the training split (examples)
   * @param validationExamples held-out examples at the end of the official training set
   * @param evalExamples size of the fixed training subset on which train loss/accuracy are
   *     evaluated (its first examples)
   * @param testExamples official test examples evaluated (its first examples)
   */
  record Image(String id, DatasetId dataset, Architecture architecture, int trainExamples,
      int validationExamples, int evalExamples, int testExamples) implements ProblemSpec {
    @Override
    public ProblemKind kind() {
      return ProblemKinds.IMAGE;
    }

    @Override
    public Map<String, Object> parameters() {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("trainExamples", trainExamples);
      map.put("validationExamples", validationExamples);
      map.put("evalExamples", evalExamples);
      map.put("testExamples", testExamples);
      return map;
    }
  }

  /**
   * Least squares on {@link RavineRegressionData}: a linear model (one output, identity
   * activation, MSE, no bias) whose loss in weight space is a quadratic ravine.
   *
   * @param dimension number of weights d
   * @param kappa condition number κ of the feature covariance
   * @param samples training examples n
   * @param testSamples held-out examples
   * @param noise target noise σ
   * @param dataSeed seed of the generated data (the trial seed only orders mini-batches)
   * @param start initial weights, {@code d} values
   */
  record RavineRegression(String id, int dimension, double kappa, int samples, int testSamples,
      double noise, long dataSeed, List<Double> start) implements ProblemSpec {
    /** Copies {@code start} so the record stays immutable. */
    public RavineRegression {
      start = List.copyOf(start);
    }

    @Override
    public ProblemKind kind() {
      return ProblemKinds.REGRESSION;
    }

    @Override
    public Map<String, Object> parameters() {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("dimension", dimension);
      map.put("kappa", kappa);
      map.put("samples", samples);
      map.put("testSamples", testSamples);
      map.put("noise", noise);
      map.put("dataSeed", dataSeed);
      map.put("start", start);
      return map;
    }

    @Override
    public int trainExamples() {
      return samples;
    }

    /** @return the generated data (deterministic in the record's fields) */
    public RavineRegressionData generate() {
      return RavineRegressionData.generate(dimension, kappa, samples, testSamples, noise, dataSeed);
    }
  }

  /**
   * A 2-D analytic function minimised from a start point; deterministic, so the trial seed has no
   * effect.
   *
   * @param function the function
   * @param start initial {@code [x, y]}
   */
  record Analytic(TestFunction function, List<Double> start) implements ProblemSpec {
    /** Copies {@code start} so the record stays immutable. */
    public Analytic {
      start = List.copyOf(start);
    }

    @Override
    public String id() {
      return function.id();
    }

    @Override
    public ProblemKind kind() {
      return ProblemKinds.ANALYTIC;
    }

    @Override
    public int trainExamples() {
      return 1;
    }

    @Override
    public Map<String, Object> parameters() {
      Map<String, Object> map = new LinkedHashMap<>();
      if (function instanceof TestFunction.Ravine2d r) {
        map.put("kappa", r.kappa());
      } else if (function instanceof TestFunction.Rosenbrock r) {
        map.put("a", r.a());
        map.put("b", r.b());
      }
      map.put("start", start);
      return map;
    }
  }
}
