package org.optbench.plugin.builtin;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.learning.config.Nadam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.optbench.optimizer.Hyperparameter;
import org.optbench.plugin.OptimizerProvider;

/**
 * Nadam (Dozat 2016), as DL4J computes it:
 *
 * <pre>
 *   m_t = β₁·m_{t−1} + (1 − β₁)·g_t         m_{−1} = 0
 *   v_t = β₂·v_{t−1} + (1 − β₂)·g_t²        v_{−1} = 0
 *   u_t = η·[(β₁·m_t + (1 − β₁)·g_t) / (1 − β₁^(t+1))] / (√v_t + ε)
 * </pre>
 *
 * <p>Two departures from the paper: v gets no bias correction at all, and both momentum terms
 * share the correction 1 − β₁^(t+1) (Dozat divides the look-ahead term β₁·m_t by
 * 1 − β₁^(t+2)). ε is outside the root. Hence the first step is
 * u_0 = η·(1 + β₁)·g_0 / (√(1 − β₂)·|g_0| + ε), exactly (1 + β₁)/√(1 − β₂) times Adam's first
 * step: about 60×η·sign(g_0) with the defaults. The missing correction fades as β₂^(t+1) → 0.
 *
 * <p>State: 2 arrays (m, then v).
 *
 * <p>Defaults are DL4J 1.0.0-M2.1's (Nadam's {@code DEFAULT_*} constants); a test pins them.
 */
public final class NadamProvider implements OptimizerProvider {
  @Override
  public String name() {
    return "nadam";
  }

  @Override
  public Class<? extends IUpdater> updaterClass() {
    return Nadam.class;
  }

  @Override
  public String label() {
    return "Nadam";
  }

  @Override
  public String paper() {
    return "Dozat 2016";
  }

  @Override
  public String equation() {
    return "m, v as Adam;  u = η·[(β1·m + (1 − β1)·g) / (1 − β1^(t+1))] / (√v + ε)";
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
    return Nadam.builder().learningRate(v.get("learningRate")).beta1(v.get("beta1"))
        .beta2(v.get("beta2")).epsilon(v.get("epsilon")).build();
  }
}
