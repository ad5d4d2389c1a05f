package org.optbench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.optbench.experiment.Arm;
import org.optbench.experiment.TrialId;
import org.optbench.result.CurveFormat;
import org.optbench.result.CurveWriter;
import org.optbench.result.IndexRow;
import org.optbench.result.ResultStore;
import org.optbench.result.SelectionRow;
import org.optbench.result.TrialIndex;
import org.optbench.result.TrialResult;
import org.optbench.result.TrialStatus;

/**
 * Writes a small, hand-made experiment folder in the layout {@code optbench run} produces
 * (resolved config, manifest, trials.csv, trials/.../seed-n/{spec.json, curve.csv, evals.csv,
 * result.json}), with numbers chosen so that every aggregate can be computed by hand.
 *
 * <p>The store ({@link #standard}):
 *
 * <ul>
 *   <li>{@code mnist-mlp} (5120 training examples, batch 128, 40 steps, evaluation every 10
 *       steps, target test_accuracy ≥ 0.9):
 *       <ul>
 *         <li>sgd lr=0.1, seeds 0, 1, 2. Seed 0: test accuracy 0.5, 0.85, 0.91, 0.92, 0.92 at
 *             iterations 0, 10, 20, 30, 40 (reaches 0.9 at 20). Seed 1: 0.5, 0.91, 0.93, 0.94,
 *             0.94 (reaches at 10). Seed 2 DIVERGED at step 12: 0.5, 0.95 at 10, then 0.1 at
 *             13; it meets 0.9 before diverging but must not count.</li>
 *         <li>adam lr=0.001, seeds 0, 1: final validation accuracy 0.98, test accuracy 0.90.</li>
 *         <li>adam lr=0.01, seeds 0, 1: final validation accuracy 0.95, test accuracy 0.97.
 *             Selection on validation picks lr=0.001; selection on test would pick 0.01.</li>
 *       </ul>
 *   <li>{@code ravine-2d} (κ = 100, start (−4, 1), 5 steps, target suboptimality ≤ 10):
 *       sgd lr=0.015 follows gradient descent exactly: x ← 0.985x, y ← −0.5y, so
 *       f = ½(x² + 100y²) is 58, 20.26, 10.66, 8.088, … (first ≤ 10 at step 3); nesterovs
 *       lr=0.005 follows a made-up path that halves both coordinates each step.</li>
 * </ul>
 */
public final class ResultStoreFixture {
  /** Training examples of the image problem. */
  public static final int TRAIN_EXAMPLES = 5120;
  private static final List<String> IMAGE_EVAL_COLUMNS =
      CurveFormat.networkEvals(CurveFormat.CLASSIFICATION_METRICS).columns();
  private static final List<String> ANALYTIC_COLUMNS = CurveFormat.analytic().columns();

  private final Path root;
  private final List<List<Object>> index = new ArrayList<>();
  // Arm of each index row.
  private final List<String> arms = new ArrayList<>();
  private final Map<String, Map<String, Object>> descriptions = new LinkedHashMap<>();
  private String arm = "grid";
  private int settings;

  private ResultStoreFixture(Path root) {
    this.root = root;
  }

  /**
   * @param root the experiment folder to create
   * @param description the experiment's description (tests put markup in it)
   * @return the fixture after writing the standard store
   */
  public static ResultStoreFixture standard(Path root, String description) {
    ResultStoreFixture f = new ResultStoreFixture(root);
    f.writeConfig(description);
    f.writeManifest();
    String sgd = f.setting("mnist-mlp", "sgd", "learningRate-0.1_batch-128");
    f.image(sgd, "sgd", Map.of("learningRate", 0.1), 0, "COMPLETED",
        new double[] {0.5, 0.85, 0.91, 0.92, 0.92}, 0.9, -1);
    f.image(sgd, "sgd", Map.of("learningRate", 0.1), 1, "COMPLETED",
        new double[] {0.5, 0.91, 0.93, 0.94, 0.94}, 0.9, -1);
    f.image(sgd, "sgd", Map.of("learningRate", 0.1), 2, "DIVERGED",
        new double[] {0.5, 0.95, 0.1}, 0.9, 12);
    Map<String, Double> adamSmall = adam(0.001);
    String adam1 = f.setting("mnist-mlp", "adam",
        "learningRate-0.001_beta1-0.9_beta2-0.999_epsilon-1.0E-8_batch-128");
    for (int seed = 0; seed < 2; seed++) {
      f.image(adam1, "adam", adamSmall, seed, "COMPLETED",
          new double[] {0.5, 0.7, 0.8, 0.85, 0.90}, 0.98, -1);
    }
    String adam2 = f.setting("mnist-mlp", "adam",
        "learningRate-0.01_beta1-0.9_beta2-0.999_epsilon-1.0E-8_batch-128");
    for (int seed = 0; seed < 2; seed++) {
      f.image(adam2, "adam", adam(0.01), seed, "COMPLETED",
          new double[] {0.5, 0.8, 0.9, 0.95, 0.97}, 0.95, -1);
    }
    String ravineSgd = f.setting("ravine-2d", "sgd", "learningRate-0.015_batch-full");
    f.analytic(ravineSgd, "sgd", Map.of("learningRate", 0.015), 0.985, -0.5);
    String ravineNesterovs = f.setting("ravine-2d", "nesterovs",
        "learningRate-0.005_momentum-0.9_batch-full");
    f.analytic(ravineNesterovs, "nesterovs", orderedMap("learningRate", 0.005, "momentum", 0.9),
        0.5, 0.5);
    f.writeIndex();
    return f;
  }

  /**
   * A second grid experiment, {@code newcomer}, to merge with {@link #standard}: the same seeds
   * and mnist-mlp (unless {@code mnistSteps} differs from 40), no ravine-2d, and one optimizer
   * the standard store lacks: rmsprop lr=0.001, seeds 0, 1, 2, test accuracy 0.5, 0.9, 0.95,
   * 0.96, 0.97 at iterations 0, 10, 20, 30, 40, final validation accuracy 0.99.
   *
   * @param root the experiment folder to create
   * @param mnistSteps the budget its config states (40 is the standard store's)
   * @return the fixture after writing the store
   */
  public static ResultStoreFixture newcomer(Path root, int mnistSteps) {
    ResultStoreFixture f = new ResultStoreFixture(root);
    Map<String, Object> mnist = mnistProblem(
        List.of(Map.of("name", "rmsprop", "learningRate", 0.001)), 0.9);
    mnist.put("divergenceFactor", 100.0);
    mnist.put("steps", mnistSteps);
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("name", "newcomer");
    config.put("description", "a new optimizer");
    config.put("seeds", List.of(0, 1, 2));
    config.put("problems", List.of(mnist));
    f.writeResolvedConfig(config);
    f.writeManifest();
    String rmsprop = f.setting("mnist-mlp", "rmsprop", "learningRate-0.001_batch-128");
    for (int seed = 0; seed < 3; seed++) {
      f.image(rmsprop, "rmsprop", Map.of("learningRate", 0.001), seed, "COMPLETED",
          new double[] {0.5, 0.9, 0.95, 0.96, 0.97}, 0.99, -1);
    }
    f.writeIndex();
    return f;
  }

  /**
   * A tune-then-evaluate store: random search (or, with {@code gridSearch}, grid search) with a
   * budget of 3 settings per optimizer and tuning seed 1000, evaluation seeds 0–6, and a
   * defaults arm. Numbers are chosen so that every statistic can be worked out by hand.
   *
   * <p>{@code mnist-mlp} (as in {@link #standard}, target test_accuracy ≥ 0.95):
   *
   * <ul>
   *   <li>Tuning (final validation accuracy; a diverged trial's validation accuracy at step 0
   *       is 0.5): sgd lr=0.1 0.95 (chosen), lr=1 DIVERGED, lr=0.001 0.90; nesterovs
   *       (lr, momentum) = (0.01, 0.9) 0.96 (chosen), (0.1, 0.5) DIVERGED, (0.001, 0.99) 0.93;
   *       adam (lr, beta1) = (0.001, 0.9) validation 0.98 but test 0.90 (chosen), (0.01, 0.5)
   *       validation 0.90 (the worst) but test 0.99 (the best), (0.1, 0.7) DIVERGED.</li>
   *   <li>Evaluation, final test accuracy over seeds 0–6: sgd 0.97 except 0.90 on seed 3 (which
   *       never reaches 0.95; the others reach it at step 30); nesterovs 0.98 except 0.97 on
   *       seed 5 (reaches at step 20); adam 0.98 on every seed (reaches at step 10). Training
   *       time is 0.1 s per step.</li>
   *   <li>Defaults: sgd lr=0.001 test 0.90 on every seed; nesterovs lr=0.1 momentum=0.9 0.98,
   *       DIVERGED on seeds 1 and 4; adam's defaults are its chosen setting, so its evaluation
   *       trials are listed in both arms.</li>
   * </ul>
   *
   * <p>{@code ravine-2d} (κ = 100, start (−4, 1), 5 steps, target f − f* ≤ 10; deterministic,
   * so every arm runs seed 0 only): paths multiply (x, y) by fixed factors each step, f starts
   * at 58. Tuning: sgd lr=0.015 (0.985, −0.5) (chosen; f ≤ 10 at step 3), lr=0.5 DIVERGED,
   * lr=0.001 (0.999, 0.9); nesterovs (0.005, 0.9) halving (chosen; step 2, 0.004 s per step),
   * (0.05, 0.6) DIVERGED, (0.0005, 0.95) (0.9, 0.9); adam (0.01, 0.9) (0.9, 0.9), (0.1, 0.6)
   * (0.85, 0.85) (chosen; never reaches 10 in 5 steps), (1, 0.5) DIVERGED. Other trials take
   * 0.001 s per step. Defaults: sgd (0.999, 0.9), nesterovs DIVERGED, adam (0.99, 0.99).
   *
   * @param root the experiment folder to create
   * @param gridSearch whether the config says grid search (with the same trials on a grid)
   * @return the fixture
   */
  public static ResultStoreFixture tuneThenEvaluate(Path root, boolean gridSearch) {
    ResultStoreFixture f = new ResultStoreFixture(root);
    f.writeTuneConfig(gridSearch);
    f.writeManifest();
    List<List<Object>> selection = new ArrayList<>();
    double[] tuningCurve = {0.5, 0.6, 0.7, 0.8, 0.85};

    // mnist-mlp, tuning arm.
    f.arm = "tuning";
    String sgd = f.setting("mnist-mlp", "sgd", "learningRate-0.1_batch-128");
    String sgdChosen = f.image(sgd, "sgd", Map.of("learningRate", 0.1), 1000, "COMPLETED",
        tuningCurve, 0.95, -1);
    f.image(f.setting("mnist-mlp", "sgd", "learningRate-1.0_batch-128"), "sgd",
        Map.of("learningRate", 1.0), 1000, "DIVERGED", new double[] {0.5, 0.3, 0.1}, 0.1, 12);
    f.image(f.setting("mnist-mlp", "sgd", "learningRate-0.001_batch-128"), "sgd",
        Map.of("learningRate", 0.001), 1000, "COMPLETED", tuningCurve, 0.90, -1);
    String nesterovs = f.setting("mnist-mlp", "nesterovs",
        "learningRate-0.01_momentum-0.9_batch-128");
    String nesterovsChosen = f.image(nesterovs, "nesterovs",
        orderedMap("learningRate", 0.01, "momentum", 0.9), 1000, "COMPLETED", tuningCurve,
        0.96, -1);
    f.image(f.setting("mnist-mlp", "nesterovs", "learningRate-0.1_momentum-0.5_batch-128"),
        "nesterovs", orderedMap("learningRate", 0.1, "momentum", 0.5), 1000, "DIVERGED",
        new double[] {0.5, 0.3, 0.1}, 0.1, 12);
    f.image(f.setting("mnist-mlp", "nesterovs", "learningRate-0.001_momentum-0.99_batch-128"),
        "nesterovs", orderedMap("learningRate", 0.001, "momentum", 0.99), 1000, "COMPLETED",
        tuningCurve, 0.93, -1);
    String adam = f.setting("mnist-mlp", "adam",
        "learningRate-0.001_beta1-0.9_beta2-0.999_epsilon-1.0E-8_batch-128");
    String adamChosen = f.image(adam, "adam", adam(0.001, 0.9), 1000, "COMPLETED",
        new double[] {0.5, 0.6, 0.7, 0.8, 0.90}, 0.98, -1);
    f.image(f.setting("mnist-mlp", "adam",
        "learningRate-0.01_beta1-0.5_beta2-0.999_epsilon-1.0E-8_batch-128"), "adam",
        adam(0.01, 0.5), 1000, "COMPLETED", new double[] {0.5, 0.9, 0.95, 0.97, 0.99}, 0.90,
        -1);
    f.image(f.setting("mnist-mlp", "adam",
        "learningRate-0.1_beta1-0.7_beta2-0.999_epsilon-1.0E-8_batch-128"), "adam",
        adam(0.1, 0.7), 1000, "DIVERGED", new double[] {0.5, 0.3, 0.1}, 0.1, 12);
    selection.add(List.of("mnist-mlp", "sgd", 0, sgdChosen, "validation_accuracy", 0.95, 3, 1));
    selection.add(List.of("mnist-mlp", "nesterovs", 1, nesterovsChosen, "validation_accuracy",
        0.96, 3, 1));
    selection.add(List.of("mnist-mlp", "adam", 2, adamChosen, "validation_accuracy", 0.98, 3,
        1));

    // mnist-mlp, evaluation arm: the chosen settings with seeds 0-6.
    f.arm = "evaluation";
    List<String> adamEvaluation = new ArrayList<>();
    for (int seed = 0; seed <= 6; seed++) {
      f.image(sgd, "sgd", Map.of("learningRate", 0.1), seed, "COMPLETED", seed == 3
          ? new double[] {0.5, 0.8, 0.85, 0.88, 0.90}
          : new double[] {0.5, 0.8, 0.9, 0.95, 0.97}, 0.96, -1);
      f.image(nesterovs, "nesterovs", orderedMap("learningRate", 0.01, "momentum", 0.9), seed,
          "COMPLETED", new double[] {0.5, 0.9, 0.96, 0.97, seed == 5 ? 0.97 : 0.98}, 0.97, -1);
      adamEvaluation.add(f.image(adam, "adam", adam(0.001, 0.9), seed, "COMPLETED",
          new double[] {0.5, 0.96, 0.97, 0.98, 0.98}, 0.98, -1));
    }

    // mnist-mlp, defaults arm; adam's defaults are the trials above.
    f.arm = "defaults";
    String sgdDefaults = f.setting("mnist-mlp", "sgd", "learningRate-0.001_batch-128--defaults");
    String nesterovsDefaults = f.setting("mnist-mlp", "nesterovs",
        "learningRate-0.1_momentum-0.9_batch-128");
    for (int seed = 0; seed <= 6; seed++) {
      f.image(sgdDefaults, "sgd", Map.of("learningRate", 0.001), seed, "COMPLETED",
          new double[] {0.5, 0.6, 0.7, 0.8, 0.90}, 0.90, -1);
      boolean diverges = seed == 1 || seed == 4;
      f.image(nesterovsDefaults, "nesterovs", orderedMap("learningRate", 0.1, "momentum", 0.9),
          seed, diverges ? "DIVERGED" : "COMPLETED", diverges ? new double[] {0.5, 0.3, 0.1}
              : new double[] {0.5, 0.9, 0.96, 0.97, 0.98}, diverges ? 0.1 : 0.98,
          diverges ? 12 : -1);
      f.listAgain(adamEvaluation.get(seed));
    }

    // ravine-2d: tuning with seed 1000, evaluation and defaults with seed 0.
    f.arm = "tuning";
    String rSgd = f.setting("ravine-2d", "sgd", "learningRate-0.015_batch-full");
    String rSgdChosen = f.analytic(rSgd, "sgd", Map.of("learningRate", 0.015), 1000, 0.985,
        -0.5, 0.001, -1);
    f.analytic(f.setting("ravine-2d", "sgd", "learningRate-0.5_batch-full"), "sgd",
        Map.of("learningRate", 0.5), 1000, 3, 3, 0.001, 3);
    f.analytic(f.setting("ravine-2d", "sgd", "learningRate-0.001_batch-full"), "sgd",
        Map.of("learningRate", 0.001), 1000, 0.999, 0.9, 0.001, -1);
    String rNesterovs = f.setting("ravine-2d", "nesterovs",
        "learningRate-0.005_momentum-0.9_batch-full");
    String rNesterovsChosen = f.analytic(rNesterovs, "nesterovs",
        orderedMap("learningRate", 0.005, "momentum", 0.9), 1000, 0.5, 0.5, 0.004, -1);
    f.analytic(f.setting("ravine-2d", "nesterovs", "learningRate-0.05_momentum-0.6_batch-full"),
        "nesterovs", orderedMap("learningRate", 0.05, "momentum", 0.6), 1000, 3, 3, 0.001, 3);
    f.analytic(f.setting("ravine-2d", "nesterovs",
        "learningRate-5.0E-4_momentum-0.95_batch-full"), "nesterovs",
        orderedMap("learningRate", 0.0005, "momentum", 0.95), 1000, 0.9, 0.9, 0.001, -1);
    f.analytic(f.setting("ravine-2d", "adam",
        "learningRate-0.01_beta1-0.9_beta2-0.999_epsilon-1.0E-8_batch-full"), "adam",
        adam(0.01, 0.9), 1000, 0.9, 0.9, 0.001, -1);
    String rAdam = f.setting("ravine-2d", "adam",
        "learningRate-0.1_beta1-0.6_beta2-0.999_epsilon-1.0E-8_batch-full");
    String rAdamChosen = f.analytic(rAdam, "adam", adam(0.1, 0.6), 1000, 0.85, 0.85, 0.001,
        -1);
    f.analytic(f.setting("ravine-2d", "adam",
        "learningRate-1.0_beta1-0.5_beta2-0.999_epsilon-1.0E-8_batch-full"), "adam",
        adam(1.0, 0.5), 1000, 3, 3, 0.001, 3);
    selection.add(List.of("ravine-2d", "sgd", 0, rSgdChosen, "loss",
        finalF(0.985, -0.5), 3, 1));
    selection.add(List.of("ravine-2d", "nesterovs", 1, rNesterovsChosen, "loss",
        finalF(0.5, 0.5), 3, 1));
    selection.add(List.of("ravine-2d", "adam", 2, rAdamChosen, "loss", finalF(0.85, 0.85), 3,
        1));
    f.arm = "evaluation";
    f.analytic(rSgd, "sgd", Map.of("learningRate", 0.015), 0, 0.985, -0.5, 0.001, -1);
    f.analytic(rNesterovs, "nesterovs", orderedMap("learningRate", 0.005, "momentum", 0.9), 0,
        0.5, 0.5, 0.004, -1);
    f.analytic(rAdam, "adam", adam(0.1, 0.6), 0, 0.85, 0.85, 0.001, -1);
    f.arm = "defaults";
    f.analytic(f.setting("ravine-2d", "sgd", "learningRate-0.001_batch-full--defaults"), "sgd",
        Map.of("learningRate", 0.001), 0, 0.999, 0.9, 0.001, -1);
    f.analytic(f.setting("ravine-2d", "nesterovs", "learningRate-0.1_momentum-0.9_batch-full"),
        "nesterovs", orderedMap("learningRate", 0.1, "momentum", 0.9), 0, 3, 3, 0.001, 3);
    f.analytic(f.setting("ravine-2d", "adam",
        "learningRate-0.001_beta1-0.9_beta2-0.999_epsilon-1.0E-8_batch-full"), "adam",
        adam(0.001, 0.9), 0, 0.99, 0.99, 0.001, -1);
    f.writeIndex();
    f.writeSelection(selection);
    return f;
  }

  /**
   * A second tune-then-evaluate experiment, {@code tuned-newcomer}, to merge with
   * {@link #tuneThenEvaluate} (random search): the same tuning (random search, budget 3, tuning
   * seed 1000), evaluation seeds 0–6 and mnist-mlp, no ravine-2d and no defaults arm, and one
   * optimizer the other lacks. Rmsprop's tuning trials: lr=0.001 final validation accuracy 0.99
   * (chosen), lr=0.01 0.95, lr=0.1 DIVERGED. Its evaluation trials (lr=0.001, seeds 0–6) reach
   * test accuracy 0.5, 0.96, 0.97, 0.98, 0.99 at iterations 0, 10, 20, 30, 40.
   *
   * @param root the experiment folder to create
   * @return the fixture after writing the store
   */
  public static ResultStoreFixture tunedNewcomer(Path root) {
    ResultStoreFixture f = new ResultStoreFixture(root);
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("name", "tuned-newcomer");
    config.put("seeds", List.of(0, 1, 2, 3, 4, 5, 6));
    config.put("protocol", "tune-then-evaluate");
    config.put("tuning", orderedObject("search", "random", "budget", 3, "seed", 1000));
    config.put("defaultsArm", false);
    config.put("problems", List.of(mnistProblem(List.of(orderedObject("name", "rmsprop",
        "learningRate", Map.of("logUniform", List.of(1e-4, 1.0)))), 0.95)));
    f.writeResolvedConfig(config);
    f.writeManifest();
    double[] tuningCurve = {0.5, 0.6, 0.7, 0.8, 0.85};
    f.arm = "tuning";
    String chosenSetting = f.setting("mnist-mlp", "rmsprop", "learningRate-0.001_batch-128");
    String chosen = f.image(chosenSetting, "rmsprop", Map.of("learningRate", 0.001), 1000,
        "COMPLETED", tuningCurve, 0.99, -1);
    f.image(f.setting("mnist-mlp", "rmsprop", "learningRate-0.01_batch-128"), "rmsprop",
        Map.of("learningRate", 0.01), 1000, "COMPLETED", tuningCurve, 0.95, -1);
    f.image(f.setting("mnist-mlp", "rmsprop", "learningRate-0.1_batch-128"), "rmsprop",
        Map.of("learningRate", 0.1), 1000, "DIVERGED", new double[] {0.5, 0.3, 0.1}, 0.1, 12);
    f.arm = "evaluation";
    for (int seed = 0; seed <= 6; seed++) {
      f.image(chosenSetting, "rmsprop", Map.of("learningRate", 0.001), seed, "COMPLETED",
          new double[] {0.5, 0.96, 0.97, 0.98, 0.99}, 0.99, -1);
    }
    f.writeIndex();
    f.writeSelection(List.of(List.of("mnist-mlp", "rmsprop", 0, chosen, "validation_accuracy",
        0.99, 3, 1)));
    return f;
  }

  /** f = ½(x² + 100y²) after 5 steps from (−4, 1) with factors (fx, fy). */
  static double finalF(double fx, double fy) {
    double x = -4;
    double y = 1;
    for (int t = 0; t < 5; t++) {
      x *= fx;
      y *= fy;
    }
    return 0.5 * (x * x + 100 * y * y);
  }

  /** Lists an already written trial again in the current arm. */
  private void listAgain(String trialId) {
    index.add(index.stream().filter(row -> row.get(0).equals(trialId)).findFirst()
        .orElseThrow());
    arms.add(arm);
  }

  private void writeSelection(List<List<Object>> rows) {
    List<SelectionRow> selection = new ArrayList<>();
    for (List<Object> r : rows) {
      selection.add(new SelectionRow((String) r.get(0), (String) r.get(1), (Integer) r.get(2),
          (String) r.get(3), (String) r.get(4), (Double) r.get(5), (Integer) r.get(6),
          (Integer) r.get(7)));
    }
    store().writeSelection(selection);
  }

  private void writeTuneConfig(boolean gridSearch) {
    Map<String, Object> lr = gridSearch ? Map.of() : Map.of("logUniform", List.of(1e-4, 1.0));
    List<Object> optimizers = List.of(
        orderedObject("name", "sgd", "learningRate",
            gridSearch ? List.of(0.1, 1.0, 0.001) : lr),
        orderedObject("name", "nesterovs", "learningRate",
            gridSearch ? List.of(0.01, 0.1, 0.001) : lr, "momentum",
            gridSearch ? List.of(0.9, 0.5, 0.99) : Map.of("uniform", List.of(0.5, 0.99))),
        orderedObject("name", "adam", "learningRate",
            gridSearch ? List.of(0.001, 0.01, 0.1) : lr, "beta1",
            gridSearch ? List.of(0.9, 0.5, 0.7) : Map.of("uniform", List.of(0.5, 0.95))));
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("name", "hand-tuned");
    config.put("seeds", List.of(0, 1, 2, 3, 4, 5, 6));
    config.put("protocol", "tune-then-evaluate");
    config.put("tuning", gridSearch ? orderedObject("search", "grid", "seed", 1000)
        : orderedObject("search", "random", "budget", 3, "seed", 1000));
    config.put("defaultsArm", true);
    config.put("problems", List.of(mnistProblem(optimizers, 0.95), ravineProblem(optimizers)));
    writeResolvedConfig(config);
  }

  /** The mnist-mlp entry both configs share: 40 steps of 128, an evaluation every 10. */
  private static Map<String, Object> mnistProblem(List<?> optimizers, double targetAccuracy) {
    Map<String, Object> mnist = new LinkedHashMap<>();
    mnist.put("id", "mnist-mlp");
    mnist.put("params", Map.of("trainExamples", TRAIN_EXAMPLES, "evalExamples", 1000));
    mnist.put("optimizers", optimizers);
    mnist.put("batchSize", List.of(128));
    mnist.put("steps", 40);
    mnist.put("evalEvery", 10);
    mnist.put("lossEvery", 1);
    mnist.put("target", Map.of("metric", "test_accuracy", "value", targetAccuracy, "goal", "max"));
    return mnist;
  }

  /** The ravine-2d entry both configs share: κ = 100 from (−4, 1), 5 steps. */
  private static Map<String, Object> ravineProblem(List<?> optimizers) {
    Map<String, Object> ravine = new LinkedHashMap<>();
    ravine.put("id", "ravine-2d");
    ravine.put("params", Map.of("kappa", 100.0, "start", List.of(-4.0, 1.0)));
    ravine.put("optimizers", optimizers);
    ravine.put("steps", 5);
    ravine.put("lossEvery", 1);
    ravine.put("target", Map.of("metric", "suboptimality", "value", 10.0, "goal", "min"));
    return ravine;
  }

  private void writeResolvedConfig(Map<String, Object> config) {
    try {
      store().writeResolvedConfig(
          new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().writeValueAsString(config));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> orderedObject(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  /** @return the experiment folder */
  public Path root() {
    return root;
  }

  /**
   * Adds a trial of the plan that never ran: a PENDING row in trials.csv and no folder.
   *
   * @param seed its seed (nesterovs lr=0.05 momentum=0.9 on mnist-mlp)
   */
  public void addPending(long seed) {
    String dir = "trials/mnist-mlp/nesterovs/learningRate-0.05_momentum-0.9_batch-128--0000ffff";
    index.add(List.of(String.format(Locale.ROOT, "%064d", 900 + seed), "mnist-mlp", "nesterovs",
        "learningRate=0.05;momentum=0.9", "128", seed, "PENDING", "", "", dir + "/seed-" + seed));
    arms.add(arm);
    writeIndex();
  }

  /**
   * Adds a trial that FAILED after 3 steps on mnist-mlp (sgd lr=0.5, batch 128): curve.csv holds
   * steps 0, 1, 2 (loss 2.3, 2.2, 2.1; train_time_s 0.1, 0.2, 0.3), evals.csv the evaluation at
   * step 0 (test accuracy 0.5), result.json status FAILED with no steps.
   *
   * @param seed its seed
   * @return the trial folder, relative to the experiment folder
   */
  public String addFailed(long seed) {
    String setting = setting("mnist-mlp", "sgd", "learningRate-0.5_batch-128");
    Path dir = trialDir(setting, seed);
    List<double[]> curve = new ArrayList<>();
    for (int t = 0; t < 3; t++) {
      curve.add(new double[] {t, 0, t * 128, 2.3 - 0.1 * t, 0.5, 0.1 * (t + 1)});
    }
    csv(dir, CurveFormat.networkSteps(List.of()), curve);
    csv(dir, CurveFormat.networkEvals(CurveFormat.CLASSIFICATION_METRICS),
        List.<double[]>of(new double[] {0, 0, 0, 0, 1, 0.5, 1, 0.5, 1, 0.5}));
    result(dir, setting, "mnist-mlp", "sgd", Map.of("learningRate", 0.5), "128", seed,
        "FAILED", "java.lang.OutOfMemoryError: native memory", 0, -1, 0, Map.of());
    writeIndex();
    return setting + "/seed-" + seed;
  }

  /**
   * Lists a trial a second time in trials.csv, as the index does for a trial that serves two
   * protocol arms.
   *
   * @param problem problem id
   * @param optimizer optimizer id
   * @param seed seed
   */
  public void listTwice(String problem, String optimizer, long seed) {
    index.add(index.stream().filter(row -> row.get(1).equals(problem)
        && row.get(2).equals(optimizer) && row.get(5).equals(seed)).findFirst().orElseThrow());
    arms.add(arm);
    writeIndex();
  }

  /**
   * Turns a finished trial into an interrupted one: its result.json is deleted, curves stay.
   *
   * @param problem problem id
   * @param optimizer optimizer id
   * @param seed seed
   * @return the trial folder, relative to the experiment folder
   */
  public String interrupt(String problem, String optimizer, long seed) {
    return replaceResult(problem, optimizer, seed, null);
  }

  /**
   * Damages a finished trial's result.json (as a disk fault or a stray edit would).
   *
   * @return the trial folder, relative to the experiment folder
   */
  public String damage(String problem, String optimizer, long seed) {
    return replaceResult(problem, optimizer, seed, "{\"trialId\": ");
  }

  private String replaceResult(String problem, String optimizer, long seed, String text) {
    for (List<Object> row : index) {
      if (row.get(1).equals(problem) && row.get(2).equals(optimizer)
          && row.get(5).equals(seed)) {
        try {
          Path file = root.resolve((String) row.get(9)).resolve("result.json");
          if (text == null) {
            Files.delete(file);
          } else {
            Files.writeString(file, text);
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        return (String) row.get(9);
      }
    }
    throw new IllegalArgumentException("no such trial");
  }

  private static Map<String, Double> adam(double lr) {
    return adam(lr, 0.9);
  }

  private static Map<String, Double> adam(double lr, double beta1) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("learningRate", lr);
    m.put("beta1", beta1);
    m.put("beta2", 0.999);
    m.put("epsilon", 1e-8);
    return m;
  }

  private static Map<String, Double> orderedMap(String k1, double v1, String k2, double v2) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(k1, v1);
    m.put(k2, v2);
    return m;
  }

  private String setting(String problem, String optimizer, String name) {
    settings++;
    return "trials/" + problem + "/" + optimizer + "/" + name + "--"
        + String.format(Locale.ROOT, "%08x", settings);
  }

  /**
   * An image trial: 40 steps of batch 128, evaluations at 0, 10, 20, 30, 40 (a diverged trial:
   * 0, 10 and the step after divergence).
   */
  private String image(String setting, String optimizer, Map<String, Double> hyper, long seed,
      String status, double[] testAccuracy, double finalValidation, int divergedAt) {
    Path dir = trialDir(setting, seed);
    boolean diverged = divergedAt >= 0;
    long steps = diverged ? divergedAt + 1 : 40;
    List<double[]> curve = new ArrayList<>();
    for (int t = 0; t < steps; t++) {
      double loss = diverged && t == divergedAt ? 1e6 : 2.3 * Math.exp(-t / 20.0);
      curve.add(new double[] {t, t * 128 / TRAIN_EXAMPLES, t * 128, loss,
          hyper.get("learningRate"), 0.1 * (t + 1)});
    }
    csv(dir, CurveFormat.networkSteps(List.of()), curve);
    long[] iterations = diverged ? new long[] {0, 10, steps} : new long[] {0, 10, 20, 30, 40};
    List<double[]> evals = new ArrayList<>();
    for (int i = 0; i < iterations.length; i++) {
      long it = iterations[i];
      double validation = i == iterations.length - 1 ? finalValidation : 0.5 + 0.01 * i;
      evals.add(new double[] {it, it * 128 / TRAIN_EXAMPLES, it * 128, 0.1 * it,
          1.0 / (1 + it), testAccuracy[i], 1.0 / (1 + it), validation, 1.0 / (1 + it),
          testAccuracy[i]});
    }
    csv(dir, CurveFormat.networkEvals(CurveFormat.CLASSIFICATION_METRICS), evals);
    double[] last = evals.get(evals.size() - 1);
    Map<String, Double> finals = new LinkedHashMap<>();
    for (int c = 4; c < IMAGE_EVAL_COLUMNS.size(); c++) {
      finals.put(IMAGE_EVAL_COLUMNS.get(c), last[c]);
    }
    return result(dir, setting, "mnist-mlp", optimizer, hyper, "128", seed, status,
        diverged ? "loss 1000000.0 at iteration " + divergedAt : null, steps, divergedAt,
        0.1 * steps, finals);
  }

  /** A 5-step analytic trial on ravine-2d: (x, y) multiplied by (fx, fy) each step. */
  private void analytic(String setting, String optimizer, Map<String, Double> hyper, double fx,
      double fy) {
    analytic(setting, optimizer, hyper, 0, fx, fy, 0.001, -1);
  }

  /**
   * An analytic trial on ravine-2d from (−4, 1): (x, y) multiplied by (fx, fy) each step, for 5
   * steps, or DIVERGED after step {@code divergedAt} (rows 0..divergedAt).
   *
   * @return its trial id
   */
  private String analytic(String setting, String optimizer, Map<String, Double> hyper,
      long seed, double fx, double fy, double secondsPerStep, int divergedAt) {
    Path dir = trialDir(setting, seed);
    List<double[]> curve = new ArrayList<>();
    double x = -4;
    double y = 1;
    int steps = divergedAt >= 0 ? divergedAt : 5;
    for (int t = 0; t <= steps; t++) {
      double f = 0.5 * (x * x + 100 * y * y);
      curve.add(new double[] {t, x, y, f, Math.hypot(x, y), f, hyper.get("learningRate"),
          secondsPerStep * t});
      x *= fx;
      y *= fy;
    }
    csv(dir, CurveFormat.analytic(), curve);
    double[] last = curve.get(curve.size() - 1);
    Map<String, Double> finals = new LinkedHashMap<>();
    for (int c = 1; c < 6; c++) {
      finals.put(ANALYTIC_COLUMNS.get(c), last[c]);
    }
    boolean diverged = divergedAt >= 0;
    return result(dir, setting, "ravine-2d", optimizer, hyper, "full", seed,
        diverged ? "DIVERGED" : "COMPLETED", diverged ? "f blew up" : null, steps, divergedAt,
        secondsPerStep * steps, finals);
  }

  private Path trialDir(String setting, long seed) {
    Path dir = root.resolve(setting).resolve("seed-" + seed);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }

  private String result(Path dir, String setting, String problem, String optimizer,
      Map<String, Double> hyper, String batch, long seed, String status, String message,
      long steps, long divergedAt, double seconds, Map<String, Double> finals) {
    // A spec that hashes to the trial id, as the store writes it; the index position keeps two
    // otherwise equal trials of different arms apart.
    Map<String, Object> problemMap = new LinkedHashMap<>(Map.of("id", problem));
    Map<String, Object> optimizerMap = new LinkedHashMap<>(Map.of("id", optimizer));
    optimizerMap.putAll(hyper);
    Map<String, Object> description = new LinkedHashMap<>();
    description.put("problem", problemMap);
    description.put("optimizer", optimizerMap);
    description.put("batchSize", batch);
    description.put("lossEvery", 1);
    description.put("seed", seed);
    description.put("fixtureIndex", index.size());
    String id = TrialId.ofDescription(description).hex();
    boolean analytic = problem.equals("ravine-2d");
    TrialResult r = new TrialResult(id, problem, optimizer, hyper, batch, seed,
        TrialStatus.valueOf(status), message, steps,
        analytic ? 0 : (int) (steps * 128 / TRAIN_EXAMPLES), analytic ? 0 : steps * 128,
        divergedAt, seconds, 0.0, 1, "", "", finals, null);
    writeSpec(dir, id, description, List.of(Arm.byLabel(arm).orElseThrow()));
    descriptions.put(id, description);
    ResultStore.writeResult(dir, r);
    List<String> pairs = new ArrayList<>();
    hyper.forEach((k, v) -> pairs.add(k + "=" + v));
    index.add(List.of(id, problem, optimizer, String.join(";", pairs), batch, seed, status,
        steps, seconds, setting + "/seed-" + seed));
    arms.add(arm);
    return id;
  }

  private static void csv(Path dir, CurveFormat format, List<double[]> rows) {
    try (CurveWriter w = format.create(dir)) {
      rows.forEach(w::row);
    }
  }

  private void writeIndex() {
    List<IndexRow> rows = new ArrayList<>();
    for (int i = 0; i < index.size(); i++) {
      List<Object> r = index.get(i);
      rows.add(new IndexRow((String) r.get(0), arms.get(i), (String) r.get(1),
          (String) r.get(2), (String) r.get(3), (String) r.get(4), String.valueOf(r.get(5)),
          (String) r.get(6), String.valueOf(r.get(7)), String.valueOf(r.get(8)),
          (String) r.get(9)));
    }
    TrialIndex.write(root, rows);
    // spec.json records the arms a trial serves, as the store writes it, so the index can be
    // rebuilt from the folders.
    Map<String, List<Arm>> armsById = new LinkedHashMap<>();
    for (int i = 0; i < index.size(); i++) {
      List<Arm> list = armsById.computeIfAbsent((String) index.get(i).get(0),
          k -> new ArrayList<>());
      Arm a = Arm.byLabel(arms.get(i)).orElseThrow();
      if (!list.contains(a)) {
        list.add(a);
      }
    }
    for (int i = 0; i < index.size(); i++) {
      String id = (String) index.get(i).get(0);
      Map<String, Object> description = descriptions.get(id);
      if (description != null) {
        writeSpec(root.resolve((String) index.get(i).get(9)), id, description, armsById.get(id));
      }
    }
  }

  private static void writeSpec(Path dir, String id, Map<String, Object> description,
      List<Arm> arms) {
    ResultStore.writeSpec(dir, id, description, arms);
  }

  private ResultStore store() {
    return new ResultStore(root);
  }

  private void writeConfig(String description) {
    Map<String, Object> mnist =
        mnistProblem(List.of(Map.of("name", "sgd", "learningRate", 0.1)), 0.9);
    mnist.put("divergenceFactor", 100.0);
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("name", "hand-made");
    config.put("description", description);
    config.put("seeds", List.of(0, 1, 2));
    config.put("problems", List.of(mnist,
        ravineProblem(List.of(Map.of("name", "sgd", "learningRate", 0.015)))));
    writeResolvedConfig(config);
  }

  private void writeManifest() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("javaVersion", "17");
    m.put("note", "<b>not bold</b> & friends");
    store().writeManifest(m);
  }
}
