package org.optbench.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The differences between two resolved configs, one readable line per changed key. */
class ConfigDiffTest {
  private static final YAMLMapper YAML = new YAMLMapper();

  private static List<String> diff(String earlier, String now) throws IOException {
    return ConfigDiff.of(YAML.readTree(earlier), YAML.readTree(now));
  }

  @Test
  void equalTreesHaveNoDifferenceWhateverTheirLayout() throws IOException {
    assertEquals(List.of(), diff("a: 1\nb: [1, 2]\n", "b:\n  - 1\n  - 2\na: 1\n"));
  }

  @Test
  void entriesAreMatchedByIdOrNameSoARemovedOneReadsAsRemoved() throws IOException {
    String earlier = """
        problems:
          - {id: saddle, steps: 5, optimizers: [{name: sgd, learningRate: 0.1}]}
          - {id: rosenbrock, steps: 5}
        """;
    String now = """
        problems:
          - {id: rosenbrock, steps: 5}
          - {id: saddle, steps: 5, optimizers: [{name: sgd, learningRate: 0.2}, {name: adam}]}
          - {id: two-wells, steps: 5}
        description: new
        """;
    assertEquals(List.of(
        "problems[saddle].optimizers[sgd].learningRate: 0.1 -> 0.2",
        "problems[saddle].optimizers[adam]: added {name: adam}",
        "problems[two-wells]: added {id: two-wells, steps: 5}",
        "description: added new"), diff(earlier, now));
  }

  @Test
  void entriesSharingANameAreComparedByPositionAndLongValuesAreCut() throws IOException {
    String earlier = "optimizers: [{name: sgd, learningRate: 0.1}, {name: sgd, learningRate: 0.2}]"
        + "\nx: 1\n";
    String now = "optimizers: [{name: sgd, learningRate: 0.1}]\nx: " + "9".repeat(80) + "\n";
    assertEquals(List.of(
        "optimizers[1]: removed (was {name: sgd, learningRate: 0.2})",
        "x: 1 -> " + "9".repeat(59) + "\u2026"), diff(earlier, now));
  }
}
