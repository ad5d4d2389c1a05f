package org.optbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.testing.CurveCsv;

/** {@code configs/smoke/ravines.yaml}: tune-then-evaluate end to end through the CLI. */
class TuneProtocolRunTest {
  @TempDir
  Path dir;

  @Test
  void tunesThenEvaluatesAndIndexesEveryArm() throws IOException {
    CliRun run = CliRun.of("run", "configs/smoke/ravines.yaml", "--results", dir.toString());
    assertEquals(0, run.exitCode(), run.out() + run.err());
    Path root = dir.resolve("smoke-ravines");

    // 3 problems x 6 optimizers x 3 settings = 54 tuning trials.
    assertTrue(run.out().contains("54 tuning trials"), run.out());
    // Every kind here selects on its final suboptimality (none has a validation split).
    assertTrue(run.out().lines().anyMatch(("chosen by tuning (tuning seed 1000; selection metric"
        + " final_suboptimality for ravine-2d, saddle, ravine-regression):")::equals), run.out());
    CurveCsv selection = CurveCsv.read(root.resolve("selection.csv"));
    assertEquals(18, selection.rows().size(), "one choice per problem and optimizer");

    CurveCsv index = CurveCsv.read(root.resolve("trials.csv"));
    Map<String, Long> arms = index.rows().stream().collect(Collectors.groupingBy(
        r -> r.get(1), Collectors.counting()));
    // Evaluation and defaults: analytic problems 2 x 6 x 1 seed, regression 6 x 2 seeds, each.
    assertEquals(Map.of("tuning", 54L, "evaluation", 24L, "defaults", 24L), arms);
    assertTrue(index.rows().stream().allMatch(r -> r.get(7).equals("COMPLETED")
        || r.get(7).equals("DIVERGED")), "every trial ran");

    // The evaluation arm reruns exactly the chosen settings.
    Map<String, List<String>> chosen = selection.rows().stream().collect(Collectors.toMap(
        r -> r.get(0) + "/" + r.get(1), r -> r, (a, b) -> a)).entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    Map<String, List<String>> byId = index.rows().stream().collect(Collectors.toMap(
        r -> r.get(0) + r.get(1), Function.identity()));
    for (List<String> choice : chosen.values()) {
      List<String> tuned = byId.get(choice.get(3) + "tuning");
      assertTrue(tuned != null, "the chosen trial is a tuning trial: " + choice);
      long evaluated = index.rows().stream().filter(r -> r.get(1).equals("evaluation")
          && r.get(2).equals(tuned.get(2)) && r.get(3).equals(tuned.get(3))
          && r.get(4).equals(tuned.get(4))).count();
      assertEquals(choice.get(0).equals("ravine-regression") ? 2 : 1, evaluated,
          choice.toString());
    }
  }
}
