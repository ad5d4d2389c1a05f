package org.optbench.plugin.builtin;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.learning.config.IUpdater;
import org.optbench.optimizer.Domain;
import org.optbench.optimizer.Hyperparameter;
import org.optbench.plugin.OptimizerProvider;

/**
 * {@code sgdm}: heavy-ball momentum with dampening (Polyak 1964), the form of PyTorch's
 * {@code SGD(momentum, dampening)}; the exact update is on {@link Sgdm}. DL4J itself has only
 * Nesterov's form ({@code nesterovs}).
 */
public final class SgdmProvider implements OptimizerProvider {
  @Override
  public String name() {
    return "sgdm";
  }

  @Override
  public Class<? extends IUpdater> updaterClass() {
    return Sgdm.class;
  }

  @Override
  public String label() {
    return "SGDM";
  }

  @Override
  public String paper() {
    return "Polyak 1964 (heavy ball); PyTorch's SGD momentum";
  }

  @Override
  public String equation() {
    return "v ← μ·v + (1 − d)·g;  u = η·v";
  }

  @Override
  public List<Hyperparameter> hyperparameters() {
    return List.of(Hyperparameter.positive("learningRate", 0.01),
        Hyperparameter.decay("momentum", 0.9),
        new Hyperparameter("dampening", 0.0, Hyperparameter.Range.CLOSED_UNIT_INTERVAL));
  }

  @Override
  public Map<String, Domain> searchSpace() {
    return Map.of("learningRate", new Domain.LogUniform(1e-3, 1.0),
        "momentum", new Domain.Uniform(0.5, 0.99));
  }

  @Override
  public IUpdater updater(Map<String, Double> v) {
    return new Sgdm(v.get("learningRate"), v.get("momentum"), v.get("dampening"));
  }
}
