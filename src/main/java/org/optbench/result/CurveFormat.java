package org.optbench.result;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The format of one of a trial's curve files: its name in the trial folder, the units comment on
 * its first line and its columns. Every curve file of the store is written through one of these,
 * so the layout in {@code results/README.md} has a single owner.
 *
 * @param file the file name inside the trial folder, e.g. {@code curve.csv}
 * @param units one line explaining the columns' units (written as a {@code #} comment)
 * @param columns the header, in order
 */
public record CurveFormat(String file, String units, List<String> columns) {
  /** Optimizer steps taken before the row's measurement; in every curve file. */
  public static final String ITERATION = "iteration";
  /**
   * Columns that measure wall time, the only ones that differ between two runs of the same trial
   * (bit-identical otherwise).
   */
  public static final List<String> TIMING_COLUMNS = List.of("train_time_s");
  /** Metrics of an image problem's evaluation, in the order of {@code evals.csv}. */
  public static final List<String> CLASSIFICATION_METRICS = List.of("train_loss",
      "train_accuracy", "validation_loss", "validation_accuracy", "test_loss", "test_accuracy");

  private static final String NETWORK_STEP_UNITS = "iteration: optimizer steps taken before the"
      + " row; epoch: completed epochs; examples_seen: examples; loss: mean mini-batch loss at"
      + " that iteration, before its update; learning_rate: in effect for that step (NaN: none);"
      + " train_time_s: cumulative training seconds, evaluation excluded";
  private static final String NETWORK_EVAL_UNITS = "iteration: optimizer steps taken before the"
      + " evaluation; epoch: completed epochs; examples_seen: examples; train_time_s: cumulative"
      + " training seconds; losses: mean over the examples; accuracies: fraction in [0, 1]";
  private static final String ANALYTIC_UNITS = "iteration: optimizer steps taken; x, y:"
      + " parameters after that many steps; loss: f(x, y); distance_to_optimum: Euclidean"
      + " distance to the nearest global minimiser; suboptimality: f - f*; learning_rate: in"
      + " effect (NaN: none); train_time_s: cumulative seconds of gradient and update";
  private static final List<String> NETWORK_STEP_COLUMNS = List.of(ITERATION, "epoch",
      "examples_seen", "loss", "learning_rate", "train_time_s");
  private static final List<String> NETWORK_EVAL_COLUMNS = List.of(ITERATION, "epoch",
      "examples_seen", "train_time_s");
  private static final List<String> ANALYTIC_COLUMNS = List.of(ITERATION, "x", "y", "loss",
      "distance_to_optimum", "suboptimality", "learning_rate", "train_time_s");

  /**
   * Columns a {@code curve.csv} ends with when its trial clips gradients by their global norm:
   * the L2 norm of the mean mini-batch gradient before clipping, and 1 if the step was clipped
   * (0 if not). Curves of trials without clipping do not have them.
   */
  public static final List<String> CLIPPING_COLUMNS = List.of("grad_norm", "clipped");
  private static final String CLIPPING_UNITS = "; grad_norm: L2 norm over every parameter of the"
      + " mean mini-batch gradient of that step, before clipping; clipped: 1 if the step was"
      + " clipped, else 0";

  /** Copies the column list. */
  public CurveFormat {
    columns = List.copyOf(columns);
  }

  /**
   * {@code curve.csv} of a network problem: iteration, epoch, examples_seen, loss,
   * learning_rate, train_time_s, then the extra columns.
   *
   * @param extraColumns per-step columns after the standard ones (e.g. the weights), may be empty
   * @return the format
   */
  public static CurveFormat networkSteps(List<String> extraColumns) {
    List<String> columns = new ArrayList<>(NETWORK_STEP_COLUMNS);
    columns.addAll(extraColumns);
    return new CurveFormat(ResultStore.CURVE, NETWORK_STEP_UNITS, columns);
  }

  /** @return the number of standard columns before a network curve's extra columns */
  public static int networkStepPrefix() {
    return NETWORK_STEP_COLUMNS.size();
  }

  /**
   * {@code evals.csv} of a network problem: iteration, epoch, examples_seen, train_time_s, then
   * the metrics.
   *
   * @param metrics the evaluator's metric columns, e.g. {@link #CLASSIFICATION_METRICS}
   * @return the format
   */
  public static CurveFormat networkEvals(List<String> metrics) {
    List<String> columns = new ArrayList<>(NETWORK_EVAL_COLUMNS);
    columns.addAll(metrics);
    return new CurveFormat(ResultStore.EVALS, NETWORK_EVAL_UNITS, columns);
  }

  /** @return the number of standard columns before an evaluation's metrics */
  public static int networkEvalPrefix() {
    return NETWORK_EVAL_COLUMNS.size();
  }

  /**
   * {@code curve.csv} of an analytic 2-D problem: iteration, x, y, loss, distance_to_optimum,
   * suboptimality, learning_rate, train_time_s; the columns from x to suboptimality are its final
   * metrics.
   *
   * @return the format
   */
  public static CurveFormat analytic() {
    return new CurveFormat(ResultStore.CURVE, ANALYTIC_UNITS, ANALYTIC_COLUMNS);
  }

  /**
   * Metrics of a ravine-regression evaluation: train_loss, test_loss, then
   * {@link #regressionTrajectory}.
   *
   * @param dimension number of weights (≥ 1)
   * @return the metric columns
   */
  public static List<String> regressionMetrics(int dimension) {
    List<String> columns = new ArrayList<>(List.of("train_loss", "test_loss"));
    columns.addAll(regressionTrajectory(dimension));
    return columns;
  }

  /**
   * @param dimension number of weights (≥ 1)
   * @return {@code w0..w(d−1)}, {@code distance_to_optimum}, {@code suboptimality}
   */
  public static List<String> regressionTrajectory(int dimension) {
    List<String> columns = new ArrayList<>();
    for (int i = 0; i < dimension; i++) {
      columns.add("w" + i);
    }
    columns.add("distance_to_optimum");
    columns.add("suboptimality");
    return columns;
  }

  /**
   * @return this format with {@link #CLIPPING_COLUMNS} appended (and their units stated), for
   *     the curve of a trial that clips gradients by their global norm
   */
  public CurveFormat withClipping() {
    List<String> wider = new ArrayList<>(columns);
    wider.addAll(CLIPPING_COLUMNS);
    return new CurveFormat(file, units + CLIPPING_UNITS, wider);
  }

  /**
   * @param trialDir a trial folder
   * @return this file in it
   */
  public Path in(Path trialDir) {
    return trialDir.resolve(file);
  }

  /**
   * Creates (or truncates) the file in a trial folder and writes the units and header.
   *
   * @param trialDir the trial folder
   * @return a writer of rows as wide as {@link #columns}
   * @throws java.io.UncheckedIOException if the file cannot be written
   */
  public CurveWriter create(Path trialDir) {
    return new CurveWriter(in(trialDir), units, columns);
  }

  /**
   * Reopens the file after a checkpoint: cuts it back to {@code keepBytes} and appends.
   *
   * @param trialDir the trial folder
   * @param keepBytes its length at the checkpoint, from {@link #size}
   * @return a writer appending rows
   * @throws java.io.UncheckedIOException if the file is shorter than that or unwritable
   */
  public CurveWriter resume(Path trialDir, long keepBytes) {
    return CurveWriter.resume(in(trialDir), keepBytes, columns.size());
  }

  /**
   * @param trialDir the trial folder
   * @return the file's length in bytes (after the writer's {@link CurveWriter#flush})
   */
  public long size(Path trialDir) {
    return CurveWriter.size(in(trialDir));
  }
}
