package org.optbench.plugin.builtin;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.IUpdater;
import org.optbench.optimizer.Hyperparameter;
import org.optbench.plugin.OptimizerProvider;

/**
 * SGD with Nesterov momentum (Nesterov 1983; Sutskever et al. 2013), in the "velocity holds the
 * step" form DL4J uses:
 *
 * <pre>
 *   v_t = μ·v_{t−1} − η·g_t                 v_{−1} = 0
 *   u_t = μ·v_{t−1} − (1 + μ)·v_t
 * </pre>
 *
 * <p>μ is {@code momentum}. Because η sits inside the velocity, this equals PyTorch's
 * {@code SGD(nesterov=True, dampening=0)} (b_t = μ·b_{t−1} + g_t, u_t = η·(g_t + μ·b_t), via
 * v_t = −η·b_t) only while η is constant; under a learning-rate schedule, past steps keep the η
 * they were taken with.
 *
 * <p>State: 1 array (v).
 *
 * <p>Defaults are DL4J 1.0.0-M2.1's (Nesterovs's {@code DEFAULT_*} constants); a test pins them.
 */
public final class NesterovsProvider implements OptimizerProvider {
  @Override
  public String name() {
    return "nesterovs";
  }

  @Override
  public Class<? extends IUpdater> updaterClass() {
    return Nesterovs.class;
  }

  @Override
  public String label() {
    return "Nesterovs";
  }

  @Override
  public String paper() {
    return "Nesterov 1983; Sutskever et al. 2013";
  }

  @Override
  public String equation() {
    return "v ← μ·v − η·g;  u = μ·v_prev − (1 + μ)·v";
  }

  @Override
  public List<Hyperparameter> hyperparameters() {
    return List.of(Hyperparameter.positive("learningRate", 0.1),
        Hyperparameter.decay("momentum", 0.9));
  }

  @Override
  public IUpdater updater(Map<String, Double> v) {
    return Nesterovs.builder().learningRate(v.get("learningRate")).momentum(v.get("momentum"))
        .build();
  }
}
