package org.optbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report.md's closing section, "How these results were computed", from the manifest and config. */
class ProvenanceTest {
  @TempDir
  Path dir;

  /** A manifest as a run on a 2-core AMD machine with the default natives writes it, trimmed. */
  private static final String MANIFEST = """
      {
        "formatVersion" : 1,
        "optbenchVersion" : "0.1.0-SNAPSHOT",
        "javaVersion" : "17.0.15",
        "javaVendor" : "Debian",
        "os" : "Linux 6.1.0 amd64",
        "cpu" : "AMD EPYC 7B13",
        "logicalCores" : 2,
        "gitCommit" : "64b4b503bb130b24ef541480083f0fbcedc693a4+uncommitted-changes",
        "backend" : {
          "dl4jVersion" : "1.0.0-M2.1",
          "nativeClassifier" : "linux-x86_64-onednn-avx2",
          "oneDnnIsa" : "avx2",
          "layerHelpers" : "oneDNN"
        },
        "parallelism" : 2,
        "threadsPerTrial" : 1,
        "dataSha256" : {
          "mnist" : {
            "train-images-idx3-ubyte.gz" : "440f",
            "train-labels-idx1-ubyte.gz" : "3552",
            "t10k-images-idx3-ubyte.gz" : "8d42",
            "t10k-labels-idx1-ubyte.gz" : "f7ae"
          },
          "ravine-regression" : { }
        }
      }
      """;

  private static String section(Path report) throws IOException {
    String md = Files.readString(report.resolve("report.md"));
    int at = md.indexOf("## How these results were computed");
    assertTrue(at >= 0, md);
    return md.substring(at);
  }

  @Test
  void namesTheSoftwareNativesThreadsMachineDataAndSeeds() throws IOException {
    Path root = ResultStoreFixture.standard(dir.resolve("hand-made"), "test").root();
    Files.writeString(root.resolve("manifest.json"), MANIFEST);
    ReportGenerator.generate(root, root.resolve("report"));
    assertEquals("""
        ## How these results were computed

        - optbench 0.1.0-SNAPSHOT, commit 64b4b503bb130b24ef541480083f0fbcedc693a4 with \
        uncommitted changes, DL4J 1.0.0-M2.1, Java 17.0.15 (Debian)
        - natives: nd4j-native linux-x86_64-onednn-avx2, oneDNN ISA avx2, layer helpers oneDNN
        - 1 native thread per trial, 2 trials at once (results are bit-identical only with the \
        same natives, oneDNN ISA and threads per trial)
        - machine: AMD EPYC 7B13, 2 logical cores, Linux 6.1.0 amd64
        - data: the SHA-256 of 4 files in manifest.json
        - seeds: 0, 1, 2
        - the full record: experiment.resolved.yaml and manifest.json, in the results folder and on \
        the HTML page
        """, section(root.resolve("report")));
  }

  @Test
  void factsAnOlderManifestLacksAreLeftOutNotGuessed() throws IOException {
    Path root = ResultStoreFixture.standard(dir.resolve("hand-made"), "test").root();
    // The fixture's manifest holds a Java version and nothing else this section reads.
    ReportGenerator.generate(root, root.resolve("report"));
    assertEquals("""
        ## How these results were computed

        - optbench, Java 17
        - seeds: 0, 1, 2
        - the full record: experiment.resolved.yaml and manifest.json, in the results folder and on \
        the HTML page
        """, section(root.resolve("report")));
  }

  @Test
  void aMissingOrDamagedManifestIsSaidInItsPlace() throws IOException {
    Path root = ResultStoreFixture.standard(dir.resolve("hand-made"), "test").root();
    Files.delete(root.resolve("manifest.json"));
    ReportGenerator.generate(root, root.resolve("report"));
    assertTrue(section(root.resolve("report")).contains("\n- manifest.json is missing, so the"
        + " software, native settings and data checksums that computed these results are"
        + " unknown\n- seeds: 0, 1, 2\n"), section(root.resolve("report")));

    Files.writeString(root.resolve("manifest.json"), "{\"cpu\": ");
    ReportGenerator.generate(root, root.resolve("report"));
    assertTrue(section(root.resolve("report")).contains("\n- manifest.json is damaged, so the"
        + " software"), section(root.resolve("report")));
  }

  @Test
  void aMergedReportGivesEachExperimentItsOwnBlock() throws IOException {
    Path baselines = ResultStoreFixture.standard(dir.resolve("hand-made"), "baselines").root();
    Path newcomer = ResultStoreFixture.newcomer(dir.resolve("newcomer"), 40).root();
    Files.writeString(newcomer.resolve("manifest.json"), MANIFEST);
    Path out = dir.resolve("merged");
    ReportGenerator.generate(List.of(baselines, newcomer), out, ReportOptions.DEFAULTS);
    String section = section(out);
    assertTrue(section.startsWith("## How these results were computed\n\n### hand-made\n\n"
        + "- optbench, Java 17\n"), section);
    assertTrue(section.contains("in the results folder and on the HTML page\n\n### newcomer\n\n"
        + "- optbench 0.1.0-SNAPSHOT, commit 64b4b503bb130b24ef541480083f0fbcedc693a4 with"
        + " uncommitted changes, DL4J 1.0.0-M2.1, Java 17.0.15 (Debian)\n- natives:"), section);
  }
}
