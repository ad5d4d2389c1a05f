package org.optbench.dl4j;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;
import org.optbench.UserInputException;

/**
 * The ND4J native backend: pins its thread count and describes it for the manifest.
 *
 * <p>Results are bit-identical run to run only at a fixed native thread count, and on small
 * machines one OpenMP/BLAS thread per trial trains fastest, so every trial runs with a pinned
 * count that is recorded with its result.
 */
public final class Backend {
  private static int configuredThreads = -1;

  private Backend() {}

  /**
   * Sets the OpenMP and BLAS thread counts of ND4J for this process (all trials share them).
   *
   * @param threads native threads, ≥ 1
   * @throws IllegalArgumentException if {@code threads < 1}
   * @throws UserInputException if ND4J's OpenMP pool, sized from {@code OMP_NUM_THREADS} when it
   *     started, has another size
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
    configuredThreads = threads;
  }

  /** @return the OpenMP thread limit ND4J reports now */
  public static int nativeThreads() {
    return Nd4j.getEnvironment().maxThreads();
  }

  /**
   * @return facts about the backend: DL4J/ND4J version, backend, BLAS vendor, CPU instruction
   *     level, native thread counts
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
    return map;
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

  /** Which nd4j-native build the JavaCPP loader picked (e.g. linux-x86_64-avx2). */
  private static String nativeClassifier() {
    String platform = System.getProperty("org.bytedeco.javacpp.platform.extension");
    String base = org.bytedeco.javacpp.Loader.getPlatform();
    return platform == null || platform.isEmpty() ? base : base + platform;
  }
}
