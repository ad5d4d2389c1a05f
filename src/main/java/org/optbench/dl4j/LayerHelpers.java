package org.optbench.dl4j;

import org.deeplearning4j.config.DL4JSystemProperties;
import org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's layer helpers, which run convolution and pooling layers through oneDNN on the CPU
 * backend. They are switched on for the whole process by {@link Backend} when it is first used,
 * so every network optbench builds or restores (command line, tests, benchmarks) gets them.
 *
 * <p>DL4J 1.0.0-M2.1 creates a layer's helper when the layer is instantiated, and only if the
 * system property {@value DL4JSystemProperties#DISABLE_HELPER_PROPERTY} is {@code false} (it
 * defaults to {@code true}); it reads the property at each instantiation, so setting it here,
 * before the first network is built, is enough. The helper then asks the natives whether they
 * use oneDNN, which needs the shim {@code org.nd4j.nativeblas.Nd4jCpu} in this project.
 */
final class LayerHelpers {
  private LayerHelpers() {}

  /** Switches DL4J's layer helpers on; idempotent. */
  static void switchOn() {
    System.setProperty(DL4JSystemProperties.DISABLE_HELPER_PROPERTY, "false");
    Nd4j.getEnvironment().allowHelpers(true);
  }

  /**
   * @return {@code oneDNN} if DL4J's convolution and pooling layers get oneDNN helpers in this
   *     process, otherwise {@code off} with the reason
   */
  static String describe() {
    if (Boolean.parseBoolean(System.getProperty(DL4JSystemProperties.DISABLE_HELPER_PROPERTY,
        DL4JSystemProperties.HELPER_DISABLE_DEFAULT_VALUE))) {
      return "off (" + DL4JSystemProperties.DISABLE_HELPER_PROPERTY + " is not false)";
    }
    if (!Nd4j.getEnvironment().helpersAllowed()) {
      return "off (ND4J helpers not allowed)";
    }
    return BaseMKLDNNHelper.mklDnnEnabled() ? "oneDNN"
        : "off (the ND4J natives are not built with oneDNN)";
  }
}
