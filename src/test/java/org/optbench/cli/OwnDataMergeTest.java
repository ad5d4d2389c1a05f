package org.optbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.testing.SmallCsv;

/**
 * Two experiments on the user's files merge when the files have the same contents, wherever they
 * lie (a trial's identity is the files' content, not their path), and not when the contents
 * differ.
 */
class OwnDataMergeTest {
  @TempDir
  Path dir;

  private Path run(String name, Path csv, String optimizer) throws IOException {
    Path config = Files.writeString(dir.resolve(name + ".yaml"),
        SmallCsv.config(name, csv, 4, optimizer));
    CliRun run = CliRun.of("run", config.toString(), "--results", dir.resolve("results")
        .toString());
    assertEquals(0, run.exitCode(), run.out() + run.err());
    return dir.resolve("results").resolve(name);
  }

  @Test
  void movedFilesMergeAndEditedOnesAreRefused() throws IOException {
    String rows = SmallCsv.rows();
    Path here = Files.writeString(Files.createDirectories(dir.resolve("data")).resolve("rows.csv"),
        rows);
    Path moved = Files.writeString(Files.createDirectories(dir.resolve("copy"))
        .resolve("rows.csv"), rows);
    Path sgd = run("sgd", here, "sgd");
    Path adam = run("adam", moved, "adam");

    CliRun merged = CliRun.of("report", sgd.toString(), adam.toString(), "--out",
        dir.resolve("merged").toString());
    assertEquals(0, merged.exitCode(), merged.out() + merged.err());
    String md = Files.readString(dir.resolve("merged/report.md"));
    assertTrue(md.contains("- from sgd: sgd; from adam: adam\n"), md);

    // Other contents at the second path: its trials read other data.
    Files.writeString(moved, rows.replace("0.25,", "0.5,"));
    Path edited = run("adam", moved, "adam");
    String refused = refusedMerge(sgd, edited);
    assertTrue(refused.startsWith("error: cannot merge sgd (" + sgd + ") and adam (" + edited
        + "): problem rows has data.train.csv"), refused);
    assertTrue(refused.contains(" in adam, and the files' contents differ too (the trials'"
        + " spec.json hold other checksums or another network);"), refused);

    // The same path, other contents: the file's checksum is named, not a statistic from it.
    Files.writeString(here, rows.replace("0.25,", "0.75,"));
    Path sameFile = run("sgd-edited", here, "sgd");
    String differ = refusedMerge(sgd, sameFile);
    assertTrue(differ.startsWith("error: cannot merge sgd (" + sgd + ") and sgd-edited ("
        + sameFile + "): the rows data differ (manifest.json dataSha256.rows.train: rows.csv);"),
        differ);
  }

  /** @return what {@code report a b --out} prints when it refuses (exit 2), writing nothing */
  private String refusedMerge(Path a, Path b) {
    Path out = dir.resolve("refused");
    CliRun merge = CliRun.of("report", a.toString(), b.toString(), "--out", out.toString());
    assertEquals(2, merge.exitCode(), merge.out() + merge.err());
    assertTrue(Files.notExists(out), "nothing written");
    return merge.err();
  }
}
