package org.optbench.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackendTest {
  @Test
  void theMatrixProductSelfCheckPassesAndIsRecorded() {
    Backend.checkMatrixProduct();
    Map<String, Object> facts = Backend.describe();
    assertEquals("passed: [67, 129]·[129, 71] integer product exact", facts.get("blasSelfCheck"));
    // In the -onednn natives Nd4j.gemm runs oneDNN's matmul, not OpenBLAS (OneDnnPathTest shows
    // the primitive in oneDNN's log), so a failure message must name it.
    assertEquals("oneDNN matmul", facts.get("selfCheckLibrary"));
    String coreType = System.getenv("OPENBLAS_CORETYPE");
    assertEquals(coreType == null ? "unset (OpenBLAS picks kernels for the CPU)" : coreType,
        facts.get("OPENBLAS_CORETYPE"));
  }

  @Test
  void recordsTheNativeBuildThatWasLoaded() {
    // The pom selects this nd4j-native build; the loader's library path names it.
    assertEquals("linux-x86_64-onednn-avx2", Backend.describe().get("nativeClassifier"));
  }

  /** The CPU's own level is matched by no cap at all, the simplest advice. */
  @Test
  void theLevelOfThisCpuIsMatchedWithoutACap() throws IOException {
    String own = OneDnnIsa.of(OneDnnIsa.cpuFlags(Files.readAllLines(Path.of("/proc/cpuinfo"))),
        null);
    assertEquals("start with DNNL_MAX_CPU_ISA unset on this CPU (or DNNL_MAX_CPU_ISA="
        + own.toUpperCase(Locale.ROOT) + ")", Backend.howToMatch("oneDnnIsa", own));
  }

  /** A hand edit is not taken for an older optbench's record, nor advertised as a build. */
  @Test
  void valuesNoOptbenchWritesAreNamedAsAnEdit() {
    Map<String, Object> current = Backend.describe();
    var section = Backend.BITS.differences(Map.of("backend", List.of(1, 2)), current);
    assertEquals(1, section.size(), section.toString());
    assertEquals("backend", section.get(0).key());
    assertEquals("[1, 2]", section.get(0).recordedText());
    assertEquals("no optbench records that value there: manifest.json was edited; restore the"
        + " manifest.json the run wrote", section.get(0).howToMatch());
    Map<String, Object> nullSection = new java.util.HashMap<>();
    nullSection.put("backend", null);
    assertEquals("null", Backend.BITS.differences(nullSection, current).get(0).recordedText());

    Map<String, Object> backend = new java.util.HashMap<>(current);
    backend.put("nativeClassifier", 42);
    var classifier = Backend.BITS.differences(Map.of("backend", backend), current);
    assertEquals(1, classifier.size(), classifier.toString());
    assertEquals("nativeClassifier", classifier.get(0).key());
    assertEquals(section.get(0).howToMatch(), classifier.get(0).howToMatch());
    backend.put("nativeClassifier", null);
    assertEquals(section.get(0).howToMatch(), Backend.BITS.differences(Map.of("backend", backend),
        current).get(0).howToMatch(), "null is written by hand; an older optbench omits the key");
  }

  @Test
  void eachBitDecidingFactSaysHowToMatchARecordedValue() {
    assertEquals("build with mvn -q package -DskipTests -Dnd4j.classifier=linux-x86_64-avx2",
        Backend.howToMatch("nativeClassifier", "linux-x86_64-avx2"));
    assertEquals("start with DNNL_MAX_CPU_ISA=SSE41 on a CPU at oneDNN level sse41 or above",
        Backend.howToMatch("oneDnnIsa", "sse41"));
    // No cap is named after avx512_common; AVX512_MIC reaches it on CPUs other than Xeon Phi.
    assertEquals("start with DNNL_MAX_CPU_ISA=AVX512_MIC on an AVX-512 CPU other than a Xeon Phi",
        Backend.howToMatch("oneDnnIsa", "avx512_common"));
    assertEquals("build with natives without oneDNN",
        Backend.howToMatch("oneDnnIsa", "none (natives without oneDNN)"));
    assertEquals("start with OPENBLAS_CORETYPE unset", Backend.howToMatch("OPENBLAS_CORETYPE",
        "unset (OpenBLAS picks kernels for the CPU)"));
    assertEquals("start with OPENBLAS_CORETYPE=Zen", Backend.howToMatch("OPENBLAS_CORETYPE",
        "Zen"));
    assertEquals("only the optbench version that recorded it matches (CHANGELOG.md says which"
        + " versions changed it)", Backend.howToMatch("denseProducts", "OpenBLAS"));
    assertEquals("not recorded by the optbench that wrote it, which only that version matches"
        + " (CHANGELOG.md says which versions changed it)",
        Backend.howToMatch("layerHelpers", null));
  }

  @Test
  void anIsaRecordedWithItsCapByAnEarlierVersionReadsAsTheLevelItRanAt() {
    // An upper-case cap took effect: the level before it is the level the trials ran at.
    assertEquals("avx2", Backend.BITS.asRecordedToday("oneDnnIsa",
        "avx2 (capped by DNNL_MAX_CPU_ISA=AVX2)"));
    // oneDNN 2.3 ignored a lower-case cap, so the recorded level is not the one it ran at.
    Object ignored = Backend.BITS.asRecordedToday("oneDnnIsa",
        "avx2 (capped by DNNL_MAX_CPU_ISA=avx2)");
    assertEquals("unknown, recorded as 'avx2 (capped by DNNL_MAX_CPU_ISA=avx2)', a value"
        + " oneDNN 2.3 does not read", ignored);
    assertEquals("the level those trials ran at is not known, so it cannot be matched",
        Backend.BITS.howToMatch("oneDnnIsa", ignored));
    // A value it did not understand was ignored too: the CPU's level, written first, ran.
    assertEquals("avx512_core_bf16", Backend.BITS.asRecordedToday("oneDnnIsa",
        "avx512_core_bf16 (DNNL_MAX_CPU_ISA=avx9 not understood here)"));
    // But that version did not know every cap oneDNN reads: under AVX2_VNNI it ran at avx2.
    assertEquals("unknown, recorded as 'avx512_core_bf16 (DNNL_MAX_CPU_ISA=AVX2_VNNI not"
        + " understood here)', under a cap oneDNN 2.3 reads", Backend.BITS.asRecordedToday(
            "oneDnnIsa", "avx512_core_bf16 (DNNL_MAX_CPU_ISA=AVX2_VNNI not understood here)"));
    assertEquals("avx2", Backend.BITS.asRecordedToday("oneDnnIsa", "avx2"));
    assertEquals("Zen", Backend.BITS.asRecordedToday("OPENBLAS_CORETYPE", "Zen"));
    assertEquals(null, Backend.BITS.asRecordedToday("denseProducts", null));
  }
}
