package org.optbench.testing;

import java.io.File;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.optbench.data.DataException;
import org.optbench.data.DatasetId;
import org.optbench.data.DatasetRepository;
import org.optbench.data.DownloadPolicy;

/**
 * What some tests need from outside Maven: a headless browser, and data sets that are not in the
 * repository. Each check returns quietly when the thing is there; when it is missing, it prints one
 * line {@code skipped: <what is missing and how to get it>} and skips the calling test (a JUnit
 * assumption), so {@code mvn test} passes on a machine with only Java and Maven.
 *
 * <p>With {@code -D}{@value #REQUIRE_ALL}{@code =true} a missing prerequisite fails the test with
 * the same message instead, so a run that is meant to cover everything (CI) cannot pass by
 * skipping.
 *
 * <p>Call the checks from {@code @BeforeEach}: Surefire counts tests skipped there, but not those of
 * a class skipped in {@code @BeforeAll}. The line is printed once per missing thing, however many
 * tests it skips.
 */
public final class Prerequisites {
  /** System property that turns a missing prerequisite into a failure. */
  public static final String REQUIRE_ALL = "optbench.requireAll";

  /** Environment variable naming the browser binary, for one that is not on {@code PATH}. */
  public static final String BROWSER_ENV = "OPTBENCH_BROWSER";

  /** Chromium and Chrome under the names their packages install, looked up on {@code PATH}. */
  static final List<String> BROWSER_NAMES =
      List.of("chromium", "chromium-browser", "google-chrome", "chrome");

  /** Shared, so that every test class skipped for the same reason prints one line in all. */
  private static final Prerequisites ENVIRONMENT = new Prerequisites(System.getenv(),
      Path.of("").toAbsolutePath(), DatasetRepository.DEFAULT_SYSTEM_DIRS,
      Boolean.getBoolean(REQUIRE_ALL), System.out);

  private final Map<String, String> environment;
  private final Path workingDir;
  private final List<Path> systemDirs;
  private final boolean requireAll;
  private final PrintStream out;
  private final Set<String> printed = ConcurrentHashMap.newKeySet();

  /**
   * @param environment environment variables ({@code PATH}, {@value #BROWSER_ENV} and those the
   *     data set lookup reads)
   * @param workingDir directory the default {@code ./data} is resolved against
   * @param systemDirs where Debian's {@code dataset-*} packages install data sets
   * @param requireAll true to fail instead of skipping
   * @param out where the skip line goes
   */
  Prerequisites(Map<String, String> environment, Path workingDir, List<Path> systemDirs,
      boolean requireAll, PrintStream out) {
    this.environment = Map.copyOf(environment);
    this.workingDir = workingDir;
    this.systemDirs = List.copyOf(systemDirs);
    this.requireAll = requireAll;
    this.out = out;
  }

  /**
   * @return checks against this process: its environment and working directory, Debian's data
   *     set folder, and the {@value #REQUIRE_ALL} system property
   */
  public static Prerequisites fromEnvironment() {
    return ENVIRONMENT;
  }

  /**
   * A Chromium or Chrome binary: {@value #BROWSER_ENV} if set, else the first of
   * {@link #BROWSER_NAMES} on {@code PATH}.
   *
   * @return the browser to run
   */
  public Path browser() {
    String given = environment.get(BROWSER_ENV);
    if (given != null && !given.isBlank()) {
      Optional<Path> path = executable(given);
      if (path.isEmpty()) {
        throw missing(BROWSER_ENV + "=" + given + " is not an executable file (point it at a"
            + " Chromium or Chrome binary, or unset it to look on PATH)");
      }
      return path.get();
    }
    String path = environment.getOrDefault("PATH", "");
    for (String name : BROWSER_NAMES) {
      for (String folder : path.split(File.pathSeparator)) {
        if (!folder.isEmpty()) {
          Optional<Path> candidate = executable(folder + File.separator + name);
          if (candidate.isPresent()) {
            return candidate.get();
          }
        }
      }
    }
    throw missing("no Chromium on PATH (install: apt-get install chromium, or set " + BROWSER_ENV
        + "=/path/to/chrome)");
  }

  /**
   * MNIST where {@code optbench run} finds it without {@code --data-dir}: under
   * {@code $OPTBENCH_DATA/mnist/}, else {@code ./data/mnist/}. Tests that need it run the CLI
   * without {@code --data-dir}, so they see the same folder.
   */
  public void mnist() {
    DatasetRepository repository = new DatasetRepository(Optional.empty(), environment,
        workingDir, systemDirs, DownloadPolicy.disabled());
    List<Path> searched;
    try {
      searched = repository.searchedDirectories(DatasetId.MNIST);
    } catch (DataException e) {
      throw missing(e.getMessage());
    }
    if (searched.stream().noneMatch(DatasetRepository::hasAllFiles)) {
      throw missing("MNIST not found in " + searched.get(0) + ": set "
          + DatasetRepository.DATA_ENV + " to a folder holding mnist/, or download it there"
          + " with ./optbench run configs/quickstart.yaml");
    }
  }

  /**
   * Fashion-MNIST where Debian's package installs it ({@code /usr/share/datasets/fashion-mnist/}),
   * for the test of that lookup.
   */
  public void fashionMnistPackage() {
    DatasetId id = DatasetId.FASHION_MNIST;
    List<Path> dirs = systemDirs.stream().map(root -> root.resolve(id.id())).toList();
    if (dirs.stream().noneMatch(DatasetRepository::hasAllFiles)) {
      throw missing(id.displayName() + " not found in " + dirs.get(0) + " (install: apt-get"
          + " install " + id.debianPackage().orElseThrow() + ")");
    }
  }

  private static Optional<Path> executable(String name) {
    try {
      Path path = Path.of(name).toAbsolutePath();
      return Files.isRegularFile(path) && Files.isExecutable(path)
          ? Optional.of(path) : Optional.empty();
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }

  /**
   * Skips (prints {@code skipped: reason}, the first time, and aborts) or, with
   * {@value #REQUIRE_ALL}, fails.
   *
   * @return never returns normally; declared so callers can write {@code throw missing(...)}
   */
  private RuntimeException missing(String reason) {
    if (requireAll) {
      return Assertions.fail(reason);
    }
    if (printed.add(reason)) {
      out.println("skipped: " + reason);
    }
    return Assumptions.abort(reason);
  }
}
