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
 */
record TrainingData(INDArray features, INDArray labels) {

  /** @return n, the number of examples */
  int size() {
    return features.rows();
  }

  /**
   * @param order a permutation of {@code 0..n-1}, or null for the stored order
   * @param from first position in {@code order} (inclusive)
   * @param to last position (exclusive)
   * @return the mini-batch {@code [to − from, inputs]} with its labels (copies when gathered)
   */
  DataSet batch(int[] order, int from, int to) {
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
