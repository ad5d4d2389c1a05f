package org.optbench.plugin.builtin;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.learning.config.AMSGrad;
import org.nd4j.linalg.learning.config.IUpdater;
import org.optbench.optimizer.Hyperparameter;
import org.optbench.plugin.OptimizerProvider;

/**
 * AMSGrad (Reddi, Kale &amp; Kumar 2018), with Adam's folded bias correction:
 *
 * <pre>
 *   m_t = β₁·m_{t−1} + (1 − β₁)·g_t         m_{−1} = 0
 *   v_t = β₂·v_{t−1} + (1 − β₂)·g_t²        v_{−1} = 0
 *   v̂_t = max(v̂_{t−1}, v_t)                  v̂_{−1} = 0
 *   α_t = η·√(1 − β₂^(t+1)) / (1 − β₁^(t+1))
 *   u_t = α_t·m_t / (√v̂_t + ε)
 * </pre>
 *
 * <p>The maximum is of the uncorrected v_t, while α_t still carries Adam's correction; ε is
 * outside the root. Until v first decreases this equals Adam.
 *
 * <p>State: 3 arrays (m, v, then v̂).
 *
 * <p>Defaults are DL4J 1.0.0-M2.1's (AMSGrad's {@code DEFAULT_*} constants); a test pins them.
 */
public final class AmsGradProvider implements OptimizerProvider {
  @Override
  public String name() {
    return "amsgrad";
  }

  @Override
  public Class<? extends IUpdater> updaterClass() {
    return AMSGrad.class;
  }

  @Override
  public String label() {
    return "AMSGrad";
  }

  @Override
  public String paper() {
    return "Reddi, Kale & Kumar 2018";
  }

  @Override
  public String equation() {
    return "m, v as Adam;  v̂ ← max(v̂, v);  u = α_t·m / (√v̂ + ε)";
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
    return AMSGrad.builder().learningRate(v.get("learningRate")).beta1(v.get("beta1"))
        .beta2(v.get("beta2")).epsilon(v.get("epsilon")).build();
  }
}
