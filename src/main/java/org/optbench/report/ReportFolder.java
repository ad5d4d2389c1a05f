package org.optbench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.optbench.UserInputException;
import org.optbench.result.AtomicFiles;

/**
 * The report's output folder, written whole. The report is written into a staging folder beside
 * it, {@code .<name>.partial}, which replaces the folder only once every file is written: a
 * failure midway leaves the earlier report as it was, and a success leaves none of its files
 * (e.g. the figure of a problem no longer in the experiment).
 *
 * <p>Only a folder that is new, empty or marked as a report (by {@value #MARKER}, written first
 * into every report) is replaced; any other folder is refused, since replacing it would delete
 * the user's own files.
 */
final class ReportFolder {
  /** The file that marks a folder as a report, which the next report may replace whole. */
  static final String MARKER = ".optbench-report";
  private static final String MARKER_TEXT = "This folder was written by 'optbench report'. The"
      + " next report into it replaces the whole folder.\n";
  /** Entries named in a refusal; the rest are counted. */
  private static final int NAMED = 3;

  private final Path target;
  private final Path absolute;
  private final Path staging;
  private final Path retired;

  private ReportFolder(Path target) {
    this.target = target;
    this.absolute = target.toAbsolutePath().normalize();
    String name = absolute.getFileName() == null ? "report" : absolute.getFileName().toString();
    this.staging = absolute.resolveSibling("." + name + ".partial");
    this.retired = absolute.resolveSibling("." + name + ".old");
  }

  /**
   * Checks that a report may be written to {@code target}, before anything is read or written.
   *
   * @param target the report folder as the user named it
   * @return the folder, ready for {@link #stage()}
   * @throws UserInputException if {@code target} is a file, or a non-empty folder without the
   *     marker
   */
  static ReportFolder check(Path target) {
    ReportFolder folder = new ReportFolder(target);
    if (Files.exists(folder.absolute) && !Files.isDirectory(folder.absolute)) {
      throw new UserInputException("report folder " + target + " is a file; give --out a new or"
          + " empty folder");
    }
    List<String> foreign = foreignEntries(folder.absolute);
    if (!foreign.isEmpty()) {
      throw new UserInputException("report folder " + target + " holds files that 'optbench"
          + " report' did not write (" + String.join(", ", foreign) + "), which the report would"
          + " replace; give --out a new or empty folder, or move those files away");
    }
    return folder;
  }

  /**
   * Creates the staging folder, marked first so that one left by an interrupted report is
   * recognised (and cleared) by the next.
   *
   * @return the folder to write the report into
   * @throws UserInputException if it cannot be created, or a folder of its name is in the way
   */
  Path stage() {
    clearLeftover(staging);
    clearLeftover(retired);
    try {
      Files.createDirectories(staging);
    } catch (IOException e) {
      throw new UserInputException("cannot create report folder " + staging + ": " + e
          + "; choose a writable folder with --out", e);
    }
    AtomicFiles.write(staging.resolve(MARKER), MARKER_TEXT);
    return staging;
  }

  /**
   * Puts the staged report in place of the target folder and deletes the earlier report.
   *
   * @throws UncheckedIOException if a rename fails; the earlier report is then put back
   */
  void commit() {
    try {
      if (Files.exists(absolute)) {
        Files.move(absolute, retired, StandardCopyOption.ATOMIC_MOVE);
      }
      try {
        Files.move(staging, absolute, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        if (Files.exists(retired)) {
          Files.move(retired, absolute, StandardCopyOption.ATOMIC_MOVE);
        }
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot put the new report in place of " + target + ": "
          + e.getMessage(), e);
    }
    deleteQuietly(retired);
  }

  /** Deletes the staging folder after a failure; the earlier report is untouched. */
  void abandon() {
    deleteQuietly(staging);
  }

  /** Up to {@value #NAMED} entries of a folder without the marker, and how many more. */
  private static List<String> foreignEntries(Path dir) {
    if (!Files.isDirectory(dir) || Files.exists(dir.resolve(MARKER))) {
      return List.of();
    }
    List<String> names;
    try (Stream<Path> entries = Files.list(dir)) {
      names = entries.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UserInputException("cannot list report folder " + dir + ": " + e.getMessage(), e);
    }
    if (names.size() <= NAMED) {
      return names;
    }
    List<String> shown = new java.util.ArrayList<>(names.subList(0, NAMED));
    shown.add("and " + (names.size() - NAMED) + " more");
    return shown;
  }

  /** A staging or retired folder of an interrupted report is deleted; anything else stays. */
  private static void clearLeftover(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    if (!Files.isDirectory(dir) || !foreignEntries(dir).isEmpty()) {
      throw new UserInputException(dir + " is in the way of the report and was not written by"
          + " 'optbench report'; move it away");
    }
    AtomicFiles.deleteTree(dir);
  }

  /** The report is complete without it: a folder left behind is cleared by the next report. */
  private static void deleteQuietly(Path dir) {
    try {
      AtomicFiles.deleteTree(dir);
    } catch (UncheckedIOException ignored) {
      // nothing of the report depends on it
    }
  }
}
