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
            "t10k-images-idx3-ubyte.gz" : "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
            "t10k-labels-idx1-ubyte.gz" : "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
            "train-images-idx3-ubyte.gz" : "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
            "train-labels-idx1-ubyte.gz" : "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c"
          },
          "ravine-regression" : { }
        }
      }
      """;

  private static final String FULL_RECORD = "- the full record: experiment.resolved.yaml and"
      + " manifest.json, in the results folder and on the HTML page\n";

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
        - natives: nd4j-native linux-x86\\_64-onednn-avx2, oneDNN ISA avx2, layer helpers oneDNN
        - 1 native thread per trial, 2 trials at once (results are bit-identical only with the \
        same natives, oneDNN ISA and threads per trial)
        - machine: AMD EPYC 7B13, 2 logical cores, Linux 6.1.0 amd64
        - data, with the SHA-256 of each file in manifest.json: mnist (4 files)
        - seeds: 0, 1, 2
        """ + FULL_RECORD, section(root.resolve("report")));
  }

  @Test
  void eachFactStandsAloneAndValuesOfTheWrongTypeAreLeftOut() throws IOException {
    Path root = ResultStoreFixture.standard(dir.resolve("hand-made"), "test").root();
    Files.writeString(root.resolve("manifest.json"), """
        {
          "threadsPerTrial" : "two", "parallelism" : 2, "isolated" : true,
          "cpu" : "AMD\\nEPYC <b>bold</b>", "logicalCores" : true, "os" : 5,
          "backend" : 5,
          "dataSha256" : { "own_table" : { "train.csv" : "9c1185a5c5e9fc54612808977ee8f548b2258d31a9a0c9d4f5a6e5e4d3c2b1a0", "split" : "80/20" } },
          "plugins" : [ { "id" : "lion", "class" : "org.example.Lion",
              "jar" : "/home/someone/lion-plugin.jar", "sha256" : "9c1185a5c5e9fc54612808977ee8f548b2258d31a9a0c9d4f5a6e5e4d3c2b1a0" } ]
        }
        """);
    ReportGenerator.generate(root, root.resolve("report"));
    assertEquals("""
        ## How these results were computed

        - optbench
        - 2 trials at once, each trial in a child JVM (results are bit-identical only with the \
        same natives, oneDNN ISA and threads per trial)
        - machine: AMD EPYC \\<b\\>bold\\</b\\>
        - data, with the SHA-256 of each file in manifest.json: own\\_table (1 file)
        - optimizer plugin: lion, class org.example.Lion, from lion-plugin.jar, SHA-256 \
        9c1185a5c5e9fc54612808977ee8f548b2258d31a9a0c9d4f5a6e5e4d3c2b1a0
        - seeds: 0, 1, 2
        """ + FULL_RECORD, section(root.resolve("report")));
  }

  @Test
  void aMissingOrDamagedManifestIsSaidInItsPlace() throws IOException {
    Path root = ResultStoreFixture.standard(dir.resolve("hand-made"), "test").root();
    Files.delete(root.resolve("manifest.json"));
    ReportGenerator.generate(root, root.resolve("report"));
    assertEquals("""
        ## How these results were computed

        - manifest.json is missing, so the software, native settings and data checksums that \
        computed these results are unknown
        - seeds: 0, 1, 2
        - the full record: experiment.resolved.yaml, in the results folder and on the HTML page
        """, section(root.resolve("report")));

    // Not UTF-8: the report is still made, and says the manifest is damaged, although the text
    // read with U+FFFD for the bad byte would parse.
    byte[] latin1 = "{\"cpu\": \"caf\u00e9\"}"
        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    Files.write(root.resolve("manifest.json"), latin1);
    ReportSummary bytes = ReportGenerator.generate(root, root.resolve("report"));
    assertTrue(section(root.resolve("report")).startsWith("## How these results were computed"
        + "\n\n- manifest.json is damaged, so the software"), section(root.resolve("report")));
    assertTrue(bytes.warnings().stream().anyMatch(w -> w.startsWith("manifest.json cannot be"
        + " parsed (")), bytes.warnings().toString());

    // Text after the object: damaged too, although the object before it is whole.
    Files.writeString(root.resolve("manifest.json"), MANIFEST + "{}");
    ReportSummary appended = ReportGenerator.generate(root, root.resolve("report"));
    assertTrue(section(root.resolve("report")).startsWith("## How these results were computed"
        + "\n\n- manifest.json is damaged, so the software"), section(root.resolve("report")));
    assertTrue(appended.warnings().contains("manifest.json cannot be parsed (text follows the"
        + " JSON value at line " + (MANIFEST.lines().count() + 1) + "), so the software, native"
        + " settings and data checksums that computed these results are unknown; restore the"
        + " manifest.json the run wrote"), appended.warnings().toString());

    for (String notAnObject : List.of("", "null", "[1, 2]")) {
      Files.writeString(root.resolve("manifest.json"), notAnObject);
      ReportSummary summary = ReportGenerator.generate(root, root.resolve("report"));
      assertTrue(section(root.resolve("report")).contains("\n- manifest.json is damaged, so"),
          notAnObject);
      assertTrue(summary.warnings().contains("manifest.json holds no JSON object, so the"
          + " software, native settings and data checksums that computed these results are"
          + " unknown; restore the manifest.json the run wrote"), summary.warnings().toString());
    }
  }

  @Test
  void aTunedExperimentNamesItsTuningSeedsToo() throws IOException {
    Path root = ResultStoreFixture.tuneThenEvaluate(dir.resolve("tuned"), false).root();
    ReportGenerator.generate(root, root.resolve("report"));
    assertTrue(section(root.resolve("report")).contains("\n- evaluation seeds: 0, 1, 2, 3, 4, 5,"
        + " 6; tuning seeds: 1000\n"), section(root.resolve("report")));
  }

  @Test
  void aMergedReportGivesEachExperimentItsOwnBlockUnderItsEscapedName() throws IOException {
    Path baselines = ResultStoreFixture.standard(dir.resolve("hand-made"), "baselines").root();
    Path newcomer = ResultStoreFixture.newcomer(dir.resolve("newcomer"), 40).root();
    Files.writeString(newcomer.resolve("manifest.json"), MANIFEST);
    Path config = newcomer.resolve("experiment.resolved.yaml");
    Files.writeString(config, Files.readString(config)
        .replaceFirst("(?m)^name: .*$", "name: \"*new* [comer]\""));
    Path out = dir.resolve("merged");
    ReportGenerator.generate(List.of(baselines, newcomer), out, ReportOptions.DEFAULTS);
    String section = section(out);
    assertTrue(section.startsWith("## How these results were computed\n\n### hand-made\n\n"
        + "- optbench, Java 17\n"), section);
    assertTrue(section.contains("in the results folder and on the HTML page\n\n### \\*new\\*"
        + " \\[comer\\]\n\n- optbench 0.1.0-SNAPSHOT, commit"), section);
    assertTrue(Files.readString(out.resolve("report.md")).startsWith(
        "# optbench report: hand-made + \\*new\\* \\[comer\\]\n"),
        Files.readString(out.resolve("report.md")).lines().findFirst().orElse(""));
  }
}
