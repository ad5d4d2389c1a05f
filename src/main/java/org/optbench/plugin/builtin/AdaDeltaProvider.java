package org.optbench.plugin.builtin;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.learning.config.AdaDelta;
import org.nd4j.linalg.learning.config.IUpdater;
import org.optbench.optimizer.Hyperparameter;
import org.optbench.plugin.OptimizerProvider;

/**
 * AdaDelta (Zeiler 2012, Algorithm 1):
 *
 * <pre>
 *   a_t = ρ·a_{t−1} + (1 − ρ)·g_t²          a_{−1} = 0     (E[g²])
 *   u_t = g_t·√(b_{t−1} + ε) / √(a_t + ε)
 *   b_t = ρ·b_{t−1} + (1 − ρ)·u_t²          b_{−1} = 0     (E[Δθ²])
 * </pre>
 *
 * <p>ε is inside both roots. There is no learning rate.
 *
 * <p>State: 2 arrays (a, then b).
 *
 * <p>Defaults are DL4J 1.0.0-M2.1's (AdaDelta's {@code DEFAULT_*} constants); a test pins them.
 */
public final class AdaDeltaProvider implements OptimizerProvider {
  @Override
  public String name() {
    return "adadelta";
  }

  @Override
  public Class<? extends IUpdater> updaterClass() {
    return AdaDelta.class;
  }

  @Override
  public String label() {
    return "AdaDelta";
  }

  @Override
  public String paper() {
    return "Zeiler 2012";
  }

  @Override
  public String equation() {
    return "a ← ρ·a + (1 − ρ)·g²;  u = g·√(b + ε) / √(a + ε);  b ← ρ·b + (1 − ρ)·u²";
  }

  @Override
  public List<Hyperparameter> hyperparameters() {
    return List.of(Hyperparameter.decay("rho", 0.95),
        Hyperparameter.positive("epsilon", 1e-6));
  }

  @Override
  public IUpdater updater(Map<String, Double> v) {
    return AdaDelta.builder().rho(v.get("rho")).epsilon(v.get("epsilon")).build();
  }
}
