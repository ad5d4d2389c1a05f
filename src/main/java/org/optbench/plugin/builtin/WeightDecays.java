package org.optbench.plugin.builtin;

import java.util.List;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;

/** Decoupled weight decay as DL4J expresses it, shared by AdamW and Lion. */
final class WeightDecays {
  private WeightDecays() {}

  /**
   * @param lambda λ, &ge; 0
   * @return {@code WeightDecay(λ, applyLR = true)}, which adds η·λ·w to the update; nothing for
   *     λ = 0, so the network's configuration is then that of the plain updater
   */
  static List<Regularization> of(double lambda) {
    return lambda == 0 ? List.of() : List.of(new WeightDecay(lambda, true));
  }
}
