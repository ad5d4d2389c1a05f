package org.optbench.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * One split (train or test) of an image data set, as raw bytes straight from the IDX files (one
 * channel) or the CIFAR-10 batches (three channels, red, green, blue).
 *
 * <p>The arrays are shared, not copied (the training images are 47 MB): callers must treat them as
 * read-only.
 *
 * @param count number of images, {@code >= 0}
 * @param rows image height in pixels (28 for MNIST and Fashion-MNIST, 32 for CIFAR-10)
 * @param cols image width in pixels (28 for MNIST and Fashion-MNIST, 32 for CIFAR-10)
 * @param channels colour channels per pixel (1 for MNIST and Fashion-MNIST, 3 for CIFAR-10)
 * @param pixels {@code count * channels * rows * cols} unsigned bytes (0 = background or no
 *     colour, 255 = full ink or colour; read with {@code b & 0xFF}), image after image, each image
 *     channel after channel and each channel row-major (row 0 first), as CIFAR-10's files and
 *     DL4J's flattened convolutional input both store them
 * @param labels {@code count} class indices, each 0..9
 */
public record ImageSet(int count, int rows, int cols, int channels, byte[] pixels,
    byte[] labels) {

  /**
   * Checks the shape against the arrays, so consumers can index without further checks.
   *
   * @param count number of images, {@code >= 0}
   * @param rows image height in pixels
   * @param cols image width in pixels
   * @param channels colour channels, {@code >= 1}
   * @param pixels {@code count * channels * rows * cols} unsigned bytes, channel after channel
   *     and row-major per image (not copied)
   * @param labels {@code count} class indices 0..9 (not copied)
   * @throws IllegalArgumentException if a dimension is negative, {@code channels < 1} or an
   *     array length does not match
   * @throws NullPointerException if an array is null
   */
  public ImageSet {
    Objects.requireNonNull(pixels, "pixels");
    Objects.requireNonNull(labels, "labels");
    if (count < 0 || rows < 0 || cols < 0 || channels < 1) {
      throw new IllegalArgumentException("bad shape: count=" + count + ", rows=" + rows
          + ", cols=" + cols + ", channels=" + channels);
    }
    if ((long) count * rows * cols * channels != pixels.length) {
      throw new IllegalArgumentException(
          "pixels has "
              + pixels.length
              + " bytes, expected count*rows*cols*channels = "
              + ((long) count * rows * cols * channels));
    }
    if (labels.length != count) {
      throw new IllegalArgumentException(
          "labels has " + labels.length + " entries, expected count = " + count);
    }
  }

  /**
   * A grey-scale set (one channel), as the IDX files hold.
   *
   * @param count number of images, {@code >= 0}
   * @param rows image height in pixels
   * @param cols image width in pixels
   * @param pixels {@code count * rows * cols} unsigned bytes, row-major per image (not copied)
   * @param labels {@code count} class indices 0..9 (not copied)
   * @throws IllegalArgumentException if a dimension is negative or an array length does not match
   */
  public ImageSet(int count, int rows, int cols, byte[] pixels, byte[] labels) {
    this(count, rows, cols, 1, pixels, labels);
  }

  /**
   * @return bytes per image, {@code channels * rows * cols} (784 for MNIST, 3072 for CIFAR-10)
   */
  public int pixelsPerImage() {
    return rows * cols * channels;
  }

  /**
   * @param image image index, {@code 0 <= image < count}
   * @return the class of that image, 0..9
   */
  public int label(int image) {
    return labels[image] & 0xFF;
  }

  /**
   * @param image image index, {@code 0 <= image < count}
   * @param row pixel row, {@code 0 <= row < rows}
   * @param col pixel column, {@code 0 <= col < cols}
   * @return the pixel intensity, 0..255
   */
  public int pixel(int image, int row, int col) {
    return pixel(image, 0, row, col);
  }

  /**
   * @param image image index, {@code 0 <= image < count}
   * @param channel colour channel, {@code 0 <= channel < channels} (CIFAR-10: red, green, blue)
   * @param row pixel row, {@code 0 <= row < rows}
   * @param col pixel column, {@code 0 <= col < cols}
   * @return that channel's intensity, 0..255
   */
  public int pixel(int image, int channel, int row, int col) {
    return pixels[((image * channels + channel) * rows + row) * cols + col] & 0xFF;
  }

  /** Compares array contents, not identities, so equal data gives equal sets. */
  @Override
  public boolean equals(Object other) {
    return other instanceof ImageSet o
        && count == o.count
        && rows == o.rows
        && cols == o.cols
        && channels == o.channels
        && Arrays.equals(pixels, o.pixels)
        && Arrays.equals(labels, o.labels);
  }

  /** Hashes array contents, consistent with {@link #equals(Object)}. */
  @Override
  public int hashCode() {
    return Objects.hash(count, rows, cols, channels, Arrays.hashCode(pixels), Arrays.hashCode(labels));
  }

  /** Shape only: printing 47 MB of pixels would help nobody. */
  @Override
  public String toString() {
    return "ImageSet[count=" + count + ", rows=" + rows + ", cols=" + cols + ", channels="
        + channels + "]";
  }
}
