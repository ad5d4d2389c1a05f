package org.optbench.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloadFolderTest {
  @TempDir
  Path temp;

  @Test
  void aFailedDownloadRemovesTheFoldersItCreatedAndKeepsTheOneThatWasThere() throws IOException {
    Path there = Files.createDirectory(temp.resolve("data"));
    Path dir = there.resolve("cifar10").resolve("raw");
    DownloadFolder folder = DownloadFolder.create(dir);
    assertTrue(Files.isDirectory(dir));
    folder.removeIfEmpty();
    assertFalse(Files.exists(there.resolve("cifar10")));
    assertTrue(Files.isDirectory(there));
  }

  @Test
  void aFolderThatHoldsAFileIsKeptWithItsParents() throws IOException {
    Path dir = temp.resolve("data").resolve("mnist");
    DownloadFolder folder = DownloadFolder.create(dir);
    Files.writeString(dir.resolve("train-images-idx3-ubyte.gz.part"), "x");
    folder.removeIfEmpty();
    assertTrue(Files.isRegularFile(dir.resolve("train-images-idx3-ubyte.gz.part")));
  }

  @Test
  void aFileInTheWayIsNamedBeforeAndWhenCreating() throws IOException {
    Path file = Files.writeString(temp.resolve("data"), "not a folder");
    Path dir = file.resolve("mnist");
    DataException planned = assertThrows(DataException.class,
        () -> DownloadFolder.checkCreatable(dir));
    assertEquals("Cannot create the download directory " + dir + ": " + file + " is not a"
        + " directory. Make sure the path is a writable directory (not a file), or choose another"
        + " data directory with --data-dir or OPTBENCH_DATA.", planned.getMessage());
    DataException created = assertThrows(DataException.class, () -> DownloadFolder.create(dir));
    assertTrue(created.getMessage().startsWith("Cannot create the download directory " + dir
        + ": java.nio.file.FileSystemException"), created.getMessage());
    assertTrue(Files.isRegularFile(file));
  }
}
