package org.optbench.config;

import java.util.List;

/**
 * Protocol defaults used where a config is silent. Problem parameters and each problem's
 * divergence factor default in {@link org.optbench.problem.ProblemCatalog}, optimizer
 * hyperparameters in its provider ({@code org.optbench.plugin}); nothing is defaulted anywhere
 * else.
 */
public final class Defaults {
  /** Mini-batch size (examples). */
  public static final int BATCH_SIZE = 128;
  /** Budget of image and regression problems (epochs). */
  public static final int EPOCHS = 1;
  /** Budget of analytic 2-D problems (steps). */
  public static final int ANALYTIC_STEPS = 200;
  /** Evaluation interval: 0 = at each epoch end. */
  public static final int EVAL_EVERY_STEPS = 0;
  /** Mini-batch loss recorded every this many steps. */
  public static final int LOSS_EVERY = 1;
  /** Native threads per trial. */
  public static final int THREADS = 1;
  /** Seeds when none are given. */
  public static final List<Long> SEEDS = List.of(0L);
  /** Tuning settings per optimizer under random search ({@code tuning.budget}). */
  public static final int TUNING_BUDGET = 20;
  /** Seed of tuning trials ({@code tuning.seed}): outside the default evaluation seeds. */
  public static final long TUNING_SEED = 1000;
  /** Parent folder of experiment results, relative to the working directory. */
  public static final String RESULTS_DIR = "results";

  private Defaults() {}
}
