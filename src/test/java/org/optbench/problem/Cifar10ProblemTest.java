package org.optbench.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.optbench.data.DatasetId;

/** The built-in cifar10-3c3d problem in the catalogue, split as the MNIST problems are. */
class Cifar10ProblemTest {
  private static Map<String, Object> defaults(ProblemInfo info) {
    Map<String, Object> values = new HashMap<>();
    info.parameters().forEach(p -> values.put(p.name(), p.defaultValue()));
    return values;
  }

  @Test
  void cifar10IsPairedWith3c3dOnlyAndTheMnistProblemsAreUnchanged() {
    List<String> ids = ProblemCatalog.ids();
    assertEquals(List.of("mnist-logreg", "mnist-mlp", "mnist-2c2d", "fashion-mnist-logreg",
        "fashion-mnist-mlp", "fashion-mnist-2c2d", "cifar10-3c3d"), ids.subList(0, 7));
    assertTrue(ids.stream().filter(id -> id.startsWith("cifar10")).count() == 1, ids.toString());
    assertEquals(new ProblemSpec.Image("mnist-2c2d", DatasetId.MNIST, Architecture.CONV_2C2D,
        50_000, 10_000, 10_000, 10_000), ProblemCatalog.byId("mnist-2c2d").orElseThrow()
        .create(defaults(ProblemCatalog.byId("mnist-2c2d").orElseThrow())));
  }

  @Test
  void theLast10000TrainingImagesAreHeldOutForValidation() {
    ProblemInfo info = ProblemCatalog.byId("cifar10-3c3d").orElseThrow();
    assertEquals(ProblemKinds.IMAGE, info.kind());
    assertEquals(Target.of("test_accuracy", 0.80), info.target());
    assertEquals(ProblemCatalog.IMAGE_DIVERGENCE_FACTOR, info.divergenceFactor());
    assertEquals("3 conv (5×5×64, 3×3×96, 3×3×128) + 3 dense (512, 256, 10), L2 0.002 on"
        + " CIFAR-10", info.description());
    assertEquals("training examples used (default: all 50000 − validationExamples)",
        info.parameter("trainExamples").orElseThrow().description());
    assertEquals(new ProblemSpec.Image("cifar10-3c3d", DatasetId.CIFAR10,
        Architecture.CONV_3C3D, 40_000, 10_000, 10_000, 10_000), info.create(defaults(info)));

    Map<String, Object> values = defaults(info);
    values.put("trainExamples", 40_001);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> info.create(values));
    assertEquals("trainExamples 40001 exceeds the 40000 examples left after holding out"
        + " validationExamples 10000", e.getMessage());
  }
}
