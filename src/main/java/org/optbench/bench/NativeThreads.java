package org.optbench.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.optbench.data.DatasetRepository;
import org.optbench.dl4j.Backend;
import org.optbench.dl4j.Dl4jTrialRunner;
import org.optbench.experiment.TrialSpec;
import org.optbench.platform.CAllocator;

/**
 * One mnist-mlp trial with 1 and with 2 native threads. ND4J fixes its OpenMP thread pool when it
 * starts, from {@code OMP_NUM_THREADS} (setting a smaller maximum later is honoured by some
 * operations, a larger one by none), so each run is a separate JVM started with
 * {@code OMP_NUM_THREADS} equal to the trial's threads; the trial's own {@code threads} setting
 * then pins the BLAS threads as {@code optbench run} does.
 */
public final class NativeThreads {
  /** What a child run prints, parsed by the parent. */
  private static final Pattern LINE = Pattern.compile(
      "trial-seconds=(\\S+) omp-threads=(\\d+) blas-threads=(\\d+)");

  /**
   * @param threads native threads asked for
   * @param seconds steps 2..N of the trial, one value per repeat
   * @param ompThreads the OpenMP threads ND4J reported in the child
   * @param blasThreads the BLAS threads ND4J reported in the child
   */
  public record Result(int threads, Spread seconds, int ompThreads, int blasThreads) {}

  private NativeThreads() {}

  /**
   * Runs each thread count {@code repeats} times in child JVMs, alternating.
   *
   * @param threadCounts e.g. {@code [1, 2]}
   * @param steps optimizer steps of the trial
   * @param repeats runs per thread count
   * @param childArgs extra arguments for the child's {@code optbench bench} (data options)
   * @param log told about each run
   * @return one result per thread count, in the given order
   */
  public static List<Result> measure(List<Integer> threadCounts, int steps, int repeats,
      List<String> childArgs, PrintWriter log) {
    List<List<Double>> seconds = new ArrayList<>();
    int[] omp = new int[threadCounts.size()];
    int[] blas = new int[threadCounts.size()];
    threadCounts.forEach(t -> seconds.add(new ArrayList<>()));
    for (int r = 0; r < repeats; r++) {
      for (int k = 0; k < threadCounts.size(); k++) {
        // Rotate the starting thread count per repeat, so load trends are shared.
        int i = (k + r) % threadCounts.size();
        int threads = threadCounts.get(i);
        Matcher m = child(threads, steps, childArgs);
        double s = Double.parseDouble(m.group(1));
        seconds.get(i).add(s);
        omp[i] = Integer.parseInt(m.group(2));
        blas[i] = Integer.parseInt(m.group(3));
        log.printf(Locale.ROOT, "  %d thread(s), run %d: %.3f s (OpenMP %d, BLAS %d)%n", threads,
            r + 1, s, omp[i], blas[i]);
        log.flush();
      }
    }
    List<Result> results = new ArrayList<>();
    for (int i = 0; i < threadCounts.size(); i++) {
      results.add(new Result(threadCounts.get(i), Spread.of(seconds.get(i)), omp[i], blas[i]));
    }
    return results;
  }

  /**
   * The child's side: trains the trial once in the harness and prints the line the parent reads.
   *
   * @param repository where MNIST is found
   * @param steps optimizer steps
   * @param threads native threads of the trial
   * @param out where the line goes
   */
  public static void child(DatasetRepository repository, int steps, int threads,
      PrintWriter out) {
    TrialSpec spec = BenchPlans.mlpTrial(steps, threads);
    Dl4jTrialRunner runner = new Dl4jTrialRunner(repository, threads);
    runner.prepare(List.of(spec));
    try (Scratch scratch = new Scratch()) {
      HarnessOverhead.harness(BenchPlans.mlpTrial(
          Math.min(steps, HarnessOverhead.WARM_UP_STEPS), threads), runner, scratch);
      double s = HarnessOverhead.harness(spec, runner, scratch).seconds();
      Map<String, Object> backend = Backend.describe();
      out.printf(Locale.ROOT, "trial-seconds=%s omp-threads=%s blas-threads=%s%n", s,
          backend.get("ompThreads"), backend.get("blasThreads"));
      out.flush();
    }
  }

  private static Matcher child(int threads, int steps, List<String> childArgs) {
    String java = ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> command = new ArrayList<>(List.of(java, "-Xmx4g", "-cp",
        System.getProperty("java.class.path"), "org.optbench.cli.Main", "bench",
        "--child-trial", "--steps", Integer.toString(steps), "--threads",
        Integer.toString(threads)));
    command.addAll(childArgs);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
    CAllocator.addTo(builder.environment());
    try {
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(),
          StandardCharsets.UTF_8);
      int code = process.waitFor();
      Optional<Matcher> found = output.lines().map(LINE::matcher).filter(Matcher::matches)
          .findFirst();
      if (code != 0 || found.isEmpty()) {
        throw new IllegalStateException("the " + threads + "-thread run failed (exit " + code
            + "):\n" + output);
      }
      return found.get();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + java, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
