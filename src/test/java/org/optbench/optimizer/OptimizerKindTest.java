package org.optbench.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Pure-Java checks of {@link OptimizerKind} and {@link OptimizerSpec}; no ND4J involved. */
class OptimizerKindTest {

  @ParameterizedTest
  @EnumSource(OptimizerKind.class)
  void createWithNoValuesUsesDefaults(OptimizerKind kind) {
    OptimizerSpec spec = kind.create(Map.of());
    assertSame(kind, spec.kind());
    assertEquals(kind.id(), spec.id());
    assertEquals(kind.defaults(), spec.hyperparameters());
    assertEquals(kind.parameterNames(), List.copyOf(spec.hyperparameters().keySet()));
  }

  @Test
  void createOverridesOnlyTheGivenValues() {
    OptimizerSpec spec = OptimizerKind.ADAM.create(Map.of("beta2", 0.99));
    assertEquals(new OptimizerSpec.Adam(1e-3, 0.9, 0.99, 1e-8), spec);
  }

  @Test
  void negativeLearningRateIsRejected() {
    assertMessage("learningRate must be > 0 and finite (got -0.1)",
        () -> OptimizerKind.ADAM.create(Map.of("learningRate", -0.1)));
    assertMessage("learningRate must be > 0 and finite (got -0.1)",
        () -> new OptimizerSpec.Sgd(-0.1));
  }

  @Test
  void momentumOfOneIsRejected() {
    assertMessage("momentum must be in [0, 1) (got 1.0)",
        () -> OptimizerKind.NESTEROVS.create(Map.of("momentum", 1.0)));
    assertMessage("momentum must be in [0, 1) (got 1.0)",
        () -> new OptimizerSpec.Nesterovs(0.1, 1.0));
  }

  @Test
  void beta1OfOneIsRejected() {
    assertMessage("beta1 must be in [0, 1) (got 1.0)",
        () -> OptimizerKind.ADAM.create(Map.of("beta1", 1.0)));
    assertMessage("beta1 must be in [0, 1) (got 1.0)",
        () -> new OptimizerSpec.AmsGrad(1e-3, 1.0, 0.999, 1e-8));
  }

  @Test
  void zeroEpsilonIsRejected() {
    assertMessage("epsilon must be > 0 and finite (got 0.0)",
        () -> OptimizerKind.ADAM.create(Map.of("epsilon", 0.0)));
    assertMessage("epsilon must be > 0 and finite (got 0.0)",
        () -> new OptimizerSpec.AdaDelta(0.95, 0.0));
  }

  @Test
  void unknownParameterIsRejected() {
    assertMessage(
        "momentum is not a parameter of adam; accepted: learningRate, beta1, beta2, epsilon"
            + " (got 0.9)",
        () -> OptimizerKind.ADAM.create(Map.of("momentum", 0.9)));
    assertMessage("learningRate is not a parameter of adadelta; accepted: rho, epsilon (got 0.1)",
        () -> OptimizerKind.ADADELTA.create(Map.of("learningRate", 0.1)));
  }

  @Test
  void checkReturnsWhatIsAccepted() {
    assertEquals(Optional.empty(), OptimizerKind.ADAM.check("beta1", 0.0));
    assertEquals(Optional.empty(), OptimizerKind.RMSPROP.check("rmsDecay", 0.999));
    assertEquals(Optional.of("must be in [0, 1)"), OptimizerKind.ADAM.check("beta2", -0.01));
    assertEquals(Optional.of("must be in [0, 1)"), OptimizerKind.ADADELTA.check("rho", Double.NaN));
    assertEquals(Optional.of("must be > 0 and finite"),
        OptimizerKind.SGD.check("learningRate", Double.POSITIVE_INFINITY));
    assertEquals(Optional.of("must be > 0 and finite"),
        OptimizerKind.ADAGRAD.check("epsilon", Double.NaN));
    assertEquals(
        Optional.of("is not a parameter of adam; accepted: learningRate, beta1, beta2, epsilon"),
        OptimizerKind.ADAM.check("rho", 0.5));
  }

  @Test
  void byIdIgnoresCase() {
    assertEquals(Optional.of(OptimizerKind.ADAM), OptimizerKind.byId("ADAM"));
    assertEquals(Optional.of(OptimizerKind.ADAM), OptimizerKind.byId("Adam"));
    assertEquals(Optional.of(OptimizerKind.AMSGRAD), OptimizerKind.byId("AmsGrad"));
    assertEquals(Optional.of(OptimizerKind.RMSPROP), OptimizerKind.byId("rmsprop"));
    assertEquals(Optional.empty(), OptimizerKind.byId("adamw"));
    assertEquals(Optional.empty(), OptimizerKind.byId(""));
    assertEquals(Optional.empty(), OptimizerKind.byId(null));
    for (OptimizerKind kind : OptimizerKind.values()) {
      assertEquals(Optional.of(kind), OptimizerKind.byId(kind.id()));
      assertEquals(Optional.of(kind), OptimizerKind.byId(kind.displayName()));
    }
  }

  @Test
  void hyperparametersFollowParameterNamesOrder() {
    OptimizerSpec adam = new OptimizerSpec.Adam(0.02, 0.8, 0.99, 1e-6);
    assertEquals(List.of("learningRate", "beta1", "beta2", "epsilon"),
        List.copyOf(adam.hyperparameters().keySet()));
    assertEquals(List.of(0.02, 0.8, 0.99, 1e-6), List.copyOf(adam.hyperparameters().values()));

    OptimizerSpec rms = new OptimizerSpec.RmsProp(0.01, 0.8, 1e-4);
    assertEquals(List.of("learningRate", "rmsDecay", "epsilon"),
        List.copyOf(rms.hyperparameters().keySet()));
    assertThrows(UnsupportedOperationException.class,
        () -> rms.hyperparameters().put("epsilon", 1.0));
    assertThrows(UnsupportedOperationException.class,
        () -> OptimizerKind.RMSPROP.defaults().put("epsilon", 1.0));
  }

  @Test
  void adaDeltaHasNoLearningRate() {
    OptimizerSpec spec = OptimizerKind.ADADELTA.create(Map.of());
    assertTrue(Double.isNaN(spec.learningRate()));
    assertEquals(List.of("rho", "epsilon"), OptimizerKind.ADADELTA.parameterNames());
  }

  @Test
  void namesAndStateSizes() {
    assertEquals(
        List.of("sgd", "nesterovs", "adagrad", "rmsprop", "adadelta", "adam", "nadam", "adamax",
            "amsgrad"),
        Arrays.stream(OptimizerKind.values()).map(OptimizerKind::id).toList());
    assertEquals(
        List.of("Sgd", "Nesterovs", "AdaGrad", "RmsProp", "AdaDelta", "Adam", "Nadam", "AdaMax",
            "AMSGrad"),
        Arrays.stream(OptimizerKind.values()).map(OptimizerKind::displayName).toList());
    assertEquals(List.of(0, 1, 1, 1, 2, 2, 2, 2, 3),
        Arrays.stream(OptimizerKind.values()).map(OptimizerKind::stateArraysPerParameter)
            .toList());
    for (OptimizerKind kind : OptimizerKind.values()) {
      assertTrue(!kind.paper().isBlank(), kind.id());
    }
  }

  private static void assertMessage(String expected, Executable executable) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, executable);
    assertEquals(expected, e.getMessage());
  }
}
