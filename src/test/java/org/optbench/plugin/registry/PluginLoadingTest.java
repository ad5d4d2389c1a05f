package org.optbench.plugin.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.Sha256;
import org.optbench.config.ConfigException;
import org.optbench.config.ConfigLoader;
import org.optbench.config.ExperimentConfig;
import org.optbench.config.ResolvedConfigWriter;
import org.optbench.experiment.TrialId;
import org.optbench.experiment.TrialSpec;
import org.optbench.optimizer.OptimizerSpec;

/**
 * A plugin jar built here from the example plugin project, loaded by short name and by class
 * name through a config; every named error; the jar's hash in the trial identity.
 */
class PluginLoadingTest {
  private static final Map<String, String> EXTRA = Map.of(
      "org.example.bad.NotAnUpdater", """
          package org.example.bad;
          public class NotAnUpdater { }
          """,
      "org.example.bad.NoDefault", """
          package org.example.bad;
          public class NoDefault extends org.example.signum.Signum {
            public NoDefault(double lr) { setLearningRate(lr); }
          }
          """);

  @TempDir
  static Path dir;
  private static Path jar;

  @BeforeAll
  static void buildJar() throws IOException {
    jar = org.optbench.testing.PluginJars.build(dir, "signum.jar", EXTRA, true);
  }

  private static ExperimentConfig load(String optimizers, Protocol protocol, Path... plugins) {
    String yaml = "name: p\n" + protocol.yaml + "problems:\n  - id: ravine-2d\n"
        + "    steps: 5\n    optimizers:\n" + optimizers;
    return ConfigLoader.parse(Path.of("p.yaml"), yaml, List.of(plugins));
  }

  private enum Protocol {
    GRID("seeds: [0]\n"), RANDOM("protocol: tune-then-evaluate\ntuning: {budget: 2}\nseeds: [1]\n");

    final String yaml;

    Protocol(String yaml) {
      this.yaml = yaml;
    }
  }

  private static String error(String optimizers, Protocol protocol, Path... plugins) {
    return assertThrows(ConfigException.class, () -> load(optimizers, protocol, plugins))
        .getMessage();
  }

  @Test
  void shortNameAndClassNameBothLoad() throws IOException {
    ExperimentConfig config = load("""
              - {name: signum, learningRate: 0.01}
              - {class: org.example.signum.Signum, learningRate: 0.02}
              - {name: adam}
        """, Protocol.GRID, jar);
    List<OptimizerSpec> specs = config.problems().get(0).optimizers();
    assertEquals("signum", specs.get(0).id());
    assertEquals(Map.of("learningRate", 0.01, "beta", 0.9), specs.get(0).hyperparameters());
    String sha = Sha256.of(jar);
    assertEquals(Map.of("id", "signum", "class", "org.example.signum.Signum", "sha256", sha),
        specs.get(0).identity());
    // By class, a class with exactly one provider is that provider's optimizer.
    assertEquals("signum", specs.get(1).id());
    assertEquals(Map.of("id", "adam"), specs.get(2).identity());

    String resolved = ResolvedConfigWriter.toYaml(config);
    assertTrue(resolved.contains("plugins:\n- \"" + jar.toAbsolutePath().normalize() + "\""),
        resolved);
    // The resolved config names the jar absolutely, so it loads again without --plugins.
    assertEquals(resolved, ResolvedConfigWriter.toYaml(
        ConfigLoader.parse(Path.of("r.yaml"), resolved)));
  }

  @Test
  void aClassWithoutProviderTakesItsBeanPropertiesAndDefaults() throws IOException {
    Path bare = org.optbench.testing.PluginJars.build(dir.resolve("bare"), "bare.jar", Map.of(),
        false);
    OptimizerSpec spec = load("      - {class: org.example.signum.Signum, beta: 0.5}\n",
        Protocol.GRID, bare).problems().get(0).optimizers().get(0);
    assertEquals("org.example.signum.Signum", spec.id());
    assertEquals("Signum", spec.type().label());
    // Bean properties in name order, defaults from the no-argument constructor.
    assertEquals(List.of("beta", "learningRate"), List.copyOf(spec.hyperparameters().keySet()));
    assertEquals(Map.of("beta", 0.5, "learningRate", 1e-3), spec.hyperparameters());
  }

  @Test
  void editingThePluginChangesTheTrialIdsOfItsTrialsOnly() throws IOException {
    String entries = "      - {name: signum}\n      - {name: sgd}\n";
    List<TrialSpec> before = load(entries, Protocol.GRID, jar).trials();
    Path edited = dir.resolve("edited");
    Files.createDirectories(edited);
    Path copy = edited.resolve("signum.jar");
    Files.copy(jar, copy);
    try (var fs = java.nio.file.FileSystems.newFileSystem(copy)) {
      Files.writeString(fs.getPath("README.txt"), "changed");
    }
    List<TrialSpec> after = load(entries, Protocol.GRID, copy).trials();
    assertNotEquals(TrialId.of(before.get(0)), TrialId.of(after.get(0)));
    assertEquals(TrialId.of(before.get(1)), TrialId.of(after.get(1)));
    // Moving the same bytes elsewhere changes nothing.
    Path moved = Files.copy(jar, Files.createDirectories(dir.resolve("moved")).resolve("x.jar"));
    assertEquals(TrialId.of(before.get(0)),
        TrialId.of(load(entries, Protocol.GRID, moved).trials().get(0)));
  }

  @Test
  void namedErrors() throws IOException {
    assertTrue(error("      - {class: org.example.Missing}\n", Protocol.GRID, jar).contains(
        "optimizers[0].class: class org.example.Missing is not found in plugin jars "
            + jar.toAbsolutePath().normalize()), "lists the jars searched");
    assertTrue(error("      - {class: org.example.bad.NotAnUpdater}\n", Protocol.GRID, jar)
        .contains("org.example.bad.NotAnUpdater does not implement"
            + " org.nd4j.linalg.learning.config.IUpdater"));
    assertTrue(error("      - {class: org.example.bad.NoDefault}\n", Protocol.GRID, jar)
        .contains("org.example.bad.NoDefault has no public no-argument constructor"));
    assertTrue(error("      - {class: org.example.signum.Signum, betta: 0.5}\n", Protocol.GRID,
        jar).contains("optimizers[0].betta: unknown key: not a hyperparameter of signum;"
        + " did you mean 'beta'?; accepted: class, learningRate, beta"));
    Path bare = org.optbench.testing.PluginJars.build(dir.resolve("bare2"), "bare.jar", Map.of(),
        false);
    assertTrue(error("      - {class: org.example.signum.Signum, learningRateSchedule: 1}\n",
        Protocol.GRID, bare).contains("optimizers[0].learningRateSchedule: is a property of"
        + " org.example.signum.Signum of type ISchedule, not a number"));
    assertTrue(error("      - {name: signum, learningRate: fast}\n", Protocol.GRID, jar)
        .contains("optimizers[0].learningRate: 'fast' is not accepted; expected a number"));
    Path notAJar = Files.writeString(dir.resolve("fake.jar"), "not a zip");
    assertTrue(error("      - {name: sgd}\n", Protocol.GRID, notAJar).contains(
        "--plugins / plugins: plugin " + notAJar.toAbsolutePath().normalize()
            + " is not a jar"));
    assertTrue(error("      - {name: sgd}\n", Protocol.GRID, dir.resolve("absent.jar"))
        .contains("plugin path " + dir.resolve("absent.jar") + " does not exist"));
    String random = error("      - {class: org.example.signum.Signum, learningRate:"
        + " {logUniform: [1.0e-4, 1.0e-1]}}\n", Protocol.RANDOM, bare);
    assertTrue(random.contains("optimizers[0].beta: has no range for random search"), random);
    assertFalse(random.contains("optimizers[0].learningRate"), random);
  }

  @Test
  void randomSearchFillsAProvidersSearchDefaults() {
    ExperimentConfig config = load("      - {name: signum}\n", Protocol.RANDOM, jar);
    assertEquals(new org.optbench.optimizer.Domain.LogUniform(1e-5, 1e-1),
        config.problems().get(0).searches().get(0).domains().get("learningRate"));
  }
}
