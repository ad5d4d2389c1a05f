package org.optbench.optimizer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The optimizers optbench can run, one per DL4J updater, with their hyperparameter names, accepted
 * ranges and defaults.
 *
 * <p>This enum is the single place where defaults live. They are DL4J 1.0.0-M2.1's own defaults
 * (the {@code DEFAULT_*} constants of the {@code org.nd4j.linalg.learning.config} classes), copied
 * as literals so this package needs no ND4J on the class path; a test pins them against DL4J.
 */
public enum OptimizerKind {
  /** Plain stochastic gradient descent; see {@link OptimizerSpec.Sgd}. */
  SGD("sgd", "Sgd", "Robbins & Monro 1951", 0, p("learningRate", 1e-3)),
  /** SGD with Nesterov momentum; see {@link OptimizerSpec.Nesterovs}. */
  NESTEROVS("nesterovs", "Nesterovs", "Nesterov 1983; Sutskever et al. 2013", 1,
      p("learningRate", 0.1), p("momentum", 0.9)),
  /** AdaGrad; see {@link OptimizerSpec.AdaGrad}. */
  ADAGRAD("adagrad", "AdaGrad", "Duchi, Hazan & Singer 2011", 1,
      p("learningRate", 0.1), p("epsilon", 1e-6)),
  /** RMSProp; see {@link OptimizerSpec.RmsProp}. */
  RMSPROP("rmsprop", "RmsProp", "Tieleman & Hinton 2012 (Coursera lecture 6.5)", 1,
      p("learningRate", 0.1), p("rmsDecay", 0.95), p("epsilon", 1e-8)),
  /** AdaDelta; see {@link OptimizerSpec.AdaDelta}. */
  ADADELTA("adadelta", "AdaDelta", "Zeiler 2012", 2, p("rho", 0.95), p("epsilon", 1e-6)),
  /** Adam; see {@link OptimizerSpec.Adam}. */
  ADAM("adam", "Adam", "Kingma & Ba 2015", 2,
      p("learningRate", 1e-3), p("beta1", 0.9), p("beta2", 0.999), p("epsilon", 1e-8)),
  /** Nadam; see {@link OptimizerSpec.Nadam}. */
  NADAM("nadam", "Nadam", "Dozat 2016", 2,
      p("learningRate", 1e-3), p("beta1", 0.9), p("beta2", 0.999), p("epsilon", 1e-8)),
  /** AdaMax; see {@link OptimizerSpec.AdaMax}. */
  ADAMAX("adamax", "AdaMax", "Kingma & Ba 2015", 2,
      p("learningRate", 1e-3), p("beta1", 0.9), p("beta2", 0.999), p("epsilon", 1e-8)),
  /** AMSGrad; see {@link OptimizerSpec.AmsGrad}. */
  AMSGRAD("amsgrad", "AMSGrad", "Reddi, Kale & Kumar 2018", 3,
      p("learningRate", 1e-3), p("beta1", 0.9), p("beta2", 0.999), p("epsilon", 1e-8));

  private static final String POSITIVE = "must be > 0 and finite";
  private static final String UNIT_INTERVAL = "must be in [0, 1)";

  private final String id;
  private final String displayName;
  private final String paper;
  private final int stateArrays;
  private final List<String> parameterNames;
  private final Map<String, Double> defaults;

  OptimizerKind(String id, String displayName, String paper, int stateArrays, Param... params) {
    this.id = id;
    this.displayName = displayName;
    this.paper = paper;
    this.stateArrays = stateArrays;
    List<String> names = new ArrayList<>();
    Map<String, Double> values = new LinkedHashMap<>();
    for (Param param : params) {
      names.add(param.name());
      values.put(param.name(), param.defaultValue());
    }
    this.parameterNames = List.copyOf(names);
    // LinkedHashMap keeps parameterNames order; Map.copyOf would not.
    this.defaults = Collections.unmodifiableMap(values);
  }

  /** @return the kebab-case id used in configs, on the command line and in result files */
  public String id() {
    return id;
  }

  /** @return the name for tables and plots, spelled as DL4J spells the updater (e.g. "AdaGrad") */
  public String displayName() {
    return displayName;
  }

  /** @return a short citation of the paper the update rule comes from */
  public String paper() {
    return paper;
  }

  /** @return the hyperparameter names, DL4J's field names, in the order of the record components */
  public List<String> parameterNames() {
    return parameterNames;
  }

  /**
   * DL4J 1.0.0-M2.1's default for every hyperparameter.
   *
   * @return unmodifiable map, iteration order = {@link #parameterNames()}
   */
  public Map<String, Double> defaults() {
    return defaults;
  }

  /**
   * Number of arrays the size of the parameter that the updater keeps as state; DL4J's
   * {@code stateSize(n)} is this times {@code n}.
   *
   * @return 0 for Sgd, 1 for Nesterovs, AdaGrad and RmsProp, 2 for AdaDelta, Adam, Nadam and
   *     AdaMax, 3 for AMSGrad
   */
  public int stateArraysPerParameter() {
    return stateArrays;
  }

  /**
   * Checks one hyperparameter value.
   *
   * @param parameter a hyperparameter name, e.g. {@code beta1}
   * @param value the proposed value
   * @return empty if accepted; otherwise a phrase saying what is accepted, to follow the parameter
   *     name, e.g. {@code "must be in [0, 1)"} or, for a name this optimizer does not have,
   *     {@code "is not a parameter of adam; accepted: learningRate, beta1, beta2, epsilon"}
   */
  public Optional<String> check(String parameter, double value) {
    if (!defaults.containsKey(parameter)) {
      return Optional.of("is not a parameter of " + id + "; accepted: "
          + String.join(", ", parameterNames));
    }
    boolean ok;
    String accepted;
    switch (parameter) {
      case "learningRate", "epsilon" -> {
        ok = value > 0 && Double.isFinite(value);
        accepted = POSITIVE;
      }
      default -> {
        // momentum, rmsDecay, rho, beta1, beta2: decay factors; 1 would freeze the average.
        ok = value >= 0 && value < 1;
        accepted = UNIT_INTERVAL;
      }
    }
    return ok ? Optional.empty() : Optional.of(accepted);
  }

  /**
   * Builds a spec of this kind.
   *
   * @param values hyperparameters to set; missing ones take {@link #defaults()}
   * @return the validated spec
   * @throws IllegalArgumentException if a name is not a parameter of this optimizer or a value is
   *     out of range; the message names the parameter, the value and what is accepted
   */
  public OptimizerSpec create(Map<String, Double> values) {
    Map<String, Double> merged = new LinkedHashMap<>(defaults);
    for (Map.Entry<String, Double> entry : values.entrySet()) {
      String name = entry.getKey();
      Double value = entry.getValue();
      if (value == null) {
        throw new IllegalArgumentException(name + " has no value (got null)");
      }
      Optional<String> problem = check(name, value);
      if (problem.isPresent()) {
        throw new IllegalArgumentException(name + " " + problem.get() + " (got " + value + ")");
      }
      merged.put(name, value);
    }
    return switch (this) {
      case SGD -> new OptimizerSpec.Sgd(merged.get("learningRate"));
      case NESTEROVS -> new OptimizerSpec.Nesterovs(merged.get("learningRate"),
          merged.get("momentum"));
      case ADAGRAD -> new OptimizerSpec.AdaGrad(merged.get("learningRate"), merged.get("epsilon"));
      case RMSPROP -> new OptimizerSpec.RmsProp(merged.get("learningRate"), merged.get("rmsDecay"),
          merged.get("epsilon"));
      case ADADELTA -> new OptimizerSpec.AdaDelta(merged.get("rho"), merged.get("epsilon"));
      case ADAM -> new OptimizerSpec.Adam(merged.get("learningRate"), merged.get("beta1"),
          merged.get("beta2"), merged.get("epsilon"));
      case NADAM -> new OptimizerSpec.Nadam(merged.get("learningRate"), merged.get("beta1"),
          merged.get("beta2"), merged.get("epsilon"));
      case ADAMAX -> new OptimizerSpec.AdaMax(merged.get("learningRate"), merged.get("beta1"),
          merged.get("beta2"), merged.get("epsilon"));
      case AMSGRAD -> new OptimizerSpec.AmsGrad(merged.get("learningRate"), merged.get("beta1"),
          merged.get("beta2"), merged.get("epsilon"));
    };
  }

  /**
   * Looks a kind up by its id.
   *
   * @param id kebab-case id, any letter case, e.g. {@code "Adam"} or {@code "amsgrad"}
   * @return the kind, or empty if no kind has that id
   */
  public static Optional<OptimizerKind> byId(String id) {
    if (id == null) {
      return Optional.empty();
    }
    String wanted = id.toLowerCase(Locale.ROOT);
    for (OptimizerKind kind : values()) {
      if (kind.id.equals(wanted)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }

  private static Param p(String name, double defaultValue) {
    return new Param(name, defaultValue);
  }

  /** One hyperparameter and its default, only used to declare the constants. */
  private record Param(String name, double defaultValue) {}
}
