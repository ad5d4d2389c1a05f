package org.optbench.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CIFAR-10's binary batches, read from a generated archive and folder. */
class CifarReaderTest {
  @TempDir Path temp;

  @Test
  void theArchiveIsReadWithoutExtractionTrainingBatchesInOrder() throws Exception {
    Map<String, byte[]> batches = CifarFixtures.batches(3);
    // The archive may hold the batches in any order: the training set still follows 1 to 5.
    Map<String, byte[]> shuffled = new LinkedHashMap<>();
    for (String name : List.of("test_batch.bin", "data_batch_3.bin", "data_batch_1.bin",
        "data_batch_5.bin", "data_batch_2.bin", "data_batch_4.bin")) {
      shuffled.put(name, batches.get(name));
    }
    Path archive = Files.write(temp.resolve("cifar-10-binary.tar.gz"),
        CifarFixtures.archive(shuffled));

    CifarReader.Splits splits = CifarReader.readArchive(archive);

    ImageSet train = splits.train();
    assertEquals(15, train.count());
    assertEquals(32, train.rows());
    assertEquals(32, train.cols());
    assertEquals(3, train.channels());
    assertEquals(3072, train.pixelsPerImage());
    assertEquals(3, splits.test().count());
    // Image 4 is data_batch_2's record 1: label (1 + 2) mod 10; its blue channel's last pixel is
    // the record's last byte.
    byte[] second = batches.get("data_batch_2.bin");
    assertEquals(3, train.label(4));
    assertEquals(second[CifarReader.RECORD_BYTES + 1] & 0xFF, train.pixel(4, 0, 0, 0));
    assertEquals(second[CifarReader.RECORD_BYTES + 1 + 1024 + 33] & 0xFF,
        train.pixel(4, 1, 1, 1), "green, row 1, column 1");
    assertEquals(second[2 * CifarReader.RECORD_BYTES - 1] & 0xFF, train.pixel(4, 2, 31, 31));
    assertEquals((0 + 6) % 10, splits.test().label(0));
    assertEquals(List.of(temp.resolve("cifar-10-binary.tar.gz")), Files.list(temp).toList(),
        "nothing extracted");
  }

  @Test
  void anExtractedFolderGivesTheSameImages() throws Exception {
    Map<String, byte[]> batches = CifarFixtures.batches(2);
    Path archive = Files.write(temp.resolve("a.tar.gz"), CifarFixtures.archive(batches));
    Path folder = Files.createDirectories(temp.resolve("cifar-10-batches-bin"));
    for (Map.Entry<String, byte[]> e : batches.entrySet()) {
      Files.write(folder.resolve(e.getKey()), e.getValue());
    }
    CifarReader.Splits fromArchive = CifarReader.readArchive(archive);
    CifarReader.Splits fromFolder = CifarReader.splits(CifarReader.readFolder(folder), "");
    assertEquals(fromArchive.train(), fromFolder.train());
    assertEquals(fromArchive.test(), fromFolder.test());
  }

  @Test
  void malformedBatchesAreNamed() throws Exception {
    Map<String, byte[]> batches = CifarFixtures.batches(2);
    batches.put("data_batch_3.bin", new byte[CifarReader.RECORD_BYTES + 5]);
    DataException e = assertThrows(DataException.class,
        () -> CifarReader.splits(batches, "x/"));
    assertTrue(e.getMessage().startsWith("x/data_batch_3.bin has 3078 bytes, not a positive"
        + " multiple of the 3073-byte records"), e.getMessage());

    Map<String, byte[]> badLabel = CifarFixtures.batches(2);
    badLabel.get("test_batch.bin")[CifarReader.RECORD_BYTES] = 10;
    e = assertThrows(DataException.class, () -> CifarReader.splits(badLabel, "x/"));
    assertTrue(e.getMessage().startsWith("x/test_batch.bin: record 1 has label 10 at byte 3073"),
        e.getMessage());
  }

  @Test
  void anArchiveWithoutTheBatchesOrNotATarIsRefused() throws Exception {
    Map<String, byte[]> batches = CifarFixtures.batches(1);
    batches.remove("data_batch_4.bin");
    batches.remove("test_batch.bin");
    Path partial = Files.write(temp.resolve("partial.tar.gz"), CifarFixtures.archive(batches));
    DataException e = assertThrows(DataException.class, () -> CifarReader.readArchive(partial));
    assertEquals(partial + " lacks data_batch_4.bin, test_batch.bin under cifar-10-batches-bin/;"
        + " it is not CIFAR-10's binary version (the python and Matlab versions hold other"
        + " files): use cifar-10-binary.tar.gz.", e.getMessage());

    Path text = Files.writeString(temp.resolve("text.tar.gz"), "not gzip");
    e = assertThrows(DataException.class, () -> CifarReader.readArchive(text));
    assertTrue(e.getMessage().startsWith("Cannot read " + text + " as the gzip-compressed tar"),
        e.getMessage());

    Path folder = Files.createDirectories(temp.resolve("folder"));
    e = assertThrows(DataException.class, () -> CifarReader.readFolder(folder));
    assertTrue(e.getMessage().startsWith("Cannot read " + folder.resolve("data_batch_1.bin")),
        e.getMessage());
  }
}
