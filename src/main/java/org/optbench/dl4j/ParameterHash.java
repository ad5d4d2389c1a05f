package org.optbench.dl4j;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.optbench.Sha256;

/** SHA-256 of a parameter array's raw bytes: equal hashes mean bit-identical parameters. */
public final class ParameterHash {
  private ParameterHash() {}

  /**
   * @param params any array (copied to a contiguous buffer first if it is a view)
   * @return 64 lowercase hex digits
   */
  public static String of(INDArray params) {
    INDArray flat = params.isView() ? params.dup() : params;
    byte[] bytes = flat.data().asBytes();
    return Sha256.of(bytes);
  }
}
