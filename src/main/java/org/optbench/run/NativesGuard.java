package org.optbench.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.optbench.UserInputException;

/**
 * Keeps the results of one experiment on one natives choice. The nd4j-native build, oneDNN's ISA
 * level and DL4J's layer helpers each decide the bits of a result (another build or kernel set
 * sums in another order), so a run that resumes an experiment recorded with other values would
 * mix two kinds of results in one folder without saying so; it is refused instead.
 */
public final class NativesGuard {
  /** Shown for a value the earlier run did not record (it predates the key). */
  static final String NOT_RECORDED = "not recorded";

  private NativesGuard() {}

  /**
   * @param root the experiment's results folder
   * @param earlierManifest {@code manifest.json} of the run that trained the folder's trials
   * @param currentBackend this process's backend facts (the manifest's {@code backend} section)
   * @param bits the backend facts that decide the bits, e.g. {@code nativeClassifier}
   * @throws UserInputException if the earlier run recorded other values for any of them, naming
   *     each with both values and how to match it, and the other ways out: a new results folder
   *     or {@code --overwrite}
   */
  public static void check(Path root, Map<String, Object> earlierManifest,
      Map<String, Object> currentBackend, BitDecidingFacts bits) {
    Object section = earlierManifest.get("backend");
    Map<?, ?> earlier = section instanceof Map<?, ?> m ? m : Map.of();
    List<String> differing = new ArrayList<>();
    List<String> ways = new ArrayList<>();
    for (String key : bits.keys()) {
      Object recorded = bits.asRecordedToday(key, earlier.get(key));
      if (!Objects.equals(String.valueOf(recorded), String.valueOf(currentBackend.get(key)))) {
        differing.add(key + " " + (recorded == null ? NOT_RECORDED : recorded) + " (this run: "
            + currentBackend.get(key) + ")");
        ways.add(key + ": " + bits.howToMatch(key, recorded));
      }
    }
    if (differing.isEmpty()) {
      return;
    }
    // Only the values that differ: the others are the same on both sides and would bury them.
    throw new UserInputException(root + " holds results computed with other natives than this"
        + " run has: " + String.join("; ", differing) + ". Network trials computed with other"
        + " values differ in their last bits, so resuming would mix two kinds of results in one"
        + " experiment. Write to a new results folder (--results DIR or --name NAME), run every"
        + " trial again here with --overwrite, or resume with the recorded values ("
        + String.join("; ", ways) + ")");
  }
}
