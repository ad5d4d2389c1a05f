package org.optbench.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Proof from oneDNN's own log that the fast paths are taken: a JVM started with
 * {@code DNNL_VERBOSE=1} (the name oneDNN 2.3 reads; {@code ONEDNN_VERBOSE} came later) runs
 * {@link OneDnnProbe}, and every primitive oneDNN executes is a line of its output. Silently
 * falling back to DL4J's built-in layers or to the BLAS would leave those lines out.
 */
class OneDnnPathTest {
  private static List<String> selfCheck;
  private static List<String> step;
  private static List<String> mlpStep;
  private static List<String> all;
  /** The 2c2d step's lines with oneDNN capped at AVX2, where it has no JIT pooling kernel. */
  private static List<String> avx2Step;

  @BeforeAll
  static void runProbe() throws IOException, InterruptedException {
    all = probe(null);
    int checked = all.indexOf(OneDnnProbe.AFTER_SELF_CHECK);
    int stepped = all.indexOf(OneDnnProbe.AFTER_STEP);
    int mlpStepped = all.indexOf(OneDnnProbe.AFTER_MLP_STEP);
    String out = String.join("\n", all);
    assertTrue(checked >= 0 && stepped > checked && mlpStepped > stepped, out);
    selfCheck = all.subList(0, checked);
    step = all.subList(checked, stepped);
    mlpStep = all.subList(stepped, mlpStepped);
    List<String> capped = probe("AVX2");
    avx2Step = capped.subList(capped.indexOf(OneDnnProbe.AFTER_SELF_CHECK),
        capped.indexOf(OneDnnProbe.AFTER_STEP));
  }

  /** @return the output lines of the probe, run with oneDNN's ISA capped at {@code cap} */
  private static List<String> probe(String cap) throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder builder = new ProcessBuilder(java, "-Xmx2g", "-cp",
        System.getProperty("java.class.path"), OneDnnProbe.class.getName())
        .redirectErrorStream(true);
    builder.environment().put("DNNL_VERBOSE", "1");
    builder.environment().put("OMP_NUM_THREADS", "1");
    builder.environment().remove(OneDnnIsa.CAP_VARIABLE);
    if (cap != null) {
      builder.environment().put(OneDnnIsa.CAP_VARIABLE, cap);
    }
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(5, TimeUnit.MINUTES), "the probe did not finish");
    assertEquals(0, process.exitValue(), out);
    return out.lines().toList();
  }

  /** @return how many primitives of that kind and propagation oneDNN executed in these lines */
  private static long executed(List<String> lines, String primitive, String propagation) {
    return lines.stream().filter(l -> l.startsWith("dnnl_verbose,exec,cpu," + primitive + ","))
        .filter(l -> l.split(",")[5].equals(propagation)).count();
  }

  @Test
  void theSelfCheckProductIsOneDnnMatmul() {
    assertEquals(1, executed(selfCheck, "matmul", "undef"), String.join("\n", selfCheck));
  }

  /**
   * With oneDNN capped at AVX2, where its NCHW pooling is its reference code, the pooling layers
   * run in oneDNN 3.3's JIT kernels in its blocked layout (OneDnnMaxPooling), whose log lines
   * ({@code onednn_verbose,primitive,exec,...}) tell them apart from the natives' oneDNN 2.3,
   * and the convolutions still run in oneDNN 2.3.
   */
  @Test
  void belowAvx512PoolingLeavesOneDnnAndConvolutionStays() {
    String log = String.join("\n", avx2Step);
    assertTrue(avx2Step.stream().anyMatch(l -> l.equals("probe: oneDnnIsa=avx2")), log);
    assertTrue(avx2Step.stream().anyMatch(l -> l.equals("probe: maxPooling=oneDNN 3.3.4 in its"
        + " blocked layout in the built-in networks, where windows do not overlap; ND4J's own"
        + " kernels where they do (MaxPoolingLayer: oneDNN 2.3 pools NCHW below avx512_core in"
        + " its reference code, where networks from DL4J files still pool)")), log);
    assertNoPooling(avx2Step);
    // Both pooling layers, forward and backward, each with its four reorders.
    assertEquals(2, executedInOneDnn3(avx2Step, "pooling", "forward_training"), log);
    assertEquals(2, executedInOneDnn3(avx2Step, "pooling", "backward_data"), log);
    assertEquals(8, executedInOneDnn3(avx2Step, "reorder", "undef"), log);
    // conv2's; conv1's weight gradient is a matmul (ReluConvolutionLayer as layer 0).
    assertEquals(1, executed(avx2Step, "convolution", "backward_weights"), log);
  }

  /**
   * @return how many primitives of that kind and propagation oneDNN 3.3 ran in JIT code in these
   *     lines
   */
  private static long executedInOneDnn3(List<String> lines, String primitive,
      String propagation) {
    return lines.stream()
        .filter(l -> l.startsWith("onednn_verbose,primitive,exec,cpu," + primitive + ",jit"))
        .filter(l -> l.split(",")[6].equals(propagation)).count();
  }

  private static void assertNoPooling(List<String> lines) {
    assertEquals(0, lines.stream().filter(l -> l.startsWith("dnnl_verbose,exec,cpu,pooling"))
        .count(), String.join("\n", lines));
  }

  /** @return the ISA level the uncapped probe recorded */
  private static String recordedIsa() {
    return all.stream().filter(l -> l.startsWith("probe: oneDnnIsa="))
        .map(l -> l.substring(l.indexOf('=') + 1)).findFirst().orElseThrow();
  }

  @Test
  void aTwoConvTwoDenseStepRunsConvolutionAndPoolingInOneDnn() {
    String log = String.join("\n", step);
    // Forward (DL4J's fit computes it twice: once for the loss, once in backprop), and the
    // input and weight gradients of conv2 (conv1, layer 0, computes no input gradient and its
    // weight gradient as a matmul); pooling forward and its gradient.
    assertTrue(executed(step, "convolution", "forward_inference") >= 2, log);
    assertEquals(1, executed(step, "convolution", "backward_data"), log);
    assertEquals(1, executed(step, "convolution", "backward_weights"), log);
    if (OneDnnIsa.poolsNchwInJit(recordedIsa())) {
      assertTrue(executed(step, "pooling_v2", "forward_inference") >= 2, log);
      assertEquals(2, executed(step, "pooling_v2", "backward_data"), log);
      assertEquals(0, executedInOneDnn3(step, "pooling", "forward_training"), log);
    } else {
      assertNoPooling(step);
      assertEquals(2, executedInOneDnn3(step, "pooling", "backward_data"), log);
    }
    // The hidden dense layer's three products (ReluDenseLayer) and conv1's weight gradient;
    // the output layer's are DL4J's.
    assertEquals(4, executed(step, "matmul", "undef"), log);
  }

  /**
   * mnist-mlp's three hidden layers run their products in oneDNN: three forward, two input
   * gradients (layer 0 computes none) and three weight gradients. The 100 → 10 output layer is
   * DL4J's and computes with OpenBLAS.
   */
  @Test
  void anMlpStepRunsItsDenseLayersProductsInOneDnn() {
    assertEquals(8, executed(mlpStep, "matmul", "undef"), String.join("\n", mlpStep));
  }

  /**
   * The ISA optbench records (derived from the CPU flags) is the one oneDNN reports, uncapped
   * and under the two caps whose masks are not on the main line of levels.
   */
  @Test
  void theRecordedIsaIsTheOneOneDnnReports() throws IOException, InterruptedException {
    assertRecordedIsReported(all);
    assertRecordedIsReported(probe("AVX2_VNNI"));
    assertRecordedIsReported(probe("AVX512_MIC"));
  }

  /**
   * oneDNN 2.3's descriptions of the ISAs it reports. The AVX-512 with bfloat16, AVX2 and plain
   * AVX-512 ones were seen on this project's machines, the others are copied from oneDNN's
   * source ({@code cpu_isa_traits.cpp}) and unverified.
   */
  private static final Map<String, String> ISA_NAMES = Map.of(
      "Intel SSE4.1", "sse41",
      "Intel AVX", "avx",
      "Intel AVX2", "avx2",
      "Intel AVX-512", "avx512_common",
      "Intel AVX-512 with AVX512CD, AVX512ER, and AVX512PF extensions", "avx512_mic",
      "Intel AVX-512 with AVX512_4FMAPS and AVX512_4VNNIW extensions", "avx512_mic_4ops",
      "Intel AVX-512 with AVX512BW, AVX512VL, and AVX512DQ extensions", "avx512_core",
      "Intel AVX-512 with Intel DL Boost", "avx512_core_vnni",
      "Intel AVX-512 with Intel DL Boost and bfloat16 support", "avx512_core_bf16",
      "Intel AVX-512 with Intel DL Boost and bfloat16 support and Intel AMX with bfloat16 and"
          + " 8-bit integer support", "avx512_core_amx");

  private static void assertRecordedIsReported(List<String> lines) {
    String reported = lines.stream().filter(l -> l.startsWith("dnnl_verbose,info,cpu,isa:"))
        .map(l -> l.substring(l.indexOf(':') + 1)).findFirst().orElseThrow();
    String recorded = lines.stream().filter(l -> l.startsWith("probe: oneDnnIsa="))
        .map(l -> l.substring(l.indexOf('=') + 1)).findFirst().orElseThrow();
    assertTrue(ISA_NAMES.containsKey(reported), "unknown ISA description: " + reported);
    assertEquals(ISA_NAMES.get(reported), recorded);
  }
}
