package org.optbench.data;

import org.optbench.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/** Builds small IDX files in memory so tests never need the real data sets. */
final class TestFiles {
  static final int SIDE = 28;
  static final int PIXELS = SIDE * SIDE;

  private TestFiles() {}

  /** Uncompressed IDX3 image file with an arbitrary header. */
  static byte[] imagesIdx(int magic, int count, int rows, int cols, byte[] pixels) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(magic);
      out.writeInt(count);
      out.writeInt(rows);
      out.writeInt(cols);
      out.write(pixels);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Uncompressed IDX1 label file with an arbitrary header. */
  static byte[] labelsIdx(int magic, int count, byte[] labels) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(magic);
      out.writeInt(count);
      out.write(labels);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static byte[] gzip(byte[] raw) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(raw);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Incompressible pixels, so that cutting a gzip file cuts into the pixel data. */
  static byte[] randomPixels(int count, long seed) {
    byte[] pixels = new byte[count * PIXELS];
    new Random(seed).nextBytes(pixels);
    return pixels;
  }

  static byte[] labels(int count, long seed) {
    byte[] labels = new byte[count];
    Random random = new Random(seed);
    for (int i = 0; i < count; i++) {
      labels[i] = (byte) random.nextInt(10);
    }
    return labels;
  }

  /** gzip-compressed, valid 28x28 image file. */
  static byte[] imagesGz(byte[] pixels) {
    return gzip(imagesIdx(IdxReader.IMAGES_MAGIC, pixels.length / PIXELS, SIDE, SIDE, pixels));
  }

  /** gzip-compressed, valid label file. */
  static byte[] labelsGz(byte[] labels) {
    return gzip(labelsIdx(IdxReader.LABELS_MAGIC, labels.length, labels));
  }

  /**
   * The four files of a tiny valid data set (5 train and 3 test images), keyed by file name;
   * different seeds give different contents.
   */
  static Map<String, byte[]> tinyDataset(long seed) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(DataFile.TRAIN_IMAGES.fileName(), imagesGz(randomPixels(5, seed)));
    files.put(DataFile.TRAIN_LABELS.fileName(), labelsGz(labels(5, seed)));
    files.put(DataFile.TEST_IMAGES.fileName(), imagesGz(randomPixels(3, seed + 1)));
    files.put(DataFile.TEST_LABELS.fileName(), labelsGz(labels(3, seed + 1)));
    return files;
  }

  static Map<String, String> checksums(Map<String, byte[]> files) {
    Map<String, String> sums = new LinkedHashMap<>();
    files.forEach((name, bytes) -> sums.put(name, Sha256.of(bytes)));
    return sums;
  }

  static Path write(Path dir, Map<String, byte[]> files) throws IOException {
    Files.createDirectories(dir);
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      Files.write(dir.resolve(file.getKey()), file.getValue());
    }
    return dir;
  }
}
