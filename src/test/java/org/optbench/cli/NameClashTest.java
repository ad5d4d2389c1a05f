package org.optbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.testing.FileHashes;

/**
 * A config run into a results folder that holds the same experiment name with a different
 * config: refused by default with nothing written, or kept apart with {@code --name}, or made
 * the experiment's with {@code --replace-config}. The earlier experiment's files never change.
 */
class NameClashTest {
  private static final String CONFIG = """
      name: clash
      seeds: [3]
      problems:
        - id: ravine-2d
          steps: 5
          optimizers:
            - {name: sgd, learningRate: [0.01, 0.015]}
      """;
  private static final String CHANGED = CONFIG.replace("seeds: [3]", "seeds: [3, 4]")
      .replace("0.015]", "0.02]").replace("steps: 5", "steps: 6");

  @TempDir
  Path dir;
  private Path results;
  private Path root;
  private Map<String, String> finished;

  /** A finished experiment, and the hash of every file it wrote. */
  @BeforeEach
  void runTheFirstConfig() throws IOException {
    results = dir.resolve("results");
    root = results.resolve("clash");
    CliRun first = run("first.yaml", CONFIG);
    assertEquals(0, first.exitCode(), first.err());
    finished = FileHashes.of(root);
  }

  private CliRun run(String file, String yaml, String... options) throws IOException {
    Path config = dir.resolve(file);
    Files.writeString(config, yaml);
    List<String> args = new java.util.ArrayList<>(List.of("run", config.toString(),
        "--results", results.toString()));
    args.addAll(List.of(options));
    return CliRun.of(args.toArray(String[]::new));
  }

  @Test
  void aDifferentConfigIsRefusedWithBothConfigsTheirDifferencesAndTheWaysOut()
      throws IOException {
    for (String[] options : List.of(new String[0], new String[] {"--overwrite"})) {
      CliRun clash = run("second.yaml", CHANGED, options);
      assertEquals(2, clash.exitCode(), clash.out());
      assertEquals("error: " + root + " holds an experiment run with a different config; nothing"
          + " was written\n"
          + "  earlier config: " + root.resolve("experiment.resolved.yaml") + "\n"
          + "  new config:     " + dir.resolve("second.yaml") + "\n"
          + "  differences (earlier -> new):\n"
          + "    seeds: [3] -> [3, 4]\n"
          + "    problems[ravine-2d].optimizers[sgd].learningRate: [0.01, 0.015] -> [0.01, 0.02]\n"
          + "    problems[ravine-2d].steps: 5 -> 6\n"
          + "  to keep both: --name NEW (results in " + results.resolve("NEW") + ") or --results"
          + " DIR (another results folder)\n"
          + "  to make the new config the experiment's: --replace-config (earlier trials stay on"
          + " disk; those not in the new plan leave trials.csv and the report)\n", clash.err());
      assertEquals("", clash.out(), "refused before anything ran");
      assertEquals(finished, FileHashes.of(root), "not a byte of the experiment changed");
    }
  }

  /** The dry run stops as the run does, and says so as its other refusals do. */
  @Test
  void aDryRunSaysTheRunWouldStopOrThatItWouldReplaceTheConfig() throws IOException {
    CliRun clash = run("second.yaml", CHANGED, "--dry-run");
    CliRun replacing = run("second.yaml", CHANGED, "--dry-run", "--replace-config");

    assertEquals(2, clash.exitCode(), clash.out());
    assertEquals("", clash.out());
    assertTrue(clash.err().startsWith("error: the run would stop before training anything: "
        + root + " holds an experiment run with a different config; nothing was written\n"),
        clash.err());
    assertEquals(0, replacing.exitCode(), replacing.err());
    assertTrue(replacing.out().endsWith("\n  note: " + dir.resolve("second.yaml") + " would"
        + " replace the config of the experiment in " + root + " (--replace-config); trials no"
        + " longer in the plan would stay on disk but leave trials.csv\n"), replacing.out());
    assertEquals(finished, FileHashes.of(root), "a dry run writes nothing");
  }

  @Test
  void aConfigThatResolvesTheSameIsNoClash() throws IOException {
    String same = """
        # the same experiment, written differently
        name: clash
        problems:
          - optimizers: [{learningRate: [0.01, 0.015], name: sgd}]
            steps: 5
            id: ravine-2d
        seeds: [3]
        threads: 1
        """;
    CliRun again = run("same.yaml", same);
    assertEquals(0, again.exitCode(), again.err());
    assertTrue(again.out().contains("2 trials: 2 already complete, 0 to run"), again.out());
    assertEquals(finished, FileHashes.of(root));
  }

  @Test
  void nameRunsTheConfigAsANewExperimentBesideTheEarlierOne() throws IOException {
    CliRun renamed = run("second.yaml", CHANGED, "--name", "clash-2");
    assertEquals(0, renamed.exitCode(), renamed.err());
    Path other = results.resolve("clash-2");
    assertTrue(renamed.out().contains("experiment clash-2 (grid): 2 trials -> " + other),
        renamed.out());
    assertTrue(Files.readString(other.resolve("experiment.resolved.yaml"))
        .startsWith("name: clash-2\n"));
    assertEquals(finished, FileHashes.of(root));

    CliRun again = run("second.yaml", CHANGED, "--name", "clash-2");
    assertEquals(0, again.exitCode(), again.err());
    assertTrue(again.out().contains("2 trials: 2 already complete, 0 to run"), again.out());
  }

  @Test
  void replaceConfigMakesTheNewConfigTheExperimentsAndKeepsEveryEarlierTrial()
      throws IOException {
    CliRun replaced = run("second.yaml", CHANGED, "--replace-config");
    assertEquals(0, replaced.exitCode(), replaced.err());
    String note = "note: " + dir.resolve("second.yaml") + " replaces the config of the"
        + " experiment in " + root + " (--replace-config); trials no longer in the plan stay on"
        + " disk but leave trials.csv";
    assertTrue(replaced.out().lines().anyMatch(note::equals), replaced.out());
    assertTrue(Files.readString(root.resolve("experiment.resolved.yaml")).contains("steps: 6"));
    List<String> index = Files.readAllLines(root.resolve("trials.csv"));
    assertEquals(3, index.size(), "header + the new plan's 2 trials (analytic: first seed only)");
    assertFalse(index.toString().contains("learningRate=0.015"), index.toString());
    Map<String, String> earlierTrials = new TreeMap<>(finished);
    earlierTrials.keySet().removeIf(path -> !path.startsWith("trials/"));
    Map<String, String> now = FileHashes.of(root);
    earlierTrials.forEach((path, hash) -> assertEquals(hash, now.get(path), path));
  }

  @Test
  void aNameOutsideTheRuleIsRefused() throws IOException {
    CliRun bad = run("second.yaml", CHANGED, "--name", "Clash 2");
    assertEquals(2, bad.exitCode());
    assertEquals("error: --name 'Clash 2' is not accepted; use 1-64 characters a-z, 0-9, '-' or"
        + " '_', starting with a letter or digit (it names the results folder)\n", bad.err());
    assertFalse(Files.exists(results.resolve("Clash 2")));
    assertEquals(finished, FileHashes.of(root));
  }

  @Test
  void aLongListOfDifferencesIsCutShort() {
    List<String> differences = java.util.stream.IntStream.range(0, 12)
        .mapToObj(i -> "seeds[" + i + "]: changed").toList();
    String message = new ConfigClash(root.resolve("experiment.resolved.yaml"), differences)
        .refusal(Path.of("new.yaml")).getMessage();
    assertTrue(message.contains("    seeds[6]: changed\n    \u2026and 5 more\n  to keep both"),
        message);
    assertFalse(message.contains("seeds[7]"), message);
  }
}
