package org.optbench.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.optbench.UserInputException;

/**
 * Keeps the results of one experiment on one natives choice. The nd4j-native build, oneDNN's ISA
 * level and DL4J's layer helpers each decide the bits of a result (another build or kernel set
 * sums in another order), so a run that resumes an experiment recorded with other values would
 * mix two kinds of results in one folder without saying so; it is refused instead, and so is
 * a folder of finished trials whose record of those values is gone.
 */
public final class NativesGuard {
  private NativesGuard() {}

  /**
   * @param root the experiment's results folder
   * @param earlierManifest {@code manifest.json} of the run that trained the folder's trials
   * @param currentBackend this process's backend facts (the manifest's {@code backend} section)
   * @param bits the backend facts that decide the bits, e.g. {@code nativeClassifier}
   * @param kept why {@code --overwrite} from this run would leave finished trials as recorded
   *     (e.g. {@code --only}), or null if it would run every trial of the folder again; asked
   *     only when the values differ, for the message (it may list the folder)
   * @throws UserInputException if the earlier run recorded other values for any of them, naming
   *     each with both values and how to match it, and the other ways out: a new results folder
   *     or {@code --overwrite} of every trial
   */
  public static void check(Path root, Map<String, Object> earlierManifest,
      Map<String, Object> currentBackend, BitDecidingFacts bits, Supplier<String> kept) {
    List<BitDecidingFacts.Difference> differences =
        bits.differences(earlierManifest, currentBackend);
    if (differences.isEmpty()) {
      return;
    }
    boolean unrecorded = differences.stream().anyMatch(d -> d.recorded() == null);
    Object writer = earlierManifest.get("gitCommit");
    // Only the values that differ: the others are the same on both sides and would bury them.
    throw new UserInputException(root + " holds results computed with other native settings than"
        + " this run has: " + differences.stream().map(d -> d.key() + " " + d.recordedText()
            + " (this run: " + d.current() + ")").collect(Collectors.joining("; "))
        + ". These settings decide the last bits of network trials, so a folder recorded with"
        + " other values is not added to, whichever problems it holds: one experiment never"
        + " mixes two kinds of results. Write to a new results folder (--results DIR or --name"
        + " NAME), run every trial again here with --overwrite" + notFromThisRun(kept)
        + ", or resume with the recorded values (" + differences.stream()
            .map(d -> d.key() + ": " + d.howToMatch()).collect(Collectors.joining("; ")) + ")"
        + (unrecorded && writer != null ? "; the folder was written by optbench at commit "
            + writer : ""));
  }

  /**
   * A folder whose trials were trained but whose {@code manifest.json} is gone: the run that
   * trains writes the manifest before its first trial, so finished trials without one mean the
   * file was removed, and the values that decided their bits are unknown.
   *
   * @param root the experiment's results folder, which has no manifest
   * @param finished trials of the folder with a result file
   * @param kept as for {@link #check}
   * @throws UserInputException if {@code finished} is not 0, saying how to go on
   */
  public static void checkUnrecorded(Path root, long finished, Supplier<String> kept) {
    if (finished == 0) {
      return;
    }
    throw new UserInputException(root + " holds " + finished + " finished trial(s) but no"
        + " manifest.json, so the native settings that computed them are unknown, and they"
        + " decide the last bits of network trials: a folder is added to only when they match,"
        + " whichever problems it holds."
        + " Put back the manifest.json the run that trained them wrote, write to a new results"
        + " folder (--results DIR or --name NAME), or run every trial again here with"
        + " --overwrite" + notFromThisRun(kept));
  }

  /** @return why {@code --overwrite} from this run would not do, in brackets, or empty */
  private static String notFromThisRun(Supplier<String> kept) {
    String because = kept.get();
    return because == null ? "" : " (not from this run: " + because + ")";
  }
}
