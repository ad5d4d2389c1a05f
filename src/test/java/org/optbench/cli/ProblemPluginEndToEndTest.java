package org.optbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.config.ConfigException;
import org.optbench.config.ConfigLoader;
import org.optbench.testing.CurveCsv;
import org.optbench.testing.PluginJars;

/**
 * Follows {@code docs/problem-plugins.md}: compiles its Java example into a plugin jar built in
 * the test, lists it, runs its config with two optimizers and two seeds through {@code run} and
 * {@code report}, and checks what makes it a benchmark: both optimizers start from the same
 * parameters, the jar's SHA-256 is part of the trial ids, and bad plugins are named.
 */
class ProblemPluginEndToEndTest {
  private static final String SERVICES = "META-INF/services/org.optbench.plugin.ProblemPlugin";

  @TempDir
  Path dir;

  private static String block(String doc, String language) {
    Matcher m = Pattern.compile("```" + language + "\n(.*?)```", Pattern.DOTALL).matcher(doc);
    assertTrue(m.find(), "the page shows a " + language + " block");
    return m.group(1);
  }

  private Path jar(String name, String source) throws IOException {
    return PluginJars.build(dir, name, Map.of("org.example.Blobs", source), false,
        Map.of(SERVICES, "org.example.Blobs\n"));
  }

  @Test
  void theDocumentedProblemIsListedRunWithTwoOptimizersAndReported() throws Exception {
    String doc = Files.readString(Path.of("docs/problem-plugins.md"));
    String source = block(doc, "java");
    Path config = dir.resolve("blobs.yaml");
    Files.writeString(config, block(doc, "yaml"));
    assertTrue(block(doc, "bash").contains(
        "./optbench run blobs.yaml --plugins blobs-problem.jar\n"), "the page's command");
    Path jar = jar("blobs-problem.jar", source);

    CliRun list = CliRun.of("list", "--plugins", jar.toString());
    assertEquals(0, list.exitCode(), list.err());
    assertTrue(list.out().contains("blobs ") && list.out().contains("org.example.Blobs ("
        + jar.toAbsolutePath().normalize() + ")"), list.out());

    Path results = dir.resolve("results");
    CliRun run = CliRun.of("run", config.toString(), "--plugins", jar.toString(), "--results",
        results.toString());
    assertEquals(0, run.exitCode(), run.out() + run.err());
    Path root = results.resolve("blobs");
    List<Path> curves = files(root, "curve.csv");
    assertEquals(4, curves.size(), "2 optimizers × 2 seeds: " + curves);
    // Adam at 0.01 separates the blobs (centres 4 apart, unit spread) within 3 epochs.
    Matcher adam = Pattern.compile("blobs +adam .* test acc (\\d\\.\\d+)").matcher(run.out());
    assertTrue(adam.find(), run.out());
    assertTrue(Double.parseDouble(adam.group(1)) >= 0.85, run.out());

    // Same seed, same initial weights and batches: the first mini-batch loss, measured before
    // any update, is bit-identical for SGD and Adam; the two seeds differ.
    TreeSet<String> firstLosses = new TreeSet<>();
    for (Path curve : curves) {
      CurveCsv c = CurveCsv.read(curve);
      firstLosses.add(Double.toString(c.column("loss")[0]));
    }
    assertEquals(2, firstLosses.size(), "one initial loss per seed: " + firstLosses);

    String manifest = Files.readString(root.resolve("manifest.json"));
    String jarSha = org.optbench.Sha256.of(jar);
    assertTrue(manifest.contains(jarSha), manifest);
    assertTrue(manifest.contains("\"rows\" : \"train 300, validation 90, test 90\""), manifest);
    String resolved = Files.readString(firstFile(root, ".yaml"));
    assertTrue(resolved.contains("class: \"org.example.Blobs\"")
        && resolved.contains(jarSha), resolved);

    // Each trial in a child JVM, which reads the problem back from the resolved config and the
    // plugin path: the same bits as in this JVM.
    Path isolated = dir.resolve("isolated");
    CliRun child = CliRun.of("run", config.toString(), "--plugins", jar.toString(), "--results",
        isolated.toString(), "--isolate", "--only", "optimizer=adam");
    assertEquals(0, child.exitCode(), child.out() + child.err());
    List<Path> childCurves = files(isolated.resolve("blobs"), "curve.csv");
    assertEquals(2, childCurves.size(), childCurves.toString());
    for (Path curve : childCurves) {
      Path twin = root.resolve(isolated.resolve("blobs").relativize(curve));
      assertEquals(CurveCsv.read(twin).without("train_time_s"),
          CurveCsv.read(curve).without("train_time_s"), twin.toString());
    }

    // reproduce finds the jar through the manifest and checks its SHA-256.
    CliRun reproduce = CliRun.of("reproduce", curves.get(0).getParent().toString());
    assertEquals(0, reproduce.exitCode(), reproduce.out() + reproduce.err());
    assertTrue(reproduce.out().contains("identical: curve.csv"), reproduce.out());

    CliRun report = CliRun.of("report", root.toString());
    assertEquals(0, report.exitCode(), report.out() + report.err());
    assertTrue(!report.out().contains("not reported") && !report.err().contains("not reported"),
        report.out() + report.err());
    String page = Files.readString(root.resolve("report/index.html"));
    assertTrue(page.contains("blobs"), "the page names the problem");
    try (Stream<Path> figures = Files.list(root.resolve("report/figures"))) {
      assertTrue(figures.anyMatch(p -> p.getFileName().toString().startsWith("blobs")),
          "figures of the problem");
    }

    // A rebuilt jar (here: another description) is another plugin: the results folder says its
    // config changed, and once it is the experiment's, every trial is new.
    Path changed = jar("blobs-problem-2.jar", source.replace("MLP 2 → 16 → 3", "MLP 2-16-3"));
    assertNotEquals(jarSha, org.optbench.Sha256.of(changed));
    CliRun clash = CliRun.of("run", config.toString(), "--plugins", changed.toString(),
        "--results", results.toString());
    assertEquals(2, clash.exitCode());
    assertTrue(clash.err().contains("problems[blobs].plugin.sha256"), clash.err());
    CliRun again = CliRun.of("run", config.toString(), "--plugins", changed.toString(),
        "--results", results.toString(), "--replace-config");
    assertEquals(0, again.exitCode(), again.out() + again.err());
    assertTrue(again.out().contains("4 trials: 0 already complete"), again.out());
    assertEquals(8, files(root, "curve.csv").size());
  }

  @Test
  void anUnknownIdListsThePluginProblemsAndAThrowingPluginIsNamed() throws Exception {
    String source = block(Files.readString(Path.of("docs/problem-plugins.md")), "java");
    Path jar = jar("blobs-problem.jar", source);
    ConfigException unknown = assertThrows(ConfigException.class, () -> ConfigLoader.parse(
        dir.resolve("x.yaml"), "name: x\nproblems:\n  - id: blobz\n    optimizers: [{name: sgd}]\n",
        List.of(jar)));
    assertTrue(unknown.getMessage().contains("'blobz' is not a problem")
        && unknown.getMessage().contains("from plugins: blobs"), unknown.getMessage());

    Path broken = dir.resolve("broken");
    Files.createDirectories(broken);
    Path bad = PluginJars.build(broken, "broken.jar", Map.of("org.example.Blobs",
        source.replace("return new Data(", "if (random != null) {\n"
            + "      throw new IllegalStateException(\"no data today\");\n    }\n"
            + "    return new Data(")), false, Map.of(SERVICES, "org.example.Blobs\n"));
    ConfigException thrown = assertThrows(ConfigException.class, () -> ConfigLoader.parse(
        dir.resolve("x.yaml"), "name: x\nproblems:\n  - id: blobs\n    optimizers: [{name: sgd}]\n",
        List.of(bad)));
    String message = thrown.getMessage();
    assertTrue(message.contains("problems[0].id") && message.contains("org.example.Blobs")
        && message.contains(bad.toAbsolutePath().normalize().toString())
        && message.contains("no data today"), message);

    Path taken = dir.resolve("taken");
    Files.createDirectories(taken);
    Path rosenbrock = PluginJars.build(taken, "taken.jar", Map.of("org.example.Blobs",
        source.replace("return \"blobs\";", "return \"rosenbrock\";")), false,
        Map.of(SERVICES, "org.example.Blobs\n"));
    ConfigException clash = assertThrows(ConfigException.class, () -> ConfigLoader.parse(
        dir.resolve("x.yaml"), "name: x\nproblems:\n  - id: rosenbrock\n"
            + "    optimizers: [{name: sgd}]\n", List.of(rosenbrock)));
    assertTrue(clash.getMessage().contains("'rosenbrock' is a built-in problem, and"
        + " org.example.Blobs"), clash.getMessage());

    ConfigException misplaced = assertThrows(ConfigException.class, () -> ConfigLoader.parse(
        dir.resolve("x.yaml"), "name: x\nproblems:\n  - id: rosenbrock\n"
            + "    plugin: {class: org.example.Blobs}\n    optimizers: [{name: sgd}]\n",
        List.of()));
    assertTrue(misplaced.getMessage().contains("problems[0].plugin: applies only to a problem"
        + " defined by a plugin jar"), misplaced.getMessage());
  }

  private static List<Path> files(Path root, String name) throws IOException {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      walk.filter(p -> p.getFileName().toString().equals(name)).sorted().forEach(out::add);
    }
    return out;
  }

  private static Path firstFile(Path root, String suffix) throws IOException {
    try (Stream<Path> list = Files.list(root)) {
      return list.filter(p -> p.getFileName().toString().endsWith(suffix)).findFirst()
          .orElseThrow();
    }
  }
}
