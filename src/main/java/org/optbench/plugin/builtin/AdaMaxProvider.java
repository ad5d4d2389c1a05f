package org.optbench.plugin.builtin;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.learning.config.AdaMax;
import org.nd4j.linalg.learning.config.IUpdater;
import org.optbench.optimizer.Hyperparameter;
import org.optbench.plugin.OptimizerProvider;

/**
 * AdaMax (Kingma &amp; Ba 2015, Algorithm 2), with w for the paper's infinity-norm accumulator
 * u:
 *
 * <pre>
 *   m_t = β₁·m_{t−1} + (1 − β₁)·g_t         m_{−1} = 0
 *   w_t = max(β₂·w_{t−1}, |g_t|) + 1e−32    w_{−1} = 0
 *   u_t = η / (1 − β₁^(t+1)) · m_t / w_t
 * </pre>
 *
 * <p>ε is accepted for symmetry with DL4J's config but does not enter the update: the 1e−32
 * added to w at every step is what prevents division by zero. (DL4J uses ε as the step size
 * only if η / (1 − β₁^(t+1)) evaluates to 0, NaN or ∞.)
 *
 * <p>State: 2 arrays (m, then w).
 *
 * <p>Defaults are DL4J 1.0.0-M2.1's (AdaMax's {@code DEFAULT_*} constants); a test pins them.
 */
public final class AdaMaxProvider implements OptimizerProvider {
  @Override
  public String name() {
    return "adamax";
  }

  @Override
  public Class<? extends IUpdater> updaterClass() {
    return AdaMax.class;
  }

  @Override
  public String label() {
    return "AdaMax";
  }

  @Override
  public String paper() {
    return "Kingma & Ba 2015";
  }

  @Override
  public String equation() {
    return "m ← β1·m + (1 − β1)·g;  w ← max(β2·w, |g|) + 1e−32;  u = η / (1 − β1^(t+1))·m / w";
  }

  @Override
  public List<Hyperparameter> hyperparameters() {
    return List.of(Hyperparameter.positive("learningRate", 1e-3),
        Hyperparameter.decay("beta1", 0.9),
        Hyperparameter.decay("beta2", 0.999),
        Hyperparameter.positive("epsilon", 1e-8));
  }

  @Override
  public IUpdater updater(Map<String, Double> v) {
    // AdaMax has no builder() in this DL4J version; this constructor sets all four values.
    return new AdaMax(v.get("learningRate"), v.get("beta1"), v.get("beta2"), v.get("epsilon"));
  }
}
