package org.optbench.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OneDnnIsaTest {
  private static final Set<String> AVX512_BF16 = Set.of("sse4_1", "avx", "avx2", "avx512f",
      "avx512cd", "avx512bw", "avx512vl", "avx512dq", "avx512_vnni", "avx512_bf16");

  @Test
  void theHighestLevelWhoseFlagsAreAllPresent() {
    assertEquals("avx512_core_bf16", OneDnnIsa.of(AVX512_BF16, null));
    assertEquals("avx2", OneDnnIsa.of(Set.of("sse4_1", "avx", "avx2", "avx512f"), null));
    // VNNI without the AVX-512 core set does not make avx512_core_vnni.
    assertEquals("avx2", OneDnnIsa.of(Set.of("sse4_1", "avx", "avx2", "avx512_vnni"), null));
    assertEquals("none (the CPU lacks SSE4.1)", OneDnnIsa.of(Set.of("sse2"), null));
  }

  @Test
  void dnnlMaxCpuIsaCapsTheLevelButNeverRaisesIt() {
    assertEquals("avx2 (capped by DNNL_MAX_CPU_ISA=AVX2)", OneDnnIsa.of(AVX512_BF16, "AVX2"));
    assertEquals("avx512_core_bf16", OneDnnIsa.of(AVX512_BF16, "ALL"));
    assertEquals("avx2", OneDnnIsa.of(Set.of("sse4_1", "avx", "avx2"), "avx512_core"));
    assertEquals("avx512_core_bf16 (DNNL_MAX_CPU_ISA=fast not understood here)",
        OneDnnIsa.of(AVX512_BF16, "fast"));
  }

  @Test
  void readsTheFirstProcessorsFlags() {
    assertEquals(Set.of("fpu", "avx2"), OneDnnIsa.cpuFlags(List.of("processor\t: 0",
        "flags\t\t: fpu avx2", "processor\t: 1", "flags\t\t: fpu")));
  }
}
