package org.optbench.dl4j;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The examples a network trains on. {@link MiniBatches} gathers its mini-batches by index, so the
 * order can be reshuffled every epoch without copying the whole set.
 *
 * @param features {@code [n, inputs]}, rows are examples (may be a view)
 * @param labels {@code [n, outputs]}
 * @param augmented builds a mini-batch's features itself (data augmentation), or null to take
 *     them from {@code features}
 */
record TrainingData(INDArray features, INDArray labels, BatchFeatures augmented) {

  /**
   * A mini-batch's features made from its examples' indices and the step, e.g. CIFAR-10's seeded
   * augmentation: the same indices and step must give the same bits, so a resumed trial repeats
   * them.
   */
  interface BatchFeatures {
    /**
     * @param rows the examples' indices into the training data, in batch order
     * @param step the optimizer step the batch is for
     * @return the features {@code [rows.length, inputs]}
     */
    INDArray features(int[] rows, long step);
  }

  /**
   * Training data whose mini-batches are gathered from {@code features} as they are.
   *
   * @param features {@code [n, inputs]}
   * @param labels {@code [n, outputs]}
   */
  TrainingData(INDArray features, INDArray labels) {
    this(features, labels, null);
  }

  /** @return n, the number of examples */
  int size() {
    return features.rows();
  }
}
