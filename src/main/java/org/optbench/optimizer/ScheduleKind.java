package org.optbench.optimizer;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The learning-rate schedules an optimizer entry may name ({@code schedule: {type: ...}}), with
 * the numbers each takes. A schedule replaces the constant rate η by η(t), where η is the entry's
 * {@code learningRate} (the schedule's base) and t the iteration (or epoch) counter, starting at
 * 0. The exact equations are on the DL4J side ({@code org.optbench.dl4j.Schedules}), which builds
 * them.
 *
 * <p>Pure Java: this is what a config may say and what it must give; nothing here computes a
 * rate.
 */
public enum ScheduleKind {
  /** DL4J {@code StepSchedule}: η·decayRate^⌊t/step⌋. */
  STEP("step", true, false, List.of(Parameter.positive("decayRate"), Parameter.count("step"))),
  /** DL4J {@code ExponentialSchedule}: η·gamma^t. */
  EXPONENTIAL("exponential", true, false, List.of(Parameter.positive("gamma"))),
  /** DL4J {@code InverseSchedule}: η/(1 + gamma·t)^power. */
  INVERSE("inverse", true, false,
      List.of(Parameter.positive("gamma"), Parameter.positive("power"))),
  /** Polynomial decay η·(1 − t/T)^power, T the trial's horizon (not DL4J's PolySchedule). */
  POLY("poly", true, true, List.of(Parameter.positive("power"))),
  /** DL4J {@code SigmoidSchedule}: η/(1 + e^(−gamma·(t − stepSize))). */
  SIGMOID("sigmoid", true, false,
      List.of(Parameter.positive("gamma"), Parameter.count("stepSize"))),
  /**
   * DL4J {@code CycleSchedule} (one-cycle, Smith 2018): from η up to maxLearningRate and back
   * over cycleLength − annealingLength, then annealing; repeats every cycleLength.
   */
  CYCLE("cycle", true, false, List.of(Parameter.positive("maxLearningRate"),
      Parameter.count("cycleLength"), Parameter.count("annealingLength"),
      Parameter.positive("annealingDecay"))),
  /**
   * DL4J {@code MapSchedule}: η times the fraction listed at the largest key ≤ t; the keys are
   * given as {@code values: {0: 1.0, 1000: 0.1}} and must include 0.
   */
  MAP("map", true, false, List.of()),
  /** Linear warm-up from η/W to η over W = warmupSteps iterations, then η. */
  WARMUP("warmup", false, false, List.of(Parameter.count("warmupSteps"))),
  /**
   * Linear warm-up over warmupSteps iterations, then cosine decay to finalFraction·η at the
   * trial's horizon (AlgoPerf's baseline schedule).
   */
  WARMUP_COSINE("warmup-cosine", false, true, List.of(Parameter.nonNegativeCount("warmupSteps"),
      Parameter.fraction("finalFraction")));

  private final String id;
  private final boolean epochs;
  private final boolean horizon;
  private final List<Parameter> parameters;

  ScheduleKind(String id, boolean epochs, boolean horizon, List<Parameter> parameters) {
    this.id = id;
    this.epochs = epochs;
    this.horizon = horizon;
    this.parameters = List.copyOf(parameters);
  }

  /** @return the name configs use, e.g. {@code warmup-cosine} */
  public String id() {
    return id;
  }

  /** @return whether {@code unit: epochs} is accepted (else the schedule counts iterations) */
  public boolean acceptsEpochs() {
    return epochs;
  }

  /** @return whether the schedule needs the trial's horizon (its steps or epochs limit) */
  public boolean needsHorizon() {
    return horizon;
  }

  /** @return the numbers the schedule takes, all required, in the order written */
  public List<Parameter> parameters() {
    return parameters;
  }

  /** @return the parameter names, in order */
  public List<String> parameterNames() {
    return parameters.stream().map(Parameter::name).toList();
  }

  /**
   * @param id a name from a config
   * @return the schedule of that name
   */
  public static Optional<ScheduleKind> byId(String id) {
    return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
  }

  /** @return every schedule name, in declaration order */
  public static List<String> ids() {
    return Arrays.stream(values()).map(ScheduleKind::id).toList();
  }

  /**
   * One number of a schedule and the values it accepts.
   *
   * @param name its key in the config
   * @param integer whether it counts iterations or epochs (a whole number)
   * @param minimum the smallest accepted value
   * @param maximum the largest accepted value (infinite: none)
   * @param openBelow whether {@code minimum} itself is refused
   */
  public record Parameter(String name, boolean integer, double minimum, double maximum,
      boolean openBelow) {
    static Parameter positive(String name) {
      return new Parameter(name, false, 0, Double.POSITIVE_INFINITY, true);
    }

    static Parameter count(String name) {
      return new Parameter(name, true, 1, Double.POSITIVE_INFINITY, false);
    }

    static Parameter nonNegativeCount(String name) {
      return new Parameter(name, true, 0, Double.POSITIVE_INFINITY, false);
    }

    static Parameter fraction(String name) {
      return new Parameter(name, false, 0, 1, false);
    }

    /**
     * @param value a proposed value
     * @return empty if accepted, else what is accepted, e.g. {@code "must be an integer >= 1"}
     */
    public Optional<String> check(double value) {
      boolean ok = Double.isFinite(value) && (openBelow ? value > minimum : value >= minimum)
          && value <= maximum && (!integer || (value == Math.rint(value) && value < 1e9));
      if (ok) {
        return Optional.empty();
      }
      if (integer) {
        return Optional.of("must be an integer >= " + (long) minimum);
      }
      if (Double.isInfinite(maximum)) {
        return Optional.of(openBelow ? "must be > 0 and finite" : "must be >= 0 and finite");
      }
      return Optional.of("must be in [0, 1]");
    }
  }
}
