package org.optbench.dl4j;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.optbench.UserInputException;
import org.optbench.platform.CAllocator;
import org.optbench.run.BitDecidingFacts;

/**
 * The ND4J native backend: pins its thread count, checks its matrix product, and describes it for
 * the manifest.
 *
 * <p>Results are bit-identical run to run only at a fixed native thread count, and on small
 * machines one OpenMP/BLAS thread per trial trains fastest, so every trial runs with a pinned
 * count that is recorded with its result.
 */
public final class Backend {
  private static int configuredThreads = -1;
  private static volatile boolean productChecked;

  static {
    // Before any network exists: DL4J gives a layer its oneDNN helper, or not, when the layer is
    // instantiated, and never again afterwards.
    LayerHelpers.switchOn();
  }

  private Backend() {}

  /**
   * Makes sure the backend is set up for this process: DL4J's oneDNN layer helpers are on (see
   * {@link LayerHelpers}). Everything in optbench that builds or restores a DL4J network calls
   * this first ({@link Networks}, {@link Checkpoint}), so the command line, the tests and the
   * benchmarks all train the same way. Idempotent and cheap.
   */
  public static void start() {
    // The static initializer does the work; calling a static method guarantees it has run.
  }

  /**
   * Sets the OpenMP and BLAS thread counts of ND4J for this process (all trials share them).
   *
   * @param threads native threads, ≥ 1
   * @throws IllegalArgumentException if {@code threads < 1}
   * @throws UserInputException if ND4J's OpenMP pool, sized from {@code OMP_NUM_THREADS} when it
   *     started, has another size, or if the BLAS self-check ({@link #checkMatrixProduct}) fails
   */
  public static synchronized void pinThreads(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1 (got " + threads + ")");
    }
    if (configuredThreads == threads) {
      return;
    }
    Nd4j.getEnvironment().setMaxThreads(threads);
    Nd4j.getEnvironment().setMaxMasterThreads(threads);
    Nd4j.factory().blas().setMaxThreads(threads);
    // ND4J sizes its OpenMP pool once, from OMP_NUM_THREADS at start-up (measured): the setters
    // above do not change it, so a mismatch would silently run with another thread count.
    int actual = Nd4j.getEnvironment().maxThreads();
    if (actual != threads) {
      throw new UserInputException("the experiment asks for " + threads + " native thread(s)"
          + " per trial, but ND4J started with " + actual + " OpenMP thread(s) (OMP_NUM_THREADS="
          + System.getenv("OMP_NUM_THREADS") + "); start optbench with OMP_NUM_THREADS="
          + threads + " (./optbench sets 1 unless OMP_NUM_THREADS is exported), or set threads: "
          + actual + " in the config");
    }
    checkMatrixProduct();
    configuredThreads = threads;
  }

  /** Shape of the self-check product: odd sizes, past the BLAS kernels' block edges. */
  private static final int CHECK_M = 67;
  private static final int CHECK_K = 129;
  private static final int CHECK_N = 71;
  private static final String CHECK_SHAPE = "[" + CHECK_M + ", " + CHECK_K + "]·[" + CHECK_K + ", "
      + CHECK_N + "]";

  /**
   * Refuses to train on a matrix product that is wrong: multiplies two small-integer matrices
   * {@code [67, 129]·[129, 71]} through {@code Nd4j.gemm} in float and compares every entry with
   * the product computed in Java. All entries are integers below 2²⁴, so any correct kernel,
   * whatever its summation order, gives them exactly; a BLAS build or kernel choice
   * ({@code OPENBLAS_CORETYPE}) that does not suit the CPU does not.
   *
   * @throws UserInputException naming the first wrong entry, the library that computed it (oneDNN's
   *     matmul in the {@code -onednn} builds, else the BLAS) and what to change
   */
  static void checkMatrixProduct() {
    float[] a = new float[CHECK_M * CHECK_K];
    float[] b = new float[CHECK_K * CHECK_N];
    for (int i = 0; i < CHECK_M; i++) {
      for (int k = 0; k < CHECK_K; k++) {
        a[i * CHECK_K + k] = (i + 2 * k) % 7 - 3;
      }
    }
    for (int k = 0; k < CHECK_K; k++) {
      for (int j = 0; j < CHECK_N; j++) {
        b[k * CHECK_N + j] = (3 * k + j) % 5 - 2;
      }
    }
    float[][] c = Nd4j.gemm(Nd4j.create(a, new long[] {CHECK_M, CHECK_K}, DataType.FLOAT),
        Nd4j.create(b, new long[] {CHECK_K, CHECK_N}, DataType.FLOAT), false, false)
        .toFloatMatrix();
    for (int i = 0; i < CHECK_M; i++) {
      for (int j = 0; j < CHECK_N; j++) {
        long expected = 0;
        for (int k = 0; k < CHECK_K; k++) {
          expected += (long) a[i * CHECK_K + k] * (long) b[k * CHECK_N + j];
        }
        if (c[i][j] != expected) {
          productChecked = false;
          throw new UserInputException("the BLAS self-check failed: entry (" + i + ", " + j
              + ") of a " + CHECK_SHAPE + " integer product is " + c[i][j] + ", not "
              + (float) expected + "; " + gemmLibrary() + " computes wrong products on this"
              + " CPU. " + (usesOneDnn() ? "Cap oneDNN's kernels with " + OneDnnIsa.CAP_VARIABLE
              + " (e.g. AVX2) or use an nd4j-native build without oneDNN"
              : "Unset OPENBLAS_CORETYPE or use an nd4j-native build that suits the CPU"));
        }
      }
    }
    productChecked = true;
  }

  /** @return the OpenMP thread limit ND4J reports now */
  public static int nativeThreads() {
    return Nd4j.getEnvironment().maxThreads();
  }

  /**
   * @return facts about the backend: DL4J/ND4J version, backend, BLAS vendor, native thread
   *     counts, the natives build, oneDNN's ISA level, DL4J's layer helpers, the library that
   *     computes optbench's dense layers' products, how a first convolution layer's gradient is
   *     computed and OpenBLAS's forced kernels (these six are
   *     {@link #BIT_DECIDING_KEYS}: a change in any of them changes results' bits)
   */
  public static Map<String, Object> describe() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("dl4jVersion", version());
    Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
    map.put("backend", String.valueOf(env.get("backend")));
    map.put("blasVendor", String.valueOf(env.get("blas.vendor")));
    map.put("ompThreads", Nd4j.getEnvironment().maxThreads());
    map.put("blasThreads", Nd4j.factory().blas().getMaxThreads());
    map.put("nativeClassifier", nativeClassifier());
    map.put("OMP_NUM_THREADS", String.valueOf(System.getenv("OMP_NUM_THREADS")));
    // Which kernels OpenBLAS uses (chosen from the CPU unless this forces them) changes the bits.
    String coreType = System.getenv("OPENBLAS_CORETYPE");
    map.put("OPENBLAS_CORETYPE", coreType == null ? OPENBLAS_CORETYPE_UNSET : coreType);
    map.put("blasSelfCheck", productChecked
        ? "passed: " + CHECK_SHAPE + " integer product exact" : "not run");
    map.put("selfCheckLibrary", gemmLibrary());
    map.put("oneDnnIsa", usesOneDnn() ? OneDnnIsa.ofThisMachine() : NO_ONEDNN);
    map.put("oneDnnIsaFrom", usesOneDnn() ? OneDnnIsa.sourceOnThisMachine()
        + " (oneDNN 2.3 does not report its ISA to Java)" : NO_ONEDNN);
    map.put("layerHelpers", LayerHelpers.describe());
    // Speed only: max pooling selects values, so both kernels give the same bits.
    map.put("maxPooling", maxPooling());
    map.put("denseProducts", gemmLibrary() + " (" + ReluDenseLayer.class.getSimpleName()
        + "'s row-major Nd4j.gemm)");
    map.put("firstConvolution", "weight gradient by " + gemmLibrary() + " on the input's"
        + " patches, no input gradient (" + ReluConvolutionLayer.class.getSimpleName()
        + " as layer 0 in float32)");
    // Speed only: where native memory comes from, not what is computed. This JVM's; a run whose
    // trials train elsewhere (--isolate) records theirs instead.
    map.put("cAllocator", CAllocator.describe(System.getenv()));
    return map;
  }

  /** The value of the {@code OPENBLAS_CORETYPE} fact when the variable is not set. */
  private static final String OPENBLAS_CORETYPE_UNSET =
      "unset (OpenBLAS picks kernels for the CPU)";

  /** The value of the oneDNN facts when the natives have no oneDNN. */
  private static final String NO_ONEDNN = "none (natives without oneDNN)";

  /** The manifest keys whose values change the bits of results (see {@link #describe()}). */
  public static final List<String> BIT_DECIDING_KEYS =
      List.of("nativeClassifier", "oneDnnIsa", "layerHelpers", "denseProducts",
          "firstConvolution", "OPENBLAS_CORETYPE");

  /** The bit-deciding facts with how to read and match recorded values, for run and reproduce. */
  public static final BitDecidingFacts BITS = new BitDecidingFacts() {
    @Override
    public List<String> keys() {
      return BIT_DECIDING_KEYS;
    }

    @Override
    public Object asRecordedToday(String key, Object recorded) {
      return "oneDnnIsa".equals(key) && recorded instanceof String label
          ? OneDnnIsa.asRecordedToday(label) : recorded;
    }

    @Override
    public String howToMatch(String key, Object recorded) {
      return Backend.howToMatch(key, recorded);
    }
  };

  /**
   * How to start a JVM whose fact {@code key} has a recorded value, e.g. to reproduce a trial.
   *
   * @param key one of {@link #BIT_DECIDING_KEYS}
   * @param recorded the value recorded in a manifest, as read today
   *     ({@link BitDecidingFacts#asRecordedToday}); null if the manifest predates the key
   * @return what to do, e.g. {@code start with OPENBLAS_CORETYPE=Zen}
   */
  public static String howToMatch(String key, Object recorded) {
    if (recorded == null) {
      return "not recorded by the optbench that wrote it, which only that version matches"
          + " (CHANGELOG.md says which versions changed it)";
    }
    String value = String.valueOf(recorded);
    return switch (key) {
      case "nativeClassifier" -> "build with mvn -q package -DskipTests -Dnd4j.classifier="
          + value;
      case "oneDnnIsa" -> value.startsWith(OneDnnIsa.UNKNOWN_EARLIER)
          ? "the level those trials ran at is not known, so it cannot be matched"
          : NO_ONEDNN.equals(value) ? "build with natives without oneDNN"
          : OneDnnIsa.howToReach(value);
      case "OPENBLAS_CORETYPE" -> OPENBLAS_CORETYPE_UNSET.equals(value)
          ? "start with OPENBLAS_CORETYPE unset" : "start with OPENBLAS_CORETYPE=" + value;
      default -> "only the optbench version that recorded it matches (CHANGELOG.md says which"
          + " versions changed it)";
    };
  }

  /**
   * @return one line for the start of a run: the natives build, oneDNN's ISA, the layer helpers
   *     (and max pooling, where it does not run in oneDNN), the library that computes optbench's
   *     dense layers' products and the self-check's
   */
  public static String summaryLine() {
    Map<String, Object> facts = describe();
    return "natives: nd4j-native " + facts.get("nativeClassifier") + ", oneDNN ISA "
        + facts.get("oneDnnIsa") + (usesOneDnn() ? " (from " + OneDnnIsa.sourceOnThisMachine()
        + ")" : "") + ", layer helpers " + facts.get("layerHelpers")
        + (poolsInOneDnn() ? "" : OneDnn3.api().isPresent()
            ? ", built-in networks' max pooling in " + OneDnn3.status()
            : ", built-in networks' max pooling in ND4J's own kernels")
        + ", dense products and self-check via " + gemmLibrary()
        + (OPENBLAS_CORETYPE_UNSET.equals(facts.get("OPENBLAS_CORETYPE")) ? ""
            : ", OPENBLAS_CORETYPE=" + facts.get("OPENBLAS_CORETYPE"));
  }

  /**
   * @return where optbench's max-pooling layers pool ({@link MaxPoolingLayer}): in the natives'
   *     oneDNN, in oneDNN 3.3 ({@link OneDnn3}) or in ND4J's own kernels
   */
  private static String maxPooling() {
    if (poolsInOneDnn()) {
      return "oneDNN (DL4J's layer and helper)";
    }
    String why = usesOneDnn() ? "oneDNN 2.3 pools NCHW below avx512_core in its reference code,"
        + " where networks from DL4J files still pool" : "natives without oneDNN";
    return OneDnn3.api().isPresent()
        ? OneDnn3.status() + " in its blocked layout in the built-in networks, where windows do"
            + " not overlap; ND4J's own kernels where they do (" + MaxPoolingLayer.class
            .getSimpleName() + ": " + why + ")"
        : "ND4J's own kernels in the built-in networks (" + MaxPoolingLayer.class.getSimpleName()
            + ": " + why + "; " + OneDnn3.status() + ")";
  }

  /**
   * @return whether optbench's max-pooling layers run in oneDNN, which it does when the natives
   *     use oneDNN and oneDNN has a JIT kernel for NCHW pooling at this machine's ISA level
   *     ({@link OneDnnIsa#poolsNchwInJit}); otherwise in ND4J's own kernels (see
   *     {@link MaxPoolingLayer})
   */
  static boolean poolsInOneDnn() {
    return usesOneDnn() && OneDnnIsa.poolsNchwInJit(OneDnnIsa.ofThisMachine());
  }

  /** @return whether the loaded natives were built with oneDNN and use it */
  static boolean usesOneDnn() {
    return org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance()
        .isUseONEDNN();
  }

  /**
   * The library that computes {@code Nd4j.gemm} of float matrices into a row-major result, as the
   * self-check calls it. In the {@code -onednn} builds that is oneDNN's matmul (its verbose log
   * shows a {@code matmul} primitive for the self-check; {@code OneDnnPathTest} keeps it so),
   * otherwise the BLAS ND4J names. {@link ReluDenseLayer} computes its products this way; DL4J's
   * own dense and output layers call products another way and reach the BLAS in both builds.
   */
  static String gemmLibrary() {
    if (usesOneDnn()) {
      return "oneDNN matmul";
    }
    String coreType = System.getenv("OPENBLAS_CORETYPE");
    return Nd4j.getExecutioner().getEnvironmentInformation().get("blas.vendor")
        + (coreType == null ? "" : " (OPENBLAS_CORETYPE=" + coreType + ")");
  }

  /**
   * From nd4j-api's Maven metadata, which survives shading (the jar manifest of a shaded jar is
   * optbench's own, so {@code Package.getImplementationVersion} would name the wrong artifact).
   */
  private static String version() {
    try (java.io.InputStream in = Nd4j.class.getResourceAsStream(
        "/META-INF/maven/org.nd4j/nd4j-api/pom.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  /**
   * Which nd4j-native build the JavaCPP loader picked (e.g. linux-x86_64-avx2), from the folder
   * its JNI library was loaded from; the platform name if that is not known.
   */
  static String nativeClassifier() {
    for (String path : org.bytedeco.javacpp.Loader.getLoadedLibraries().values()) {
      Matcher m = BINDINGS_DIR.matcher(path == null ? "" : path);
      if (m.find()) {
        return m.group(1);
      }
    }
    return org.bytedeco.javacpp.Loader.getPlatform();
  }

  private static final Pattern BINDINGS_DIR =
      Pattern.compile("nativecpu/bindings/([^/\\\\]+)[/\\\\][^/\\\\]*nd4jcpu");
}
