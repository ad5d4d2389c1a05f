package org.optbench.plugin.builtin;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.config.IUpdater;
import org.optbench.optimizer.Hyperparameter;
import org.optbench.plugin.OptimizerProvider;

/**
 * Stochastic gradient descent (Robbins &amp; Monro 1951).
 *
 * <pre>
 *   u_t = η·g_t
 * </pre>
 *
 * <p>State: none (0 arrays).
 *
 * <p>Defaults are DL4J 1.0.0-M2.1's (Sgd's {@code DEFAULT_*} constants); a test pins them.
 */
public final class SgdProvider implements OptimizerProvider {
  @Override
  public String name() {
    return "sgd";
  }

  @Override
  public Class<? extends IUpdater> updaterClass() {
    return Sgd.class;
  }

  @Override
  public String label() {
    return "Sgd";
  }

  @Override
  public String paper() {
    return "Robbins & Monro 1951";
  }

  @Override
  public String equation() {
    return "u = η·g";
  }

  @Override
  public List<Hyperparameter> hyperparameters() {
    return List.of(Hyperparameter.positive("learningRate", 1e-3));
  }

  @Override
  public IUpdater updater(Map<String, Double> v) {
    return Sgd.builder().learningRate(v.get("learningRate")).build();
  }
}
