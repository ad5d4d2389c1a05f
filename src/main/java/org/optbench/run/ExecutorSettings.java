package org.optbench.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What an {@link ExecutorProvider} needs to train a run's trials away from this JVM.
 *
 * @param experiment the experiment's name, e.g. to name a cluster application
 * @param threads native threads per trial (the experiment's {@code threads}); a trial must train
 *     with exactly this many for its bits to match a local run
 * @param dataDir the data directory given by {@code --data-dir} or the config, absolute; empty
 *     when each place finds its own ({@code OPTBENCH_DATA}, {@code ./data})
 * @param download whether missing data may be downloaded (checked against the same SHA-256)
 * @param plugins the run's {@code --plugins} jars and folders, absolute
 * @param master where to connect, as {@code --master} gave it (e.g. {@code local[2]},
 *     {@code spark://host:7077}); empty when the engine finds it itself (e.g. under
 *     {@code spark-submit})
 */
public record ExecutorSettings(String experiment, int threads, Optional<Path> dataDir,
    boolean download, List<Path> plugins, Optional<String> master) {
  /** Copies the list and makes the paths absolute. */
  public ExecutorSettings {
    dataDir = dataDir.map(Path::toAbsolutePath);
    plugins = plugins.stream().map(Path::toAbsolutePath).toList();
  }
}
