package org.optbench.dl4j;

import org.optbench.testing.Optimizers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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
import org.optbench.optimizer.OptimizerSpec;

/**
 * Pins the built-in providers' defaults and state sizes to DL4J 1.0.0-M2.1, and checks that
 * {@link Updaters} carries every value across.
 */
class DefaultsTest {
  /** Arrays the size of the parameters each updater keeps, as documented on its provider. */
  private static final Map<String, Integer> STATE_ARRAYS = Map.of("sgd", 0, "nesterovs", 1,
      "adagrad", 1, "rmsprop", 1, "adadelta", 2, "adam", 2, "nadam", 2, "adamax", 2,
      "amsgrad", 3);

  /** DL4J's defaults, read from its constants, in our parameter order. */
  private static Map<String, Double> dl4jDefaults(String kind) {
    Map<String, Double> d = new LinkedHashMap<>();
    switch (kind) {
      case "sgd" -> d.put("learningRate", Sgd.DEFAULT_SGD_LR);
      case "nesterovs" -> {
        d.put("learningRate", Nesterovs.DEFAULT_NESTEROV_LEARNING_RATE);
        d.put("momentum", Nesterovs.DEFAULT_NESTEROV_MOMENTUM);
      }
      case "adagrad" -> {
        d.put("learningRate", AdaGrad.DEFAULT_ADAGRAD_LEARNING_RATE);
        d.put("epsilon", AdaGrad.DEFAULT_ADAGRAD_EPSILON);
      }
      case "rmsprop" -> {
        d.put("learningRate", RmsProp.DEFAULT_RMSPROP_LEARNING_RATE);
        d.put("rmsDecay", RmsProp.DEFAULT_RMSPROP_RMSDECAY);
        d.put("epsilon", RmsProp.DEFAULT_RMSPROP_EPSILON);
      }
      case "adadelta" -> {
        d.put("rho", AdaDelta.DEFAULT_ADADELTA_RHO);
        d.put("epsilon", AdaDelta.DEFAULT_ADADELTA_EPSILON);
      }
      case "adam" -> {
        d.put("learningRate", Adam.DEFAULT_ADAM_LEARNING_RATE);
        d.put("beta1", Adam.DEFAULT_ADAM_BETA1_MEAN_DECAY);
        d.put("beta2", Adam.DEFAULT_ADAM_BETA2_VAR_DECAY);
        d.put("epsilon", Adam.DEFAULT_ADAM_EPSILON);
      }
      case "nadam" -> {
        d.put("learningRate", Nadam.DEFAULT_NADAM_LEARNING_RATE);
        d.put("beta1", Nadam.DEFAULT_NADAM_BETA1_MEAN_DECAY);
        d.put("beta2", Nadam.DEFAULT_NADAM_BETA2_VAR_DECAY);
        d.put("epsilon", Nadam.DEFAULT_NADAM_EPSILON);
      }
      case "adamax" -> {
        d.put("learningRate", AdaMax.DEFAULT_ADAMAX_LEARNING_RATE);
        d.put("beta1", AdaMax.DEFAULT_ADAMAX_BETA1_MEAN_DECAY);
        d.put("beta2", AdaMax.DEFAULT_ADAMAX_BETA2_VAR_DECAY);
        d.put("epsilon", AdaMax.DEFAULT_ADAMAX_EPSILON);
      }
      case "amsgrad" -> {
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
  private static IUpdater dl4jDefaultConfig(String kind) {
    return switch (kind) {
      case "sgd" -> new Sgd();
      case "nesterovs" -> new Nesterovs();
      case "adagrad" -> new AdaGrad();
      case "rmsprop" -> new RmsProp();
      case "adadelta" -> new AdaDelta();
      case "adam" -> new Adam();
      case "nadam" -> new Nadam();
      case "adamax" -> new AdaMax();
      case "amsgrad" -> new AMSGrad();
      default -> throw new AssertionError(kind);
    };
  }

  @ParameterizedTest
  @ValueSource(strings = {"sgd", "nesterovs", "adagrad", "rmsprop", "adadelta", "adam",
      "nadam", "adamax", "amsgrad"})
  void defaultsEqualDl4jConstants(String kind) {
    assertEquals(dl4jDefaults(kind), Optimizers.type(kind).defaults());
    assertEquals(Optimizers.type(kind).parameterNames(), Optimizers.type(kind).defaults().keySet().stream().toList());
  }

  @ParameterizedTest
  @ValueSource(strings = {"sgd", "nesterovs", "adagrad", "rmsprop", "adadelta", "adam",
      "nadam", "adamax", "amsgrad"})
  void defaultsEqualDl4jNoArgumentConfigs(String kind) {
    assertEquals(hyperparametersOf(dl4jDefaultConfig(kind)), Optimizers.type(kind).defaults());
  }

  @ParameterizedTest
  @ValueSource(strings = {"sgd", "nesterovs", "adagrad", "rmsprop", "adadelta", "adam",
      "nadam", "adamax", "amsgrad"})
  void stateArraysMatchDl4jStateSize(String kind) {
    IUpdater config = Updaters.toIUpdater(Optimizers.type(kind).create(Map.of()));
    for (long n : new long[] {1, 4, 7, 1000}) {
      assertEquals(config.stateSize(n), STATE_ARRAYS.get(kind) * n,
          kind + " stateSize(" + n + ")");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sgd", "nesterovs", "adagrad", "rmsprop", "adadelta", "adam",
      "nadam", "adamax", "amsgrad"})
  void updatersCarriesEveryNonDefaultValue(String kind) {
    // Nudge each default so a value left at DL4J's default would show.
    Map<String, Double> values = new LinkedHashMap<>();
    Optimizers.type(kind).defaults().forEach((name, value) -> values.put(name, value * 0.5));
    OptimizerSpec spec = Optimizers.type(kind).create(values);
    IUpdater config = Updaters.toIUpdater(spec);
    assertEquals(values, hyperparametersOf(config));
    assertEquals(spec.hyperparameters(), hyperparametersOf(config));
    assertEquals(dl4jDefaultConfig(kind).getClass(), config.getClass());
  }

  @Test
  void nesterovsHasNoSchedules() {
    IUpdater config = Updaters.toIUpdater(Optimizers.spec("nesterovs", 0.05, 0.8));
    Nesterovs nesterovs = assertInstanceOf(Nesterovs.class, config);
    assertNull(nesterovs.getLearningRateSchedule());
    assertNull(nesterovs.getMomentumISchedule());
    assertEquals(0.8, nesterovs.currentMomentum(10, 3));
  }
}
