package org.optbench.experiment;

import java.util.LinkedHashMap;
import java.util.Map;
import org.optbench.UserInputException;
import org.optbench.optimizer.OptimizerSpec;
import org.optbench.problem.ProblemSpec;

/**
 * One seeded run: everything that determines its result, and nothing else.
 *
 * @param problem the resolved problem
 * @param optimizer the updater with every hyperparameter set
 * @param batchSize mini-batch size (ignored by analytic problems, which take full gradients)
 * @param budget how long to train
 * @param evalEverySteps evaluate every this many steps; 0 evaluates at each epoch end. There is
 *     always an evaluation before the first step and one after the last.
 * @param lossEvery record the mini-batch loss every this many steps (≥ 1)
 * @param divergenceFactor the trial is DIVERGED when the loss exceeds this multiple of the initial
 *     loss (or is NaN/Inf)
 * @param seed seed of the initial weights and of the mini-batch order
 * @param threads native (OpenMP/BLAS) threads the trial runs with; results are bit-identical only
 *     at a fixed count
 * @param order how each epoch orders the training examples
 */
public record TrialSpec(ProblemSpec problem, OptimizerSpec optimizer, BatchSize batchSize,
    Budget budget, int evalEverySteps, int lossEvery, double divergenceFactor, long seed,
    int threads, DataOrder order) {

  /**
   * A trial whose batch holds every example draws no order (the loop takes the stored one), so it
   * takes the default order whatever it was given: it is the trial without a buffer, with its id.
   *
   * @throws NullPointerException if {@code order} is null
   */
  public TrialSpec {
    java.util.Objects.requireNonNull(order, "order");
    int n = problem.trainExamples();
    if (batchSize.resolve(n) >= n) {
      order = DataOrder.PERMUTATION;
    }
  }

  /**
   * A trial whose epochs take a uniform random permutation of the training examples, the
   * default {@link DataOrder}.
   */
  public TrialSpec(ProblemSpec problem, OptimizerSpec optimizer, BatchSize batchSize,
      Budget budget, int evalEverySteps, int lossEvery, double divergenceFactor, long seed,
      int threads) {
    this(problem, optimizer, batchSize, budget, evalEverySteps, lossEvery, divergenceFactor,
        seed, threads, DataOrder.PERMUTATION);
  }

  /**
   * The setting: this trial without its seed. Reports aggregate over seeds of one setting.
   *
   * @return ordered description of problem, optimizer, batch size and protocol
   */
  public Map<String, Object> settingDescription() {
    Map<String, Object> problemMap = new LinkedHashMap<>();
    problemMap.put("id", problem.id());
    problemMap.putAll(problem.parameters());
    Map<String, Object> optimizerMap = new LinkedHashMap<>();
    // A plugin adds its class and jar hash: an edited plugin gives new trials.
    optimizerMap.putAll(optimizer.identity());
    optimizerMap.putAll(optimizer.hyperparameters());
    // Only a recipe that sets something enters the identity: ids of trials without one stay
    // those they had before recipes existed.
    if (!optimizer.recipe().isNone()) {
      optimizerMap.put("recipe", optimizer.recipe().description());
    }
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("problem", problemMap);
    map.put("optimizer", optimizerMap);
    map.put("batchSize", batchSize.toString());
    if (budget.hasStepLimit()) {
      map.put(budget.unit() == Budget.Unit.EPOCHS ? "epochs" : "steps", budget.amount());
    }
    // Only a time-limited trial has the key, so the ids of all other trials stay as they were.
    if (budget.horizon() > 0) {
      // Only a replay's budget has one; stored trials never do, so their ids are unchanged.
      map.put("horizon", budget.horizon());
    }
    if (budget.hasTimeLimit()) {
      map.put("stop", Map.of("seconds", budget.seconds()));
    }
    map.put("evalEverySteps", evalEverySteps);
    map.put("lossEvery", lossEvery);
    map.put("divergenceFactor", divergenceFactor);
    map.put("threads", threads);
    // Only a shuffle buffer enters the identity: trials in the default order keep their ids.
    if (!order.isPermutation()) {
      map.put("shuffleBuffer", order.buffer());
    }
    return map;
  }

  /** @return examples in the training set the batches are drawn from (1 for analytic problems) */
  public int trainExamples() {
    return problem.trainExamples();
  }

  /** @return optimizer steps per epoch, counting a final partial mini-batch */
  public int stepsPerEpoch() {
    return stepsPerEpoch(problem, batchSize);
  }

  /**
   * @return optimizer steps the step limit allows, or {@link Long#MAX_VALUE} when the trial has
   *     only a time limit
   */
  public long totalSteps() {
    return totalSteps(problem, batchSize, budget);
  }

  /**
   * The trial's horizon: the number of steps its {@code steps:} or {@code epochs:} limit allows.
   * What needs a horizon (a decaying schedule's end) takes it from here, so this is the one place
   * that refuses a trial limited by training time alone.
   *
   * @return optimizer steps the step or epoch limit allows
   * @throws UserInputException if the trial has no steps or epochs limit
   */
  public long horizon() {
    if (budget.horizon() > 0) {
      return budget.horizon();
    }
    if (!hasStepHorizon()) {
      throw new UserInputException("the trial has only a training-time limit (stop: {seconds: "
          + Budget.formatSeconds(budget.seconds())
          + "}), so its horizon (the step a decaying learning-rate schedule"
          + " ends at) is unknown; give steps: N or epochs: N beside it");
    }
    return totalSteps(problem, batchSize, budget);
  }

  /**
   * @param problem a problem
   * @param batchSize its mini-batch size
   * @return optimizer steps per epoch, counting a final partial mini-batch
   */
  public static int stepsPerEpoch(ProblemSpec problem, BatchSize batchSize) {
    int n = problem.trainExamples();
    int batch = batchSize.resolve(n);
    return (n + batch - 1) / batch;
  }

  /**
   * @param problem a problem
   * @param batchSize its mini-batch size
   * @param budget how long it trains
   * @return optimizer steps the step limit allows, or {@link Long#MAX_VALUE} without one
   */
  public static long totalSteps(ProblemSpec problem, BatchSize batchSize, Budget budget) {
    return budget.totalSteps(stepsPerEpoch(problem, batchSize));
  }

  /**
   * @return whether the trial has a fixed step horizon ({@code steps:} or {@code epochs:}), which
   *     a decaying schedule needs; false for a trial limited by training time alone
   */
  public boolean hasStepHorizon() {
    return budget.hasStepLimit();
  }

  /**
   * This trial replayed to a step count it reached: a step limit of exactly {@code steps}, no
   * time limit, and this trial's horizon, so a decaying schedule takes the same values.
   *
   * @param steps optimizer steps the trial took (≥ 1)
   * @return the replay's spec (its id differs from this trial's)
   * @throws IllegalArgumentException if {@code steps} is not in 1..{@link Integer#MAX_VALUE}
   */
  public TrialSpec replayTo(long steps) {
    return withBudget(Budget.replay(steps, hasStepHorizon() ? totalSteps() : 0));
  }

  /**
   * @param newBudget another budget
   * @return this trial with that budget: same problem, optimizer, batch size, protocol and seed
   */
  public TrialSpec withBudget(Budget newBudget) {
    return new TrialSpec(problem, optimizer, batchSize, newBudget, evalEverySteps, lossEvery,
        divergenceFactor, seed, threads, order);
  }

  /**
   * @param newSeed another seed
   * @return this trial's setting with that seed: the same problem, optimizer, batch size and
   *     protocol
   */
  public TrialSpec withSeed(long newSeed) {
    return new TrialSpec(problem, optimizer, batchSize, budget, evalEverySteps, lossEvery,
        divergenceFactor, newSeed, threads, order);
  }

  /** @return the setting description plus the seed: the content that the trial id hashes */
  public Map<String, Object> description() {
    Map<String, Object> map = settingDescription();
    map.put("seed", seed);
    return map;
  }
}
