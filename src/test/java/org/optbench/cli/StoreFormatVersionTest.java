package org.optbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.testing.FileHashes;
import org.optbench.testing.StoreFixtures;

/**
 * The result store's {@code formatVersion}: a store of today's format (version 1) and one without
 * versions are read by {@code run} and {@code report}; one of a newer version is refused by both.
 */
class StoreFormatVersionTest {
  @TempDir
  Path dir;

  private Path config;
  private Path results;
  private Path root;

  private void fixture() {
    config = StoreFixtures.formatV1(dir);
    results = dir.resolve("results");
    root = results.resolve("format-v1");
  }

  private CliRun resume() {
    return CliRun.of("run", config.toString(), "--results", results.toString(),
        "--parallelism", "1");
  }

  private CliRun report() {
    return CliRun.of("report", root.toString(), "--out", dir.resolve("report").toString());
  }

  @Test
  void todaysStoreReadsBackWithEveryTrialComplete() throws IOException {
    fixture();
    List<Path> versioned = StoreFixtures.versionedFiles(root);
    assertEquals(4, versioned.size(), versioned.toString());
    for (Path file : versioned) {
      assertTrue(Files.readString(file).startsWith("{\n  \"formatVersion\" : 1,\n"), file.toString());
    }
    CliRun run = resume();
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("3 trials: 3 already complete, 0 to run"), run.out());
    CliRun report = report();
    assertEquals(0, report.exitCode(), report.err());
    assertTrue(report.out().contains("3 of 3 trials have results"), report.out());
  }

  @Test
  void storeWithoutVersionsReadsAsVersionOne() throws IOException {
    fixture();
    for (Path file : StoreFixtures.versionedFiles(root)) {
      String text = Files.readString(file);
      String stripped = text.replace("  \"formatVersion\" : 1,\n", "");
      assertFalse(stripped.equals(text), file.toString());
      Files.writeString(file, stripped);
    }
    CliRun run = resume();
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("3 trials: 3 already complete, 0 to run"), run.out());
    CliRun report = report();
    assertEquals(0, report.exitCode(), report.err());
    assertTrue(report.out().contains("3 of 3 trials have results"), report.out());
  }

  @Test
  void newerManifestIsRefusedByRunAndReportLeavingTheStoreAsItWas() throws IOException {
    fixture();
    Path manifest = root.resolve("manifest.json");
    stamp(manifest, 3);
    String before = FileHashes.of(dir).toString();
    String expected = "error: " + manifest + " has result-store format version 3, newer than"
        + " this optbench reads (format 2): upgrade optbench to report or resume it, or run the"
        + " trials into a new folder (--results DIR or --name NEW)\n";
    CliRun run = resume();
    assertEquals(2, run.exitCode(), run.out());
    assertEquals(expected, run.err());
    CliRun report = report();
    assertEquals(2, report.exitCode(), report.out());
    assertEquals(expected, report.err());
    assertEquals(before, FileHashes.of(dir).toString(), "nothing written");
  }

  @Test
  void aNewerTrialInAnOlderStoreIsRefusedNotMixedIn() throws IOException {
    fixture();
    Path result = StoreFixtures.versionedFiles(root).stream()
        .filter(f -> f.toString().contains("seed-1")).findFirst().orElseThrow();
    stamp(result, 3);
    String expected = "error: " + result + " has result-store format version 3, newer than"
        + " this optbench reads (format 2): upgrade optbench to report or resume it, or run the"
        + " trials into a new folder (--results DIR or --name NEW)\n";
    CliRun run = resume();
    assertEquals(2, run.exitCode(), run.out());
    assertEquals(expected, run.err());
    CliRun report = report();
    assertEquals(2, report.exitCode(), report.out());
    assertEquals(expected, report.err());
  }

  @Test
  void anUnknownOlderVersionSaysTheTrialsMustRunAgain() throws IOException {
    fixture();
    Path manifest = root.resolve("manifest.json");
    stamp(manifest, 0);
    CliRun run = resume();
    assertEquals(2, run.exitCode(), run.out());
    assertEquals("error: " + manifest + " has result-store format version 0, which this"
        + " optbench (format 2) cannot read, and no 'optbench migrate' can upgrade it: run the"
        + " trials again into a new folder (--results DIR or --name NEW)\n", run.err());
  }

  @Test
  void aVersionWrittenAsTextIsNamedAsAnEdit() throws IOException {
    fixture();
    Path manifest = root.resolve("manifest.json");
    String text = Files.readString(manifest);
    Files.writeString(manifest, text.replace("\"formatVersion\" : 1,", "\"formatVersion\" : \"1\","));
    CliRun run = resume();
    assertEquals(2, run.exitCode(), run.out());
    assertEquals("error: " + manifest + ": formatVersion \"1\" is not a version number (a whole"
        + " number: this optbench writes 1 to 2, unquoted); the file was edited outside optbench:"
        + " restore it, or run the trials again into a new folder (--results DIR or --name NEW)\n",
        run.err());
  }

  private static void stamp(Path file, int version) throws IOException {
    String text = Files.readString(file);
    String stamped = text.replace("\"formatVersion\" : 1,", "\"formatVersion\" : " + version
        + ",");
    assertFalse(stamped.equals(text), file.toString());
    Files.writeString(file, stamped);
  }
}
