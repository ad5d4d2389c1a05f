package org.optbench.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The folder a download writes into: created with its missing parents before the download, and
 * removed again after a failed one, as far as this download created it and it is still empty, so
 * a failed download leaves the data directory as it found it. Every built-in data set's download
 * goes through it.
 */
final class DownloadFolder {
  private static final Logger LOG = LoggerFactory.getLogger(DownloadFolder.class);

  private final Path dir;
  /** The outermost folder on the way to {@link #dir} that did not exist; null if none. */
  private final Path outermostCreated;

  private DownloadFolder(Path dir, Path outermostCreated) {
    this.dir = dir;
    this.outermostCreated = outermostCreated;
  }

  /**
   * @param dir the download folder, which need not exist
   * @return the folder, now existing
   * @throws DataException if it cannot be created, naming it, why, and the other ways to give
   *     a data directory
   */
  static DownloadFolder create(Path dir) {
    Path outermost = null;
    for (Path p = dir.toAbsolutePath(); p != null && !Files.exists(p); p = p.getParent()) {
      outermost = p;
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw cannotCreate(dir, e.toString(), e);
    }
    return new DownloadFolder(dir, outermost);
  }

  /**
   * What {@link #create} would throw, found without creating anything: the nearest existing
   * folder on the way to {@code dir} must be a writable directory.
   *
   * @param dir a download folder
   * @throws DataException if it could not be created
   */
  static void checkCreatable(Path dir) {
    Path existing = dir.toAbsolutePath();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    String problem = existing == null ? null
        : !Files.isDirectory(existing) ? existing + " is not a directory"
        : Files.isDirectory(dir) || Files.isWritable(existing) ? null
        : existing + " is not writable";
    if (problem != null) {
      throw cannotCreate(dir, problem, null);
    }
  }

  /**
   * After a failed download: deletes the folders {@link #create} made, innermost first, while
   * they are empty. A folder that existed before, or holds anything, is kept.
   */
  void removeIfEmpty() {
    if (outermostCreated == null) {
      return;
    }
    for (Path p = dir.toAbsolutePath(); p != null && p.startsWith(outermostCreated);
        p = p.getParent()) {
      try (Stream<Path> entries = Files.list(p)) {
        if (entries.findAny().isPresent()) {
          return;
        }
        Files.delete(p);
      } catch (IOException e) {
        LOG.warn("Could not remove the empty directory {}: {}", p, e.getMessage());
        return;
      }
    }
  }

  private static DataException cannotCreate(Path dir, String problem, IOException cause) {
    return new DataException("Cannot create the download directory " + dir + ": " + problem
        + ". Make sure the path is a writable directory (not a file), or choose another data"
        + " directory with --data-dir or " + DatasetRepository.DATA_ENV + ".", cause);
  }
}
