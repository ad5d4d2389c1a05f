package org.optbench.data;

import java.util.List;
import java.util.Map;

/**
 * A user's data set ready for training: labels coded as class indices, split into training,
 * validation and test sets, and normalised with statistics of the training split. Shared
 * read-only by every trial of the process; the arrays must not be modified.
 *
 * @param shape one example's feature shape: {@code [features]} or {@code [height, width,
 *     channels]}
 * @param classes number of classes
 * @param labelNames the label each class index stands for: the sorted distinct labels when the
 *     files' labels are not all integers, else {@code "0" .. "classes−1"}
 * @param train training examples
 * @param validation validation examples
 * @param test test examples
 * @param sha256 SHA-256 of every file (or image folder) read, by role and file name, e.g.
 *     {@code train: train.csv}
 * @param facts what the manifest records besides the hashes: rows, features, class counts,
 *     labels, split and normalisation statistics, as text
 */
public record PreparedData(int[] shape, int classes, List<String> labelNames, Part train,
    Part validation, Part test, Map<String, String> sha256, Map<String, String> facts) {

  /**
   * One set of examples.
   *
   * @param features {@code rows × width} values, example after example
   * @param labels class index of each example
   */
  public record Part(float[] features, int[] labels) {
    /** @return number of examples */
    public int rows() {
      return labels.length;
    }
  }

  /** @return values per example */
  public int width() {
    int w = 1;
    for (int d : shape) {
      w *= d;
    }
    return w;
  }
}
