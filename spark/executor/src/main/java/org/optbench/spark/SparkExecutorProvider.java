package org.optbench.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.optbench.UserInputException;
import org.optbench.platform.CAllocator;
import org.optbench.result.ResultStore;
import org.optbench.run.ExecutorConnection;
import org.optbench.run.ExecutorProvider;
import org.optbench.run.ExecutorSettings;
import org.optbench.run.TrialExecutor;

/**
 * {@code optbench run CONFIG --executor spark [--master URL]}: the run's trials as Spark tasks
 * ({@link SparkTrialExecutor}), on {@code local[N]}, a standalone cluster, YARN or Kubernetes,
 * whichever the master URL (or {@code spark-submit}'s {@code --master}) names. Each task gets
 * {@code spark.task.cpus} = the experiment's {@code threads} cores and an executor environment
 * with {@code OMP_NUM_THREADS} = {@code threads}, so a trial trains with the native thread count
 * of a local run and gives its bits. Plugin jars go to the executors with
 * {@code SparkContext.addFile}; the data are read on each executor from the run's data directory
 * (a path every executor sees) or downloaded there, with the same SHA-256 checks.
 */
public final class SparkExecutorProvider implements ExecutorProvider {
  /** The executor's name for {@code --executor}. */
  public static final String NAME = "spark";

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public SparkExecutorProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  /**
   * Starts the Spark application of the run.
   *
   * @throws UserInputException if no master URL is known (neither {@code --master} nor
   *     {@code spark-submit}'s), if this JVM lacks the module openings Spark needs on Java 17, or
   *     if {@code spark.task.cpus} is set to another value than the experiment's threads
   */
  /** The master URL forms Spark 3.5 accepts (its SparkContext and SparkSubmit). */
  private static final Pattern MASTER = Pattern.compile(
      "local|local\\[(\\*|[1-9][0-9]*)(,[0-9]+)?]|local-cluster\\[.+]"
          + "|spark://[^/\\s]+(:[0-9]+)?(,[^/\\s]+(:[0-9]+)?)*|yarn|k8s://.+|mesos://.+");

  /**
   * Refuses a master URL Spark would not parse, before Spark starts (Spark reports it as an
   * internal error with a long stack trace).
   *
   * @param master the master URL
   * @throws UserInputException naming the value and the forms accepted
   */
  static void checkMaster(String master) {
    if (!MASTER.matcher(master).matches()) {
      throw new UserInputException("--master " + master + " is not a Spark master URL; accepted:"
          + " local, local[N], local[*], spark://HOST:PORT, yarn, k8s://https://HOST:PORT");
    }
  }

  @Override
  public ExecutorConnection open(ExecutorSettings settings) {
    JavaModuleOptions.check();
    // Loads spark.* system properties, which spark-submit sets (spark.master among them).
    SparkConf conf = new SparkConf().setAppName("optbench " + settings.experiment());
    settings.master().ifPresent(conf::setMaster);
    if (!conf.contains("spark.master")) {
      throw new UserInputException("--executor spark needs a cluster: give --master URL (e.g."
          + " local[2] or spark://host:7077), or run optbench through spark-submit --master URL");
    }
    checkMaster(conf.get("spark.master"));
    String threads = Integer.toString(settings.threads());
    if (conf.contains("spark.task.cpus") && !conf.get("spark.task.cpus").equals(threads)) {
      throw new UserInputException("spark.task.cpus is " + conf.get("spark.task.cpus")
          + " but the experiment trains each trial with " + threads + " native thread(s);"
          + " leave spark.task.cpus unset (optbench sets it) or set threads: in the config");
    }
    conf.set("spark.task.cpus", threads);
    // ND4J sizes its OpenMP pool from OMP_NUM_THREADS when it starts, in each executor JVM.
    conf.set("spark.executorEnv.OMP_NUM_THREADS", threads);
    // The C allocator settings every optbench JVM trains with (a value set in the conf wins).
    CAllocator.SETTINGS.forEach((name, value) -> conf.setIfMissing("spark.executorEnv." + name,
        value));
    List<Path> jars = pluginJars(settings.plugins());
    JavaSparkContext spark = new JavaSparkContext(conf);
    spark.setLogLevel(conf.get("spark.optbench.logLevel", "WARN"));
    List<String> names = new ArrayList<>();
    for (Path jar : jars) {
      spark.addFile(jar.toString());
      names.add(jar.getFileName().toString());
    }
    int cpus = settings.threads();
    return new ExecutorConnection() {
      @Override
      public int slots() {
        return Math.max(1, spark.defaultParallelism() / cpus);
      }

      @Override
      public String where() {
        return "as Spark tasks on " + spark.master() + " (" + cpus + " core(s) per task)";
      }

      @Override
      public TrialExecutor executor(ResultStore store) {
        int slots = slots();
        return new SparkTrialExecutor(spark, store, new ShippedTrial.TaskSettings(
            settings.threads(), settings.dataDir().map(Path::toString).orElse(null),
            settings.download(), names, slots), slots);
      }

      @Override
      public void close() {
        spark.stop();
      }
    };
  }

  /** @return the jars of {@code --plugins}: each jar, and the jars of each folder */
  private static List<Path> pluginJars(List<Path> plugins) {
    List<Path> jars = new ArrayList<>();
    for (Path plugin : plugins) {
      if (Files.isDirectory(plugin)) {
        try (Stream<Path> files = Files.list(plugin)) {
          files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted()
              .forEach(jars::add);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot list " + plugin, e);
        }
      } else {
        jars.add(plugin);
      }
    }
    return jars;
  }
}
