package org.optbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.optbench.UserInputException;

class NativesGuardTest {
  /** Two keys; an earlier version wrote the ISA in upper case; advice names key and value. */
  private static final BitDecidingFacts BITS = new BitDecidingFacts() {
    @Override
    public List<String> keys() {
      return List.of("nativeClassifier", "oneDnnIsa");
    }

    @Override
    public Object asRecordedToday(String key, Object recorded) {
      return recorded instanceof String s && key.equals("oneDnnIsa") ? s.toLowerCase() : recorded;
    }

    @Override
    public String howToMatch(String key, Object recorded) {
      return "set " + key + "=" + recorded;
    }
  };
  private static final Map<String, Object> ONEDNN = Map.of(
      "nativeClassifier", "linux-x86_64-onednn-avx2", "oneDnnIsa", "avx512_core", "ompThreads", 1);

  @Test
  void equalValuesPassWhateverElseDiffers() {
    NativesGuard.check(Path.of("r"), Map.of("backend", Map.of("nativeClassifier",
        "linux-x86_64-onednn-avx2", "oneDnnIsa", "avx512_core", "ompThreads", 2)), ONEDNN, BITS,
        () -> null);
  }

  @Test
  void aValueInAnEarlierVersionsFormIsComparedAsReadToday() {
    NativesGuard.check(Path.of("r"), Map.of("backend", Map.of("nativeClassifier",
        "linux-x86_64-onednn-avx2", "oneDnnIsa", "AVX512_CORE")), ONEDNN, BITS,
        () -> null);
  }

  @Test
  void anotherIsaIsRefusedNamingOnlyItWithBothValuesAndTheWaysOut() {
    UserInputException e = assertThrows(UserInputException.class, () -> NativesGuard.check(
        Path.of("results", "x"), Map.of("backend", Map.of("nativeClassifier",
            "linux-x86_64-onednn-avx2", "oneDnnIsa", "avx2")), ONEDNN, BITS, () -> null));
    assertEquals(Path.of("results", "x") + " holds results computed with other native settings"
        + " than this run has: oneDnnIsa avx2 (this run: avx512_core). These settings decide the"
        + " last bits of network trials, so a folder recorded with other values is not added to,"
        + " whichever problems it holds: one experiment never mixes two kinds of results. Write"
        + " to a new results folder (--results DIR or --name NAME), run every trial again here"
        + " with --overwrite, or resume with the recorded values (oneDnnIsa: set"
        + " oneDnnIsa=avx2)", e.getMessage());
  }

  /** --overwrite with --only would rerun some trials and keep the others: the way out says so. */
  @Test
  void aSelectionIsToldThatOverwriteMustCoverEveryTrial() {
    UserInputException e = assertThrows(UserInputException.class, () -> NativesGuard.check(
        Path.of("r"), Map.of("backend", Map.of("nativeClassifier", "linux-x86_64-onednn-avx2",
            "oneDnnIsa", "avx2")), ONEDNN, BITS,
            () -> "with --only the others would stay"));
    assertEquals(true, e.getMessage().contains(" run every trial again here with --overwrite (not"
        + " from this run: with --only the others would stay), or resume with the recorded"
        + " values (oneDnnIsa: set oneDnnIsa=avx2)"), e.getMessage());
  }

  /** Why --overwrite would keep some trials is asked only when the values differ. */
  @Test
  void theReasonIsAskedOnlyWhenValuesDiffer() {
    NativesGuard.check(Path.of("r"), Map.of("backend", ONEDNN), ONEDNN, BITS, () -> {
      throw new AssertionError("asked although the values are equal");
    });
  }

  @Test
  void aManifestFromBeforeTheKeysExistedIsRefused() {
    UserInputException e = assertThrows(UserInputException.class, () -> NativesGuard.check(
        Path.of("r"), Map.of("gitCommit", "0aa7a1c", "backend", Map.of("nativeClassifier",
            "linux-x86_64-avx2")), ONEDNN, BITS, () -> null));
    assertEquals(true, e.getMessage().startsWith("r holds results computed with other native"
        + " settings than this run has: nativeClassifier linux-x86_64-avx2 (this run:"
        + " linux-x86_64-onednn-avx2); oneDnnIsa not recorded (this run: avx512_core). "),
        e.getMessage());
    assertEquals(true, e.getMessage().contains("(nativeClassifier: set"
        + " nativeClassifier=linux-x86_64-avx2; oneDnnIsa: set oneDnnIsa=null); the folder was"
        + " written by optbench at commit 0aa7a1c"), e.getMessage());
  }
}
