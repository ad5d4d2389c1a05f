package org.optbench.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.optbench.UserInputException;
import org.optbench.run.ExecutorConnection;
import org.optbench.run.ExecutorSettings;

/** What the Spark provider checks before it starts Spark, and what it starts. */
class SparkExecutorProviderTest {
  private static ExecutorSettings settings(int threads, Optional<String> master) {
    return new ExecutorSettings("provider-check", threads, Optional.empty(), false, List.of(),
        master);
  }

  @Test
  void withoutAMasterItSaysWhereToGiveOne() {
    UserInputException e = assertThrows(UserInputException.class,
        () -> new SparkExecutorProvider().open(settings(1, Optional.empty())));
    assertTrue(e.getMessage().startsWith("--executor spark needs a cluster: give --master URL"),
        e.getMessage());
  }

  @Test
  void aMasterUrlSparkWouldNotParseIsABadArgument() {
    UserInputException e = assertThrows(UserInputException.class,
        () -> new SparkExecutorProvider().open(settings(1, Optional.of("spork://nowhere"))));
    assertEquals("--master spork://nowhere is not a Spark master URL; accepted: local, local[N],"
        + " local[*], spark://HOST:PORT, yarn, k8s://https://HOST:PORT", e.getMessage());
    for (String good : List.of("local", "local[2]", "local[*]", "local[2,3]",
        "spark://127.0.0.1:7077", "spark://a:7077,b:7077", "yarn", "k8s://https://h:6443")) {
      SparkExecutorProvider.checkMaster(good);
    }
  }

  @Test
  void aTaskCpusOtherThanTheThreadsIsRefused() {
    System.setProperty("spark.task.cpus", "2");
    try {
      UserInputException e = assertThrows(UserInputException.class,
          () -> new SparkExecutorProvider().open(settings(1, Optional.of("local[2]"))));
      assertEquals("spark.task.cpus is 2 but the experiment trains each trial with 1 native"
          + " thread(s); leave spark.task.cpus unset (optbench sets it) or set threads: in the"
          + " config", e.getMessage());
    } finally {
      System.clearProperty("spark.task.cpus");
    }
  }

  @Test
  void eachTaskGetsTheTrialsThreadsAsCores() {
    try (ExecutorConnection connection = new SparkExecutorProvider().open(
        settings(1, Optional.of("local[2]")))) {
      assertEquals(2, connection.slots());
      assertEquals("as Spark tasks on local[2] (1 core(s) per task)", connection.where());
    }
  }
}
