package org.optbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.testing.CurveCsv;

/**
 * Follows the README's section "Your own data": writes data files in the format it shows at the
 * paths its config names, saves its config as {@code own-data.yaml} and runs its commands from
 * that folder (in a child JVM, since paths are relative to the working directory). The run is
 * killed after its first trial and resumed; the report names the user's problem, and every curve
 * equals that of an uninterrupted run.
 */
class OwnDataEndToEndTest {
  private static final String[] LABELS = {"circle", "square", "triangle"};
  private static final int TRIALS = 4;

  @TempDir
  Path dir;

  @Test
  void theReadmeExampleRunsIsResumedAfterAKillAndIsReported() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    String section = readme.substring(readme.indexOf("## Your own data"));
    section = section.substring(0, section.indexOf("\n## ", 5));
    Matcher yaml = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(section);
    assertTrue(yaml.find(), "the section shows a config");
    Files.writeString(dir.resolve("own-data.yaml"), yaml.group(1));
    assertTrue(section.contains("./optbench run own-data.yaml\n./optbench report"
        + " results/own-data\n"), "the section's commands are those this test runs");
    Path root = runKilledResumedAndStraight("own-data");
    // The classes are well apart: Adam reaches the README's target on the test file.
    String summary = Files.readString(dir.resolve("straight.log"));
    Matcher adam = Pattern.compile("my-shapes +adam .* test acc (\\d\\.\\d+)").matcher(summary);
    assertTrue(adam.find(), summary);
    assertTrue(Double.parseDouble(adam.group(1)) >= 0.9, summary);

    CliRun report = CliRun.of("report", root.toString());
    assertEquals(0, report.exitCode(), report.err());
    String page = Files.readString(root.resolve("report/index.html"));
    assertTrue(page.contains("my-shapes"), "the page names the problem");
    assertTrue(Files.list(root.resolve("report/figures")).anyMatch(
        p -> p.getFileName().toString().startsWith("my-shapes")), "figures of the problem");
    // Epochs are examples seen over the training split's 480 rows, recorded in the manifest:
    // the 3-epoch trials reach the target within 3 epochs, not in hundreds of "epochs".
    Path best;
    try (var walk = Files.walk(root.resolve("report"))) {
      best = walk.filter(p -> p.getFileName().toString().equals("my-shapes-best.csv"))
          .findFirst().orElseThrow();
    }
    try (var parser = org.apache.commons.csv.CSVFormat.DEFAULT.builder().setHeader()
        .setSkipHeaderRecord(true).build().parse(Files.newBufferedReader(best))) {
      int checked = 0;
      for (var row : parser) {
        String epochs = row.get("time to target [epochs] mean");
        if (!epochs.isEmpty() && !epochs.equals("NaN")) {
          assertTrue(Double.parseDouble(epochs) <= 3, best + ": " + row);
          checked++;
        }
      }
      assertTrue(checked >= 1, "adam reaches the target: " + best);
    }
    String manifest = Files.readString(root.resolve("manifest.json"));
    assertTrue(manifest.contains("\"train: shapes-train.csv\" : \"" + org.optbench.Sha256.of(
        dir.resolve("data/shapes-train.csv")) + "\""), manifest);
    assertTrue(manifest.contains("\"labels\" : \"[circle, square, triangle]\""), manifest);
    assertTrue(manifest.contains("\"rows\" : \"train 480, validation 120, test 150"), manifest);
  }

  /**
   * Writes the shapes data, runs {@code NAME.yaml} from the test folder, kills it after its first
   * trial and resumes it, runs it again uninterrupted into {@code straight/}, and checks every
   * curve of the resumed run equals the uninterrupted one's.
   *
   * @return the resumed run's results folder
   */
  private Path runKilledResumedAndStraight(String name) throws Exception {
    Files.createDirectories(dir.resolve("data"));
    writeShapes(dir.resolve("data/shapes-train.csv"), 600, 1, false);
    writeShapes(dir.resolve("data/shapes-test.csv.gz"), 150, 2, true);

    Path root = dir.resolve("results/" + name);
    Process child = start(dir.resolve("first.log"), "run", name + ".yaml", "--parallelism", "1");
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
      while (child.isAlive() && finished(root) < 1 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertTrue(child.isAlive(), "the run finished before it could be killed: "
          + Files.readString(dir.resolve("first.log")));
    } finally {
      child.destroyForcibly().waitFor();
    }
    int before = finished(root);
    assertTrue(before >= 1 && before < TRIALS, before + " trials complete after the kill");

    Process resumed = start(dir.resolve("resumed.log"), "run", name + ".yaml");
    assertEquals(0, resumed.waitFor(), Files.readString(dir.resolve("resumed.log")));
    String log = Files.readString(dir.resolve("resumed.log"));
    assertTrue(log.contains(TRIALS + " trials: " + before + " already complete"), log);

    Process straight = start(dir.resolve("straight.log"), "run", name + ".yaml", "--results",
        "straight");
    assertEquals(0, straight.waitFor(), Files.readString(dir.resolve("straight.log")));
    List<Path> curves = files(root, "curve.csv", "evals.csv");
    assertEquals(2 * TRIALS, curves.size());
    for (Path curve : curves) {
      Path twin = dir.resolve("straight/" + name).resolve(root.relativize(curve));
      assertEquals(CurveCsv.read(twin).without("train_time_s"),
          CurveCsv.read(curve).without("train_time_s"), curve.toString());
    }
    return root;
  }

  /**
   * Follows the README's "Your own network": the network its Java example saves (the fixture
   * {@code mlp-16-3.json} is that configuration's {@code toJson()}, with a seed the canonical JSON
   * normalises away), its config saved as
   * {@code own-network.yaml}, run with two optimizers, killed after the first trial, resumed to
   * the same bits as an uninterrupted run, and reported.
   */
  @Test
  void theReadmeOwnNetworkExampleRunsIsResumedAfterAKillAndIsReported() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    String section = readme.substring(readme.indexOf("### Your own network"));
    section = section.substring(0, section.indexOf("\n## ", 5));
    Matcher yaml = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(section);
    assertTrue(yaml.find(), "the section shows a config");
    assertTrue(yaml.group(1).contains("network: {dl4jJson: shapes-net.json}"), yaml.group(1));
    Files.writeString(dir.resolve("own-network.yaml"), yaml.group(1));
    assertTrue(section.contains("./optbench run own-network.yaml\n./optbench report"
        + " results/own-network\n"), "the section's commands are those this test runs");
    assertTrue(section.contains("Files.writeString(Path.of(\"shapes-net.json\"),"
        + " conf.toJson());"), "the section saves the network this test uses");
    Files.copy(Path.of("src/test/resources/networks/mlp-16-3.json"),
        dir.resolve("shapes-net.json"));

    Path root = runKilledResumedAndStraight("own-network");
    String log = Files.readString(dir.resolve("straight.log"));
    assertTrue(log.contains("network of my-shapes from " + dir.resolve("shapes-net.json")
        + ":\n  replaced by each optimizer entry's updater and schedule: the file's updaters"
        + " Adam(learningRate=0.01"), log);
    // Two optimizers' trials of one seed start from the same parameters.
    for (long seed : new long[] {0, 1}) {
      List<String> initial = new ArrayList<>();
      for (Path result : files(root, "result.json")) {
        String text = Files.readString(result);
        if (result.getParent().getFileName().toString().equals("seed-" + seed)) {
          Matcher hash = Pattern.compile("\"initialParamsSha256\" : \"(\\w+)\"")
              .matcher(text);
          assertTrue(hash.find(), text);
          initial.add(hash.group(1));
        }
      }
      assertEquals(2, initial.size(), "sgd and adam at seed " + seed);
      assertEquals(initial.get(0), initial.get(1), "seed " + seed);
    }
    String manifest = Files.readString(root.resolve("manifest.json"));
    assertTrue(manifest.contains("\"network: dl4jJson\" : \"" + dir.resolve("shapes-net.json")
        + "\""), manifest);
    assertTrue(manifest.contains("the file's regularisation {hidden=[weights L2Regularization("),
        manifest);
    String resolved = Files.readString(root.resolve(org.optbench.result.ResultStore.RESOLVED_CONFIG));
    assertTrue(resolved.contains(dir.resolve("shapes-net.json").toString()),
        "the resolved config records the path absolute: " + resolved);

    CliRun report = CliRun.of("report", root.toString());
    assertEquals(0, report.exitCode(), report.err());
    String page = Files.readString(root.resolve("report/index.html"));
    assertTrue(page.contains("my-shapes"), "the page names the problem");
    assertTrue(page.contains("replaced by each optimizer entry&#39;s updater")
        || page.contains("replaced by each optimizer entry's updater"),
        "the page says what was replaced");
    String markdown = Files.readString(root.resolve("report/report.md"));
    assertTrue(markdown.contains("- network: replaced by each optimizer entry's updater and"
        + " schedule: the file's updaters"), "the problem's facts say what was replaced: "
        + markdown);
    assertTrue(markdown.contains("- network: kept"), "and what was kept: " + markdown);
  }

  /**
   * The README's format: a header, 16 features, a label name. Class k's features j ≡ k (mod 3)
   * are centred on 2, the others on 0, with unit Gaussian noise.
   */
  private static void writeShapes(Path file, int rows, long seed, boolean gzip)
      throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    StringBuilder text = new StringBuilder();
    for (int j = 0; j < 16; j++) {
      text.append('f').append(j).append(',');
    }
    text.append("label\n");
    for (int i = 0; i < rows; i++) {
      int k = i % 3;
      for (int j = 0; j < 16; j++) {
        double x = (j % 3 == k ? 2 : 0) + org.optbench.problem.Gaussian.truncatedNormal(random, 3);
        text.append(String.format(Locale.ROOT, "%.3f", x)).append(',');
      }
      text.append(LABELS[k]).append('\n');
    }
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file))
        : Files.newOutputStream(file)) {
      out.write(bytes);
    }
  }

  private Process start(Path logFile, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(logFile.toFile()).start();
  }

  /** Complete trials while a child may be renaming files under the walk. */
  private static int finished(Path root) throws IOException {
    while (true) {
      try {
        return files(root, "result.json").size();
      } catch (java.io.UncheckedIOException | java.nio.file.NoSuchFileException raced) {
        Thread.onSpinWait();
      }
    }
  }

  private static List<Path> files(Path root, String... names) throws IOException {
    if (!Files.exists(root)) {
      return List.of();
    }
    List<String> wanted = List.of(names);
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> wanted.contains(p.getFileName().toString())).sorted().toList();
    }
  }
}
