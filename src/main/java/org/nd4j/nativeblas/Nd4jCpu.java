package org.nd4j.nativeblas;

/**
 * Compatibility shim, needed by DL4J 1.0.0-M2.1 only: lets DL4J's oneDNN layer helpers see that
 * the loaded ND4J natives use oneDNN.
 *
 * <p>Why it exists: {@code org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper.mklDnnEnabled()}
 * in deeplearning4j-nn 1.0.0-M2.1 looks up, by reflection, a class
 * {@code org.nd4j.nativeblas.Nd4jCpu$Environment} with a static {@code getInstance()} and an
 * instance method {@code isUseMKLDNN()}. No 1.0.0-M2.1 jar contains that class (the bindings
 * moved to {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu} and the method was renamed
 * {@code isUseONEDNN}), so the lookup fails, DL4J records the failure and every layer silently
 * runs its slow built-in path even with the {@code -onednn} natives loaded.
 *
 * <p>What it does: nothing of its own; {@link Environment#isUseMKLDNN()} returns what the real
 * native environment's {@code isUseONEDNN()} returns (true when the natives were built with
 * oneDNN and its use has not been switched off). If a later DL4J version looks the flag up
 * elsewhere, this class is unused and can be deleted; {@code LayerHelpersTest} notices, because
 * it asserts that the convolution layers get DL4J's oneDNN helper.
 */
public final class Nd4jCpu {
  private Nd4jCpu() {}

  /** The one method of the native environment DL4J 1.0.0-M2.1 asks for, under its old name. */
  public static final class Environment {
    private static final Environment INSTANCE = new Environment();

    private Environment() {}

    /** @return the only instance (the native environment is a process-wide singleton) */
    public static Environment getInstance() {
      return INSTANCE;
    }

    /**
     * @return whether the loaded ND4J natives use oneDNN, from
     *     {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment#isUseONEDNN()}
     */
    public boolean isUseMKLDNN() {
      return org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance()
          .isUseONEDNN();
    }
  }
}
