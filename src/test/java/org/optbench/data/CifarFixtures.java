package org.optbench.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Small CIFAR-10 batches and archives in the binary version's format, generated in the tests: a
 * batch of {@code n} records, each one label byte and 3,072 pixel bytes; an archive is a
 * gzip-compressed tar holding them under {@code cifar-10-batches-bin/}, with the class-names file
 * the real archive has beside them.
 */
public final class CifarFixtures {
  private CifarFixtures() {}

  /**
   * @param images records in the batch
   * @param seed seed of the pixels
   * @return a batch whose record i has label {@code (i + seed) mod 10} and seeded pixels
   */
  public static byte[] batch(int images, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    byte[] data = new byte[images * CifarReader.RECORD_BYTES];
    for (int i = 0; i < images; i++) {
      int at = i * CifarReader.RECORD_BYTES;
      data[at] = (byte) ((i + seed) % 10);
      for (int k = 1; k < CifarReader.RECORD_BYTES; k++) {
        data[at + k] = (byte) random.nextInt(256);
      }
    }
    return data;
  }

  /**
   * @param perBatch records in each of the six batches
   * @return the six batches by file name (training batch b seeded b, the test batch 6)
   */
  public static Map<String, byte[]> batches(int perBatch) {
    Map<String, byte[]> batches = new LinkedHashMap<>();
    for (int b = 1; b <= 5; b++) {
      batches.put("data_batch_" + b + ".bin", batch(perBatch, b));
    }
    batches.put("test_batch.bin", batch(perBatch, 6));
    return batches;
  }

  /**
   * @param batches batch files by name
   * @return a {@code .tar.gz} with {@code cifar-10-batches-bin/batches.meta.txt} first, then the
   *     batches in the map's order
   */
  public static byte[] archive(Map<String, byte[]> batches) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
      add(tar, "cifar-10-batches-bin/batches.meta.txt",
          "airplane\nautomobile\n".getBytes(StandardCharsets.US_ASCII));
      for (Map.Entry<String, byte[]> e : batches.entrySet()) {
        add(tar, "cifar-10-batches-bin/" + e.getKey(), e.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * @param perBatch records in each of the six batches
   * @return CIFAR-10 as read from {@link #batches(int)}: {@code 5·perBatch} training and
   *     {@code perBatch} test images, no checksums
   */
  public static ImageDataset dataset(int perBatch) {
    CifarReader.Splits splits = CifarReader.splits(batches(perBatch), "");
    return new ImageDataset(DatasetId.CIFAR10, splits.train(), splits.test(), Map.of());
  }

  /** @return the MD5 of {@code data}, lower-case hex */
  public static String md5(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void add(TarArchiveOutputStream tar, String name, byte[] data)
      throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setSize(data.length);
    tar.putArchiveEntry(entry);
    tar.write(data);
    tar.closeArchiveEntry();
  }
}
