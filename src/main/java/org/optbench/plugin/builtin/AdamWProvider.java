package org.optbench.plugin.builtin;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.optbench.optimizer.Domain;
import org.optbench.optimizer.Hyperparameter;
import org.optbench.plugin.OptimizerProvider;

/**
 * {@code adamw}: AdamW (Loshchilov &amp; Hutter 2019, "Decoupled Weight Decay Regularization"),
 * as PyTorch's {@code AdamW} computes it but with DL4J's Adam step:
 *
 * <pre>
 *   m_t = β₁·m_{t−1} + (1 − β₁)·g_t;   v_t = β₂·v_{t−1} + (1 − β₂)·g_t²
 *   α_t = η·√(1 − β₂^(t+1)) / (1 − β₁^(t+1))
 *   w_{t+1} = w_t − α_t·m_t / (√v_t + ε) − η·λ·w_t
 * </pre>
 *
 * <p>It is DL4J's {@code Adam} plus DL4J's {@code WeightDecay(λ, applyLR = true)} on every weight
 * and bias (the decay is added to Adam's update after the updater ran, so it never enters m or
 * v). Two differences from the paper's Algorithm 2: (1) ε is added outside the uncorrected root
 * (Adam's "ε-hat" form, DL4J's and the paper's Adam section 2), where Loshchilov &amp; Hutter put
 * ε beside the bias-corrected √v̂; (2) the paper scales λ by the schedule multiplier η_t alone
 * (w ← w − η_t·(α·m̂/(√v̂ + ε) + λ·w)), while this, like PyTorch, scales it by the learning rate
 * η, so the λ of the paper is this λ times η.
 */
public final class AdamWProvider implements OptimizerProvider {
  @Override
  public String name() {
    return "adamw";
  }

  @Override
  public Class<? extends IUpdater> updaterClass() {
    return Adam.class;
  }

  @Override
  public String label() {
    return "AdamW";
  }

  @Override
  public String paper() {
    return "Loshchilov & Hutter 2019";
  }

  @Override
  public String equation() {
    return "Adam's u;  w ← w − u − η·λ·w";
  }

  @Override
  public List<Hyperparameter> hyperparameters() {
    return List.of(Hyperparameter.positive("learningRate", 1e-3),
        Hyperparameter.decay("beta1", 0.9), Hyperparameter.decay("beta2", 0.999),
        Hyperparameter.positive("epsilon", 1e-8),
        Hyperparameter.nonNegative("weightDecay", 0.01));
  }

  @Override
  public Map<String, Domain> searchSpace() {
    return Map.of("learningRate", new Domain.LogUniform(1e-5, 1e-1),
        "weightDecay", new Domain.LogUniform(1e-4, 1e-1));
  }

  @Override
  public IUpdater updater(Map<String, Double> v) {
    return Adam.builder().learningRate(v.get("learningRate")).beta1(v.get("beta1"))
        .beta2(v.get("beta2")).epsilon(v.get("epsilon")).build();
  }

  @Override
  public List<Regularization> regularization(Map<String, Double> v) {
    return WeightDecays.of(v.get("weightDecay"));
  }
}
