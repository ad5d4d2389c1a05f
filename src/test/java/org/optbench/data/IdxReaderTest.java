package org.optbench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.optbench.data.TestFiles.PIXELS;
import static org.optbench.data.TestFiles.SIDE;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
  @TempDir Path temp;

  private Path images;
  private Path labels;

  private void writeFiles(byte[] imagesGz, byte[] labelsGz) throws Exception {
    images = Files.write(temp.resolve("train-images-idx3-ubyte.gz"), imagesGz);
    labels = Files.write(temp.resolve("train-labels-idx1-ubyte.gz"), labelsGz);
  }

  private DataException readFails() {
    return assertThrows(DataException.class, () -> IdxReader.readImageSet(images, labels));
  }

  @Test
  void roundTripsPixelsAndLabels() throws Exception {
    byte[] pixels = new byte[3 * PIXELS];
    for (int i = 0; i < 3; i++) {
      for (int r = 0; r < SIDE; r++) {
        for (int c = 0; c < SIDE; c++) {
          pixels[i * PIXELS + r * SIDE + c] = (byte) (i * 100 + r * 3 + c);
        }
      }
    }
    writeFiles(TestFiles.imagesGz(pixels), TestFiles.labelsGz(new byte[] {7, 0, 9}));

    ImageSet set = IdxReader.readImageSet(images, labels);

    assertEquals(3, set.count());
    assertEquals(28, set.rows());
    assertEquals(28, set.cols());
    assertEquals(784, set.pixelsPerImage());
    assertArrayEquals(pixels, set.pixels());
    assertArrayEquals(new byte[] {7, 0, 9}, set.labels());
    // Unsigned access: 2*100 + 27*3 + 27 = 308 wraps to 52; 200 stays 200 (not -56).
    assertEquals(0, set.pixel(0, 0, 0));
    assertEquals(5 * 3 + 4, set.pixel(0, 5, 4));
    assertEquals(200, set.pixel(2, 0, 0));
    assertEquals(308 & 0xFF, set.pixel(2, 27, 27));
    assertEquals(9, set.label(2));
    assertEquals("ImageSet[count=3, rows=28, cols=28, channels=1]", set.toString());
  }

  @Test
  void readsEmptySplit() throws Exception {
    writeFiles(TestFiles.imagesGz(new byte[0]), TestFiles.labelsGz(new byte[0]));
    ImageSet set = IdxReader.readImageSet(images, labels);
    assertEquals(0, set.count());
    assertEquals(0, set.pixels().length);
  }

  @Test
  void rejectsWrongMagicWithFoundAndExpected() throws Exception {
    // A label file where the images should be: the classic swapped-files mistake.
    writeFiles(TestFiles.labelsGz(new byte[] {1, 2}), TestFiles.labelsGz(new byte[] {1, 2}));
    assertEquals(
        images
            + " is not an IDX image file: found magic number 2049 (0x00000801), expected 2051"
            + " (0x00000803). It looks like an IDX label file: were the images and labels files"
            + " swapped or renamed? Use the original train-images-idx3-ubyte.gz.",
        readFails().getMessage());
  }

  @Test
  void rejectsWrongMagicInLabelFile() throws Exception {
    byte[] raw = TestFiles.labelsIdx(0x12345678, 1, new byte[] {1});
    writeFiles(TestFiles.imagesGz(new byte[PIXELS]), TestFiles.gzip(raw));
    String message = readFails().getMessage();
    assertTrue(message.startsWith(labels + " is not an IDX label file:"), message);
    assertTrue(message.contains("found magic number 305419896 (0x12345678)"), message);
    assertTrue(message.contains("expected 2049 (0x00000801)"), message);
  }

  @Test
  void rejectsWrongDimensions() throws Exception {
    byte[] raw = TestFiles.imagesIdx(IdxReader.IMAGES_MAGIC, 1, 32, 32, new byte[32 * 32]);
    writeFiles(TestFiles.gzip(raw), TestFiles.labelsGz(new byte[] {1}));
    assertEquals(
        images
            + " has images of 32x32 pixels (rows x cols), expected 28x28 as in MNIST and"
            + " Fashion-MNIST. Use the original train-images-idx3-ubyte.gz of one of those data"
            + " sets.",
        readFails().getMessage());
  }

  @Test
  void rejectsTruncatedGzip() throws Exception {
    byte[] whole = TestFiles.imagesGz(TestFiles.randomPixels(3, 1));
    writeFiles(Arrays.copyOf(whole, whole.length / 2), TestFiles.labelsGz(new byte[] {1, 2, 3}));
    DataException e = readFails();
    assertTrue(e.getMessage().startsWith(images + " is truncated or corrupt ("), e.getMessage());
    assertTrue(
        e.getMessage()
            .contains(
                "): expected a gzip-compressed IDX image file with 3 images of 28x28 pixels."
                    + " The file is incomplete (an interrupted download or copy?); replace it with"
                    + " a complete copy of train-images-idx3-ubyte.gz."),
        e.getMessage());
  }

  @Test
  void rejectsLabelFileCutInsideTheHeader() throws Exception {
    byte[] whole = TestFiles.labelsGz(new byte[] {1, 2, 3});
    // 10 bytes is exactly the gzip header: no compressed data at all.
    writeFiles(TestFiles.imagesGz(new byte[3 * PIXELS]), Arrays.copyOf(whole, 10));
    String message = readFails().getMessage();
    assertTrue(message.startsWith(labels + " is truncated or corrupt ("), message);
    assertTrue(
        message.contains(
            "expected a gzip-compressed IDX label file with an 8-byte header (magic 2049, count)"
                + " and labels"),
        message);
  }

  @Test
  void rejectsUncompressedFile() throws Exception {
    byte[] raw = TestFiles.imagesIdx(IdxReader.IMAGES_MAGIC, 1, 28, 28, new byte[PIXELS]);
    writeFiles(raw, TestFiles.labelsGz(new byte[] {1}));
    String message = readFails().getMessage();
    assertTrue(
        message.startsWith(images + " is truncated or corrupt (Not in GZIP format): expected"),
        message);
  }

  @Test
  void rejectsCountMismatch() throws Exception {
    writeFiles(
        TestFiles.imagesGz(TestFiles.randomPixels(3, 2)), TestFiles.labelsGz(new byte[] {1, 2}));
    assertEquals(
        "Image/label count mismatch: "
            + images
            + " holds 3 images but "
            + labels
            + " holds 2 labels; expected the same number in both. Make sure both files belong to"
            + " the same data set and split (train-* with train-*, t10k-* with t10k-*) and are"
            + " the original, unmodified files.",
        readFails().getMessage());
  }

  @Test
  void rejectsLabelAboveNine() throws Exception {
    writeFiles(TestFiles.imagesGz(new byte[3 * PIXELS]), TestFiles.labelsGz(new byte[] {9, 10, 0}));
    assertEquals(
        labels
            + " has label 10 at index 1, expected a class between 0 and 9. The file is corrupt or"
            + " not an MNIST/Fashion-MNIST label file; replace it with the original"
            + " train-labels-idx1-ubyte.gz.",
        readFails().getMessage());
  }

  @Test
  void rejectsNegativeCount() throws Exception {
    byte[] raw = TestFiles.imagesIdx(IdxReader.IMAGES_MAGIC, -5, 28, 28, new byte[0]);
    writeFiles(TestFiles.gzip(raw), TestFiles.labelsGz(new byte[0]));
    assertEquals(
        images
            + " declares a negative item count (-5), expected a count >= 0. The header is"
            + " corrupt; replace the file with an original copy.",
        readFails().getMessage());
  }

  @Test
  void missingFileIsReportedByName() {
    images = temp.resolve("t10k-images-idx3-ubyte.gz");
    labels = temp.resolve("t10k-labels-idx1-ubyte.gz");
    String message = readFails().getMessage();
    assertTrue(message.startsWith("Cannot read " + images + ": "), message);
  }

  @Test
  void readsAFullSizeTrainingSet() throws Exception {
    // MNIST-like: mostly background with a stripe of ink, so gzip behaves like on real data.
    int count = 60_000;
    byte[] pixels = new byte[count * PIXELS];
    for (int i = 0; i < count; i++) {
      for (int k = 300; k < 480; k++) {
        pixels[i * PIXELS + k] = (byte) (i + k);
      }
    }
    writeFiles(TestFiles.imagesGz(pixels), TestFiles.labelsGz(TestFiles.labels(count, 3)));

    ImageSet set = IdxReader.readImageSet(images, labels);

    assertEquals(count, set.count());
    assertArrayEquals(pixels, set.pixels());
  }
}
