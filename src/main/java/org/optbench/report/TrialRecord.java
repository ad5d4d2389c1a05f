package org.optbench.report;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.optbench.experiment.Arm;
import org.optbench.result.CurveTable;
import org.optbench.result.TrialResult;
import org.optbench.result.TrialStatus;

/**
 * One trial of the plan with whatever the store holds for it.
 *
 * @param trialId 64 hex digits
 * @param problem the problem it belongs to
 * @param optimizer optimizer id
 * @param hyperparameters hyperparameters by DL4J name, in configuration order
 * @param batchSize mini-batch size or {@code full}
 * @param seed the seed
 * @param indexStatus status column of {@code trials.csv} ({@code PENDING} when not run)
 * @param path trial folder relative to the experiment folder
 * @param settingKey identifies the setting (the trial folder minus its {@code seed-n} part)
 * @param result {@code result.json}, or null if the trial is unfinished or damaged (so a damaged
 *     trial never counts in an aggregate)
 * @param damage what is wrong with a finished trial's files (naming the file and line), or null
 *     (the rule is {@link org.optbench.result.TrialFolder}'s, shared with {@code run})
 * @param curve {@code curve.csv} (checked whole for a finished trial, else read as far as it
 *     goes), or null if absent or unreadable
 * @param evals {@code evals.csv} likewise, or null if absent or unreadable (always null for
 *     problems without evaluations)
 * @param arms the protocol arms that list this trial in {@code trials.csv}, in order of first
 *     appearance: grid, or some of tuning, evaluation, defaults
 * @param origin the experiment folder it was read from
 */
record TrialRecord(String trialId, ProblemEntry problem, String optimizer,
    Map<String, Double> hyperparameters, String batchSize, long seed, String indexStatus,
    String path, String settingKey, TrialResult result, String damage, CurveTable curve,
    CurveTable evals, List<Arm> arms, Origin origin) {

  /**
   * Where a trial was read from.
   *
   * @param root the experiment folder; {@link #path()} is relative to it
   * @param label the experiment's name as a merged report shows it beside each line and
   *     setting, or empty in the report of one experiment (which names no origin)
   */
  record Origin(Path root, String label) {}

  /** Keeps the hyperparameter order and makes the collections immutable. */
  TrialRecord {
    hyperparameters = Collections.unmodifiableMap(new LinkedHashMap<>(hyperparameters));
    arms = List.copyOf(arms);
  }

  /**
   * @param arm an arm
   * @return whether the index lists this trial in that arm
   */
  boolean inArm(Arm arm) {
    return arms.contains(arm);
  }

  /** @return the status from {@code result.json}, or null if there is none */
  TrialStatus status() {
    return result == null ? null : result.status();
  }

  /** @return whether the trial trained for its whole budget */
  boolean completed() {
    return status() == TrialStatus.COMPLETED;
  }

  /** @return whether the trial stopped because its loss diverged */
  boolean diverged() {
    return status() == TrialStatus.DIVERGED;
  }

  /**
   * @param merged the problem as the merged report holds it
   * @param key the setting key there (prefixed when another experiment has the same folder)
   * @param from where the trial came from, with the label the merged report shows
   * @return this trial in a merged report
   */
  TrialRecord inMerge(ProblemEntry merged, String key, Origin from) {
    return new TrialRecord(trialId, merged, optimizer, hyperparameters, batchSize, seed,
        indexStatus, path, key, result, damage, curve, evals, arms, from);
  }

  /** @return the learning rate, or NaN for optimizers without one (AdaDelta) */
  double learningRate() {
    Double lr = hyperparameters.get("learningRate");
    return lr == null ? Double.NaN : lr;
  }
}
