package org.optbench.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.spark.SparkFiles;
import org.optbench.data.DatasetRepository;
import org.optbench.dl4j.Dl4jTrialRunner;
import org.optbench.experiment.TrialSpec;
import org.optbench.reproduce.RecordedTrial;
import org.optbench.result.AtomicFiles;
import org.optbench.result.ResultStore;
import org.optbench.result.TrialConditions;
import org.optbench.result.TrialResult;
import org.optbench.result.TrialStatus;
import org.optbench.run.EnvironmentFacts;

/**
 * The executor's side of a task: rebuilds the trial in a scratch experiment folder (its resolved
 * config and {@code spec.json}), trains it exactly as {@code LocalTrialExecutor} does in-process
 * (same runner; a trial that throws is FAILED with the exception as its message, never an error
 * of the task, so Spark does not retry a deterministic failure), and returns the folder's files.
 * Only a lost executor makes Spark run the task again.
 */
final class TaskTrainer {
  /**
   * One runner per data directory and thread count in each executor JVM: the data sets it loads
   * are kept and shared by every trial the executor trains, as in a local run.
   */
  private static final Map<String, Dl4jTrialRunner> RUNNERS = new ConcurrentHashMap<>();

  private TaskTrainer() {}

  /**
   * @param trial the shipped trial
   * @return its files, or why it could not be rebuilt
   */
  static TrialFiles train(ShippedTrial trial) {
    String host = hostName();
    Path root = null;
    try {
      root = Files.createTempDirectory("optbench-task-");
      Files.writeString(root.resolve(ResultStore.RESOLVED_CONFIG), trial.resolvedConfig());
      Path dir = root.resolve(trial.trialPath());
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(ResultStore.SPEC), trial.specJson());
      ShippedTrial.TaskSettings settings = trial.settings();
      List<Path> plugins = settings.pluginFiles().stream()
          .map(name -> Path.of(SparkFiles.get(name))).toList();
      TrialSpec spec;
      try {
        spec = RecordedTrial.specToRun(dir, plugins);
      } catch (RuntimeException e) {
        // E.g. a data file of the config missing on this host: the driver records it as FAILED.
        return new TrialFiles(host, Map.of(), "on executor host " + host + ": " + e);
      }
      TrialResult result;
      try {
        result = runner(settings).runOrFail(spec, dir, steps -> { });
      } catch (RuntimeException e) {
        // The runner could not start here (ND4J's thread count, say).
        result = TrialResult.failed(spec, String.valueOf(e));
      }
      if (result.status() == TrialStatus.FAILED) {
        // The same status as a local run; the host says where to look.
        result = TrialResult.failed(spec, "on executor host " + host + ": " + result.message());
      }
      if (spec.budget().hasTimeLimit()) {
        result = result.withConditions(new TrialConditions(EnvironmentFacts.machine(),
            settings.parallelism()));
      }
      ResultStore.writeResult(dir, result);
      return new TrialFiles(host, files(dir), null);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot train in a scratch folder on " + host, e);
    } finally {
      if (root != null) {
        AtomicFiles.deleteTree(root);
      }
    }
  }

  private static Dl4jTrialRunner runner(ShippedTrial.TaskSettings settings) {
    String key = settings.dataDir() + "|" + settings.download() + "|" + settings.threads();
    return RUNNERS.computeIfAbsent(key, k -> new Dl4jTrialRunner(
        DatasetRepository.fromEnvironment(Optional.ofNullable(settings.dataDir()).map(Path::of),
            settings.download()), settings.threads()));
  }

  /** @return the folder's files but the spec and the checkpoint, by relative path */
  private static Map<String, String> files(Path dir) throws IOException {
    Map<String, String> files = new TreeMap<>();
    Path checkpoint = ResultStore.checkpointDir(dir);
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        if (p.startsWith(checkpoint) || p.getFileName().toString().equals(ResultStore.SPEC)) {
          continue;
        }
        files.put(dir.relativize(p).toString().replace('\\', '/'),
            Files.readString(p, StandardCharsets.UTF_8));
      }
    }
    return files;
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown host";
    }
  }
}
