package org.optbench.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.optbench.UserInputException;
import org.optbench.optimizer.Domain;
import org.optbench.problem.ProblemCatalog;
import org.optbench.problem.ProblemSpec;
import org.optbench.problem.Target;
import org.optbench.stats.Goal;

/**
 * What {@link ResolvedConfigWriter} writes, {@link ResolvedConfigReader} reads back to the same
 * values; and the reader still accepts what earlier versions wrote.
 */
class ResolvedConfigReaderTest {
  private static final Path FILE = Path.of("results", "x", "experiment.resolved.yaml");

  static List<Path> configFiles() throws IOException {
    return ResolvedConfigRoundTripTest.configFiles();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configFiles")
  void everyShippedConfigReadsBack(Path file) {
    assertReadsBack(ConfigLoader.load(file));
  }

  /**
   * Tuning, stated targets, ranges, grids, several batch sizes and a problem listed twice (which
   * the loader now refuses, but earlier versions ran and wrote).
   */
  @Test
  void aTunedConfigWithRepeatedProblemsReadsBack() {
    ExperimentConfig tuned = ConfigLoader.parse(Path.of("tuned.yaml"), """
        name: tuned
        description: 'two ravines, 1e-3'
        protocol: tune-then-evaluate
        tuning: {search: random, budget: 4, seed: 7}
        defaultsArm: false
        seeds: [0, 1]
        optimizers:
          - {name: sgd, learningRate: {logUniform: [1.0e-4, 1.0]}}
          - {name: nesterovs, learningRate: [0.1, 0.01], momentum: {uniform: [0.5, 0.99]}}
        problems:
          - id: ravine-2d
            params: {kappa: 10}
            steps: 50
            target: {metric: suboptimality, value: 1.0e-6}
          - id: ravine-regression
            params: {samples: 64, dimension: 3}
            batchSize: [16, 32, full]
            epochs: 2
            target: {metric: distance_to_optimum, value: 0.01, goal: min}
        """);
    ProblemPlan steeper = ConfigLoader.parse(Path.of("steeper.yaml"), """
        name: steeper
        optimizers: [{name: adam, learningRate: 0.001}]
        problems: [{id: ravine-2d, params: {kappa: 1000}, steps: 60}]
        """).problems().get(0);
    ExperimentConfig config = new ExperimentConfig(tuned.name(), tuned.description(),
        tuned.seeds(), tuned.dataDir(), tuned.resultsDir(), tuned.download(), tuned.threads(),
        List.of(tuned.problems().get(0), steeper, tuned.problems().get(1)), tuned.protocol());
    ResolvedConfigReader.Reading reading = assertReadsBack(config);
    assertEquals(List.of("ravine-2d", "ravine-2d-2", "ravine-regression"),
        reading.problems().stream().map(ResolvedConfigReader.Problem::key).toList());
    ResolvedConfigReader.Problem first = reading.problems().get(0);
    assertEquals(new Target("suboptimality", 1.0e-6, Goal.MIN), first.target());
    assertEquals("50 steps", first.budget());
    assertEquals(Map.of("kappa", 10.0, "start", List.of(-4.0, 1.0)), first.params());
    assertEquals(new Domain.LogUniform(1.0e-4, 1.0),
        first.entries().get(0).domains().get("learningRate"));
    assertEquals(new Domain.Values(List.of(0.1, 0.01)),
        first.entries().get(1).domains().get("learningRate"));
    ResolvedConfigReader.Problem regression = reading.problems().get(2);
    assertEquals(3, regression.batchSizes());
    assertEquals("2 epochs", regression.budget());
    assertEquals(new Protocol(Protocol.Kind.TUNE_THEN_EVALUATE, Protocol.Search.RANDOM, 4, 7,
        false), reading.protocol());
  }

  /**
   * A resolved config as the first versions wrote it: no protocol, no targets, hyperparameters as
   * plain values and {@code batchSize: [full]} on an analytic problem.
   */
  @Test
  void anUpdaterClassEntryIsListedByItsClass() {
    ResolvedConfigReader.Reading reading = ResolvedConfigReader.read(FILE, """
        name: plugin
        plugins: [/opt/jars/signum.jar]
        problems:
        - id: saddle
          params: {}
          steps: 5
          optimizers:
          - {class: org.example.signum.Signum, learningRate: [0.1, 0.01]}
        """);
    ResolvedConfigReader.Entry entry = reading.problems().get(0).entries().get(0);
    assertEquals("org.example.signum.Signum", entry.optimizer());
    assertEquals(Map.of("learningRate", new Domain.Values(List.of(0.1, 0.01))), entry.domains());
  }

  @Test
  void anOlderResolvedConfigStillReads() {
    ResolvedConfigReader.Reading reading = ResolvedConfigReader.read(FILE, """
        name: old
        seeds: [0]
        resultsDir: results
        download: false
        threads: 1
        problems:
        - id: saddle
          params: {}
          optimizers:
          - name: sgd
            learningRate: 0.01
          - name: adam
            learningRate: 0.001
            beta1: 0.9
          batchSize: [full]
          steps: 100
          evalEvery: epoch
          lossEvery: 1
          divergenceFactor: 1000.0
        """);
    assertEquals(List.of(), reading.warnings());
    assertEquals(Optional.of("old"), reading.name());
    assertEquals("", reading.description());
    assertEquals(Protocol.GRID_SWEEP, reading.protocol());
    ResolvedConfigReader.Problem saddle = reading.problems().get(0);
    assertEquals(1, saddle.batchSizes(), "an analytic problem has no batch sizes");
    assertFalse(saddle.targetStated());
    assertEquals(ProblemCatalog.byId("saddle").orElseThrow().target(), saddle.target());
    assertEquals("100 steps", saddle.budget());
    assertEquals(List.of("sgd", "adam"), saddle.entries().stream()
        .map(ResolvedConfigReader.Entry::optimizer).toList());
    assertEquals(Map.of("learningRate", new Domain.Values(List.of(0.001)),
        "beta1", new Domain.Values(List.of(0.9))), saddle.entries().get(1).domains());
  }

  @Test
  void whatCannotBeUsedBecomesAWarning() {
    ResolvedConfigReader.Reading reading = ResolvedConfigReader.read(FILE, """
        problems:
        - id: no-such-problem
          steps: 5
        - id: ravine-2d
          params: {kappa: [1, 2]}
          steps: 5
          target: {metric: suboptimality, value: small}
        """);
    assertEquals(Optional.empty(), reading.name());
    List<String> warnings = reading.warnings();
    assertEquals(3, warnings.size(), warnings::toString);
    assertEquals("problem 'no-such-problem' in experiment.resolved.yaml is not known to this"
        + " version of optbench; its trials are not reported", warnings.get(0));
    // The reason in the middle is the problem's own check of kappa.
    assertTrue(warnings.get(1).startsWith("parameters of ravine-2d cannot be read ("),
        warnings.get(1));
    assertTrue(warnings.get(1).endsWith("); its contour figure is left out"), warnings.get(1));
    assertEquals("target of ravine-2d in experiment.resolved.yaml is not {metric: <column>,"
        + " value: <number>, goal: max|min} (found {\"metric\":\"suboptimality\",\"value\":"
        + "\"small\"}); using the default target suboptimality", warnings.get(2));
    ResolvedConfigReader.Problem ravine = reading.problems().get(0);
    assertEquals("ravine-2d", ravine.key());
    assertNull(ravine.spec());
    assertFalse(ravine.targetStated());
    assertEquals(ProblemCatalog.byId("ravine-2d").orElseThrow().target(), ravine.target());
  }

  @Test
  void textThatIsNoConfigIsRefused() {
    UserInputException notYaml = assertThrows(UserInputException.class,
        () -> ResolvedConfigReader.read(FILE, "name: [unclosed\n"));
    assertTrue(notYaml.getMessage().startsWith(FILE + " is not valid YAML ("),
        notYaml.getMessage());
    UserInputException notMapping = assertThrows(UserInputException.class,
        () -> ResolvedConfigReader.read(FILE, "- a\n- b\n"));
    assertEquals(FILE + " is not an experiment config (expected a YAML mapping with name and"
        + " problems); it is written by 'optbench run': restore it, or rerun the experiment's"
        + " config into a new results folder", notMapping.getMessage());
  }

  /** Writes the config, reads it back, and compares every value the reader returns. */
  private static ResolvedConfigReader.Reading assertReadsBack(ExperimentConfig config) {
    String yaml = ResolvedConfigWriter.toYaml(config);
    ResolvedConfigReader.Reading reading = ResolvedConfigReader.read(FILE, yaml);
    assertEquals(List.of(), reading.warnings(), yaml);
    assertEquals(Optional.of(config.name()), reading.name());
    assertEquals(config.description(), reading.description());
    assertEquals(config.protocol(), reading.protocol(), yaml);
    assertEquals(config.problems().size(), reading.problems().size(), yaml);
    Map<String, Integer> occurrences = new HashMap<>();
    for (int i = 0; i < config.problems().size(); i++) {
      ProblemPlan plan = config.problems().get(i);
      ResolvedConfigReader.Problem read = reading.problems().get(i);
      ProblemSpec spec = plan.problem();
      int n = occurrences.merge(spec.id(), 1, Integer::sum);
      String where = "problems[" + i + "]";
      assertEquals(n == 1 ? spec.id() : spec.id() + "-" + n, read.key(), where);
      assertEquals(spec.id(), read.id(), where);
      assertEquals(spec.kind(), read.kind(), where);
      assertEquals(spec, read.spec(), where);
      // As written: a long parameter that fits an int reads back as an Integer.
      assertEquals(spec.parameters().toString(), read.params().toString(), where);
      assertEquals(plan.target(), read.target(), where);
      assertTrue(read.targetStated(), where);
      assertEquals(plan.budget().toString(), read.budget(), where);
      assertEquals(spec.kind().usesMiniBatches() ? plan.batchSizes().size() : 1,
          read.batchSizes(), where);
      assertEquals(plan.searches().size(), read.entries().size(), where);
      for (int e = 0; e < plan.searches().size(); e++) {
        assertEquals(plan.searches().get(e).type().id(), read.entries().get(e).optimizer());
        assertEquals(plan.searches().get(e).domains(), read.entries().get(e).domains(),
            where + ".optimizers[" + e + "]");
        assertEquals(List.copyOf(plan.searches().get(e).domains().keySet()),
            List.copyOf(read.entries().get(e).domains().keySet()), "in config order");
      }
    }
    return reading;
  }
}
