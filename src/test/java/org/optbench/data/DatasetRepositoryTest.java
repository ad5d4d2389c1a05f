package org.optbench.data;

import org.optbench.Sha256;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.UserInputException;

class DatasetRepositoryTest {
  @TempDir Path temp;

  private Path work() {
    return temp.resolve("work");
  }

  private Path systemRoot() {
    return temp.resolve("system");
  }

  private DatasetRepository repository(
      Optional<Path> explicit, Map<String, String> env, Map<String, byte[]> expectedFiles) {
    Map<DatasetId, Map<String, String>> sums =
        expectedFiles == null
            ? Map.of()
            : Map.of(
                DatasetId.MNIST, TestFiles.checksums(expectedFiles),
                DatasetId.FASHION_MNIST, TestFiles.checksums(expectedFiles));
    return new DatasetRepository(
        explicit, env, work(), List.of(systemRoot()), DownloadPolicy.disabled(), sums, null);
  }

  @Test
  void explicitDirBeatsEnvironmentBeatsWorkingDirectory() {
    Path explicit = temp.resolve("explicit");
    Path env = temp.resolve("env");
    Map<String, String> environment = Map.of(DatasetRepository.DATA_ENV, env.toString());

    assertEquals(
        List.of(explicit.resolve("mnist")),
        repository(Optional.of(explicit), environment, null).searchedDirectories(DatasetId.MNIST));
    assertEquals(
        List.of(env.resolve("mnist")),
        repository(Optional.empty(), environment, null).searchedDirectories(DatasetId.MNIST));
    assertEquals(
        List.of(work().resolve("data").resolve("mnist")),
        repository(Optional.empty(), Map.of(), null).searchedDirectories(DatasetId.MNIST));
    // A blank variable counts as unset.
    assertEquals(
        List.of(work().resolve("data").resolve("mnist")),
        repository(Optional.empty(), Map.of(DatasetRepository.DATA_ENV, " "), null)
            .searchedDirectories(DatasetId.MNIST));
  }

  @Test
  void relativePathsResolveAgainstWorkingDirectory() {
    assertEquals(
        work().resolve("mine").resolve("fashion-mnist"),
        repository(Optional.of(Path.of("mine")), Map.of(), null)
            .searchedDirectories(DatasetId.FASHION_MNIST)
            .get(0));
    assertEquals(
        work().resolve("elsewhere"),
        repository(Optional.empty(), Map.of(DatasetRepository.DATA_ENV, "sub/../elsewhere"), null)
            .dataDirectory());
  }

  @Test
  void loadsFromTheHighestPriorityDirectory() throws Exception {
    Map<String, byte[]> explicitFiles = TestFiles.tinyDataset(10);
    Map<String, byte[]> envFiles = TestFiles.tinyDataset(20);
    Map<String, byte[]> defaultFiles = TestFiles.tinyDataset(30);
    Path explicit = TestFiles.write(temp.resolve("explicit/mnist"), explicitFiles).getParent();
    Path env = TestFiles.write(temp.resolve("env/mnist"), envFiles).getParent();
    TestFiles.write(work().resolve("data/mnist"), defaultFiles);
    Map<String, String> environment = Map.of(DatasetRepository.DATA_ENV, env.toString());

    // Each repository only accepts the checksums of the directory it should pick.
    DatasetRepository fromExplicit = repository(Optional.of(explicit), environment, explicitFiles);
    ImageSet train = fromExplicit.load(DatasetId.MNIST).train();
    assertArrayEquals(TestFiles.randomPixels(5, 10), train.pixels());
    assertEquals(
        Optional.of(explicit.resolve("mnist")), fromExplicit.sourceDirectory(DatasetId.MNIST));

    DatasetRepository fromEnv = repository(Optional.empty(), environment, envFiles);
    assertArrayEquals(
        TestFiles.randomPixels(5, 20), fromEnv.load(DatasetId.MNIST).train().pixels());

    DatasetRepository fromDefault = repository(Optional.empty(), Map.of(), defaultFiles);
    assertArrayEquals(
        TestFiles.randomPixels(5, 30), fromDefault.load(DatasetId.MNIST).train().pixels());
    assertEquals(
        Optional.of(work().resolve("data/mnist")), fromDefault.sourceDirectory(DatasetId.MNIST));
  }

  @Test
  void loadReturnsParsedSplitsAndVerifiedChecksums() throws Exception {
    Map<String, byte[]> files = TestFiles.tinyDataset(5);
    TestFiles.write(work().resolve("data/mnist"), files);

    ImageDataset dataset = repository(Optional.empty(), Map.of(), files).load(DatasetId.MNIST);

    assertEquals(DatasetId.MNIST, dataset.id());
    assertEquals(5, dataset.train().count());
    assertEquals(3, dataset.test().count());
    assertArrayEquals(TestFiles.labels(5, 5), dataset.train().labels());
    assertArrayEquals(TestFiles.randomPixels(3, 6), dataset.test().pixels());
    assertArrayEquals(TestFiles.labels(3, 6), dataset.test().labels());
    assertEquals(TestFiles.checksums(files), dataset.sha256ByFileName());
    assertEquals(
        List.of(
            "train-images-idx3-ubyte.gz",
            "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte.gz",
            "t10k-labels-idx1-ubyte.gz"),
        List.copyOf(dataset.sha256ByFileName().keySet()));
  }

  @Test
  void explicitDirectoryIsNotSupplementedByTheEnvironment() throws Exception {
    Map<String, byte[]> files = TestFiles.tinyDataset(1);
    Path env = TestFiles.write(temp.resolve("env/mnist"), files).getParent();
    Path explicit = temp.resolve("explicit");
    DatasetRepository repo =
        repository(
            Optional.of(explicit), Map.of(DatasetRepository.DATA_ENV, env.toString()), files);

    String message =
        assertThrows(DataException.class, () -> repo.load(DatasetId.MNIST)).getMessage();
    assertTrue(message.contains(explicit.resolve("mnist").toString()), message);
    assertFalse(message.contains(env.resolve("mnist").toString()), message);
  }

  @Test
  void findsFashionMnistInDebianSystemDirectory() throws Exception {
    Map<String, byte[]> files = TestFiles.tinyDataset(3);
    Path debian = TestFiles.write(systemRoot().resolve("fashion-mnist"), files);
    DatasetRepository repo = repository(Optional.of(temp.resolve("empty")), Map.of(), files);

    assertEquals(
        List.of(temp.resolve("empty/fashion-mnist"), debian),
        repo.searchedDirectories(DatasetId.FASHION_MNIST));
    ImageDataset dataset = repo.load(DatasetId.FASHION_MNIST);
    assertArrayEquals(TestFiles.randomPixels(5, 3), dataset.train().pixels());
    assertEquals(Optional.of(debian), repo.sourceDirectory(DatasetId.FASHION_MNIST));
    // The system directory belongs to the Debian package and must be left exactly as it was.
    try (Stream<Path> listing = Files.list(debian)) {
      assertEquals(4, listing.count());
    }
  }

  @Test
  void systemDirectoryIsOnlySearchedForPackagedDataSets() throws Exception {
    Map<String, byte[]> files = TestFiles.tinyDataset(3);
    TestFiles.write(systemRoot().resolve("mnist"), files);
    DatasetRepository repo = repository(Optional.empty(), Map.of(), files);

    assertEquals(List.of(work().resolve("data/mnist")), repo.searchedDirectories(DatasetId.MNIST));
    assertThrows(DataException.class, () -> repo.load(DatasetId.MNIST));
  }

  @Test
  void completeDirectoryIsPreferredOverAPartialOne() throws Exception {
    Map<String, byte[]> files = TestFiles.tinyDataset(4);
    Path primary = work().resolve("data/fashion-mnist");
    Files.createDirectories(primary);
    Files.write(
        primary.resolve("train-images-idx3-ubyte.gz"), files.get("train-images-idx3-ubyte.gz"));
    Path debian = TestFiles.write(systemRoot().resolve("fashion-mnist"), files);
    DatasetRepository repo = repository(Optional.empty(), Map.of(), files);

    repo.load(DatasetId.FASHION_MNIST);
    assertEquals(Optional.of(debian), repo.sourceDirectory(DatasetId.FASHION_MNIST));
  }

  @Test
  void aFolderInPlaceOfADataFileIsNamedAsSuch() throws Exception {
    Path env = temp.resolve("env");
    Path primary = env.resolve("fashion-mnist");
    Files.createDirectories(primary.resolve("t10k-labels-idx1-ubyte.gz"));
    Files.createDirectories(systemRoot());
    DatasetRepository repo =
        repository(Optional.empty(), Map.of(DatasetRepository.DATA_ENV, env.toString()), null);

    String message =
        assertThrows(DataException.class, () -> repo.load(DatasetId.FASHION_MNIST)).getMessage();

    assertTrue(message.contains(primary + " (data directory from OPTBENCH_DATA): missing"
        + " train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz,"
        + " t10k-labels-idx1-ubyte.gz (a folder, not the file)\n"), message);
  }

  @Test
  void notFoundMessageListsEverySearchedPathAndFixes() throws Exception {
    Path env = temp.resolve("env");
    Path primary = env.resolve("fashion-mnist");
    Files.createDirectories(primary);
    Files.write(primary.resolve("train-images-idx3-ubyte.gz"), new byte[] {1});
    Files.createDirectories(systemRoot());
    DatasetRepository repo =
        repository(Optional.empty(), Map.of(DatasetRepository.DATA_ENV, env.toString()), null);

    String message =
        assertThrows(DataException.class, () -> repo.load(DatasetId.FASHION_MNIST)).getMessage();

    assertEquals(
        "Fashion-MNIST data files not found. Looked for train-images-idx3-ubyte.gz,"
            + " train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz"
            + " in:\n"
            + "  "
            + primary
            + " (data directory from OPTBENCH_DATA): missing train-labels-idx1-ubyte.gz,"
            + " t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz\n"
            + "  "
            + systemRoot().resolve("fashion-mnist")
            + " (system data set directory): directory does not exist\n"
            + "Downloading is disabled, so nothing was fetched. To fix, do one of:\n"
            + "  - put the four .gz files into "
            + primary
            + "\n"
            + "  - set --data-dir (or the data directory in the config) to a directory DIR that"
            + " contains fashion-mnist/ with the four files\n"
            + "  - set the environment variable OPTBENCH_DATA to such a directory DIR\n"
            + "  - allow downloading, so the files are fetched from"
            + " https://github.com/zalandoresearch/fashion-mnist/raw/master/data/fashion/ into "
            + primary
            + " and verified\n"
            + "  - on Debian/Ubuntu: sudo apt-get install dataset-fashion-mnist (installs the"
            + " files into /usr/share/datasets/fashion-mnist/)",
        message);
    // Looking must not create anything.
    assertFalse(Files.exists(systemRoot().resolve("fashion-mnist")));
  }

  @Test
  void pointingAtTheDataSetFolderItselfGetsAHint() throws Exception {
    Path mnist = Files.createDirectories(temp.resolve("copy/mnist"));
    Files.write(mnist.resolve("train-images-idx3-ubyte.gz"), new byte[] {1});
    DatasetRepository repo = repository(Optional.of(mnist), Map.of(), null);
    DataException e = assertThrows(DataException.class, () -> repo.load(DatasetId.MNIST));
    assertTrue(e.getMessage().contains("Note: " + mnist + " itself holds"
        + " train-images-idx3-ubyte.gz; the data directory is the folder that contains mnist/,"
        + " so use " + mnist.getParent() + " if this is MNIST.\n"
        + "Downloading is disabled, so nothing was fetched. To fix, do one of:\n"
        + "  - use " + mnist.getParent() + " as the data directory (see the Note above)\n"
        + "  - set --data-dir"), e.getMessage());
    assertFalse(e.getMessage().contains("put the four .gz files"), e.getMessage());
    assertFalse(e.getMessage().contains("allow downloading"), e.getMessage());
  }

  @Test
  void notFoundForMnistNamesDefaultDirectoryWithoutDebianHint() {
    DatasetRepository repo = repository(Optional.empty(), Map.of(), null);
    DataException e = assertThrows(DataException.class, () -> repo.load(DatasetId.MNIST));
    assertTrue(e instanceof UserInputException);
    String message = e.getMessage();
    assertTrue(
        message.contains(
            "  "
                + work().resolve("data/mnist")
                + " (default data directory ./data): directory does not exist\n"),
        message);
    assertTrue(message.contains("--data-dir"), message);
    assertTrue(message.contains("OPTBENCH_DATA"), message);
    assertTrue(message.contains("allow downloading"), message);
    assertFalse(message.contains("apt-get"), message);
    assertFalse(Files.exists(work().resolve("data")));
  }

  @Test
  void checksumMismatchNamesBothHashesAndLeavesFileUntouched() throws Exception {
    // Tiny files checked against the real published checksums cannot match.
    Map<String, byte[]> files = TestFiles.tinyDataset(8);
    Path dir = TestFiles.write(work().resolve("data/mnist"), files);
    Path bad = dir.resolve("train-images-idx3-ubyte.gz");
    FileTime modified = Files.getLastModifiedTime(bad);
    DatasetRepository repo = repository(Optional.empty(), Map.of(), null);

    String message =
        assertThrows(DataException.class, () -> repo.load(DatasetId.MNIST)).getMessage();

    String actual = Sha256.of(files.get("train-images-idx3-ubyte.gz"));
    assertEquals(
        "Checksum mismatch for "
            + bad
            + ": expected SHA-256"
            + " 440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609 (the published"
            + " MNIST train-images-idx3-ubyte.gz), actual "
            + actual
            + ". The file was left untouched. It is probably incomplete, corrupt or from a"
            + " different data set: replace it with the original file, or move it away so that"
            + " optbench can download a fresh copy (when downloading is enabled).",
        message);
    assertArrayEquals(files.get("train-images-idx3-ubyte.gz"), Files.readAllBytes(bad));
    assertEquals(modified, Files.getLastModifiedTime(bad));
    try (Stream<Path> listing = Files.list(dir)) {
      assertEquals(4, listing.count());
    }
  }

  @Test
  void corruptFileWithMatchingChecksumIsReportedByTheReader() throws Exception {
    Map<String, byte[]> files = new java.util.LinkedHashMap<>(TestFiles.tinyDataset(2));
    files.put("t10k-labels-idx1-ubyte.gz", TestFiles.labelsGz(new byte[] {1, 2}));
    Path dir = TestFiles.write(work().resolve("data/mnist"), files);
    DatasetRepository repo = repository(Optional.empty(), Map.of(), files);

    String message =
        assertThrows(DataException.class, () -> repo.load(DatasetId.MNIST)).getMessage();
    assertTrue(
        message.startsWith(
            "Image/label count mismatch: "
                + dir.resolve("t10k-images-idx3-ubyte.gz")
                + " holds 3 images but "
                + dir.resolve("t10k-labels-idx1-ubyte.gz")
                + " holds 2 labels"),
        message);
  }

  @Test
  void loadIsCachedAndThreadSafe() throws Exception {
    Map<String, byte[]> files = TestFiles.tinyDataset(6);
    Path dir = TestFiles.write(work().resolve("data/mnist"), files);
    DatasetRepository repo = repository(Optional.empty(), Map.of(), files);

    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<ImageDataset>> results = new ArrayList<>();
    try {
      for (int i = 0; i < 16; i++) {
        results.add(pool.submit(() -> repo.load(DatasetId.MNIST)));
      }
      ImageDataset first = results.get(0).get();
      for (Future<ImageDataset> result : results) {
        assertSame(first, result.get());
      }
      // Served from the cache: the files are no longer needed.
      for (String name : files.keySet()) {
        Files.delete(dir.resolve(name));
      }
      assertSame(first, repo.load(DatasetId.MNIST));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void failedLoadIsNotCached() throws Exception {
    Map<String, byte[]> files = TestFiles.tinyDataset(6);
    DatasetRepository repo = repository(Optional.empty(), Map.of(), files);
    assertThrows(DataException.class, () -> repo.load(DatasetId.MNIST));

    TestFiles.write(work().resolve("data/mnist"), files);
    assertEquals(5, repo.load(DatasetId.MNIST).train().count());
  }

  @Test
  void rejectsMalformedChecksumOverrides() {
    Map<DatasetId, Map<String, String>> unknownFile =
        Map.of(DatasetId.MNIST, Map.of("train.gz", "a".repeat(64)));
    Map<DatasetId, Map<String, String>> notHex =
        Map.of(DatasetId.MNIST, Map.of("train-images-idx3-ubyte.gz", "xyz"));
    for (Map<DatasetId, Map<String, String>> sums : List.of(unknownFile, notHex)) {
      assertThrows(
          IllegalArgumentException.class,
          () ->
              new DatasetRepository(
                  Optional.empty(),
                  Map.of(),
                  work(),
                  List.of(),
                  DownloadPolicy.disabled(),
                  sums,
                  null));
    }
  }

  @Test
  void fromEnvironmentUsesTheExplicitDirectory() {
    DatasetRepository repo = DatasetRepository.fromEnvironment(Optional.of(temp), false);
    assertEquals(temp, repo.dataDirectory());
    assertEquals(
        List.of(temp.resolve("fashion-mnist"), Path.of("/usr/share/datasets/fashion-mnist")),
        repo.searchedDirectories(DatasetId.FASHION_MNIST));
  }

  /**
   * A planning repository does what a run allowed to download does up to the download: the files
   * present are verified, and it names only the missing ones, creating nothing.
   */
  @Test
  void planningNamesTheFilesARunWouldDownloadAndCreatesNothing() throws Exception {
    Map<String, byte[]> files = TestFiles.tinyDataset(7);
    Map<String, byte[]> three = new java.util.LinkedHashMap<>(files);
    three.remove(DataFile.TEST_LABELS.fileName());
    Path partial = TestFiles.write(temp.resolve("partial/mnist"), three);
    Map<DatasetId, Map<String, String>> sums = Map.of(DatasetId.MNIST, TestFiles.checksums(files));
    java.util.function.Function<Path, DatasetRepository> planning = dataDir ->
        new DatasetRepository(Optional.of(dataDir), Map.of(), work(), List.of(),
            DownloadPolicy.defaults(), sums, null).planning();

    WouldDownloadException one = assertThrows(WouldDownloadException.class,
        () -> planning.apply(partial.getParent()).load(DatasetId.MNIST));
    WouldDownloadException all = assertThrows(WouldDownloadException.class,
        () -> planning.apply(temp.resolve("new")).load(DatasetId.MNIST));
    Files.write(partial.resolve(DataFile.TRAIN_LABELS.fileName()), new byte[] {1, 2, 3});
    DataException corrupt = assertThrows(DataException.class,
        () -> planning.apply(partial.getParent()).load(DatasetId.MNIST));

    assertEquals(List.of("t10k-labels-idx1-ubyte.gz"), one.files());
    assertEquals(partial, one.target());
    assertEquals("MNIST", one.dataset());
    assertEquals(List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
        "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"), all.files());
    assertFalse(Files.exists(temp.resolve("new")), "nothing created");
    assertFalse(corrupt instanceof WouldDownloadException);
    assertTrue(corrupt.getMessage().startsWith("Checksum mismatch for "
        + partial.resolve(DataFile.TRAIN_LABELS.fileName())), corrupt.getMessage());
  }
}
