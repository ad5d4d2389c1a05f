package org.optbench.plugin.builtin;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.optbench.optimizer.Hyperparameter;
import org.optbench.plugin.OptimizerProvider;

/**
 * Adam (Kingma &amp; Ba 2015), in the paper's "ε-hat" form (end of its section 2), with the
 * bias corrections folded into the step size:
 *
 * <pre>
 *   m_t = β₁·m_{t−1} + (1 − β₁)·g_t         m_{−1} = 0
 *   v_t = β₂·v_{t−1} + (1 − β₂)·g_t²        v_{−1} = 0
 *   α_t = η·√(1 − β₂^(t+1)) / (1 − β₁^(t+1))
 *   u_t = α_t·m_t / (√v_t + ε)
 * </pre>
 *
 * <p>ε is added to the uncorrected √v_t, so this is the paper's Algorithm 1 with ε replaced by
 * ε / √(1 − β₂^(t+1)): early steps see a larger effective ε. The first step is
 * u_0 = η·g_0 / (|g_0| + ε/√(1 − β₂)), i.e. about η·sign(g_0). If α_t evaluates to 0, NaN or ∞
 * (only for absurd η), DL4J uses α_t = ε instead.
 *
 * <p>State: 2 arrays (m, then v).
 *
 * <p>Defaults are DL4J 1.0.0-M2.1's (Adam's {@code DEFAULT_*} constants); a test pins them.
 */
public final class AdamProvider implements OptimizerProvider {
  @Override
  public String name() {
    return "adam";
  }

  @Override
  public Class<? extends IUpdater> updaterClass() {
    return Adam.class;
  }

  @Override
  public String label() {
    return "Adam";
  }

  @Override
  public String paper() {
    return "Kingma & Ba 2015";
  }

  @Override
  public String equation() {
    return "m ← β1·m + (1 − β1)·g;  v ← β2·v + (1 − β2)·g²;"
        + "  u = η·√(1 − β2^(t+1)) / (1 − β1^(t+1))·m / (√v + ε)";
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
    return Adam.builder().learningRate(v.get("learningRate")).beta1(v.get("beta1"))
        .beta2(v.get("beta2")).epsilon(v.get("epsilon")).build();
  }
}
