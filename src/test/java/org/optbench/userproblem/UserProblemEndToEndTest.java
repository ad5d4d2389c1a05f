package org.optbench.userproblem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.cli.Main;
import org.optbench.data.DatasetRepository;
import org.optbench.dl4j.Dl4jTrialRunner;
import org.optbench.experiment.BatchSize;
import org.optbench.experiment.Budget;
import org.optbench.experiment.TrialSpec;
import org.optbench.problem.ProblemKind;
import org.optbench.testing.Optimizers;
import org.optbench.problem.ProblemKinds;
import org.optbench.problem.ProblemSpec;

/**
 * A problem that main code knows nothing about ({@link Quadratic1d}) goes the CLI's whole way:
 * config, plan, run, result store, report tables. It is registered through the
 * {@code META-INF/services} files under the test resources' {@code userproblem/} folder, which
 * only the CLI processes started here have on their class path: the other tests keep seeing the
 * built-in catalogue alone.
 */
class UserProblemEndToEndTest {
  private static final String CONFIG = """
      name: user-problem
      seeds: [7, 8]
      problems:
        - id: quadratic-1d
          params: {a: 0.5, b: 1.0, start: 3.0}
          steps: 4
          optimizers:
            - {name: sgd, learningRate: [0.25, 0.5]}
      """;

  @TempDir
  Path dir;

  @Test
  void runsAndReportsAProblemAddedFromOutside() throws IOException {
    Path config = Files.writeString(dir.resolve("user-problem.yaml"), CONFIG);
    Path results = dir.resolve("results");
    assertEquals(0, cli("run", config.toString(), "--results", results.toString()));
    Path root = results.resolve("user-problem");

    // The kind uses no seeds: one trial per learning rate, with the first seed.
    List<String> index = Files.readAllLines(root.resolve("trials.csv"));
    assertEquals(3, index.size(), "header + 2 trials: " + index);
    assertTrue(index.stream().skip(1).allMatch(l -> l.contains(",COMPLETED,")), index.toString());

    // f(w) = ½(w − 1)², f'(w) = w − 1. Sgd with η = 0.5 halves w − 1 each step from w₀ = 3:
    // w_t = 1 + 2·2^−t, f(w_t) = 2·4^−t, all exact in binary. With η = 0.25, w_t − 1 = 2·(3/4)^t.
    assertEquals(List.of(3.0, 2.0, 1.5, 1.25, 1.125), column(curveOf(root, "0.5"), "w"));
    assertEquals(List.of(2.0, 0.5, 0.125, 0.03125, 0.0078125),
        column(curveOf(root, "0.5"), "suboptimality"));
    assertEquals(List.of(3.0, 2.5, 2.125, 1.84375, 1.6328125),
        column(curveOf(root, "0.25"), "w"));

    assertEquals(0, cli("report", root.toString()));
    // The best table ranks on the kind's selection metric: η = 0.5 (f − f* = 2⁻⁷) beats
    // η = 0.25 (½·0.6328125² ≈ 0.2002); one seed, so the mean is the value itself (tables show
    // four significant digits).
    List<String> best = Files.readAllLines(root.resolve("report/tables/quadratic-1d-best.csv"));
    assertEquals(2, best.size(), best.toString());
    List<String> header = List.of(best.get(0).split(","));
    List<String> row = List.of(best.get(1).split(","));
    assertEquals("sgd", row.get(header.indexOf("optimizer")));
    assertEquals("0.007812", row.get(header.indexOf("final f − f* mean")));
    assertEquals("0.1250", row.get(header.indexOf("final |w − b| mean")));
    assertTrue(row.get(header.indexOf("setting")).contains("lr=0.5"), row.toString());
    String page = Files.readString(root.resolve("report/index.html"));
    assertTrue(page.contains("1-D quadratic (deterministic: first seed only)"), "kind's facts");
    assertTrue(Files.exists(root.resolve("report/figures/quadratic-1d-suboptimality.png")));
  }

  @Test
  void aTrialThatKillsItsJvmUnderIsolateIsRecordedAndTheRunGoesOn() throws IOException {
    Path config = Files.writeString(dir.resolve("user-problem.yaml"), CONFIG.replace(
        "[0.25, 0.5]", "[0.25, " + Quadratic1dTrainer.CRASHING_LEARNING_RATE + ", 0.5]"));
    Path results = dir.resolve("results");
    assertEquals(3, cli(3, "run", config.toString(), "--results", results.toString(),
        "--isolate", "--parallelism", "2"));
    Path root = results.resolve("user-problem");
    List<String> index = Files.readAllLines(root.resolve("trials.csv"));
    assertEquals(4, index.size(), "header + 3 trials: " + index);
    assertEquals(2, index.stream().filter(l -> l.contains(",COMPLETED,")).count(),
        index.toString());
    assertEquals(1, index.stream().filter(l -> l.contains(",FAILED,")).count(), index.toString());
    // The trials around the crash completed, with the same curves as in-process.
    assertEquals(List.of(3.0, 2.0, 1.5, 1.25, 1.125), column(curveOf(root, "0.5"), "w"));
    assertEquals(List.of(3.0, 2.5, 2.125, 1.84375, 1.6328125),
        column(curveOf(root, "0.25"), "w"));

    Path crashed = folderOf(root, "0.125");
    String result = Files.readString(crashed.resolve("result.json"));
    assertTrue(result.contains("\"status\" : \"FAILED\""), result);
    assertTrue(result.contains("the trial's JVM exited with code 137 (killed by signal 9,"
        + " SIGKILL: the kernel's out-of-memory killer, or kill -9) and wrote no result.json;"
        + " its last output:\\nquadratic-1d: halting this JVM as a native crash would"), result);
  }

  @Test
  void aProblemWithoutATrainerIsRefusedNamingWhatIsRegistered() {
    Dl4jTrialRunner runner = new Dl4jTrialRunner(
        DatasetRepository.fromEnvironment(java.util.Optional.empty(), false), 1);
    TrialSpec trial = new TrialSpec(new Unregistered(), Optimizers.type("sgd")
        .create(Map.of()), BatchSize.FULL, new Budget(Budget.Unit.STEPS, 1), 1, 1, 100, 0, 1);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> runner.prepare(List.of(trial)));
    assertTrue(e.getMessage().startsWith("no trainer for problem 'unregistered' ("
        + Unregistered.class.getName() + ")"), e.getMessage());
    assertTrue(e.getMessage().contains(ProblemSpec.Analytic.class.getName()), e.getMessage());
    assertTrue(e.getMessage().contains(ProblemSpec.Image.class.getName()), e.getMessage());
  }

  /** A problem nobody registered a trainer for. */
  private record Unregistered() implements ProblemSpec {
    @Override
    public String id() {
      return "unregistered";
    }

    @Override
    public ProblemKind kind() {
      return ProblemKinds.ANALYTIC;
    }

    @Override
    public Map<String, Object> parameters() {
      return Map.of();
    }

    @Override
    public int trainExamples() {
      return 1;
    }
  }

  /** Runs the CLI in a JVM of its own whose class path adds the problem's registrations. */
  private int cli(String... args) throws IOException {
    return cli(0, args);
  }

  /** Runs the CLI as {@link #cli(String...)} does, expecting the given exit code. */
  private int cli(int expected, String... args) throws IOException {
    Path testClasses;
    try {
      testClasses = Path.of(Quadratic1d.class.getProtectionDomain().getCodeSource().getLocation()
          .toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path") + File.pathSeparator
            + testClasses.resolve("userproblem"),
        Main.class.getName()));
    command.addAll(List.of(args));
    Path log = Files.createTempFile(dir, "cli", ".log");
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    int code;
    try {
      code = process.waitFor();
    } catch (InterruptedException e) {
      process.destroy();
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    assertEquals(expected, code, Files.readString(log));
    return code;
  }

  /** The curve of the trial whose spec.json names this learning rate. */
  private static List<String> curveOf(Path root, String learningRate) throws IOException {
    return Files.readAllLines(folderOf(root, learningRate).resolve("curve.csv"));
  }

  /** The folder of the trial whose spec.json names this learning rate. */
  private static Path folderOf(Path root, String learningRate) throws IOException {
    try (Stream<Path> specs = Files.walk(root.resolve("trials"))) {
      for (Path spec : specs.filter(p -> p.getFileName().toString().equals("spec.json"))
          .toList()) {
        if (Files.readString(spec).replaceAll("\\s", "")
            .contains("\"learningRate\":" + learningRate + "}")) {
          return spec.getParent();
        }
      }
    }
    throw new AssertionError("no trial with learning rate " + learningRate);
  }

  private static List<Double> column(List<String> curve, String name) {
    List<String> lines = curve.stream().filter(l -> !l.startsWith("#")).toList();
    int c = List.of(lines.get(0).split(",")).indexOf(name);
    List<Double> values = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      values.add(Double.parseDouble(line.split(",")[c]));
    }
    return values;
  }
}
