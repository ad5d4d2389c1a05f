package org.optbench.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.learning.config.AMSGrad;
import org.nd4j.linalg.learning.config.AdaDelta;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.AdaMax;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nadam;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.optbench.optimizer.OptimizerKind;
import org.optbench.optimizer.OptimizerSpec;

/**
 * Pins {@link OptimizerKind}'s defaults and state sizes to DL4J 1.0.0-M2.1, and checks that
 * {@link Updaters} carries every value across.
 */
class DefaultsTest {

  /** DL4J's defaults, read from its constants, in our parameter order. */
  private static Map<String, Double> dl4jDefaults(OptimizerKind kind) {
    Map<String, Double> d = new LinkedHashMap<>();
    switch (kind) {
      case SGD -> d.put("learningRate", Sgd.DEFAULT_SGD_LR);
      case NESTEROVS -> {
        d.put("learningRate", Nesterovs.DEFAULT_NESTEROV_LEARNING_RATE);
        d.put("momentum", Nesterovs.DEFAULT_NESTEROV_MOMENTUM);
      }
      case ADAGRAD -> {
        d.put("learningRate", AdaGrad.DEFAULT_ADAGRAD_LEARNING_RATE);
        d.put("epsilon", AdaGrad.DEFAULT_ADAGRAD_EPSILON);
      }
      case RMSPROP -> {
        d.put("learningRate", RmsProp.DEFAULT_RMSPROP_LEARNING_RATE);
        d.put("rmsDecay", RmsProp.DEFAULT_RMSPROP_RMSDECAY);
        d.put("epsilon", RmsProp.DEFAULT_RMSPROP_EPSILON);
      }
      case ADADELTA -> {
        d.put("rho", AdaDelta.DEFAULT_ADADELTA_RHO);
        d.put("epsilon", AdaDelta.DEFAULT_ADADELTA_EPSILON);
      }
      case ADAM -> {
        d.put("learningRate", Adam.DEFAULT_ADAM_LEARNING_RATE);
        d.put("beta1", Adam.DEFAULT_ADAM_BETA1_MEAN_DECAY);
        d.put("beta2", Adam.DEFAULT_ADAM_BETA2_VAR_DECAY);
        d.put("epsilon", Adam.DEFAULT_ADAM_EPSILON);
      }
      case NADAM -> {
        d.put("learningRate", Nadam.DEFAULT_NADAM_LEARNING_RATE);
        d.put("beta1", Nadam.DEFAULT_NADAM_BETA1_MEAN_DECAY);
        d.put("beta2", Nadam.DEFAULT_NADAM_BETA2_VAR_DECAY);
        d.put("epsilon", Nadam.DEFAULT_NADAM_EPSILON);
      }
      case ADAMAX -> {
        d.put("learningRate", AdaMax.DEFAULT_ADAMAX_LEARNING_RATE);
        d.put("beta1", AdaMax.DEFAULT_ADAMAX_BETA1_MEAN_DECAY);
        d.put("beta2", AdaMax.DEFAULT_ADAMAX_BETA2_VAR_DECAY);
        d.put("epsilon", AdaMax.DEFAULT_ADAMAX_EPSILON);
      }
      case AMSGRAD -> {
        d.put("learningRate", AMSGrad.DEFAULT_AMSGRAD_LEARNING_RATE);
        d.put("beta1", AMSGrad.DEFAULT_AMSGRAD_BETA1_MEAN_DECAY);
        d.put("beta2", AMSGrad.DEFAULT_AMSGRAD_BETA2_VAR_DECAY);
        d.put("epsilon", AMSGrad.DEFAULT_AMSGRAD_EPSILON);
      }
      default -> throw new AssertionError(kind);
    }
    return d;
  }

  /** Our view of a DL4J config's hyperparameters, through its getters. */
  private static Map<String, Double> hyperparametersOf(IUpdater config) {
    Map<String, Double> d = new LinkedHashMap<>();
    if (config instanceof Sgd c) {
      d.put("learningRate", c.getLearningRate());
    } else if (config instanceof Nesterovs c) {
      d.put("learningRate", c.getLearningRate());
      d.put("momentum", c.getMomentum());
    } else if (config instanceof AdaGrad c) {
      d.put("learningRate", c.getLearningRate());
      d.put("epsilon", c.getEpsilon());
    } else if (config instanceof RmsProp c) {
      d.put("learningRate", c.getLearningRate());
      d.put("rmsDecay", c.getRmsDecay());
      d.put("epsilon", c.getEpsilon());
    } else if (config instanceof AdaDelta c) {
      d.put("rho", c.getRho());
      d.put("epsilon", c.getEpsilon());
    } else if (config instanceof Adam c) {
      putAdamFamily(d, c.getLearningRate(), c.getBeta1(), c.getBeta2(), c.getEpsilon());
    } else if (config instanceof Nadam c) {
      putAdamFamily(d, c.getLearningRate(), c.getBeta1(), c.getBeta2(), c.getEpsilon());
    } else if (config instanceof AdaMax c) {
      putAdamFamily(d, c.getLearningRate(), c.getBeta1(), c.getBeta2(), c.getEpsilon());
    } else if (config instanceof AMSGrad c) {
      putAdamFamily(d, c.getLearningRate(), c.getBeta1(), c.getBeta2(), c.getEpsilon());
    } else {
      throw new AssertionError(config);
    }
    return d;
  }

  private static void putAdamFamily(Map<String, Double> d, double learningRate, double beta1,
      double beta2, double epsilon) {
    d.put("learningRate", learningRate);
    d.put("beta1", beta1);
    d.put("beta2", beta2);
    d.put("epsilon", epsilon);
  }

  /** DL4J's no-argument config, i.e. what DL4J itself uses by default. */
  private static IUpdater dl4jDefaultConfig(OptimizerKind kind) {
    return switch (kind) {
      case SGD -> new Sgd();
      case NESTEROVS -> new Nesterovs();
      case ADAGRAD -> new AdaGrad();
      case RMSPROP -> new RmsProp();
      case ADADELTA -> new AdaDelta();
      case ADAM -> new Adam();
      case NADAM -> new Nadam();
      case ADAMAX -> new AdaMax();
      case AMSGRAD -> new AMSGrad();
    };
  }

  @ParameterizedTest
  @EnumSource(OptimizerKind.class)
  void defaultsEqualDl4jConstants(OptimizerKind kind) {
    assertEquals(dl4jDefaults(kind), kind.defaults());
    assertEquals(kind.parameterNames(), kind.defaults().keySet().stream().toList());
  }

  @ParameterizedTest
  @EnumSource(OptimizerKind.class)
  void defaultsEqualDl4jNoArgumentConfigs(OptimizerKind kind) {
    assertEquals(hyperparametersOf(dl4jDefaultConfig(kind)), kind.defaults());
  }

  @ParameterizedTest
  @EnumSource(OptimizerKind.class)
  void stateArraysMatchDl4jStateSize(OptimizerKind kind) {
    IUpdater config = Updaters.toIUpdater(kind.create(Map.of()));
    for (long n : new long[] {1, 4, 7, 1000}) {
      assertEquals(config.stateSize(n), kind.stateArraysPerParameter() * n,
          kind.displayName() + " stateSize(" + n + ")");
    }
  }

  @ParameterizedTest
  @EnumSource(OptimizerKind.class)
  void updatersCarriesEveryNonDefaultValue(OptimizerKind kind) {
    // Nudge each default so a value left at DL4J's default would show.
    Map<String, Double> values = new LinkedHashMap<>();
    kind.defaults().forEach((name, value) -> values.put(name, value * 0.5));
    OptimizerSpec spec = kind.create(values);
    IUpdater config = Updaters.toIUpdater(spec);
    assertEquals(values, hyperparametersOf(config));
    assertEquals(spec.hyperparameters(), hyperparametersOf(config));
    assertEquals(dl4jDefaultConfig(kind).getClass(), config.getClass());
  }

  @Test
  void nesterovsHasNoSchedules() {
    IUpdater config = Updaters.toIUpdater(new OptimizerSpec.Nesterovs(0.05, 0.8));
    Nesterovs nesterovs = assertInstanceOf(Nesterovs.class, config);
    assertNull(nesterovs.getLearningRateSchedule());
    assertNull(nesterovs.getMomentumISchedule());
    assertEquals(0.8, nesterovs.currentMomentum(10, 3));
  }
}
