package org.optbench.plugin.builtin;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.optbench.optimizer.Domain;
import org.optbench.optimizer.Hyperparameter;
import org.optbench.plugin.OptimizerProvider;

/**
 * {@code lion}: Lion (Chen et al. 2023), the update on {@link Lion} plus decoupled weight decay:
 *
 * <pre>
 *   c = β₁·m + (1 − β₁)·g
 *   w ← w − η·(sign(c) + λ·w)
 *   m ← β₂·m + (1 − β₂)·g
 * </pre>
 *
 * <p>λ·w cannot live in the updater (a DL4J {@code GradientUpdater} sees only the gradient), so
 * it is DL4J's {@code WeightDecay(λ, applyLR = true)} on every weight and bias, which adds
 * η·λ·w to the update after the updater ran: the paper's form, and that of the PyTorch
 * implementations. λ = 0 adds no regularization at all.
 */
public final class LionProvider implements OptimizerProvider {
  @Override
  public String name() {
    return "lion";
  }

  @Override
  public Class<? extends IUpdater> updaterClass() {
    return Lion.class;
  }

  @Override
  public String label() {
    return "Lion";
  }

  @Override
  public String paper() {
    return "Chen et al. 2023";
  }

  @Override
  public String equation() {
    return "c = β1·m + (1 − β1)·g;  w ← w − η·(sign(c) + λ·w);  m ← β2·m + (1 − β2)·g";
  }

  @Override
  public List<Hyperparameter> hyperparameters() {
    return List.of(Hyperparameter.positive("learningRate", 1e-4),
        Hyperparameter.decay("beta1", 0.9), Hyperparameter.decay("beta2", 0.99),
        Hyperparameter.nonNegative("weightDecay", 0.0));
  }

  @Override
  public Map<String, Domain> searchSpace() {
    return Map.of("learningRate", new Domain.LogUniform(1e-5, 1e-2));
  }

  @Override
  public IUpdater updater(Map<String, Double> v) {
    return new Lion(v.get("learningRate"), v.get("beta1"), v.get("beta2"));
  }

  @Override
  public List<Regularization> regularization(Map<String, Double> v) {
    return WeightDecays.of(v.get("weightDecay"));
  }
}
