package org.optbench.plugin.registry;

import org.optbench.testing.Optimizers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.optbench.optimizer.OptimizerSpec;
import org.optbench.optimizer.OptimizerType;

/**
 * The built-in providers as {@link OptimizerType}s and the {@link OptimizerSpec}s they create:
 * names, defaults, accepted values; no native code runs.
 */
class BuiltInOptimizersTest {

  static List<OptimizerType> builtIns() {
    return OptimizerRegistry.builtIn().all();
  }

  @ParameterizedTest
  @MethodSource("builtIns")
  void createWithNoValuesUsesDefaults(OptimizerType kind) {
    OptimizerSpec spec = kind.create(Map.of());
    assertSame(kind, spec.type());
    assertEquals(kind.id(), spec.id());
    assertEquals(kind.defaults(), spec.hyperparameters());
    assertEquals(kind.parameterNames(), List.copyOf(spec.hyperparameters().keySet()));
  }

  @Test
  void createOverridesOnlyTheGivenValues() {
    OptimizerSpec spec = Optimizers.type("adam").create(Map.of("beta2", 0.99));
    assertEquals(Optimizers.spec("adam", 1e-3, 0.9, 0.99, 1e-8), spec);
  }

  @Test
  void negativeLearningRateIsRejected() {
    assertMessage("learningRate must be > 0 and finite (got -0.1)",
        () -> Optimizers.type("adam").create(Map.of("learningRate", -0.1)));
    assertMessage("learningRate must be > 0 and finite (got -0.1)",
        () -> Optimizers.spec("sgd", -0.1));
  }

  @Test
  void momentumOfOneIsRejected() {
    assertMessage("momentum must be in [0, 1) (got 1.0)",
        () -> Optimizers.type("nesterovs").create(Map.of("momentum", 1.0)));
    assertMessage("momentum must be in [0, 1) (got 1.0)",
        () -> Optimizers.spec("nesterovs", 0.1, 1.0));
  }

  @Test
  void beta1OfOneIsRejected() {
    assertMessage("beta1 must be in [0, 1) (got 1.0)",
        () -> Optimizers.type("adam").create(Map.of("beta1", 1.0)));
    assertMessage("beta1 must be in [0, 1) (got 1.0)",
        () -> Optimizers.spec("amsgrad", 1e-3, 1.0, 0.999, 1e-8));
  }

  @Test
  void zeroEpsilonIsRejected() {
    assertMessage("epsilon must be > 0 and finite (got 0.0)",
        () -> Optimizers.type("adam").create(Map.of("epsilon", 0.0)));
    assertMessage("epsilon must be > 0 and finite (got 0.0)",
        () -> Optimizers.spec("adadelta", 0.95, 0.0));
  }

  @Test
  void unknownParameterIsRejected() {
    assertMessage(
        "momentum is not a parameter of adam; accepted: learningRate, beta1, beta2, epsilon"
            + " (got 0.9)",
        () -> Optimizers.type("adam").create(Map.of("momentum", 0.9)));
    assertMessage("learningRate is not a parameter of adadelta; accepted: rho, epsilon (got 0.1)",
        () -> Optimizers.type("adadelta").create(Map.of("learningRate", 0.1)));
  }

  @Test
  void checkReturnsWhatIsAccepted() {
    assertEquals(Optional.empty(), Optimizers.type("adam").check("beta1", 0.0));
    assertEquals(Optional.empty(), Optimizers.type("rmsprop").check("rmsDecay", 0.999));
    assertEquals(Optional.of("must be in [0, 1)"), Optimizers.type("adam").check("beta2", -0.01));
    assertEquals(Optional.of("must be in [0, 1)"),
        Optimizers.type("adadelta").check("rho", Double.NaN));
    assertEquals(Optional.of("must be > 0 and finite"),
        Optimizers.type("sgd").check("learningRate", Double.POSITIVE_INFINITY));
    assertEquals(Optional.of("must be > 0 and finite"),
        Optimizers.type("adagrad").check("epsilon", Double.NaN));
    assertEquals(
        Optional.of("is not a parameter of adam; accepted: learningRate, beta1, beta2, epsilon"),
        Optimizers.type("adam").check("rho", 0.5));
  }

  @Test
  void byNameIgnoresCase() {
    OptimizerRegistry registry = OptimizerRegistry.builtIn();
    assertEquals(Optional.of(Optimizers.type("adam")), registry.byName("ADAM"));
    assertEquals(Optional.of(Optimizers.type("amsgrad")), registry.byName("AmsGrad"));
    assertEquals(Optional.of(Optimizers.type("adamw")), registry.byName("AdamW"));
    assertEquals(Optional.empty(), registry.byName("adabelief"));
    assertEquals(Optional.empty(), registry.byName(""));
    assertEquals(Optional.empty(), registry.byName(null));
    for (OptimizerType kind : builtIns()) {
      assertEquals(Optional.of(kind), registry.byName(kind.id()));
      assertEquals(Optional.empty(), kind.origin(), kind.id() + " is part of optbench");
    }
  }

  @Test
  void hyperparametersFollowParameterNamesOrder() {
    OptimizerSpec adam = Optimizers.spec("adam", 0.02, 0.8, 0.99, 1e-6);
    assertEquals(List.of("learningRate", "beta1", "beta2", "epsilon"),
        List.copyOf(adam.hyperparameters().keySet()));
    assertEquals(List.of(0.02, 0.8, 0.99, 1e-6), List.copyOf(adam.hyperparameters().values()));

    OptimizerSpec rms = Optimizers.spec("rmsprop", 0.01, 0.8, 1e-4);
    assertEquals(List.of("learningRate", "rmsDecay", "epsilon"),
        List.copyOf(rms.hyperparameters().keySet()));
    assertThrows(UnsupportedOperationException.class,
        () -> rms.hyperparameters().put("epsilon", 1.0));
    assertThrows(UnsupportedOperationException.class,
        () -> Optimizers.type("rmsprop").defaults().put("epsilon", 1.0));
  }

  @Test
  void adaDeltaHasNoLearningRate() {
    OptimizerSpec spec = Optimizers.type("adadelta").create(Map.of());
    assertTrue(Double.isNaN(spec.learningRate()));
    assertEquals(List.of("rho", "epsilon"), Optimizers.type("adadelta").parameterNames());
  }

  @Test
  void namesLabelsAndPapers() {
    assertEquals(
        List.of("sgd", "nesterovs", "adagrad", "rmsprop", "adadelta", "adam", "nadam", "adamax",
            "amsgrad", "sgdm", "adamw", "lion"),
        builtIns().stream().map(OptimizerType::id).toList());
    assertEquals(
        List.of("Sgd", "Nesterovs", "AdaGrad", "RmsProp", "AdaDelta", "Adam", "Nadam", "AdaMax",
            "AMSGrad", "SGDM", "AdamW", "Lion"),
        builtIns().stream().map(OptimizerType::label).toList());
    for (OptimizerType kind : builtIns()) {
      assertTrue(!kind.paper().isBlank(), kind.id());
      assertTrue(!kind.equation().isBlank(), kind.id());
    }
  }

  @Test
  void newOptimizersDefaultsAndSearchSpaces() {
    assertEquals(Map.of("learningRate", 0.01, "momentum", 0.9, "dampening", 0.0),
        Optimizers.type("sgdm").defaults());
    assertEquals(List.of("learningRate", "beta1", "beta2", "epsilon", "weightDecay"),
        Optimizers.type("adamw").parameterNames());
    assertEquals(0.01, Optimizers.type("adamw").defaults().get("weightDecay"));
    assertEquals(List.of("learningRate", "beta1", "beta2", "weightDecay"),
        Optimizers.type("lion").parameterNames());
    assertEquals(Optional.of("must be >= 0 and finite"),
        Optimizers.type("lion").check("weightDecay", -1e-3));
    assertEquals(Optional.of("must be in [0, 1]"),
        Optimizers.type("sgdm").check("dampening", 1.5));
    assertEquals(Optional.empty(), Optimizers.type("sgdm").check("dampening", 0.9));
    assertEquals(List.of("learningRate"),
        List.copyOf(Optimizers.type("lion").searchDefaults().keySet()));
    assertEquals(Map.of(), Optimizers.type("adam").searchDefaults(),
        "DL4J's updaters keep unnamed hyperparameters at their defaults under random search");
  }

  @Test
  void builtInTrialIdentityIsTheIdAlone() {
    assertEquals(Map.of("id", "adam"), Optimizers.spec("adam", 1e-3, 0.9, 0.999, 1e-8)
        .identity());
  }

  private static void assertMessage(String expected, Executable executable) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, executable);
    assertEquals(expected, e.getMessage());
  }
}
