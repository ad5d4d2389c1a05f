package org.optbench.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.optbench.Sha256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds, verifies and reads CIFAR-10 for {@link DatasetRepository}, downloading the archive if
 * allowed. In {@code <data dir>/cifar10/} it takes, in order:
 *
 * <ol>
 *   <li>the published archive {@code cifar-10-binary.tar.gz}, checked against the MD5 published
 *       on https://www.cs.toronto.edu/~kriz/cifar.html and read without extracting it;
 *   <li>else the extracted folder {@code cifar-10-batches-bin/}, whose files have no published
 *       checksum: they are checked for their format only, and their SHA-256 recorded;
 *   <li>else, when downloading is allowed, the archive is downloaded there (MD5 verified, then
 *       renamed into place) and read.
 * </ol>
 *
 * <p>Either way the SHA-256 of each file read is recorded ({@link ImageDataset#sha256ByFileName()},
 * hence the manifest), so a run is tied to its exact inputs as MNIST's are. Nothing in the data
 * directory is modified, extracted into or deleted.
 */
final class CifarFiles {
  private static final Logger LOG = LoggerFactory.getLogger(CifarFiles.class);
  private static final int BUFFER_BYTES = 1 << 16;

  private CifarFiles() {}

  /**
   * @param id the data set ({@link DatasetId.Format#CIFAR_BINARY})
   * @param dir where the archive or folder is looked for and downloads go, {@code <data dir>/<id>}
   * @param base the data directory, for the message when it is the data set's folder itself
   * @param origin where the data directory came from, for messages
   * @param download whether and from where to download
   * @param planning stop where a download would start ({@link DatasetRepository#planning()})
   * @param downloader the downloader, created on first use
   * @param expected the archive's checksum (the published MD5 unless overridden)
   * @return the verified data set
   * @throws WouldDownloadException if {@code planning} and the archive would be downloaded
   * @throws DataException if nothing is found and downloading is off, the download fails, the
   *     archive's checksum is wrong, or a batch is malformed
   */
  static ImageDataset read(DatasetId id, Path dir, Path base, String origin,
      DownloadPolicy download, boolean planning, Supplier<Downloader> downloader,
      Checksum expected) {
    Path archive = dir.resolve(id.archiveName());
    Path folder = dir.resolve(CifarReader.FOLDER);
    if (Files.isRegularFile(archive)) {
      return fromArchive(id, archive, expected);
    }
    if (Files.isDirectory(folder)) {
      return fromFolder(id, folder);
    }
    if (!download.enabled()) {
      throw notFound(id, dir, base, origin, download);
    }
    if (planning) {
      DownloadFolder.checkCreatable(dir);
      throw new WouldDownloadException(id.displayName(), dir, List.of(id.archiveName()));
    }
    DownloadFolder created = DownloadFolder.create(dir);
    LOG.info("Downloading {} (about 170 MB) into {}", id.archiveName(), dir);
    try {
      downloader.get().download(id.archiveName(), download.mirrorsFor(id), expected, dir);
    } catch (DataException e) {
      created.removeIfEmpty();
      throw new DataException(e.getMessage() + "\nIf CIFAR-10 is already on this machine, put "
          + id.archiveName() + " (or its extracted " + CifarReader.FOLDER + "/) into " + dir
          + ", or set --data-dir DIR or " + DatasetRepository.DATA_ENV + "=DIR, DIR being the"
          + " folder that contains " + id.id() + "/.", e);
    }
    return fromArchive(id, archive, expected);
  }

  private static ImageDataset fromArchive(DatasetId id, Path archive, Checksum expected) {
    // One pass computes the checksum that is checked and the SHA-256 that is recorded.
    MessageDigest check = expected.newDigest();
    MessageDigest sha256 = Sha256.newDigest();
    try (InputStream in = Files.newInputStream(archive)) {
      byte[] buffer = new byte[BUFFER_BYTES];
      int n;
      while ((n = in.read(buffer)) > 0) {
        check.update(buffer, 0, n);
        sha256.update(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new DataException(
          "Cannot read " + archive + ": " + e + ". Check that the file is readable.", e);
    }
    byte[] actual = check.digest();
    if (!expected.matches(actual)) {
      throw new DataException("Checksum mismatch for " + archive + ": expected "
          + expected + " (published for " + id.archiveName()
          + " on https://www.cs.toronto.edu/~kriz/cifar.html), actual " + Sha256.hex(actual)
          + ". The file was left untouched. It is probably incomplete, corrupt or another"
          + " version (python or Matlab): replace it with the original binary version, or move"
          + " it away so that optbench can download a fresh copy (when downloading is enabled).");
    }
    CifarReader.Splits splits = CifarReader.readArchive(archive);
    return new ImageDataset(id, splits.train(), splits.test(),
        Map.of(id.archiveName(), Sha256.hex(sha256.digest())));
  }

  private static ImageDataset fromFolder(DatasetId id, Path folder) {
    Map<String, byte[]> batches = CifarReader.readFolder(folder);
    Map<String, String> sums = new LinkedHashMap<>();
    batches.forEach((name, bytes) -> sums.put(CifarReader.FOLDER + "/" + name, Sha256.of(bytes)));
    CifarReader.Splits splits = CifarReader.splits(batches, folder + "/");
    return new ImageDataset(id, splits.train(), splits.test(), sums);
  }

  private static DataException notFound(DatasetId id, Path dir, Path base, String origin,
      DownloadPolicy download) {
    StringBuilder msg = new StringBuilder();
    msg.append(id.displayName()).append(" not found. Looked for ").append(id.archiveName())
        .append(" and its extracted folder ").append(CifarReader.FOLDER).append("/ in:\n  ")
        .append(dir).append(" (").append(origin).append("): ")
        .append(Files.isDirectory(dir) ? "neither present" : "directory does not exist")
        .append('\n');
    if (Files.isRegularFile(base.resolve(id.archiveName()))
        || Files.isDirectory(base.resolve(CifarReader.FOLDER))) {
      // A common slip: pointing at the data set folder itself rather than its parent.
      msg.append("Note: ").append(base).append(" itself holds CIFAR-10; the data directory is")
          .append(" the folder that contains ").append(id.id()).append("/, so use ")
          .append(base.getParent()).append(".\n");
    }
    msg.append("Downloading is disabled, so nothing was fetched. To fix, do one of:\n")
        .append("  - put ").append(id.archiveName()).append(" (MD5 ").append(id.archiveMd5())
        .append(", from https://www.cs.toronto.edu/~kriz/cifar.html) into ").append(dir)
        .append('\n')
        .append("  - set --data-dir (or the data directory in the config) or ")
        .append(DatasetRepository.DATA_ENV).append(" to a directory DIR that contains ")
        .append(id.id()).append("/ with the archive\n")
        .append("  - allow downloading, so the archive is fetched from ")
        .append(download.mirrorsFor(id).get(0)).append(" into ").append(dir)
        .append(" and verified");
    return new DataException(msg.toString());
  }
}
