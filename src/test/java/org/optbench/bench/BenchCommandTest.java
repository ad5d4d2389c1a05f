package org.optbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.cli.Main;

/** {@code optbench bench} on arguments and JMH files alone (nothing is trained). */
class BenchCommandTest {
  @TempDir Path temp;

  private int run(StringWriter out, StringWriter err, String... args) {
    return Main.execute(new PrintWriter(out), new PrintWriter(err), args);
  }

  @Test
  void printsTablesFromJmhFiles() throws Exception {
    Path file = temp.resolve("updaters.json");
    Files.writeString(file, """
        [{"benchmark": "org.optbench.jmh.UpdaterStepBenchmark.step", "mode": "avgt",
          "params": {"updater": "copy", "size": "1000", "dtype": "double"},
          "primaryMetric": {"score": 800.0, "scoreUnit": "ns/op", "rawData": [[800.0]]}},
         {"benchmark": "org.optbench.jmh.UpdaterStepBenchmark.step", "mode": "avgt",
          "params": {"updater": "rmsprop", "size": "1000", "dtype": "double"},
          "primaryMetric": {"score": 2000.0, "scoreUnit": "ns/op", "rawData": [[2000.0]]}}]
        """);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertEquals(0, run(out, err, "bench", "--jmh", file.toString()), err.toString());
    // Copy: 16 bytes x 1000 in 800 ns = 20 GB/s; RmsProp double: 2 x 8 x 3 = 48 bytes/param,
    // bound 2.4 ns/param; measured (2000 - 800) / 1000 = 1.2 ns/param: 0.5 of the bound.
    assertTrue(out.toString().contains(
        "| rmsprop | double | 1e+03  | 1.200    | 48          | 20.0      | 2.400          | 0.5"),
        out.toString());

    // As a shell glob passes them: several files after one --jmh.
    Path training = temp.resolve("training.json");
    Files.writeString(training, """
        [{"benchmark": "org.optbench.jmh.TrainingStepBenchmark.fit", "mode": "avgt",
          "params": {"batch": "128", "problem": "mnist-logreg", "updater": "sgd"},
          "primaryMetric": {"score": 1.0, "scoreUnit": "ms/op", "rawData": [[1.0]]}}]
        """);
    StringWriter both = new StringWriter();
    assertEquals(0, run(both, err, "bench", "--jmh", file.toString(), training.toString()),
        err.toString());
    assertTrue(both.toString().contains("| rmsprop | double |"), both.toString());
    assertTrue(both.toString().contains("| mnist-logreg | 128 "), both.toString());
    // --debug applies to every command, so it is not refused beside --jmh.
    assertEquals(0, run(new StringWriter(), err, "bench", "--debug", "--jmh", file.toString()),
        err.toString());
  }

  private Path updaterFile(String name, double copyNanos, double rmspropNanos)
      throws Exception {
    return Files.writeString(temp.resolve(name), """
        [{"benchmark": "org.optbench.jmh.UpdaterStepBenchmark.step", "mode": "avgt",
          "params": {"updater": "copy", "size": "1000", "dtype": "double"},
          "primaryMetric": {"score": %s, "scoreUnit": "ns/op", "rawData": [[%s]]}},
         {"benchmark": "org.optbench.jmh.UpdaterStepBenchmark.step", "mode": "avgt",
          "params": {"updater": "rmsprop", "size": "1000", "dtype": "double"},
          "primaryMetric": {"score": %s, "scoreUnit": "ns/op", "rawData": [[%s]]}}]
        """.formatted(copyNanos, copyNanos, rmspropNanos, rmspropNanos));
  }

  @Test
  void eachFileKeepsItsOwnBaseline() throws Exception {
    // run1: copy 200 ns, so 80 GB/s, bound 48 / 80 = 0.6 ns/param; rmsprop (26000 - 200) / 1000
    // = 25.8 ns/param, 43.0 x bound. run2: copy 2000 ns, 8 GB/s, bound 6 ns/param; rmsprop
    // (27800 - 2000) / 1000 = 25.8 ns/param, 4.3 x bound: run1's copy would make it 27.6.
    Path run1 = updaterFile("run1.json", 200, 26000);
    Path run2 = updaterFile("run2.json", 2000, 27800);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertEquals(0, run(out, err, "bench", "--jmh", run1.toString(), run2.toString()),
        err.toString());
    String text = out.toString();
    int first = text.indexOf(run1 + ":\n");
    int second = text.indexOf(run2 + ":\n");
    assertTrue(first >= 0 && second > first, text);
    assertTrue(text.substring(first, second).contains("| 25.800   | 48          | 80.0      "
        + "| 0.600          | 43.0"), text);
    assertTrue(text.substring(second).contains("| 25.800   | 48          | 8.0       "
        + "| 6.000          | 4.3"), text);

    // A bad file among good ones stops the command before it prints anything.
    Path empty = Files.writeString(temp.resolve("empty.json"), "[]");
    StringWriter partial = new StringWriter();
    err = new StringWriter();
    assertEquals(Main.EXIT_USER_ERROR, run(partial, err, "bench", "--jmh", run1.toString(),
        empty.toString(), run2.toString()));
    assertEquals("", partial.toString());
    assertTrue(err.toString().contains("no JMH results in " + empty), err.toString());
  }

  @Test
  void resultsLeftOutOfEveryTableAreNamed() throws Exception {
    Path noCopy = Files.writeString(temp.resolve("no-copy.json"), """
        [{"benchmark": "org.optbench.jmh.UpdaterStepBenchmark.step", "mode": "avgt",
          "params": {"updater": "adam", "size": "1000", "dtype": "float"},
          "primaryMetric": {"score": 900.0, "scoreUnit": "ns/op", "rawData": [[900.0]]}}]
        """);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertEquals(0, run(out, err, "bench", "--jmh", noCopy.toString()), err.toString());
    assertEquals("1 UpdaterStepBenchmark result(s) not shown: no copy baseline (updater=copy)"
        + " of the same size and dtype in the same file; run the benchmark with copy among its"
        + " updaters (-p updater=copy,...)\n\n", out.toString());

    Path copyOnly = Files.writeString(temp.resolve("copy-only.json"), """
        [{"benchmark": "org.optbench.jmh.UpdaterStepBenchmark.step", "mode": "avgt",
          "params": {"updater": "copy", "size": "1000", "dtype": "float"},
          "primaryMetric": {"score": 90.0, "scoreUnit": "ns/op", "rawData": [[90.0]]}}]
        """);
    out = new StringWriter();
    assertEquals(0, run(out, err, "bench", "--jmh", copyOnly.toString()), err.toString());
    assertTrue(out.toString().startsWith("no table: these results are baselines only"),
        out.toString());
  }

  @Test
  void badArgumentsAreUserErrors() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertEquals(Main.EXIT_USER_ERROR, run(out, err, "bench", "--steps", "1"));
    assertTrue(err.toString().contains("--steps 1 is not accepted"), err.toString());
    err.getBuffer().setLength(0);
    assertEquals(Main.EXIT_USER_ERROR, run(out, err, "bench", "--only", ","));
    assertTrue(err.toString().contains("--only names no part; give one or more of overhead,"
        + " threads, sweep, profile"), err.toString());
    err.getBuffer().setLength(0);
    assertEquals(Main.EXIT_USER_ERROR, run(out, err, "bench", "--steps", "400"));
    assertTrue(err.toString().contains("--steps 400 is more than one mnist-mlp epoch (391 steps at"
        + " batch 128);"), err.toString());

    err = new StringWriter();
    assertEquals(Main.EXIT_USER_ERROR, run(out, err, "bench", "--only", "conv",
        "--conv-steps", "1"));
    assertTrue(err.toString().contains("--conv-steps 1 is not accepted; give an integer from 2"
        + " to 391"), err.toString());

    err = new StringWriter();
    assertEquals(Main.EXIT_USER_ERROR, run(out, err, "bench", "--only", "profile",
        "--profile-problem", "ravine-2d"));
    assertTrue(err.toString().contains("--profile-problem ravine-2d is not accepted; give one of"
        + " mnist-mlp, mnist-2c2d, mnist-logreg"), err.toString());

    Path empty = Files.writeString(temp.resolve("empty.json"), "[]");
    err = new StringWriter();
    assertEquals(Main.EXIT_USER_ERROR, run(out, err, "bench", "--jmh", empty.toString()));
    assertTrue(err.toString().contains("no JMH results in " + empty + "\n"), err.toString());

    // A training-step result without the benchmark's batch parameter: bad input, not a crash.
    Path renamed = Files.writeString(temp.resolve("renamed.json"), """
        [{"benchmark": "org.optbench.jmh.TrainingStepBenchmark.fit", "mode": "avgt",
          "params": {"problem": "mnist-mlp", "batchSize": "128", "updater": "sgd"},
          "primaryMetric": {"score": 20.0, "scoreUnit": "ms/op", "rawData": [[20.0]]}}]
        """);
    err = new StringWriter();
    assertEquals(Main.EXIT_USER_ERROR, run(out, err, "bench", "--jmh", renamed.toString()));
    assertTrue(err.toString().contains(renamed + ": org.optbench.jmh.TrainingStepBenchmark.fit"
        + " has no parameter batch (has [problem, batchSize, updater])"), err.toString());

    Path noMetric = Files.writeString(temp.resolve("no-metric.json"),
        "[{\"benchmark\": \"a.B.m\", \"mode\": \"avgt\"}]");
    err = new StringWriter();
    assertEquals(Main.EXIT_USER_ERROR, run(out, err, "bench", "--jmh", noMetric.toString()));
    assertTrue(err.toString().contains(noMetric + ": a.B.m: no primaryMetric.scoreUnit; not a"
        + " result written by JMH's -rf json"), err.toString());

    // --jmh measures nothing: an option that only shapes a measurement is refused, not ignored.
    err = new StringWriter();
    assertEquals(Main.EXIT_USER_ERROR, run(out, err, "bench", "--only", "conv", "--jmh",
        empty.toString()));
    assertTrue(err.toString().contains("--jmh prints JMH result files and measures nothing, so"
        + " --only does not apply; run 'optbench bench --jmh FILE...' alone, or measure without"
        + " --jmh"), err.toString());
    err = new StringWriter();
    assertEquals(Main.EXIT_USER_ERROR, run(out, err, "bench", "--jmh", empty.toString(),
        "--repeats", "5", "--data-dir", temp.toString()));
    assertTrue(err.toString().contains("so --repeats, --data-dir do not apply"), err.toString());

    // Named once however often it is given.
    err = new StringWriter();
    assertEquals(Main.EXIT_USER_ERROR, run(out, err, "bench", "--jmh", empty.toString(),
        "--only", "conv", "--only", "overhead"));
    assertTrue(err.toString().contains("so --only does not apply"), err.toString());

    // A benchmark name JMH would not write: bad input (exit 2), not an internal error.
    Path noDots = Files.writeString(temp.resolve("no-dots.json"), """
        [{"benchmark": "noDots", "mode": "avgt",
          "primaryMetric": {"score": 1.0, "scoreUnit": "ns/op", "rawData": [[1.0]]}}]
        """);
    err = new StringWriter();
    assertEquals(Main.EXIT_USER_ERROR, run(out, err, "bench", "--jmh", noDots.toString()));
    assertTrue(err.toString().contains(noDots + ": benchmark \"noDots\" is not a benchmark"
        + " method's full name (package.Class.method); not a result written by JMH's -rf json"),
        err.toString());

    err = new StringWriter();
    assertEquals(Main.EXIT_USER_ERROR,
        run(out, err, "bench", "--jmh", temp.resolve("missing.json").toString()));
    assertTrue(err.toString().contains(temp.resolve("missing.json") + ": no such file"),
        err.toString());
    assertFalse(err.toString().contains("cannot read"), err.toString());
  }

  @Test
  void malformedUpdaterResultsAreNamed() throws Exception {
    refusedStep("bad-size.json", "\"updater\": \"adam\", \"size\": \"1e6\", \"dtype\": \"float\"",
        "1.0", "parameter size is \"1e6\", not a whole number");
    // A copy baseline's size is checked too.
    refusedStep("zero.json", "\"updater\": \"copy\", \"size\": \"0\", \"dtype\": \"float\"",
        "1.0", "parameter size is 0, not a number of parameters (at least 1)");
    refusedStep("text-score.json",
        "\"updater\": \"copy\", \"size\": \"10\", \"dtype\": \"float\"", "\"fast\"",
        "primaryMetric.score holds \"fast\", not a time (a number of at least 0)");
  }

  /**
   * Writes a file of one UpdaterStepBenchmark result and checks that bench --jmh refuses it with
   * exit code 2, naming the file, the benchmark and {@code message}.
   */
  private void refusedStep(String name, String params, String score, String message)
      throws Exception {
    Path file = Files.writeString(temp.resolve(name), """
        [{"benchmark": "org.optbench.jmh.UpdaterStepBenchmark.step", "mode": "avgt",
          "params": {%s},
          "primaryMetric": {"score": %s, "scoreUnit": "ns/op", "rawData": [[1.0]]}}]
        """.formatted(params, score));
    StringWriter err = new StringWriter();
    assertEquals(Main.EXIT_USER_ERROR, run(new StringWriter(), err, "bench", "--jmh",
        file.toString()));
    assertTrue(err.toString().contains(file + ": org.optbench.jmh.UpdaterStepBenchmark.step: "
        + message), err.toString());
  }

  @Test
  void aStepFasterThanItsCopyIsSaidSo() throws Exception {
    // copy 2000 ns, rmsprop 1500 ns over 1000 parameters: (1500 - 2000) / 1000 = -0.5 ns/param.
    Path drifted = updaterFile("drifted.json", 2000, 1500);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertEquals(0, run(out, err, "bench", "--jmh", drifted.toString()), err.toString());
    assertTrue(out.toString().contains("| -0.500   |"), out.toString());
    assertTrue(out.toString().contains("1 row(s) with a negative ns/param: the step's median"
        + " time is below its copy baseline's"), out.toString());
  }

  @Test
  void aFileNamedTwiceIsTabulatedOnce() throws Exception {
    Path run1 = updaterFile("run1.json", 200, 26000);
    StringWriter once = new StringWriter();
    StringWriter err = new StringWriter();
    assertEquals(0, run(once, err, "bench", "--jmh", run1.toString()), err.toString());
    StringWriter twice = new StringWriter();
    assertEquals(0, run(twice, err, "bench", "--jmh", run1.toString(),
        temp.resolve(".").resolve("run1.json").toString()), err.toString());
    assertEquals(once.toString(), twice.toString());
  }
}
