package org.example.signum;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.learning.config.IUpdater;
import org.optbench.optimizer.Domain;
import org.optbench.optimizer.Hyperparameter;
import org.optbench.plugin.OptimizerProvider;

/**
 * Optional: gives {@link Signum} the short name {@code signum}, defaults with accepted ranges, a
 * random-search range and its equation. Listed in
 * {@code META-INF/services/org.optbench.plugin.OptimizerProvider}. Without it, configs can still
 * use {@code {class: org.example.signum.Signum}}.
 */
public class SignumProvider implements OptimizerProvider {
  @Override
  public String name() {
    return "signum";
  }

  @Override
  public Class<? extends IUpdater> updaterClass() {
    return Signum.class;
  }

  @Override
  public String paper() {
    return "Bernstein et al. 2018";
  }

  @Override
  public String equation() {
    return "m ← β·m + (1 − β)·g;  u = η·sign(m)";
  }

  @Override
  public List<Hyperparameter> hyperparameters() {
    return List.of(Hyperparameter.positive("learningRate", 1e-3),
        Hyperparameter.decay("beta", 0.9));
  }

  @Override
  public Map<String, Domain> searchSpace() {
    return Map.of("learningRate", new Domain.LogUniform(1e-5, 1e-1));
  }
}
