package org.optbench.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.experiment.TrialId;
import org.optbench.experiment.TrialSpec;
import org.optbench.problem.DataProblem;
import org.optbench.problem.ProblemKinds;

/**
 * The {@code data:} and {@code network:} keys: the data's content (not its path), split and
 * normalisation make the trial id; the resolved config gives the same plan; mistakes in the
 * declaration are config errors with their YAML path. The MNIST problems' ids are unchanged.
 */
class DataProblemConfigTest {
  @TempDir
  Path dir;

  private Path rows(String name, int n) throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < n; i++) {
      text.append(i % 7).append(',').append(i % 5 * 0.5).append(',').append(i % 3).append('\n');
    }
    Files.createDirectories(dir.resolve(name).getParent());
    return Files.writeString(dir.resolve(name), text);
  }

  private static String config(Path file, String extra) {
    return """
        name: own
        seeds: [0]
        problems:
          - id: my-rows
            data:
              train: {csv: %s, labelColumn: 2}
              classes: 3
              %s
            network: {builtin: mlp, hidden: [8]}
            batchSize: 16
            optimizers: [{name: sgd, learningRate: 0.1}]
        """.formatted(file, extra);
  }

  private static List<String> ids(String yaml) {
    return ExperimentConfig_trials(ConfigLoader.parse(Path.of("own.yaml"), yaml));
  }

  private static List<String> ExperimentConfig_trials(ExperimentConfig config) {
    return config.trials().stream().map(TrialId::of).map(TrialId::hex).toList();
  }

  @Test
  void theDataAreIdentifiedByContentSplitAndNormalisationNotByPath() throws IOException {
    Path a = rows("a/rows.csv", 100);
    Path b = rows("b/renamed.csv", 100);
    List<String> first = ids(config(a, ""));
    assertEquals(first, ids(config(b, "")), "the same content elsewhere is the same trial");
    assertNotEquals(first, ids(config(a, "split: {validation: 0.1, test: 0.1, seed: 3}")));
    assertNotEquals(first, ids(config(a, "normalize: minmax")));
    Files.writeString(b, "6,0.5,1\n", java.nio.file.StandardOpenOption.APPEND);
    assertNotEquals(first, ids(config(b, "")), "an edited file gives new trials");
  }

  @Test
  void theProblemTakesItsSizesFromTheData() throws IOException {
    ExperimentConfig c = ConfigLoader.parse(Path.of("own.yaml"), config(rows("r.csv", 100), ""));
    DataProblem p = (DataProblem) c.problems().get(0).problem();
    assertEquals(ProblemKinds.FILE_CLASSIFICATION, p.kind());
    assertEquals(80, p.trainExamples());
    assertEquals(List.of(2), p.facts().shape());
    TrialSpec trial = c.trials().get(0);
    assertEquals(5, trial.totalSteps(), "one epoch of 80 examples in batches of 16");
  }

  @Test
  void theResolvedConfigRecordsAbsolutePathsAndGivesTheSamePlan() throws IOException {
    Path file = rows("abs/rows.csv", 60);
    ExperimentConfig c = ConfigLoader.parse(Path.of("own.yaml"), config(file,
        "split: {validation: 0.2, test: 0.25, seed: 9}"));
    String resolved = ResolvedConfigWriter.toYaml(c);
    assertTrue(resolved.contains("csv: \"" + file.toAbsolutePath() + "\""), resolved);
    ExperimentConfig again = ConfigLoader.parse(Path.of("resolved.yaml"), resolved);
    assertEquals(ExperimentConfig_trials(c), ExperimentConfig_trials(again));
    assertEquals(resolved, ResolvedConfigWriter.toYaml(again));
    ResolvedConfigReader.Problem read = ResolvedConfigReader.read(Path.of("r.yaml"), resolved)
        .problems().get(0);
    assertEquals("my-rows", read.id());
    assertEquals(ProblemKinds.FILE_CLASSIFICATION, read.kind());
    assertEquals(DataProblem.class, read.spec().getClass());
  }

  @Test
  void theMnistProblemsKeepTheirTrialIds() {
    ExperimentConfig c = ConfigLoader.parse(Path.of("m.yaml"), """
        name: m
        seeds: [0]
        problems:
          - id: mnist-mlp
            batchSize: 128
            optimizers: [{name: adam, learningRate: 0.001}]
        """);
    // Computed by the code before data from files existed: a built-in problem's id never changes.
    assertEquals(List.of("900f11aef087ac4fac8a0ad12380a247d4104d5ac5c8533796534920872ba7e3"),
        ExperimentConfig_trials(c));
  }

  /**
   * A model file's network: recorded by its absolute path in the resolved config, which gives the
   * same plan again, and the report reads it back without parsing the file.
   */
  @Test
  void aModelFilesNetworkIsRecordedByItsAbsolutePath() throws IOException {
    Path file = rows("net/rows.csv", 60);
    Path network = Files.writeString(dir.resolve("net/model.json"), Files.readString(
        Path.of("src/test/resources/networks/mlp-16-3.json")).replace("\"nin\" : 16",
        "\"nin\" : 2"));
    ExperimentConfig c = ConfigLoader.parse(Path.of("own.yaml"), config(file, "")
        .replace("{builtin: mlp, hidden: [8]}", "{dl4jJson: " + network + "}"));
    String resolved = ResolvedConfigWriter.toYaml(c);
    assertTrue(resolved.contains("dl4jJson: \"" + network + "\""), resolved);
    ExperimentConfig again = ConfigLoader.parse(Path.of("resolved.yaml"), resolved);
    assertEquals(ExperimentConfig_trials(c), ExperimentConfig_trials(again));
    assertNotEquals(ids(config(file, "")), ExperimentConfig_trials(c), "not the built-in MLP");
    DataProblem read = (DataProblem) ResolvedConfigReader.read(Path.of("r.yaml"), resolved)
        .problems().get(0).spec();
    assertEquals(Map.of("dl4jJson", network.toString()), read.network().asMap());

    assertTrue(errors(config(file, "").replace("{builtin: mlp, hidden: [8]}",
        "{dl4jJson: " + network + ", builtin: mlp}")).contains("problems[0].network: a model"
        + " file is given alone, as {dl4jJson: FILE}; found keys [dl4jJson, builtin]"));
  }

  private String errors(String yaml) {
    return assertThrows(ConfigException.class, () -> ConfigLoader.parse(Path.of("own.yaml"),
        yaml)).getMessage();
  }

  @Test
  void mistakesAreConfigErrorsWithTheirPath() throws IOException {
    Path file = rows("e.csv", 50);
    assertTrue(errors(config(file, "").replace("classes: 3", "normalize: none")).contains(
        "problems[0].data.classes: is missing: optbench trains classifiers only, and needs the"
        + " number of classes (labels 0 to classes − 1, or that many names); a regression task"
        + " with real-valued targets is not supported"));
    assertTrue(errors(config(file, "test: {csv: " + file + ", labelColumn: 2}\n      split:"
        + " {validation: 0.1, test: 0.1}")).contains("problems[0].data.split.test: is not"
        + " accepted beside a test file (data.test): with a test file, split takes only the"
        + " validation fraction from train"));
    assertTrue(errors(config(file, "").replace("{builtin: mlp, hidden: [8]}", "{builtin: 2c2d}"))
        .contains("problems[0].data: network 2c2d takes images of height×width×channels, but"
            + " the data are 2 features per row"));
    assertTrue(errors(config(file, "").replace("labelColumn: 2", "labelColumn: 3")).contains(
        "problems[0].data: labelColumn 3 is out of range: " + file + ":1 has 3 columns (0 to"
        + " 2)"));
    assertTrue(errors(config(file, "").replace("my-rows", "mnist-mlp")).contains(
        "problems[0].id: 'mnist-mlp' is a built-in problem"));
  }
}
