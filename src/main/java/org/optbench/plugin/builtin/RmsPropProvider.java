package org.optbench.plugin.builtin;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.IUpdater;
import org.optbench.optimizer.Hyperparameter;
import org.optbench.plugin.OptimizerProvider;

/**
 * RMSProp (Tieleman &amp; Hinton 2012, Coursera lecture 6.5):
 *
 * <pre>
 *   s_t = ρ·s_{t−1} + (1 − ρ)·g_t²          s_{−1} = ε
 *   u_t = η·g_t / (√s_t + ε)
 * </pre>
 *
 * <p>ρ is {@code rmsDecay}. The running average starts at the configured ε, not at 0; ε is
 * added again outside the root.
 *
 * <p>State: 1 array (s).
 *
 * <p>Defaults are DL4J 1.0.0-M2.1's (RmsProp's {@code DEFAULT_*} constants); a test pins them.
 */
public final class RmsPropProvider implements OptimizerProvider {
  @Override
  public String name() {
    return "rmsprop";
  }

  @Override
  public Class<? extends IUpdater> updaterClass() {
    return RmsProp.class;
  }

  @Override
  public String label() {
    return "RmsProp";
  }

  @Override
  public String paper() {
    return "Tieleman & Hinton 2012 (Coursera lecture 6.5)";
  }

  @Override
  public String equation() {
    return "s ← ρ·s + (1 − ρ)·g²;  u = η·g / (√s + ε)";
  }

  @Override
  public List<Hyperparameter> hyperparameters() {
    return List.of(Hyperparameter.positive("learningRate", 0.1),
        Hyperparameter.decay("rmsDecay", 0.95),
        Hyperparameter.positive("epsilon", 1e-8));
  }

  @Override
  public IUpdater updater(Map<String, Double> v) {
    return RmsProp.builder().learningRate(v.get("learningRate")).rmsDecay(v.get("rmsDecay"))
        .epsilon(v.get("epsilon")).build();
  }
}
