package org.optbench.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OneDnnIsaTest {
  private static final Set<String> AVX512_BF16 = Set.of("sse4_1", "avx", "avx2", "avx512f",
      "avx512cd", "avx512bw", "avx512vl", "avx512dq", "avx512_vnni", "avx512_bf16");

  @Test
  void theHighestLevelWhoseFlagsAreAllPresent() {
    assertEquals("avx512_core_bf16", OneDnnIsa.of(AVX512_BF16, null));
    // AVX-512 without BW, VL and DQ is oneDNN's avx512_common ("Intel AVX-512").
    assertEquals("avx512_common",
        OneDnnIsa.of(Set.of("sse4_1", "avx", "avx2", "avx512f"), null));
    // oneDNN 2.3 never reports avx2_vnni, even where it may use it.
    assertEquals("avx2", OneDnnIsa.of(Set.of("sse4_1", "avx", "avx2", "avx_vnni"), null));
    // VNNI without the AVX-512 core set does not make avx512_core_vnni.
    assertEquals("avx2", OneDnnIsa.of(Set.of("sse4_1", "avx", "avx2", "avx512_vnni"), null));
    assertEquals("none (the CPU lacks SSE4.1)", OneDnnIsa.of(Set.of("sse2"), null));
  }

  /** oneDNN 2.3's NCHW pooling is a JIT kernel from avx512_core up (its log, per cap). */
  @Test
  void nchwPoolingHasAJitKernelFromAvx512CoreUp() {
    for (String level : List.of("sse41", "avx", "avx2", "avx512_common", "avx512_mic",
        "avx512_mic_4ops")) {
      assertFalse(OneDnnIsa.poolsNchwInJit(level), level);
    }
    for (String level : List.of("avx512_core", "avx512_core_vnni", "avx512_core_bf16",
        "avx512_core_amx", "unknown")) {
      assertTrue(OneDnnIsa.poolsNchwInJit(level), level);
    }
  }

  @Test
  void dnnlMaxCpuIsaCapsTheLevelButNeverRaisesIt() {
    assertEquals("avx2", OneDnnIsa.of(AVX512_BF16, "AVX2"));
    assertEquals(", capped by DNNL_MAX_CPU_ISA=AVX2", OneDnnIsa.capNote("AVX2", AVX512_BF16));
    assertEquals("avx512_core_bf16", OneDnnIsa.of(AVX512_BF16, "ALL"));
    assertEquals("", OneDnnIsa.capNote("ALL", AVX512_BF16));
    Set<String> avx2 = Set.of("sse4_1", "avx", "avx2");
    assertEquals("avx2", OneDnnIsa.of(avx2, "AVX512_CORE"));
    assertEquals("", OneDnnIsa.capNote("AVX512_CORE", avx2), "a cap above the CPU does nothing");
  }

  /**
   * oneDNN's caps are masks, not a chain: AVX2_VNNI leaves an AVX-512 CPU without AVX-VNNI at
   * avx2, and AVX512_MIC (Xeon Phi's) at avx512_common, which has AVX-512 but not avx512_core.
   * oneDNN's own log said "Intel AVX2" and "Intel AVX-512" for these two on an AVX-512 CPU.
   */
  @Test
  void capsThatAreNotOnTheMainLineCapToWhatTheirMaskAllows() {
    assertEquals("avx2", OneDnnIsa.of(AVX512_BF16, "AVX2_VNNI"));
    assertEquals(", capped by DNNL_MAX_CPU_ISA=AVX2_VNNI",
        OneDnnIsa.capNote("AVX2_VNNI", AVX512_BF16));
    assertEquals("avx512_common", OneDnnIsa.of(AVX512_BF16, "AVX512_MIC"));
    assertEquals("avx512_common", OneDnnIsa.of(AVX512_BF16, "AVX512_MIC_4OPS"));
    assertEquals(", capped by DNNL_MAX_CPU_ISA=AVX512_MIC",
        OneDnnIsa.capNote("AVX512_MIC", AVX512_BF16));
    Set<String> phi = Set.of("sse4_1", "avx", "avx2", "avx512f", "avx512cd", "avx512er",
        "avx512pf");
    assertEquals("avx512_mic", OneDnnIsa.of(phi, null));
    assertEquals("avx512_common", OneDnnIsa.of(phi, "AVX512_CORE"));
  }

  /** oneDNN 2.3 ignores a value it does not spell exactly so (measured: "avx2" left AVX-512 on). */
  @Test
  void aCapOneDnnDoesNotReadLeavesTheLevelAndSaysSo() {
    String accepted = "oneDNN 2.3 reads only ALL or SSE41, AVX, AVX2, AVX2_VNNI, AVX512_MIC,"
        + " AVX512_MIC_4OPS, AVX512_CORE, AVX512_CORE_VNNI, AVX512_CORE_BF16, AVX512_CORE_AMX";
    assertEquals("avx512_core_bf16", OneDnnIsa.of(AVX512_BF16, "avx2"));
    assertEquals("; DNNL_MAX_CPU_ISA=avx2 has no effect: " + accepted,
        OneDnnIsa.capNote("avx2", AVX512_BF16));
    assertEquals("avx512_core_bf16", OneDnnIsa.of(AVX512_BF16, "fast"));
    assertEquals("; DNNL_MAX_CPU_ISA=fast has no effect: " + accepted,
        OneDnnIsa.capNote("fast", AVX512_BF16));
  }

  @Test
  void readsTheFirstProcessorsFlags() {
    assertEquals(Set.of("fpu", "avx2"), OneDnnIsa.cpuFlags(List.of("processor\t: 0",
        "flags\t\t: fpu avx2", "processor\t: 1", "flags\t\t: fpu")));
  }
}
