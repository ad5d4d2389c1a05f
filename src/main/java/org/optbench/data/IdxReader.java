package org.optbench.data;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads gzip-compressed IDX files (the MNIST / Fashion-MNIST format, see
 * http://yann.lecun.com/exdb/mnist/).
 *
 * <p>Layout after decompression, all integers 32-bit big-endian:
 *
 * <ul>
 *   <li>images: magic {@value #IMAGES_MAGIC}, count, rows, cols, then {@code count*rows*cols}
 *       unsigned bytes, row-major per image;
 *   <li>labels: magic {@value #LABELS_MAGIC}, count, then {@code count} unsigned bytes 0..9.
 * </ul>
 *
 * <p>Every problem is reported as a {@link DataException} naming the file. Reading the 60,000
 * training images takes a fraction of a second: the pixel block is decompressed straight into the
 * result array with one {@code readFully}.
 */
public final class IdxReader {
  /** Magic number of an IDX file of unsigned bytes with 3 dimensions (images). */
  public static final int IMAGES_MAGIC = 0x00000803;

  /** Magic number of an IDX file of unsigned bytes with 1 dimension (labels). */
  public static final int LABELS_MAGIC = 0x00000801;

  /** Image height every supported data set uses, in pixels. */
  public static final int EXPECTED_ROWS = 28;

  /** Image width every supported data set uses, in pixels. */
  public static final int EXPECTED_COLS = 28;

  /** Largest valid label: both data sets have classes 0..9. */
  public static final int MAX_LABEL = 9;

  private static final int BUFFER_BYTES = 1 << 16;

  private IdxReader() {}

  /**
   * Reads one split from an images file and the matching labels file.
   *
   * @param imagesGz gzip-compressed IDX3 images, e.g. {@code train-images-idx3-ubyte.gz}
   * @param labelsGz gzip-compressed IDX1 labels, e.g. {@code train-labels-idx1-ubyte.gz}
   * @return the images ({@value #EXPECTED_ROWS}x{@value #EXPECTED_COLS}) and their labels
   * @throws DataException if a file cannot be read, is truncated or corrupt, has the wrong magic
   *     number or image size, has a label above {@value #MAX_LABEL}, or the two counts differ
   */
  public static ImageSet readImageSet(Path imagesGz, Path labelsGz) {
    Images images;
    try (InputStream in = Files.newInputStream(imagesGz)) {
      images = readImages(in, imagesGz, true);
    } catch (IOException e) {
      throw cannotRead(imagesGz, e);
    }
    byte[] labels;
    try (InputStream in = Files.newInputStream(labelsGz)) {
      labels = readLabels(in, labelsGz, MAX_LABEL);
    } catch (IOException e) {
      throw cannotRead(labelsGz, e);
    }
    return combine(images, imagesGz, labels, labelsGz);
  }

  /**
   * Same as {@link #readImageSet(Path, Path)} for file contents already in memory (the repository
   * reads each file once, hashes it, then parses the same bytes).
   *
   * @param imagesGz contents of the images file
   * @param imagesFile where those bytes came from, for messages
   * @param labelsGz contents of the labels file
   * @param labelsFile where those bytes came from, for messages
   */
  static ImageSet readImageSet(byte[] imagesGz, Path imagesFile, byte[] labelsGz, Path labelsFile) {
    Images images = readImages(new ByteArrayInputStream(imagesGz), imagesFile, true);
    byte[] labels = readLabels(new ByteArrayInputStream(labelsGz), labelsFile, MAX_LABEL);
    return combine(images, imagesFile, labels, labelsFile);
  }

  /**
   * Reads any pair of IDX files in the MNIST format: images of any size, labels 0..255, each
   * file gzip-compressed or not (told apart by the gzip magic bytes).
   *
   * @param images IDX3 images, unsigned bytes
   * @param labels IDX1 labels, unsigned bytes
   * @return the images and their labels
   * @throws DataException if a file cannot be read, is truncated or corrupt, has the wrong magic
   *     number, or the two counts differ (naming the file)
   */
  static ImageSet readAnySize(Path images, Path labels) {
    try {
      byte[] imageBytes = Files.readAllBytes(images);
      byte[] labelBytes = Files.readAllBytes(labels);
      Images read = readImages(new ByteArrayInputStream(imageBytes), images, false,
          isGzip(imageBytes));
      byte[] classes = readLabels(new ByteArrayInputStream(labelBytes), labels, 255,
          isGzip(labelBytes));
      return combine(read, images, classes, labels);
    } catch (IOException e) {
      throw cannotRead(images, e);
    }
  }

  private static boolean isGzip(byte[] bytes) {
    return bytes.length >= 2 && (bytes[0] & 0xFF) == 0x1f && (bytes[1] & 0xFF) == 0x8b;
  }

  private static ImageSet combine(Images images, Path imagesFile, byte[] labels, Path labelsFile) {
    if (images.count != labels.length) {
      throw new DataException(
          "Image/label count mismatch: "
              + imagesFile
              + " holds "
              + images.count
              + " images but "
              + labelsFile
              + " holds "
              + labels.length
              + " labels; expected the same number in both. Make sure both files belong to the"
              + " same data set and split (train-* with train-*, t10k-* with t10k-*) and are the"
              + " original, unmodified files.");
    }
    return new ImageSet(images.count, images.rows, images.cols, images.pixels, labels);
  }

  /** Images part of an IDX3 file before the labels are known. */
  private record Images(int count, int rows, int cols, byte[] pixels) {}

  private static Images readImages(InputStream raw, Path file, boolean mnistShape) {
    return readImages(raw, file, mnistShape, true);
  }

  private static Images readImages(InputStream raw, Path file, boolean mnistShape,
      boolean gzip) {
    int count = -1;
    try {
      DataInputStream in = gzip ? open(raw) : new DataInputStream(new BufferedInputStream(raw));
      checkMagic(in.readInt(), IMAGES_MAGIC, "image", file);
      count = in.readInt();
      int rows = in.readInt();
      int cols = in.readInt();
      checkCount(count, file);
      if (!mnistShape && (rows < 1 || cols < 1)) {
        throw new DataException(file + " declares images of " + rows + "x" + cols
            + " pixels (rows x cols); expected at least 1x1. The header is corrupt.");
      }
      if (mnistShape && (rows != EXPECTED_ROWS || cols != EXPECTED_COLS)) {
        throw new DataException(
            file
                + " has images of "
                + rows
                + "x"
                + cols
                + " pixels (rows x cols), expected "
                + EXPECTED_ROWS
                + "x"
                + EXPECTED_COLS
                + " as in MNIST and Fashion-MNIST. Use the original "
                + file.getFileName()
                + " of one of those data sets.");
      }
      long size = (long) count * rows * cols;
      if (size > Integer.MAX_VALUE - 8) {
        throw new DataException(
            file
                + " declares "
                + count
                + " images, more than fit in memory at once (at most "
                + (Integer.MAX_VALUE - 8) / (rows * cols)
                + " expected). The header is probably corrupt; replace the file with an original"
                + " copy.");
      }
      byte[] pixels = new byte[(int) size];
      in.readFully(pixels);
      return new Images(count, rows, cols, pixels);
    } catch (EOFException | ZipException e) {
      String expected =
          count >= 0
              ? count + (mnistShape ? " images of " + EXPECTED_ROWS + "x" + EXPECTED_COLS
                  + " pixels" : " images")
              : "a 16-byte header (magic " + IMAGES_MAGIC + ", count, rows, cols) and pixels";
      throw truncated(file, e, "a gzip-compressed IDX image file with " + expected);
    } catch (IOException e) {
      throw cannotRead(file, e);
    }
  }

  private static byte[] readLabels(InputStream raw, Path file, int maxLabel) {
    return readLabels(raw, file, maxLabel, true);
  }

  private static byte[] readLabels(InputStream raw, Path file, int maxLabel, boolean gzip) {
    int count = -1;
    try {
      DataInputStream in = gzip ? open(raw) : new DataInputStream(new BufferedInputStream(raw));
      checkMagic(in.readInt(), LABELS_MAGIC, "label", file);
      count = in.readInt();
      checkCount(count, file);
      byte[] labels = new byte[count];
      in.readFully(labels);
      for (int i = 0; i < count; i++) {
        int label = labels[i] & 0xFF;
        if (label > maxLabel) {
          throw new DataException(
              file
                  + " has label "
                  + label
                  + " at index "
                  + i
                  + ", expected a class between 0 and "
                  + MAX_LABEL
                  + ". The file is corrupt or not an MNIST/Fashion-MNIST label file; replace it"
                  + " with the original "
                  + file.getFileName()
                  + ".");
        }
      }
      return labels;
    } catch (EOFException | ZipException e) {
      String expected =
          count >= 0
              ? count + " labels"
              : "an 8-byte header (magic " + LABELS_MAGIC + ", count) and labels";
      throw truncated(file, e, "a gzip-compressed IDX label file with " + expected);
    } catch (IOException e) {
      throw cannotRead(file, e);
    }
  }

  private static DataInputStream open(InputStream raw) throws IOException {
    // GZIPInputStream reads the gzip header here, so "not gzip" surfaces as a ZipException.
    return new DataInputStream(
        new BufferedInputStream(new GZIPInputStream(raw, BUFFER_BYTES), BUFFER_BYTES));
  }

  private static void checkMagic(int found, int expected, String kind, Path file) {
    if (found == expected) {
      return;
    }
    String hint =
        found == IMAGES_MAGIC || found == LABELS_MAGIC
            ? " It looks like an IDX "
                + (found == IMAGES_MAGIC ? "image" : "label")
                + " file: were the images and labels files swapped or renamed?"
            : " The file is not in IDX format (or was compressed twice).";
    throw new DataException(
        file
            + " is not an IDX "
            + kind
            + " file: found magic number "
            + found
            + String.format(" (0x%08X)", found)
            + ", expected "
            + expected
            + String.format(" (0x%08X)", expected)
            + "."
            + hint
            + " Use the original "
            + file.getFileName()
            + ".");
  }

  private static void checkCount(int count, Path file) {
    if (count < 0) {
      throw new DataException(
          file
              + " declares a negative item count ("
              + count
              + "), expected a count >= 0. The header is corrupt; replace the file with an"
              + " original copy.");
    }
  }

  private static DataException truncated(Path file, IOException cause, String expected) {
    String detail =
        cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return new DataException(
        file
            + " is truncated or corrupt ("
            + detail
            + "): expected "
            + expected
            + ". The file is incomplete (an interrupted download or copy?); replace it with a"
            + " complete copy of "
            + file.getFileName()
            + ".",
        cause);
  }

  private static DataException cannotRead(Path file, IOException cause) {
    return new DataException(
        "Cannot read " + file + ": " + cause + ". Check that the file exists and is readable.",
        cause);
  }
}
