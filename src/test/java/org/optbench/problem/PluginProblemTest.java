package org.optbench.problem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.optbench.data.DataException;

/**
 * A problem written in Java: its examples are checked and coded, its data hash follows every
 * value, and its identity holds the jar's and the data's hashes and the network's JSON.
 */
class PluginProblemTest {
  private static final PluginProblem.Origin ORIGIN = new PluginProblem.Origin(
      "org.example.Tiny", Path.of("/plugins/tiny.jar").toAbsolutePath(), "ab".repeat(32));

  /** The 16 → 8 → 3 network of the model-file fixtures, which takes 16 features. */
  private static String network() throws Exception {
    return Files.readString(Path.of("src/test/resources/networks/mlp-16-3.json"));
  }

  private static PluginProblem.Examples examples(int rows, float shift) {
    float[] x = new float[rows * 16];
    float[] y = new float[rows * 3];
    for (int i = 0; i < rows; i++) {
      for (int f = 0; f < 16; f++) {
        x[i * 16 + f] = i * 0.5f + f + shift;
      }
      y[i * 3 + i % 3] = 1f;
    }
    return new PluginProblem.Examples(x, y);
  }

  private static PluginProblem load(PluginProblem.Examples train) throws Exception {
    return PluginProblem.load("tiny", ORIGIN, new int[] {16}, 3, train, examples(3, 0),
        examples(3, 1), network());
  }

  @Test
  void examplesAreCodedAndTheIdentityHoldsJarDataAndNetwork() throws Exception {
    PluginProblem p = load(examples(6, 0));
    assertArrayEquals(new int[] {0, 1, 2, 0, 1, 2}, p.data().train().labels());
    assertEquals(6, p.trainExamples());
    Map<String, Object> params = p.parameters();
    assertEquals(Map.of("class", "org.example.Tiny", "sha256", "ab".repeat(32)),
        params.get("plugin"));
    @SuppressWarnings("unchecked")
    Map<String, Object> data = (Map<String, Object>) params.get("data");
    assertEquals(p.dataSha256(), data.get("sha256"));
    assertEquals(6, data.get("train"));
    assertEquals(Map.of("dl4jJson", p.network().canonicalJson()), params.get("network"));
    assertTrue(p.network().canonicalJson().contains("\"nout\" : 8")
        || p.network().canonicalJson().contains("\"nOut\" : 8"), "the network's JSON");

    // One value changed anywhere changes the data's hash; the same values keep it.
    assertEquals(p.dataSha256(), load(examples(6, 0)).dataSha256());
    PluginProblem.Examples edited = examples(6, 0);
    edited.features()[17] += 1e-3f;
    assertNotEquals(p.dataSha256(), load(edited).dataSha256());
  }

  @Test
  void badExamplesAreRefusedNamingTheSetAndExample() {
    PluginProblem.Examples twoHot = examples(6, 0);
    twoHot.oneHot()[4 * 3 + 2] = 1f;
    DataException e = assertThrows(DataException.class, () -> load(twoHot));
    assertEquals("problem 'tiny' (org.example.Tiny): the train set's label of example 4 is not"
        + " one-hot (exactly one 1, the rest 0)", e.getMessage());

    PluginProblem.Examples ragged = new PluginProblem.Examples(new float[20], new float[3]);
    e = assertThrows(DataException.class, () -> load(ragged));
    assertEquals("problem 'tiny' (org.example.Tiny): the train set has 20 feature values, not a"
        + " positive multiple of the example width 16", e.getMessage());

    PluginProblem.Examples notFinite = examples(6, 0);
    notFinite.features()[16 * 2 + 5] = Float.NaN;
    e = assertThrows(DataException.class, () -> load(notFinite));
    assertEquals("problem 'tiny' (org.example.Tiny): the train set's example 2 has the value"
        + " NaN at feature 5; features are finite", e.getMessage());
  }

  @Test
  void aNetworkThatDoesNotFitTheDataIsRefusedNamingTheJar() {
    NetworkFileException e = assertThrows(NetworkFileException.class, () -> PluginProblem.load(
        "tiny", ORIGIN, new int[] {16}, 4, examples4(), examples4(), examples4(), network()));
    assertTrue(e.getMessage().startsWith(ORIGIN.jar() + ": the output layer")
        && e.getMessage().contains("4 classes"), e.getMessage());
  }

  private static PluginProblem.Examples examples4() {
    float[] y = new float[2 * 4];
    y[0] = 1f;
    y[4 + 3] = 1f;
    return new PluginProblem.Examples(new float[2 * 16], y);
  }
}
