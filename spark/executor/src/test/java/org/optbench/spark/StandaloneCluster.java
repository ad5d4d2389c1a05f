package org.optbench.spark;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Spark standalone cluster on 127.0.0.1, started from Spark's own jars as a distribution's
 * {@code sbin/start-master.sh} and {@code start-worker.sh} would: one {@code Master} and one
 * {@code Worker} with 2 cores, each a JVM of its own; closing it stops both and the executors the
 * worker started.
 */
final class StandaloneCluster implements AutoCloseable {
  /** Environment of the cluster's JVMs and of drivers that use it: everything on loopback. */
  static final Map<String, String> ENV = Map.of("SPARK_LOCAL_IP", "127.0.0.1",
      "OMP_NUM_THREADS", "1");
  private static final Duration START = Duration.ofSeconds(90);

  private final List<Process> processes = new ArrayList<>();
  private final String url;
  private final Path logs;

  /**
   * @param dir a scratch folder: the logs and the worker's folder go there
   * @param memory the worker's memory for executors, e.g. {@code 8g}
   * @throws IllegalStateException if the master or the worker does not come up in time
   */
  StandaloneCluster(Path dir, String memory) throws IOException, InterruptedException {
    this.logs = Files.createDirectories(dir.resolve("cluster-logs"));
    int port = freePort();
    this.url = "spark://127.0.0.1:" + port;
    try {
      start("master", List.of("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
          "--port", Integer.toString(port), "--webui-port", Integer.toString(freePort())));
      await("master", "I have been elected leader");
      start("worker", List.of("org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
          "--cores", "2", "--memory", memory, "--webui-port", Integer.toString(freePort()),
          "--work-dir", Files.createDirectories(dir.resolve("worker")).toString(), url));
      await("worker", "Successfully registered with master");
    } catch (IOException | InterruptedException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /** @return the master's URL, {@code spark://127.0.0.1:PORT} */
  String url() {
    return url;
  }

  /** @return what the master and the worker logged, for a failure's message */
  String logs() {
    StringBuilder all = new StringBuilder();
    for (String name : List.of("master", "worker")) {
      try {
        all.append("--- ").append(name).append('\n')
            .append(Files.readString(logs.resolve(name + ".log")));
      } catch (IOException e) {
        all.append("(no log: ").append(e.getMessage()).append(")\n");
      }
    }
    return all.toString();
  }

  private void start(String name, List<String> mainAndArgs) throws IOException {
    List<String> command = new ArrayList<>(SparkTests.java("512m"));
    command.addAll(mainAndArgs);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(logs.resolve(name + ".log").toFile());
    builder.environment().putAll(ENV);
    // The worker builds its executors' class path from $SPARK_HOME/jars.
    builder.environment().put("SPARK_HOME", SparkTests.SPARK_HOME.toAbsolutePath().toString());
    // A distribution's scripts set this; without it the launcher looks for a source build.
    builder.environment().put("SPARK_SCALA_VERSION", "2.12");
    processes.add(builder.start());
  }

  private void await(String name, String line) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + START.toNanos();
    Path log = logs.resolve(name + ".log");
    while (System.nanoTime() < deadline) {
      if (Files.exists(log) && Files.readString(log).contains(line)) {
        return;
      }
      if (processes.stream().anyMatch(p -> !p.isAlive())) {
        break;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the " + name + " did not start:\n" + logs());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Stops the worker's executors, the worker and the master, in that order. */
  @Override
  public void close() {
    for (int i = processes.size() - 1; i >= 0; i--) {
      Process process = processes.get(i);
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroy();
      try {
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
