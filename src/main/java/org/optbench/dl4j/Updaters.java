package org.optbench.dl4j;

import java.util.Objects;
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
 * Maps {@link OptimizerSpec}s to DL4J updater configurations.
 *
 * <p>Every hyperparameter is set explicitly from the spec, so no DL4J default applies silently;
 * no learning-rate or momentum schedule is set.
 */
public final class Updaters {
  private Updaters() {}

  /**
   * Builds the DL4J updater config for a spec.
   *
   * @param spec the optimizer and its hyperparameters
   * @return a new config object carrying exactly the spec's values
   */
  public static IUpdater toIUpdater(OptimizerSpec spec) {
    Objects.requireNonNull(spec, "spec");
    // Java 17 has no pattern-matching switch; the sealed hierarchy keeps this list complete.
    if (spec instanceof OptimizerSpec.Sgd s) {
      return Sgd.builder().learningRate(s.learningRate()).build();
    }
    if (spec instanceof OptimizerSpec.Nesterovs s) {
      return Nesterovs.builder().learningRate(s.learningRate()).momentum(s.momentum()).build();
    }
    if (spec instanceof OptimizerSpec.AdaGrad s) {
      return AdaGrad.builder().learningRate(s.learningRate()).epsilon(s.epsilon()).build();
    }
    if (spec instanceof OptimizerSpec.RmsProp s) {
      return RmsProp.builder().learningRate(s.learningRate()).rmsDecay(s.rmsDecay())
          .epsilon(s.epsilon()).build();
    }
    if (spec instanceof OptimizerSpec.AdaDelta s) {
      return AdaDelta.builder().rho(s.rho()).epsilon(s.epsilon()).build();
    }
    if (spec instanceof OptimizerSpec.Adam s) {
      return Adam.builder().learningRate(s.learningRate()).beta1(s.beta1()).beta2(s.beta2())
          .epsilon(s.epsilon()).build();
    }
    if (spec instanceof OptimizerSpec.Nadam s) {
      return Nadam.builder().learningRate(s.learningRate()).beta1(s.beta1()).beta2(s.beta2())
          .epsilon(s.epsilon()).build();
    }
    if (spec instanceof OptimizerSpec.AdaMax s) {
      // AdaMax has no builder() in this DL4J version; this constructor sets all four values.
      return new AdaMax(s.learningRate(), s.beta1(), s.beta2(), s.epsilon());
    }
    if (spec instanceof OptimizerSpec.AmsGrad s) {
      return AMSGrad.builder().learningRate(s.learningRate()).beta1(s.beta1()).beta2(s.beta2())
          .epsilon(s.epsilon()).build();
    }
    throw new IllegalArgumentException("Unsupported optimizer spec: " + spec);
  }
}
