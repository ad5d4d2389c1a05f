package org.optbench.data;

import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * Examples as read from one {@link DataSource}, before labels are coded, the data are split or
 * normalised.
 *
 * @param rows number of examples n
 * @param shape the shape of one example's features: {@code [features]} for table rows,
 *     {@code [height, width, channels]} for images
 * @param features {@code n × product(shape)} values, example after example; an image's values
 *     are channel after channel, each row-major (the order DL4J's flat convolutional input
 *     expects)
 * @param labels each example's label as written (a CSV cell, an IDX byte in decimal, an image's
 *     folder name)
 * @param origin where example {@code i} was read, for messages, e.g. {@code data/train.csv:12}
 */
public record RawTable(int rows, int[] shape, float[] features, String[] labels,
    IntFunction<String> origin) {

  /** @return values per example: the product of {@link #shape()} */
  public int width() {
    return Arrays.stream(shape).reduce(1, (a, b) -> a * b);
  }

  /** @return whether the examples are images ({@code [height, width, channels]}) */
  public boolean isImage() {
    return shape.length == 3;
  }

  /** @return the shape as text, e.g. {@code 64 features} or {@code 8×8×1 images} */
  public String describeShape() {
    return describe(shape);
  }

  /**
   * @param shape an example shape
   * @return it as text, e.g. {@code 64 features} or {@code 8×8×1 images (height×width×channels)}
   */
  public static String describe(int[] shape) {
    return shape.length == 3
        ? shape[0] + "×" + shape[1] + "×" + shape[2] + " images (height×width×channels)"
        : shape[0] + " features per row";
  }
}
