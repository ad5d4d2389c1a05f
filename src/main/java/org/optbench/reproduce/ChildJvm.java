package org.optbench.reproduce;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.optbench.platform.CAllocator;

/**
 * Runs optbench again in a fresh JVM with another {@code OMP_NUM_THREADS}: ND4J sizes its OpenMP
 * pool once, when it starts, and results are bit-identical only at one thread count, so a trial
 * recorded with n threads is reproduced in a JVM whose ND4J started with n.
 */
public final class ChildJvm {
  private ChildJvm() {}

  /**
   * The command line of the child: this JVM's java executable, its memory and system-property
   * options (not agents or debuggers), its class path and the given main class and arguments.
   *
   * @param mainClass the class whose {@code main} runs
   * @param args its arguments
   * @return the command
   */
  public static List<String> command(String mainClass, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse(
        Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (option.startsWith("-X") || option.startsWith("-D")) {
        command.add(option);
      }
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(args);
    return command;
  }

  /**
   * Runs the child to its end, copying its output and error lines to the given writers.
   *
   * @param command from {@link #command}
   * @param threads its {@code OMP_NUM_THREADS}
   * @param out receives the child's standard output
   * @param err receives the child's standard error
   * @return the child's exit code
   * @throws UncheckedIOException if the child cannot be started
   * @throws InterruptedException if interrupted while waiting (the child is then destroyed)
   */
  public static int run(List<String> command, int threads, PrintWriter out, PrintWriter err)
      throws InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
    CAllocator.addTo(builder.environment());
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command.get(0), e);
    }
    try {
      process.getOutputStream().close();
      Thread copyErr = copy(process.getErrorStream(), err);
      Thread copyOut = copy(process.getInputStream(), out);
      int code = process.waitFor();
      copyOut.join();
      copyErr.join();
      return code;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (process.isAlive()) {
        process.destroy();
      }
    }
  }

  private static Thread copy(InputStream stream, PrintWriter to) {
    Thread thread = new Thread(() -> {
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream,
          Charset.defaultCharset()))) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          synchronized (to) {
            to.println(line);
            to.flush();
          }
        }
      } catch (IOException e) {
        // The child ended; what it printed so far has been passed on.
      }
    }, "child-output");
    thread.start();
    return thread;
  }
}
