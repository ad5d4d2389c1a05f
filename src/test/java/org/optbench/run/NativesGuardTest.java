package org.optbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.optbench.UserInputException;

class NativesGuardTest {
  private static final List<String> KEYS = List.of("nativeClassifier", "oneDnnIsa");
  private static final Map<String, Object> ONEDNN = Map.of(
      "nativeClassifier", "linux-x86_64-onednn-avx2", "oneDnnIsa", "avx512_core", "ompThreads", 1);

  @Test
  void equalValuesPassWhateverElseDiffers() {
    NativesGuard.check(Path.of("r"), Map.of("backend", Map.of("nativeClassifier",
        "linux-x86_64-onednn-avx2", "oneDnnIsa", "avx512_core", "ompThreads", 2)), ONEDNN, KEYS);
  }

  @Test
  void anotherIsaIsRefusedNamingBothAndTheWaysOut() {
    UserInputException e = assertThrows(UserInputException.class, () -> NativesGuard.check(
        Path.of("results", "x"), Map.of("backend", Map.of("nativeClassifier",
            "linux-x86_64-onednn-avx2", "oneDnnIsa", "avx2")), ONEDNN, KEYS));
    assertEquals(Path.of("results", "x") + " holds results computed with oneDnnIsa avx2, but"
        + " this run has oneDnnIsa avx512_core; these give different bits, so"
        + " resuming would mix two kinds of results in one experiment. Write to a new results"
        + " folder (--results DIR), or run every trial again here with --overwrite",
        e.getMessage());
  }

  @Test
  void aManifestFromBeforeTheKeysExistedIsRefused() {
    UserInputException e = assertThrows(UserInputException.class, () -> NativesGuard.check(
        Path.of("r"), Map.of("backend", Map.of("nativeClassifier", "linux-x86_64-avx2")),
        ONEDNN, KEYS));
    assertEquals(true, e.getMessage().startsWith("r holds results computed with nativeClassifier"
        + " linux-x86_64-avx2, oneDnnIsa not recorded, but"), e.getMessage());
  }
}
