package org.optbench.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

  @Test
  void eachBitDecidingFactSaysHowToMatchARecordedValue() {
    assertEquals("build with mvn -q package -DskipTests -Dnd4j.classifier=linux-x86_64-avx2",
        Backend.howToMatch("nativeClassifier", "linux-x86_64-avx2"));
    assertEquals("start with DNNL_MAX_CPU_ISA=AVX2 on a CPU that has avx2",
        Backend.howToMatch("oneDnnIsa", "avx2"));
    assertEquals("build with natives without oneDNN",
        Backend.howToMatch("oneDnnIsa", "none (natives without oneDNN)"));
    assertEquals("start with OPENBLAS_CORETYPE unset", Backend.howToMatch("OPENBLAS_CORETYPE",
        "unset (OpenBLAS picks kernels for the CPU)"));
    assertEquals("start with OPENBLAS_CORETYPE=Zen", Backend.howToMatch("OPENBLAS_CORETYPE",
        "Zen"));
    assertEquals("replay it with the optbench version that ran it (CHANGELOG.md says which"
        + " versions changed it)", Backend.howToMatch("denseProducts", "OpenBLAS"));
    assertEquals("the trial predates this record: replay it with the optbench version that ran"
        + " it", Backend.howToMatch("layerHelpers", null));
  }
}
