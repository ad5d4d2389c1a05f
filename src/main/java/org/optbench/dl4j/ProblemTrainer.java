package org.optbench.dl4j;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.optbench.experiment.TrialSpec;
import org.optbench.problem.ProblemSpec;
import org.optbench.result.TrialResult;

/**
 * How to train one type of problem with DL4J: the network (or parameter array), the evaluator and
 * the training loop. {@link Dl4jTrialRunner} finds the trainer of a trial by the class of its
 * {@link ProblemSpec}; it never tests which problem it has.
 *
 * <p>The built-in trainers (image classifiers, ravine regression, analytic 2-D functions) are
 * registered by the runner. A problem added from outside registers its trainer with
 * {@link java.util.ServiceLoader}: list the class's binary name in
 * {@code META-INF/services/org.optbench.dl4j.ProblemTrainer}; the class must be public with a
 * public no-argument constructor. One runner may call a trainer from several threads at once.
 */
public interface ProblemTrainer {
  /** @return the exact class of the problem specs this trainer trains (one trainer per class) */
  Class<? extends ProblemSpec> problemType();

  /**
   * Loads and verifies the data a problem needs before any trial starts, so missing data fails
   * early. Called once per trial of the plan; cache what is loaded.
   *
   * @param problem a problem of {@link #problemType()}
   * @return SHA-256 of every data file used, by data set id and file name; empty when the
   *     problem reads no files
   * @throws org.optbench.UserInputException if a data set is missing or corrupt
   */
  default Map<String, Map<String, String>> prepare(ProblemSpec problem) {
    return Map.of();
  }

  /**
   * Trains one trial, writing {@code curve.csv} (and {@code evals.csv} when the problem's kind
   * has evaluations) into {@code trialDir}. Must be deterministic in the spec: the same spec and
   * native thread count give bit-identical files apart from time columns. Divergence is a result
   * (status DIVERGED), not an exception.
   *
   * @param spec the trial; its problem is of {@link #problemType()}
   * @param updater the DL4J updater built from {@code spec.optimizer()}, with the recipe's
   *     learning-rate schedule set ({@link Recipes#updater})
   * @param regularization what every weight's step adds: the optimizer's own (AdamW's and
   *     Lion's decoupled weight decay) and the recipe's {@code weightDecay} and {@code l2}
   *     ({@link Recipes#weights}); empty for most. Apply it to every layer, as the built-in
   *     trainers do through {@link Networks}; biases take {@link Recipes#biases}. The recipe's
   *     clipping ({@code spec.optimizer().recipe()}) is the trainer's to apply, as the built-in
   *     ones do
   * @param trialDir the trial's folder, already created
   * @param progress told the number of steps taken since it was last told
   * @return the result
   * @throws RuntimeException when training fails; the trial is recorded as FAILED
   */
  TrialResult run(TrialSpec spec, IUpdater updater, List<Regularization> regularization,
      Path trialDir, LongConsumer progress);

  /**
   * @return bytes of data this trainer holds as ND4J arrays, loaded once and shared read-only by
   *     its trials; 0 by default
   */
  default long sharedDataBytes() {
    return 0;
  }
}
