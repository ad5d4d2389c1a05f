package org.optbench.data;

import org.optbench.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds, verifies and parses MNIST, Fashion-MNIST and CIFAR-10, downloading missing files if
 * allowed. CIFAR-10 (one archive, or its extracted folder, in {@code <data dir>/cifar10/}) is
 * found and read by {@link CifarFiles}; what follows describes the IDX data sets.
 *
 * <p><b>Where files are looked for</b> ({@link #searchedDirectories(DatasetId)}), in order:
 *
 * <ol>
 *   <li>{@code <data dir>/<id>/}, where the data directory is the explicit one (from {@code
 *       --data-dir} or the config) if given, else the {@value #DATA_ENV} environment variable if
 *       set and non-blank, else {@code ./data} under the working directory. Only the first of these
 *       three applies; relative paths are resolved against the working directory.
 *   <li>For data sets with a Debian package (Fashion-MNIST), {@code <system dir>/<id>/} for each
 *       system directory, by default {@code /usr/share/datasets/fashion-mnist/} as installed by
 *       {@code apt-get install dataset-fashion-mnist}.
 * </ol>
 *
 * <p>The first directory holding all four {@code .gz} files is used. If none does and downloading
 * is enabled, the missing files are downloaded into the first directory (see {@link Downloader});
 * otherwise loading fails with a message listing every directory searched.
 *
 * <p><b>Verification</b>: each file is read once, its SHA-256 compared with the published value,
 * and only then parsed. Files that exist are never modified, moved or deleted, even when their
 * checksum is wrong.
 *
 * <p>Loaded data sets are cached per instance, so each is read once per process if the instance is
 * shared; {@link #load(DatasetId)} is thread-safe.
 */
public final class DatasetRepository {
  /** Environment variable naming the data directory when none is given explicitly. */
  public static final String DATA_ENV = "OPTBENCH_DATA";

  /** Data directory used when neither an explicit one nor {@value #DATA_ENV} is given. */
  public static final String DEFAULT_DATA_DIR = "data";

  /** Where Debian's {@code dataset-*} packages install data sets. */
  public static final List<Path> DEFAULT_SYSTEM_DIRS = List.of(Path.of("/usr/share/datasets"));

  private static final Logger LOG = LoggerFactory.getLogger(DatasetRepository.class);

  private final Optional<Path> explicitDir;
  private final Map<String, String> environment;
  private final Path workingDir;
  private final List<Path> systemDirs;
  private final DownloadPolicy download;
  private final Map<DatasetId, Map<DataFile, String>> expectedSha256;
  private final Map<DatasetId, Checksum> expectedArchive;
  private final Downloader downloader;
  /** Whether to stop where a download would start ({@link #planning()}). */
  private final boolean planning;

  private final Map<DatasetId, Object> locks = locks();
  private final Map<DatasetId, ImageDataset> cache = new ConcurrentHashMap<>();
  private final Map<DatasetId, Path> sources = new ConcurrentHashMap<>();

  /**
   * Creates a repository that checks files against the published checksums and downloads with
   * {@link Downloader#createDefault()}.
   *
   * @param explicitDir data directory from {@code --data-dir} or the config, if any
   * @param environment environment variables (only {@value #DATA_ENV} is read)
   * @param workingDir directory that relative paths and the default {@code ./data} are resolved
   *     against
   * @param systemDirs system-wide data set roots, normally {@link #DEFAULT_SYSTEM_DIRS}; searched
   *     only for data sets that have a Debian package
   * @param download whether and from where to download missing files
   */
  public DatasetRepository(
      Optional<Path> explicitDir,
      Map<String, String> environment,
      Path workingDir,
      List<Path> systemDirs,
      DownloadPolicy download) {
    this(explicitDir, environment, workingDir, systemDirs, download, Map.of(), null);
  }

  /**
   * Creates a repository with substitute checksums and downloader, for tests and tools that work
   * with files other than the published ones.
   *
   * @param explicitDir data directory from {@code --data-dir} or the config, if any
   * @param environment environment variables (only {@value #DATA_ENV} is read)
   * @param workingDir directory that relative paths and the default {@code ./data} are resolved
   *     against
   * @param systemDirs system-wide data set roots; searched only for data sets that have a Debian
   *     package
   * @param download whether and from where to download missing files
   * @param expectedSha256 per data set, the checksum (hex) by file name overriding the published
   *     value: SHA-256 for the IDX files, MD5 for CIFAR-10's archive (the digest its page
   *     publishes); files not listed keep the published checksum
   * @param downloader downloader to use, or null for {@link Downloader#createDefault()}
   * @throws IllegalArgumentException if {@code expectedSha256} names an unknown file or holds
   *     something other than 64 hex digits (32 for CIFAR-10's archive)
   */
  public DatasetRepository(
      Optional<Path> explicitDir,
      Map<String, String> environment,
      Path workingDir,
      List<Path> systemDirs,
      DownloadPolicy download,
      Map<DatasetId, Map<String, String>> expectedSha256,
      Downloader downloader) {
    this.explicitDir = Objects.requireNonNull(explicitDir, "explicitDir");
    this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    this.workingDir = workingDir.toAbsolutePath().normalize();
    this.systemDirs = systemDirs.stream().map(d -> d.toAbsolutePath().normalize()).toList();
    this.download = Objects.requireNonNull(download, "download");
    this.expectedSha256 = checksums(expectedSha256);
    this.expectedArchive = archiveChecksums(expectedSha256);
    this.downloader = downloader;
    this.planning = false;
  }

  private DatasetRepository(DatasetRepository settings) {
    this.explicitDir = settings.explicitDir;
    this.environment = settings.environment;
    this.workingDir = settings.workingDir;
    this.systemDirs = settings.systemDirs;
    this.download = settings.download;
    this.expectedSha256 = settings.expectedSha256;
    this.expectedArchive = settings.expectedArchive;
    this.downloader = settings.downloader;
    this.planning = true;
  }

  /** @return one lock per data set, for {@link #load} */
  private static Map<DatasetId, Object> locks() {
    Map<DatasetId, Object> locks = new EnumMap<>(DatasetId.class);
    for (DatasetId id : DatasetId.values()) {
      locks.put(id, new Object());
    }
    return locks;
  }

  /**
   * A repository with these settings that does what {@link #load} does up to the point where it
   * would download or create a folder, and there throws {@link WouldDownloadException}: the
   * files present are read and verified, and every error a run would meet before downloading is
   * thrown as the run would throw it. For a dry run, which must write and fetch nothing.
   *
   * @return a new repository; this one is unchanged
   */
  public DatasetRepository planning() {
    return new DatasetRepository(this);
  }

  /**
   * Creates the repository the application uses: real environment, current working directory,
   * {@link #DEFAULT_SYSTEM_DIRS}, published checksums, default HTTPS mirrors.
   *
   * @param explicitDir data directory from {@code --data-dir} or the config, if any
   * @param allowDownload true to download missing files, false to fail instead
   * @return a new repository; nothing is read until {@link #load(DatasetId)}
   */
  public static DatasetRepository fromEnvironment(
      Optional<Path> explicitDir, boolean allowDownload) {
    return new DatasetRepository(
        explicitDir,
        System.getenv(),
        Path.of("").toAbsolutePath(),
        DEFAULT_SYSTEM_DIRS,
        allowDownload ? DownloadPolicy.defaults() : DownloadPolicy.disabled());
  }

  /**
   * Locates (downloading if allowed), verifies and parses a data set. The first successful call per
   * data set does the work; later calls return the same instance. Failures are not cached.
   *
   * @param id the data set
   * @return train (60,000 images) and test (10,000 images) splits with their verified checksums
   * @throws DataException if the files are not found and may not be downloaded, a download fails, a
   *     file's checksum is wrong, or a file cannot be parsed
   */
  public ImageDataset load(DatasetId id) {
    Objects.requireNonNull(id, "id");
    ImageDataset cached = cache.get(id);
    if (cached != null) {
      return cached;
    }
    // One lock per data set: concurrent callers wait instead of reading the files twice.
    synchronized (locks.get(id)) {
      cached = cache.get(id);
      if (cached == null) {
        cached = read(id);
        cache.put(id, cached);
      }
      return cached;
    }
  }

  /**
   * @param id the data set
   * @return the absolute directories searched for {@code id}, in order (see the class
   *     documentation); the first one is where downloads go
   * @throws DataException if {@value #DATA_ENV} holds an invalid path
   */
  public List<Path> searchedDirectories(DatasetId id) {
    List<Path> dirs = new ArrayList<>();
    dirs.add(dataDirectory().resolve(id.id()));
    if (id.debianPackage().isPresent()) {
      for (Path root : systemDirs) {
        dirs.add(root.resolve(id.id()));
      }
    }
    return List.copyOf(dirs);
  }

  /**
   * @return the absolute data directory: explicit, else {@value #DATA_ENV}, else {@code ./data}
   * @throws DataException if {@value #DATA_ENV} holds an invalid path
   */
  public Path dataDirectory() {
    return baseDir().path();
  }

  /**
   * @param id the data set
   * @return the directory {@code id} was loaded from, once {@link #load(DatasetId)} has succeeded
   */
  public Optional<Path> sourceDirectory(DatasetId id) {
    return Optional.ofNullable(sources.get(id));
  }

  /** The data directory and, for messages, where it came from. */
  private record BaseDir(Path path, String origin) {}

  private BaseDir baseDir() {
    if (explicitDir.isPresent()) {
      return new BaseDir(
          workingDir.resolve(explicitDir.get()).normalize(),
          "data directory from --data-dir/config");
    }
    String env = environment.get(DATA_ENV);
    if (env != null && !env.isBlank()) {
      try {
        return new BaseDir(
            workingDir.resolve(Path.of(env)).normalize(), "data directory from " + DATA_ENV);
      } catch (InvalidPathException e) {
        throw new DataException(
            "Environment variable "
                + DATA_ENV
                + "='"
                + env
                + "' is not a valid path ("
                + e.getReason()
                + "). Set it to the directory that contains mnist/ and fashion-mnist/, or unset it"
                + " to use ./"
                + DEFAULT_DATA_DIR
                + ".",
            e);
      }
    }
    return new BaseDir(
        workingDir.resolve(DEFAULT_DATA_DIR), "default data directory ./" + DEFAULT_DATA_DIR);
  }

  private ImageDataset read(DatasetId id) {
    long start = System.nanoTime();
    BaseDir base = baseDir();
    List<Path> dirs = searchedDirectories(id);
    if (id.format() == DatasetId.Format.CIFAR_BINARY) {
      Path cifarDir = dirs.get(0);
      ImageDataset cifar = CifarFiles.read(id, cifarDir, base.path(), base.origin(), download,
          planning,
          this::downloader, expectedArchive.getOrDefault(id, Checksum.md5(id.archiveMd5())));
      sources.put(id, cifarDir);
      LOG.info("Loaded {} from {}: {} train + {} test images, checksums verified ({} ms)",
          id.displayName(), cifarDir, cifar.train().count(), cifar.test().count(),
          (System.nanoTime() - start) / 1_000_000);
      return cifar;
    }
    Path dir = dirs.stream().filter(DatasetRepository::hasAllFiles).findFirst().orElse(null);
    if (dir == null) {
      if (!download.enabled()) {
        throw notFound(id, base, dirs);
      }
      Path given = base.path();
      if (Files.isRegularFile(given.resolve(DataFile.TRAIN_IMAGES.fileName()))) {
        // Downloading would put a second copy into <dir>/<dataset>/; say what was meant instead.
        throw new DataException(given + " itself holds " + DataFile.TRAIN_IMAGES.fileName()
            + ", so it looks like the " + id.displayName() + " folder; the data directory is the"
            + " folder that contains " + id.id() + "/. Use " + given.getParent() + " instead (it"
            + " was given as the " + base.origin() + ").");
      }
      dir = dirs.get(0);
    }

    // Check what is already there before touching the network, so a bad local file fails fast.
    Map<DataFile, byte[]> contents = new EnumMap<>(DataFile.class);
    Map<String, String> verified = new LinkedHashMap<>();
    List<DataFile> missing = new ArrayList<>();
    for (DataFile file : DataFile.values()) {
      Path path = dir.resolve(file.fileName());
      if (Files.isRegularFile(path)) {
        contents.put(file, readVerified(id, file, path, verified));
      } else if (Files.exists(path)) {
        throw new DataException(
            path
                + " exists but is not a regular file; expected the gzip-compressed "
                + id.displayName()
                + " file "
                + file.fileName()
                + ". Move it away so the data file can be placed there.");
      } else {
        missing.add(file);
      }
    }
    if (!missing.isEmpty()) {
      if (planning) {
        DownloadFolder.checkCreatable(dir);
        throw new WouldDownloadException(id.displayName(), dir,
            missing.stream().map(DataFile::fileName).toList());
      }
      DownloadFolder folder = DownloadFolder.create(dir);
      LOG.info("Downloading {} file(s) of {} into {}", missing.size(), id.displayName(), dir);
      for (DataFile file : missing) {
        Path path;
        try {
          path = downloader()
              .download(file.fileName(), download.mirrorsFor(id), expected(id, file), dir);
        } catch (DataException e) {
          folder.removeIfEmpty();
          String still = missing.subList(missing.indexOf(file), missing.size()).stream()
              .map(f -> "  " + f.fileName() + "  SHA-256 " + expected(id, f))
              .collect(Collectors.joining("\n"));
          throw new DataException(e.getMessage() + "\nStill missing in " + dir + ":\n" + still
              + "\nIf the files are already on this machine, set --data-dir DIR or " + DATA_ENV
              + "=DIR, DIR being the folder that contains " + id.id() + "/ (looked in: "
              + dirs.stream().map(Path::toString).collect(Collectors.joining(", ")) + ").", e);
        }
        contents.put(file, readVerified(id, file, path, verified));
      }
    }

    ImageSet train = parse(dir, contents, DataFile.TRAIN_IMAGES, DataFile.TRAIN_LABELS);
    ImageSet test = parse(dir, contents, DataFile.TEST_IMAGES, DataFile.TEST_LABELS);
    // Report checksums in the canonical file order, not the order files were obtained.
    Map<String, String> ordered = new LinkedHashMap<>();
    for (DataFile file : DataFile.values()) {
      ordered.put(file.fileName(), verified.get(file.fileName()));
    }
    sources.put(id, dir);
    LOG.info(
        "Loaded {} from {}: {} train + {} test images, checksums verified ({} ms)",
        id.displayName(),
        dir,
        train.count(),
        test.count(),
        (System.nanoTime() - start) / 1_000_000);
    return new ImageDataset(id, train, test, ordered);
  }

  private static ImageSet parse(
      Path dir, Map<DataFile, byte[]> contents, DataFile images, DataFile labels) {
    return IdxReader.readImageSet(
        contents.get(images),
        dir.resolve(images.fileName()),
        contents.get(labels),
        dir.resolve(labels.fileName()));
  }

  private byte[] readVerified(
      DatasetId id, DataFile file, Path path, Map<String, String> verified) {
    byte[] bytes;
    try {
      // One read serves both the checksum and the parser, so both see the same bytes.
      bytes = Files.readAllBytes(path);
    } catch (IOException e) {
      throw new DataException(
          "Cannot read " + path + ": " + e + ". Check that the file is readable.", e);
    }
    String expected = expected(id, file);
    String actual = Sha256.of(bytes);
    if (!actual.equals(expected)) {
      throw new DataException(
          "Checksum mismatch for "
              + path
              + ": expected SHA-256 "
              + expected
              + " (the published "
              + id.displayName()
              + " "
              + file.fileName()
              + "), actual "
              + actual
              + ". The file was left untouched. It is probably incomplete, corrupt or from a"
              + " different data set: replace it with the original file, or move it away so that"
              + " optbench can download a fresh copy (when downloading is enabled).");
    }
    verified.put(file.fileName(), actual);
    return bytes;
  }

  private String expected(DatasetId id, DataFile file) {
    String override = expectedSha256.getOrDefault(id, Map.of()).get(file);
    return override != null ? override : id.sha256(file);
  }

  private Downloader downloader() {
    return downloader != null ? downloader : DefaultDownloader.INSTANCE;
  }

  /** Created on first use only, so offline runs never build an HTTP client. */
  private static final class DefaultDownloader {
    static final Downloader INSTANCE = Downloader.createDefault();
  }

  /**
   * The test that decides whether a searched directory is used: it must hold all four files
   * (contents are checked only when loading).
   *
   * @param dir a directory, which need not exist
   * @return true if {@code dir} holds the four {@code .gz} files as regular files
   */
  public static boolean hasAllFiles(Path dir) {
    return Stream.of(DataFile.values())
        .allMatch(f -> Files.isRegularFile(dir.resolve(f.fileName())));
  }

  private DataException notFound(DatasetId id, BaseDir base, List<Path> dirs) {
    String fileList =
        Stream.of(DataFile.values()).map(DataFile::fileName).collect(Collectors.joining(", "));
    StringBuilder msg = new StringBuilder();
    msg.append(id.displayName())
        .append(" data files not found. Looked for ")
        .append(fileList)
        .append(" in:\n");
    for (int i = 0; i < dirs.size(); i++) {
      Path dir = dirs.get(i);
      String origin = i == 0 ? base.origin() : "system data set directory";
      msg.append("  ").append(dir).append(" (").append(origin).append("): ");
      msg.append(describe(dir)).append('\n');
    }
    Path primary = dirs.get(0);
    Path base0 = base.path();
    // A common slip: pointing at the data set folder itself rather than its parent. Then the
    // folder to put the files into would be a second copy inside it: name the parent instead.
    boolean slip = Files.isRegularFile(base0.resolve(DataFile.TRAIN_IMAGES.fileName()));
    if (slip) {
      msg.append("Note: ").append(base0).append(" itself holds ")
          .append(DataFile.TRAIN_IMAGES.fileName()).append("; the data directory is the folder")
          .append(" that contains ").append(id.id()).append("/, so use ")
          .append(base0.getParent()).append(" if this is ").append(id.displayName())
          .append(".\n");
    }
    msg.append("Downloading is disabled, so nothing was fetched. To fix, do one of:\n");
    if (slip) {
      msg.append("  - use ").append(base0.getParent()).append(" as the data directory (see the")
          .append(" Note above)\n");
    } else {
      msg.append("  - put the four .gz files into ").append(primary).append('\n');
    }
    msg.append("  - set --data-dir (or the data directory in the config) to a directory DIR")
        .append(" that contains ")
        .append(id.id())
        .append("/ with the four files\n")
        .append("  - set the environment variable ")
        .append(DATA_ENV)
        .append(" to such a directory DIR\n");
    if (!slip) {
      // With the slip, a download would be refused too (it would make the second copy).
      msg.append("  - allow downloading, so the files are fetched from ")
          .append(download.mirrorsFor(id).get(0))
          .append(" into ")
          .append(primary)
          .append(" and verified\n");
    }
    id.debianPackage()
        .ifPresent(
            pkg ->
                msg.append("  - on Debian/Ubuntu: sudo apt-get install ")
                    .append(pkg)
                    .append(" (installs the files into /usr/share/datasets/")
                    .append(id.id())
                    .append("/)\n"));
    return new DataException(msg.toString().stripTrailing());
  }

  private static String describe(Path dir) {
    if (!Files.exists(dir)) {
      return "directory does not exist";
    }
    if (!Files.isDirectory(dir)) {
      return "not a directory";
    }
    List<String> missing =
        Stream.of(DataFile.values())
            .map(DataFile::fileName)
            .filter(name -> !Files.isRegularFile(dir.resolve(name)))
            .map(name -> Files.exists(dir.resolve(name)) ? name + " (a folder, not the file)" : name)
            .toList();
    return missing.equals(Stream.of(DataFile.values()).map(DataFile::fileName).toList())
        ? "none of the files present"
        : "missing " + String.join(", ", missing);
  }

  private static Map<DatasetId, Map<DataFile, String>> checksums(
      Map<DatasetId, Map<String, String>> overrides) {
    Map<DatasetId, Map<DataFile, String>> result = new EnumMap<>(DatasetId.class);
    Objects.requireNonNull(overrides, "expectedSha256")
        .forEach(
            (id, byName) -> {
              if (id.format() != DatasetId.Format.IDX) {
                return;
              }
              Map<DataFile, String> sums = new EnumMap<>(DataFile.class);
              byName.forEach(
                  (name, sum) -> {
                    DataFile file =
                        Stream.of(DataFile.values())
                            .filter(f -> f.fileName().equals(name))
                            .findFirst()
                            .orElseThrow(
                                () ->
                                    new IllegalArgumentException(
                                        "unknown data file '" + name + "' in expectedSha256"));
                    if (!Sha256.isValidHex(sum)) {
                      throw new IllegalArgumentException(
                          "expected SHA-256 of " + name + " is not 64 hex digits: " + sum);
                    }
                    sums.put(file, sum.toLowerCase(Locale.ROOT));
                  });
              result.put(id, Collections.unmodifiableMap(sums));
            });
    return Collections.unmodifiableMap(result);
  }

  /** The overrides of archive checksums (CIFAR-10's MD5), checked for their length. */
  private static Map<DatasetId, Checksum> archiveChecksums(
      Map<DatasetId, Map<String, String>> overrides) {
    Map<DatasetId, Checksum> result = new EnumMap<>(DatasetId.class);
    overrides.forEach((id, byName) -> {
      if (id.format() != DatasetId.Format.CIFAR_BINARY) {
        return;
      }
      byName.forEach((name, sum) -> {
        if (!name.equals(id.archiveName())) {
          throw new IllegalArgumentException("unknown data file '" + name + "' in expectedSha256"
              + " for " + id.displayName() + "; accepted: " + id.archiveName());
        }
        result.put(id, Checksum.md5(sum));
      });
    });
    return Collections.unmodifiableMap(result);
  }
}
