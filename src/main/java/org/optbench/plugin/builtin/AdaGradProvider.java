package org.optbench.plugin.builtin;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.IUpdater;
import org.optbench.optimizer.Hyperparameter;
import org.optbench.plugin.OptimizerProvider;

/**
 * AdaGrad (Duchi, Hazan &amp; Singer 2011):
 *
 * <pre>
 *   h_t = h_{t−1} + g_t²                    h_{−1} = 1e−6
 *   u_t = η·g_t / (√h_t + ε)
 * </pre>
 *
 * <p>The accumulator starts at 1e−6 (DL4J's default AdaGrad ε) whatever ε is configured; the
 * configured ε is used only in the denominator, outside the root.
 *
 * <p>State: 1 array (h).
 *
 * <p>Defaults are DL4J 1.0.0-M2.1's (AdaGrad's {@code DEFAULT_*} constants); a test pins them.
 */
public final class AdaGradProvider implements OptimizerProvider {
  @Override
  public String name() {
    return "adagrad";
  }

  @Override
  public Class<? extends IUpdater> updaterClass() {
    return AdaGrad.class;
  }

  @Override
  public String label() {
    return "AdaGrad";
  }

  @Override
  public String paper() {
    return "Duchi, Hazan & Singer 2011";
  }

  @Override
  public String equation() {
    return "h ← h + g²;  u = η·g / (√h + ε)";
  }

  @Override
  public List<Hyperparameter> hyperparameters() {
    return List.of(Hyperparameter.positive("learningRate", 0.1),
        Hyperparameter.positive("epsilon", 1e-6));
  }

  @Override
  public IUpdater updater(Map<String, Double> v) {
    return AdaGrad.builder().learningRate(v.get("learningRate")).epsilon(v.get("epsilon")).build();
  }
}
