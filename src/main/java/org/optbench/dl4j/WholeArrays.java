package org.optbench.dl4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

/** Which arrays optbench's own kernels may read and write as one plain buffer. */
final class WholeArrays {
  private WholeArrays() {}

  /**
   * @param x an array
   * @return whether {@code x} is a float32 array that owns its whole buffer, row-major with no
   *     gaps: element {@code i} in row-major order is the buffer's float {@code i}
   */
  static boolean ownsFloatBuffer(INDArray x) {
    return x.dataType() == DataType.FLOAT && !x.isView() && x.ordering() == 'c'
        && Shape.hasDefaultStridesForShape(x) && x.data().length() == x.length();
  }
}
