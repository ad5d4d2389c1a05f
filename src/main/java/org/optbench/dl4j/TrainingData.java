package org.optbench.dl4j;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The examples a network trains on, with mini-batches gathered by index so the order can be
 * reshuffled every epoch without copying the whole set.
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


  /**
   * @param order a permutation of {@code 0..n-1}, or null for the stored order
   * @param from first position in {@code order} (inclusive)
   * @param to last position (exclusive)
   * @param step the optimizer step the batch is for, which seeds augmentation (if any)
   * @return the mini-batch {@code [to − from, inputs]} with its labels (copies when gathered)
   */
  DataSet batch(int[] order, int from, int to, long step) {
    if (augmented != null) {
      int[] rows = new int[to - from];
      for (int i = 0; i < rows.length; i++) {
        rows[i] = order == null ? from + i : order[from + i];
      }
      return new DataSet(augmented.features(rows, step), Nd4j.pullRows(labels, 1, rows));
    }
    if (order == null && from == 0 && to == size()) {
      return new DataSet(features, labels);
    }
    int[] rows = new int[to - from];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = order == null ? from + i : order[from + i];
    }
    return new DataSet(Nd4j.pullRows(features, 1, rows), Nd4j.pullRows(labels, 1, rows));
  }
}
