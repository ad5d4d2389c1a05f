package org.optbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A time-limited experiment end to end: what its files record, and {@code optbench reproduce}
 * replaying a trial to the step count it reached. The limit (a nanosecond) is below any step's
 * time, so each trial takes exactly one step whatever the machine.
 */
class TimeLimitRunTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TIMED = """
      name: timed
      seeds: [0]
      problems:
        - id: ravine-2d
          steps: 1000
          stop: {seconds: 1.0e-9}
          optimizers:
            - {name: adam, learningRate: 0.1}
      """;

  @TempDir
  Path dir;

  private Path run(String yaml, String... more) throws IOException {
    Path config = Files.writeString(dir.resolve("config.yaml"), yaml);
    List<String> args = new ArrayList<>(List.of("run", config.toString(), "--results",
        dir.resolve("results").toString(), "--parallelism", "1"));
    args.addAll(List.of(more));
    CliRun run = CliRun.of(args.toArray(String[]::new));
    assertEquals(0, run.exitCode(), run.out() + run.err());
    try (Stream<Path> files = Files.walk(dir.resolve("results"))) {
      return files.filter(p -> p.getFileName().toString().equals("result.json")).findFirst()
          .orElseThrow().getParent();
    }
  }

  @Test
  void theResultRecordsTheLimitTheStepsAndWhereItRan() throws IOException {
    Path trial = run(TIMED);
    JsonNode result = JSON.readTree(trial.resolve("result.json").toFile());
    assertEquals(2, result.get("formatVersion").asInt());
    assertEquals("time", result.get("stoppedBy").asText());
    assertEquals(1, result.get("steps").asLong());
    assertEquals(1, result.path("conditions").path("parallelism").asInt());
    assertTrue(result.path("conditions").path("machine").asText().endsWith(" cores"),
        result.toString());
    JsonNode spec = JSON.readTree(trial.resolve("spec.json").toFile()).get("spec");
    assertEquals(1.0e-9, spec.path("stop").path("seconds").asDouble(), 0.0);
    assertEquals(1000, spec.path("steps").asInt());
    JsonNode manifest = JSON.readTree(dir.resolve("results/timed/manifest.json").toFile());
    assertEquals(2, manifest.get("formatVersion").asInt());

    // A store of version 2 is read back: the trial is complete, not run again.
    CliRun again = CliRun.of("run", dir.resolve("config.yaml").toString(), "--results",
        dir.resolve("results").toString());
    assertEquals(0, again.exitCode(), again.err());
    assertTrue(again.out().contains("1 already complete, 0 to run"), again.out());
  }

  @Test
  void aTrialInAChildJvmRecordsTheRunsParallelismToo() throws IOException {
    Path trial = run(TIMED, "--isolate");
    JsonNode result = JSON.readTree(trial.resolve("result.json").toFile());
    assertEquals("time", result.get("stoppedBy").asText());
    assertEquals(1, result.get("steps").asLong());
    assertEquals(1, result.path("conditions").path("parallelism").asInt(), result.toString());
  }

  @Test
  void reproduceReplaysATimeLimitedTrialToItsRecordedSteps() throws IOException {
    Path trial = run(TIMED);
    CliRun reproduce = CliRun.of("reproduce", trial.toString());
    assertEquals(0, reproduce.exitCode(), reproduce.out() + reproduce.err());
    assertTrue(reproduce.out().contains("the trial has a time limit (1000 steps or 1.0E-9 s),"
        + " so the steps it took depended on the machine; replaying it to the 1 step it"
        + " recorded\n"), reproduce.out());
    assertTrue(reproduce.out().endsWith("identical: curve.csv (2 rows) matches bit for bit"
        + " (train_time_s aside)\n"), reproduce.out());
  }

  @Test
  void theReportMarksTimeLimitedComparisonsFromDifferentParallelism() throws IOException {
    String two = TIMED.replace("- {name: adam, learningRate: 0.1}\n",
        "- {name: adam, learningRate: 0.1}\n      - {name: sgd, learningRate: 0.01}\n");
    assertTrue(two.contains("name: sgd"), two);
    run(two);
    Path root = dir.resolve("results/timed");
    CliRun same = CliRun.of("report", root.toString());
    assertEquals(0, same.exitCode(), same.err());
    Path table = root.resolve("report/tables/ravine-2d-best.md");
    assertFalse(Files.readString(table).contains("Not on equal terms"), "one run, one machine");

    // As if the sgd trial had run in another invocation with two trials at once.
    try (Stream<Path> files = Files.walk(root.resolve("trials/ravine-2d/sgd"))) {
      Path result = files.filter(p -> p.getFileName().toString().equals("result.json"))
          .findFirst().orElseThrow();
      Files.writeString(result, Files.readString(result).replace("\"parallelism\" : 1",
          "\"parallelism\" : 2"));
    }
    CliRun marked = CliRun.of("report", root.toString());
    assertEquals(0, marked.exitCode(), marked.err());
    String text = Files.readString(table);
    assertTrue(text.contains("(time-limited trials from different machines or parallelism)"),
        text);
    assertTrue(text.contains("Not on equal terms: these time-limited trials ran at parallelism"
        + " 1, 2"), text);
  }

  @Test
  void aConfigWithoutStopWritesVersionOneFilesWithoutTheNewFields() throws IOException {
    Path trial = run(TIMED.replace("    stop: {seconds: 1.0e-9}\n", "")
        .replace("steps: 1000", "steps: 3"));
    JsonNode result = JSON.readTree(trial.resolve("result.json").toFile());
    assertEquals(1, result.get("formatVersion").asInt());
    assertFalse(result.has("stoppedBy"));
    assertFalse(result.has("conditions"));
    assertEquals(1, JSON.readTree(dir.resolve("results/timed/manifest.json").toFile())
        .get("formatVersion").asInt());
  }

  @Test
  void aZeroOrMalformedTimeLimitIsRefusedBeforeAnythingIsWritten() throws IOException {
    for (String stop : new String[] {"{seconds: 0}", "{seconds: 5, minutes: 1}"}) {
      Path config = Files.writeString(dir.resolve("bad.yaml"),
          TIMED.replace("{seconds: 1.0e-9}", stop));
      CliRun run = CliRun.of("run", config.toString(), "--results",
          dir.resolve("results").toString());
      assertEquals(2, run.exitCode(), run.out() + run.err());
      assertTrue(run.err().contains(stop.contains("minutes")
          ? "problems[0].stop.minutes: unknown key; accepted: [seconds]"
          : "problems[0].stop.seconds: 0 is not accepted"), run.err());
      assertFalse(Files.exists(dir.resolve("results")), "nothing written");
    }
  }
}
