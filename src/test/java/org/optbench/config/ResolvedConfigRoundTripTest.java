package org.optbench.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.optbench.optimizer.Domain;
import org.optbench.optimizer.OptimizerSearch;
import org.optbench.optimizer.RecipeSearch;

/**
 * The resolved config saved beside the results must reproduce the run: loading it gives back the
 * same {@link ExperimentConfig}, and it states every hyperparameter, so a later change of a
 * default cannot silently change what a saved file means.
 */
class ResolvedConfigRoundTripTest {
  private static final Path CONFIGS = Path.of("configs");
  private static final Path SMOKE = CONFIGS.resolve("smoke");

  static List<Path> configFiles() throws IOException {
    try (Stream<Path> walk = Files.walk(CONFIGS)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
          .sorted().toList();
    }
  }

  @Test
  void bothFoldersHoldConfigs() throws IOException {
    List<Path> files = configFiles();
    assertTrue(files.stream().anyMatch(p -> CONFIGS.equals(p.getParent())), files::toString);
    assertTrue(files.stream().anyMatch(p -> SMOKE.equals(p.getParent())), files::toString);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configFiles")
  void resolvedYamlLoadsToTheSameConfig(Path file) {
    ExperimentConfig config = ConfigLoader.load(file);
    String resolved = ResolvedConfigWriter.toYaml(config);
    assertEquals(config, ConfigLoader.parse(file, resolved), resolved);
  }

  /** Also a fixed point: writing the reloaded config gives the same text. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("configFiles")
  void resolvedYamlIsStable(Path file) {
    String resolved = ResolvedConfigWriter.toYaml(ConfigLoader.load(file));
    assertEquals(resolved, ResolvedConfigWriter.toYaml(ConfigLoader.parse(file, resolved)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configFiles")
  void resolvedYamlStatesEveryHyperparameter(Path file) throws IOException {
    ExperimentConfig config = ConfigLoader.load(file);
    JsonNode problems = new YAMLMapper().readTree(ResolvedConfigWriter.toYaml(config))
        .get("problems");
    assertEquals(config.problems().size(), problems.size());
    for (int p = 0; p < problems.size(); p++) {
      List<OptimizerSearch> searches = config.problems().get(p).searches();
      JsonNode written = problems.get(p).get("optimizers");
      assertEquals(searches.size(), written.size());
      for (int o = 0; o < searches.size(); o++) {
        OptimizerSearch search = searches.get(o);
        JsonNode node = written.get(o);
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        List<String> expected = new ArrayList<>(List.of("name"));
        expected.addAll(search.type().parameterNames());
        // A recipe's keys follow the hyperparameters, in RecipeReader's order.
        RecipeSearch recipe = search.recipe();
        if (recipe.scheduleKind() != null) {
          expected.add("schedule");
        }
        for (String key : List.of("weightDecay", "l2")) {
          if (recipe.numbers().containsKey(key)) {
            expected.add(key);
          }
        }
        if (recipe.numbers().containsKey("weightDecay") || recipe.numbers().containsKey("l2")) {
          expected.add("decayBiases");
        }
        if (recipe.numbers().containsKey("clipGlobalNorm")) {
          expected.add("clipGlobalNorm");
        }
        if (recipe.layerMode() != null) {
          expected.add("gradientNormalization");
        }
        assertEquals(expected, keys, "problems[" + p + "].optimizers[" + o + "]");
        assertEquals(search.type().id(), node.get("name").asText());
        for (Map.Entry<String, Domain> h : search.domains().entrySet()) {
          JsonNode value = node.get(h.getKey());
          if (h.getValue() instanceof Domain.Values v && v.values().size() == 1) {
            assertEquals(v.values().get(0), value.asDouble(), 0.0, h.getKey());
          } else if (h.getValue() instanceof Domain.Values v) {
            assertEquals(v.values().size(), value.size(), h.getKey());
          } else {
            assertTrue(value.has("logUniform") || value.has("uniform"), h.getKey());
          }
        }
      }
    }
  }

  /**
   * Names, descriptions and paths that YAML would read as numbers, booleans or null unless
   * quoted; the writer must quote them or the saved file no longer loads.
   */
  @ParameterizedTest
  @ValueSource(strings = {"2024", "1e3", "1_000", "0x1f", "0b101", "012", "null", "true", "no",
      "y"})
  void numberLikeAndReservedTextSurvives(String text) {
    ExperimentConfig config = ConfigLoader.parse(Path.of("text.yaml"), """
        name: '%1$s'
        description: '%1$s'
        dataDir: '%1$s'
        resultsDir: '%1$s'
        optimizers: [{name: sgd}]
        problems: [{id: saddle}]
        """.formatted(text));
    assertEquals(text, config.name());
    String resolved = ResolvedConfigWriter.toYaml(config);
    assertEquals(config, ConfigLoader.parse(Path.of("resolved.yaml"), resolved), resolved);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1e-3", "+1", ".5", ".inf", "~", "- item", "key: value", "# hash",
      "two\nlines", " padded ", "'quoted'", "\"double\"", "{x: 1}", "[1]", "*ref", "&anchor"})
  void awkwardDescriptionsSurvive(String text) {
    ExperimentConfig base = ConfigLoader.parse(Path.of("text.yaml"),
        "name: t\noptimizers: [{name: sgd}]\nproblems: [{id: saddle}]\n");
    ExperimentConfig config = new ExperimentConfig(base.name(), text, base.seeds(),
        base.dataDir(), base.resultsDir(), base.download(), base.threads(), base.problems(),
        base.protocol());
    String resolved = ResolvedConfigWriter.toYaml(config);
    assertEquals(config, ConfigLoader.parse(Path.of("resolved.yaml"), resolved), resolved);
  }

  /** Grids are written expanded; the file has no logRange left in it. */
  @Test
  void gridsAreWrittenExpanded() {
    ExperimentConfig config = ConfigLoader.parse(Path.of("grid.yaml"), """
        name: grid
        optimizers: [{name: adam, learningRate: {logRange: [1e-4, 1e-2], perDecade: 1}}]
        problems: [{id: saddle}]
        """);
    String resolved = ResolvedConfigWriter.toYaml(config);
    assertFalse(resolved.contains("logRange"), resolved);
    assertEquals(3, config.problems().get(0).optimizers().size());
    assertEquals(config, ConfigLoader.parse(Path.of("resolved.yaml"), resolved));
  }

  @Test
  void theShuffleBufferIsWrittenOnlyWhenSet() {
    ExperimentConfig plain = ConfigLoader.parse(Path.of("plain.yaml"), """
        name: plain
        problems: [{id: ravine-regression, optimizers: [{name: sgd}]}]
        """);
    assertFalse(ResolvedConfigWriter.toYaml(plain).contains("shuffle"));
    ExperimentConfig buffered = ConfigLoader.parse(Path.of("buffered.yaml"), """
        name: buffered
        problems: [{id: ravine-regression, shuffleBuffer: 64, optimizers: [{name: sgd}]}]
        """);
    String resolved = ResolvedConfigWriter.toYaml(buffered);
    assertTrue(resolved.contains("\n  shuffleBuffer: 64\n"), resolved);
    assertEquals(buffered, ConfigLoader.parse(Path.of("resolved.yaml"), resolved));
  }

  @Test
  void theReportSmoothingIsWrittenOnlyWhenSet() {
    ExperimentConfig plain = ConfigLoader.parse(Path.of("plain.yaml"), """
        name: plain
        problems: [{id: saddle, optimizers: [{name: sgd}]}]
        """);
    assertFalse(ResolvedConfigWriter.toYaml(plain).contains("report"));
    ExperimentConfig smoothed = ConfigLoader.parse(Path.of("smoothed.yaml"), """
        name: smoothed
        report: {smoothing: 0.5}
        problems: [{id: saddle, optimizers: [{name: sgd}]}]
        """);
    String resolved = ResolvedConfigWriter.toYaml(smoothed);
    assertTrue(resolved.endsWith("report:\n  smoothing: 0.5\n"), resolved);
    assertEquals(smoothed, ConfigLoader.parse(Path.of("resolved.yaml"), resolved));
    assertEquals(plain.trials(), ConfigLoader.parse(Path.of("plain.yaml"), """
        name: plain
        report: {smoothing: 0.5}
        problems: [{id: saddle, optimizers: [{name: sgd}]}]
        """).trials(), "the report's smoothing is part of no trial");
  }
}
