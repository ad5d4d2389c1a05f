package org.optbench.result;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.optbench.UserInputException;

/**
 * The version of the result store's format, recorded as {@code formatVersion} in
 * {@code manifest.json} and in every trial's {@code result.json} (never in {@code spec.json},
 * whose spec object hashes to the trial id).
 *
 * <p>Numbering: version 1 is the format described in {@code results/README.md} (what the
 * quickstart writes). Stores written before the version was recorded carry no field; their files
 * follow version 1's rules, so a missing field reads as version 1. Any later change to a file's
 * format or to how trial ids are computed raises {@link #CURRENT} and is described in
 * {@code CHANGELOG.md}.
 *
 * <p>Version 2 adds training-time limits and tuning over several seeds: a time-limited trial's
 * {@code result.json} records {@code stoppedBy} and {@code conditions}, and the
 * {@code selection.csv} of tuning over several seeds has a column per tuning seed. Only the
 * files that use them are written as version 2 ({@link #forResult}, {@link #forExperiment}): a
 * store of an experiment without {@code stop:} and without {@code tuning.seeds} above 1 is
 * written exactly as version 1 wrote it, and an older optbench still reads it, while it refuses
 * one that needs version 2 with its "newer version" message instead of misreading it.
 *
 * <p>A file of a newer version is refused (this optbench cannot know what changed); a file of an
 * older version that this optbench cannot read is refused with what to do. No
 * {@code optbench migrate} command exists yet, so the way out of an older store is to run its
 * trials again into a new folder.
 */
public final class StoreFormat {
  /** The JSON key of the version, in {@code manifest.json} and {@code result.json}. */
  public static final String KEY = "formatVersion";
  /** The version this optbench writes and reads. */
  public static final int CURRENT = 2;
  /** The version of files that use nothing added after version 1. */
  public static final int FIRST = 1;
  /** The oldest version this optbench reads. */
  public static final int OLDEST_READ = 1;

  private static final ObjectMapper JSON = StoreJson.mapper();

  private StoreFormat() {}

  /**
   * @param result a trial's result
   * @return the version its {@code result.json} is written with: {@link #CURRENT} for a
   *     time-limited trial, whose fields version 1 lacks, else {@link #FIRST}
   */
  public static int forResult(TrialResult result) {
    return result.timeLimited() ? CURRENT : FIRST;
  }

  /**
   * @param usesVersion2 whether the experiment has a time limit or tunes over several seeds
   * @return the version its {@code manifest.json} is written with
   */
  public static int forExperiment(boolean usesVersion2) {
    return usesVersion2 ? CURRENT : FIRST;
  }

  /** A file of a format version this optbench cannot read: the whole store is refused. */
  public static final class VersionException extends UserInputException {
    private static final long serialVersionUID = 1L;

    VersionException(String message) {
      super(message);
    }
  }

  /**
   * Refuses an experiment folder whose {@code manifest.json} records a version this optbench
   * cannot read. A folder without a manifest, or a manifest without the field, passes (version 1);
   * an unparseable manifest passes too, for its readers to report.
   *
   * @param root an experiment folder (it need not exist)
   * @throws VersionException naming the file, its version and what to do
   */
  public static void checkStore(Path root) {
    Path file = root.resolve(ResultStore.MANIFEST);
    if (!Files.isRegularFile(file)) {
      return;
    }
    JsonNode node;
    try {
      node = JSON.readTree(file.toFile());
    } catch (IOException unreadable) {
      return;
    }
    if (node != null && node.isObject()) {
      check(file, node);
    }
  }

  /**
   * @param file the file {@code node} was read from, for the message
   * @param node a {@code manifest.json} or {@code result.json} object
   * @return its version: the field's value, or 1 when absent
   * @throws VersionException if the version is not one this optbench reads
   */
  public static int check(Path file, JsonNode node) {
    JsonNode field = node.get(KEY);
    if (field == null || field.isNull()) {
      return 1;
    }
    if (!field.canConvertToInt() || !field.isIntegralNumber()) {
      throw new VersionException(file + ": " + KEY + " " + field + " is not a version number"
          + " (a whole number: this optbench writes " + FIRST + " to " + CURRENT + ", unquoted);"
          + " the file was edited outside optbench:"
          + " restore it, or run the trials again into a new folder (--results DIR or --name NEW)");
    }
    int version = field.intValue();
    if (version > CURRENT) {
      throw newer(file, version);
    }
    if (version < OLDEST_READ) {
      throw new VersionException(file + " has result-store format version " + version
          + ", which this optbench (format " + CURRENT + ") cannot read, and no 'optbench"
          + " migrate' can upgrade it: run the trials again into a new folder (--results DIR"
          + " or --name NEW)");
    }
    return version;
  }

  /**
   * @param file the file that records the version
   * @param version its version, greater than {@link #CURRENT}
   * @return the refusal of a store written by a newer optbench
   */
  static VersionException newer(Path file, int version) {
    return new VersionException(file + " has result-store format version " + version
        + ", newer than this optbench reads (format " + CURRENT + "): upgrade optbench to"
        + " report or resume it, or run the trials into a new folder (--results DIR or --name"
        + " NEW)");
  }
}
