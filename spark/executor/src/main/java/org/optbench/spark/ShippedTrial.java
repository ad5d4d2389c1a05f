package org.optbench.spark;

import java.io.Serializable;
import java.util.List;

/**
 * One trial as a Spark task receives it: everything an executor needs to rebuild and train it,
 * as text, since the result store is on the driver's disk and may be nowhere else.
 *
 * @param trialPath the trial folder relative to the experiment folder, e.g.
 *     {@code trials/ravine-2d/adam/lr=0.05--1a2b3c4d/seed-0}
 * @param specJson the trial's {@code spec.json}, as the driver wrote it
 * @param resolvedConfig the experiment's {@code experiment.resolved.yaml}
 * @param settings the run's settings shared by its tasks
 */
record ShippedTrial(String trialPath, String specJson, String resolvedConfig,
    TaskSettings settings) implements Serializable {

  /**
   * What every task of a run shares.
   *
   * @param threads native threads per trial; the executor's {@code OMP_NUM_THREADS} must match
   * @param dataDir the run's data directory, absolute, or null when each executor finds its own
   * @param download whether an executor may download missing data (same SHA-256 checks)
   * @param pluginFiles file names of the plugin jars shipped with {@code SparkContext.addFile}
   * @param parallelism trials trained at once, recorded by a time-limited trial
   */
  record TaskSettings(int threads, String dataDir, boolean download, List<String> pluginFiles,
      int parallelism) implements Serializable {
    TaskSettings {
      pluginFiles = List.copyOf(pluginFiles);
    }
  }
}
