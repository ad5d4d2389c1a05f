package org.optbench.dl4j;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Gathers one training loop's mini-batches from its {@link TrainingData}, into arrays it reuses
 * for every batch of the same size.
 *
 * <p>Why reuse: a fresh {@code [128, 784]} float array per step is 392 KiB of new native memory,
 * which ND4J frees only when the Java garbage collector finds the array unreachable. Between
 * collections every step's batch lands in memory never touched before, and the kernel faults it
 * in page by page (about 100 minor faults per mnist-mlp step, at about 12 µs each on a virtual
 * machine: a tenth of the step). Overwriting one array keeps those pages resident. The bits of a
 * batch are those of {@code Nd4j.pullRows}, a copy of the rows, either way.
 *
 * <p>A returned batch is valid until the next call, which overwrites it; DL4J's {@code fit}
 * reads it only during the call. Not thread-safe: one instance per training loop.
 */
final class MiniBatches {
  private final TrainingData data;
  /** The last gathered features and labels, reused while the batch size stays the same. */
  private INDArray features;
  private INDArray labels;

  /** @param data the examples to gather from */
  MiniBatches(TrainingData data) {
    this.data = data;
  }

  /**
   * @param order a permutation of {@code 0..n-1}, or null for the stored order
   * @param from first position in {@code order} (inclusive)
   * @param to last position (exclusive)
   * @param step the optimizer step the batch is for, which seeds augmentation (if any)
   * @return the mini-batch {@code [to − from, inputs]} with its labels: the stored arrays
   *     themselves for a full batch in the stored order, otherwise this object's arrays, valid
   *     until the next call
   */
  DataSet next(int[] order, int from, int to, long step) {
    if (data.augmented() == null && order == null && from == 0 && to == data.size()) {
      return new DataSet(data.features(), data.labels());
    }
    int[] rows = new int[to - from];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = order == null ? from + i : order[from + i];
    }
    labels = gather(data.labels(), labels, rows);
    if (data.augmented() != null) {
      return new DataSet(data.augmented().features(rows, step), labels);
    }
    features = gather(data.features(), features, rows);
    return new DataSet(features, labels);
  }

  /** The rows of {@code source} copied into {@code into}, or into a new array if it does not fit. */
  private static INDArray gather(INDArray source, INDArray into, int[] rows) {
    if (into == null || into.rows() != rows.length) {
      into = Nd4j.createUninitialized(source.dataType(), rows.length, source.columns());
    }
    return Nd4j.pullRows(source, into, 1, rows);
  }
}
