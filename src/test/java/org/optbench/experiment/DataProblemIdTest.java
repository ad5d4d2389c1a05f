package org.optbench.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.optbench.data.DataDeclaration;
import org.optbench.data.DataSource;
import org.optbench.optimizer.OptimizerSpec;
import org.optbench.problem.Architecture;
import org.optbench.problem.DataProblem;
import org.optbench.problem.NetworkFile;
import org.optbench.testing.Optimizers;

/**
 * The network's part of a data problem's trial id: a built-in network's ids are those they were
 * before networks could come from files (pinned), and a file's network is identified by its
 * canonical JSON, not by its path.
 */
class DataProblemIdTest {
  private static final DataDeclaration DATA = new DataDeclaration(
      new DataSource.Csv(Path.of("/data/rows.csv"), 16, 1, ','), Optional.empty(),
      new DataDeclaration.Split(0.2, 0.1, 7), 3, DataDeclaration.Normalization.STANDARDIZE);
  private static final DataProblem.Facts FACTS = new DataProblem.Facts(List.of(16), 480, 120,
      150, List.of("ab".repeat(32)), List.of());

  private static TrialId id(DataProblem.Network network) {
    OptimizerSpec sgd = Optimizers.type("sgd").create(Map.of("learningRate", 0.1));
    return TrialId.of(new TrialSpec(new DataProblem("my-shapes", DATA, network, FACTS), sgd,
        new BatchSize(32), new Budget(Budget.Unit.EPOCHS, 3), 0, 1, 100, 0, 1));
  }

  @Test
  void aBuiltInNetworksTrialIdIsUnchanged() {
    assertEquals("d892c06c320cad1d5da9aececf4afa355750a16a00956a54810f062a5b23835e",
        id(new DataProblem.Builtin(Architecture.MLP, List.of(32))).hex());
  }

  @Test
  void aFilesNetworkIsIdentifiedByItsCanonicalJsonNotItsPath() {
    NetworkFile here = new NetworkFile(NetworkFile.Format.DL4J_JSON, Path.of("/a/model.json"),
        "{\"confs\":[1]}", false, List.of());
    NetworkFile moved = new NetworkFile(NetworkFile.Format.DL4J_JSON, Path.of("/b/other.json"),
        "{\"confs\":[1]}", false, List.of("other notes"));
    NetworkFile edited = new NetworkFile(NetworkFile.Format.DL4J_JSON, Path.of("/a/model.json"),
        "{\"confs\":[2]}", false, List.of());
    assertEquals(id(new DataProblem.FromFile(here)), id(new DataProblem.FromFile(moved)));
    assertNotEquals(id(new DataProblem.FromFile(here)), id(new DataProblem.FromFile(edited)));
  }
}
