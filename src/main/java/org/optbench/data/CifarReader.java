package org.optbench.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads CIFAR-10's binary version (https://www.cs.toronto.edu/~kriz/cifar.html): straight from
 * the published {@code cifar-10-binary.tar.gz}, streamed through a tar reader without extracting
 * anything, or from its extracted folder {@value #FOLDER}.
 *
 * <p>Each batch file is a sequence of {@value #RECORD_BYTES}-byte records: one label byte (0..9),
 * then 3,072 pixel bytes, the red channel's 1,024, then green's, then blue's, each 32×32
 * row-major. The five training batches ({@link #TRAIN_BATCHES}, in order) make the training set,
 * {@value #TEST_BATCH} the test set; each real batch holds 10,000 images, but any whole number of
 * records is read, so that tests can use small generated batches.
 *
 * <p>Every problem is reported as a {@link DataException} naming the file (and the entry of the
 * archive).
 */
public final class CifarReader {
  /** Image side in pixels. */
  public static final int SIDE = 32;
  /** Colour channels: red, green, blue. */
  public static final int CHANNELS = 3;
  /** Bytes of one record: the label and the image. */
  public static final int RECORD_BYTES = 1 + CHANNELS * SIDE * SIDE;
  /** Largest valid label: classes 0..9. */
  public static final int MAX_LABEL = 9;
  /** The folder the archive holds the batches in, and the name of the extracted folder. */
  public static final String FOLDER = "cifar-10-batches-bin";
  /** The training batches, in the order their images are numbered. */
  public static final List<String> TRAIN_BATCHES = List.of("data_batch_1.bin",
      "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin");
  /** The test batch. */
  public static final String TEST_BATCH = "test_batch.bin";

  private CifarReader() {}

  /** The two splits, read. */
  record Splits(ImageSet train, ImageSet test) {}

  /**
   * @return every batch file name, training batches first, then the test batch
   */
  public static List<String> batchNames() {
    List<String> names = new ArrayList<>(TRAIN_BATCHES);
    names.add(TEST_BATCH);
    return List.copyOf(names);
  }

  /**
   * Reads the six batches from the archive as it is published, streaming: the tar entries
   * {@code cifar-10-batches-bin/<batch>} are read in whatever order the archive holds them; other
   * entries (the class names, a readme) are skipped.
   *
   * @param archive a {@code cifar-10-binary.tar.gz}
   * @return training images (the five training batches in order) and test images
   * @throws DataException if the file cannot be read, is not a gzip-compressed tar, lacks a batch,
   *     or a batch is malformed
   */
  static Splits readArchive(Path archive) {
    Map<String, byte[]> batches = new LinkedHashMap<>();
    try (InputStream file = Files.newInputStream(archive);
        TarArchiveInputStream tar = new TarArchiveInputStream(
            new GZIPInputStream(new BufferedInputStream(file, 1 << 16), 1 << 16))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextTarEntry()) != null) {
        String name = entry.getName();
        String base = name.substring(name.lastIndexOf('/') + 1);
        if (entry.isFile() && name.startsWith(FOLDER + "/") && batchNames().contains(base)) {
          batches.put(base, tar.readAllBytes());
        }
      }
    } catch (IOException e) {
      throw new DataException("Cannot read " + archive + " as the gzip-compressed tar archive of"
          + " CIFAR-10's binary version: " + e + ". The file is probably incomplete or corrupt:"
          + " replace it with the original " + DatasetId.CIFAR10.archiveName() + ".", e);
    }
    List<String> missing = batchNames().stream().filter(b -> !batches.containsKey(b)).toList();
    if (!missing.isEmpty()) {
      throw new DataException(archive + " lacks " + String.join(", ", missing) + " under "
          + FOLDER + "/; it is not CIFAR-10's binary version (the python and Matlab versions hold"
          + " other files): use " + DatasetId.CIFAR10.archiveName() + ".");
    }
    return splits(batches, archive + "!" + FOLDER + "/");
  }

  /**
   * Reads the six batches from an extracted folder.
   *
   * @param folder a {@value #FOLDER} folder holding {@code data_batch_1.bin} to
   *     {@code data_batch_5.bin} and {@value #TEST_BATCH}
   * @return each batch file's contents by file name, in {@link #batchNames()} order, for
   *     hashing and then {@link #splits}
   * @throws DataException if a batch is missing, unreadable or malformed
   */
  static Map<String, byte[]> readFolder(Path folder) {
    Map<String, byte[]> batches = new LinkedHashMap<>();
    for (String name : batchNames()) {
      Path file = folder.resolve(name);
      try {
        batches.put(name, Files.readAllBytes(file));
      } catch (IOException e) {
        throw new DataException("Cannot read " + file + ": " + e + ". The folder " + folder
            + " must hold the six batches of CIFAR-10's binary version: "
            + String.join(", ", batchNames()) + ".", e);
      }
    }
    return batches;
  }

  /**
   * Parses the six batches.
   *
   * @param batches each batch file's contents by file name; all six must be present
   * @param where the folder or archive they came from, prefixed to file names in messages
   * @return the training set (the five training batches in order) and the test set
   * @throws DataException if a batch is empty, not a whole number of records, or has a label
   *     above {@value #MAX_LABEL}
   */
  static Splits splits(Map<String, byte[]> batches, String where) {
    List<byte[]> train = TRAIN_BATCHES.stream().map(batches::get).toList();
    return new Splits(parse(train, TRAIN_BATCHES, where),
        parse(List.of(batches.get(TEST_BATCH)), List.of(TEST_BATCH), where));
  }

  /**
   * Parses batch files into one set, in the order given.
   *
   * @param batches the files' contents
   * @param names their names, for messages
   * @param where the folder or archive they came from, for messages
   * @return their images (32×32×3) and labels, concatenated
   * @throws DataException if a batch is empty, not a whole number of records, or has a label
   *     above {@value #MAX_LABEL}
   */
  static ImageSet parse(List<byte[]> batches, List<String> names, String where) {
    long total = 0;
    for (int b = 0; b < batches.size(); b++) {
      int length = batches.get(b).length;
      if (length == 0 || length % RECORD_BYTES != 0) {
        throw new DataException(where + names.get(b) + " has " + length + " bytes, not a"
            + " positive multiple of the " + RECORD_BYTES + "-byte records of CIFAR-10's binary"
            + " version (a real batch has 10000 records, 30730000 bytes): the file is truncated"
            + " or not a CIFAR-10 batch.");
      }
      total += length / RECORD_BYTES;
    }
    int count = Math.toIntExact(total);
    int imageBytes = RECORD_BYTES - 1;
    byte[] pixels = new byte[count * imageBytes];
    byte[] labels = new byte[count];
    int image = 0;
    for (int b = 0; b < batches.size(); b++) {
      byte[] data = batches.get(b);
      for (int record = 0; record < data.length / RECORD_BYTES; record++, image++) {
        int at = record * RECORD_BYTES;
        int label = data[at] & 0xFF;
        if (label > MAX_LABEL) {
          throw new DataException(where + names.get(b) + ": record " + record + " has label "
              + label + " at byte " + at + "; CIFAR-10's labels are 0 to " + MAX_LABEL
              + ". The file is corrupt or not a CIFAR-10 batch (CIFAR-100's records have two"
              + " label bytes).");
        }
        labels[image] = (byte) label;
        System.arraycopy(data, at + 1, pixels, image * imageBytes, imageBytes);
      }
    }
    return new ImageSet(count, SIDE, SIDE, CHANNELS, pixels, labels);
  }
}
