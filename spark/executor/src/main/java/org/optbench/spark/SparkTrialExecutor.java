package org.optbench.spark;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SimpleFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import org.optbench.experiment.TrialId;
import org.optbench.experiment.TrialSpec;
import org.optbench.result.AtomicFiles;
import org.optbench.result.ResultStore;
import org.optbench.result.TrialFolder;
import org.optbench.result.TrialResult;
import org.optbench.run.TrialExecutor;
import scala.collection.Iterator;
import scala.collection.JavaConverters;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

/**
 * Runs a phase's trials as one Spark job, one trial per task, and writes each trial's files into
 * the driver's result store as its task ends; see {@link TrialExecutor} for the contract. The
 * driver writes {@code spec.json} first, as a local run does; the task trains the trial on an
 * executor ({@link TaskTrainer}) and sends its curves and result back; the driver writes the
 * curves, then {@code result.json} last and atomically, so a driver killed part-way loses only
 * the trials in flight and a rerun resumes. A trial that fails is a FAILED result sent back like
 * any other, so Spark retries a task only when its executor was lost; a job Spark gives up on
 * (the same task lost {@code spark.task.maxFailures} times) stops the run with Spark's message,
 * and the trials without a result run again next time. Progress is reported per trial, when it
 * ends.
 */
final class SparkTrialExecutor implements TrialExecutor {
  private final JavaSparkContext spark;
  private final ResultStore store;
  private final ShippedTrial.TaskSettings settings;
  private final int slots;

  /**
   * @param spark the run's Spark application
   * @param store the result store, on the driver
   * @param settings what every task needs
   * @param slots trials Spark trains at once, for the run's messages
   */
  SparkTrialExecutor(JavaSparkContext spark, ResultStore store,
      ShippedTrial.TaskSettings settings, int slots) {
    this.spark = spark;
    this.store = store;
    this.settings = settings;
    this.slots = slots;
  }

  @Override
  public int workers() {
    return slots;
  }

  /** One finished task: which trial (its partition) and its files. */
  private record Finished(int index, TrialFiles files) {}

  @Override
  public void execute(List<Assignment> assignments, Listener listener)
      throws InterruptedException {
    if (assignments.isEmpty()) {
      return;
    }
    String config = store.resolvedConfig().orElseThrow(() -> new IllegalStateException(
        "no " + ResultStore.RESOLVED_CONFIG + " in " + store.root()));
    List<ShippedTrial> shipped = new ArrayList<>();
    List<Path> dirs = new ArrayList<>();
    for (Assignment assignment : assignments) {
      Path dir = store.begin(assignment.spec(), assignment.arms());
      dirs.add(dir);
      shipped.add(new ShippedTrial(store.root().relativize(dir).toString().replace('\\', '/'),
          readString(dir.resolve(ResultStore.SPEC)), config, settings));
    }
    // One element per partition, in plan order: one trial per task, started in list order.
    RDD<ShippedTrial> trials = spark.parallelize(shipped, shipped.size()).rdd();
    BlockingQueue<Finished> done = new LinkedBlockingQueue<>();
    List<Object> partitions = new ArrayList<>();
    for (int i = 0; i < shipped.size(); i++) {
      partitions.add(i);
    }
    String group = "optbench-" + System.nanoTime();
    spark.setJobGroup(group, shipped.size() + " trial(s)", true);
    // The handler runs on Spark's scheduler thread: it only queues, the caller writes.
    SimpleFutureAction<BoxedUnit> job = spark.sc().submitJob(trials, new TrainPartition(),
        JavaConverters.asScalaBufferConverter(partitions).asScala().toSeq(),
        (index, files) -> {
          done.add(new Finished((Integer) index, files));
          return BoxedUnit.UNIT;
        }, () -> BoxedUnit.UNIT);
    int received = 0;
    try {
      while (received < shipped.size()) {
        Finished finished = done.poll(200, TimeUnit.MILLISECONDS);
        if (finished == null) {
          // Spark hands every task's result over before it completes the job.
          if (job.isCompleted() && done.isEmpty()) {
            if (job.value().get().isFailure()) {
              Throwable cause = job.value().get().failed().get();
              throw new IllegalStateException("the Spark job stopped (" + cause.getMessage()
                  + "); trials without a result run again next time", cause);
            }
            throw new IllegalStateException("the Spark job ended without the results of "
                + (shipped.size() - received) + " trial(s); they run again next time");
          }
          continue;
        }
        received++;
        Assignment assignment = assignments.get(finished.index());
        TrialResult result = write(assignment.spec(), dirs.get(finished.index()),
            finished.files());
        listener.progressedToEnd(assignment.spec(), result);
        listener.finished(result);
      }
    } catch (InterruptedException e) {
      spark.cancelJobGroup(group);
      throw e;
    } catch (RuntimeException e) {
      spark.cancelJobGroup(group);
      throw e instanceof IllegalStateException ? e
          : new IllegalStateException("result store failed", e);
    }
  }

  /**
   * Writes a task's files into the trial's folder, {@code result.json} last.
   *
   * @return the result as the store now holds it
   */
  private TrialResult write(TrialSpec spec, Path dir, TrialFiles files) {
    if (files.error() != null) {
      TrialResult failed = TrialResult.failed(spec, files.error());
      store.finish(spec, failed);
      return failed;
    }
    for (Map.Entry<String, String> file : files.files().entrySet()) {
      if (!file.getKey().equals(ResultStore.RESULT)) {
        Path target = dir.resolve(file.getKey());
        createParent(target);
        AtomicFiles.write(target, file.getValue());
      }
    }
    String result = files.files().get(ResultStore.RESULT);
    if (result == null) {
      TrialResult failed = TrialResult.failed(spec, "the task on " + files.host()
          + " sent no " + ResultStore.RESULT);
      store.finish(spec, failed);
      return failed;
    }
    // From here on the trial is finished: its result is the last file written.
    AtomicFiles.write(dir.resolve(ResultStore.RESULT), result);
    AtomicFiles.deleteTree(ResultStore.checkpointDir(dir));
    TrialFolder.State state = TrialFolder.inspect(dir, TrialId.of(spec).hex());
    if (state instanceof TrialFolder.Finished finished) {
      return finished.result();
    }
    TrialResult failed = TrialResult.failed(spec, "the task on " + files.host()
        + " sent a trial that is not whole ("
        + (state instanceof TrialFolder.Damaged d ? d.reason() : "no " + ResultStore.RESULT)
        + ")");
    store.finish(spec, failed);
    return failed;
  }

  private static void createParent(Path target) {
    try {
      Files.createDirectories(target.getParent());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot create " + target.getParent(), e);
    }
  }

  private static String readString(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read " + file, e);
    }
  }

  /** The task: trains the partition's one trial on the executor. */
  private static final class TrainPartition extends AbstractFunction1<Iterator<ShippedTrial>,
      TrialFiles> implements Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public TrialFiles apply(Iterator<ShippedTrial> partition) {
      return TaskTrainer.train(partition.next());
    }
  }
}
