package org.optbench.plugin.builtin;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The step of {@link Lion}: the gradient array becomes η·sign(β₁·m + (1 − β₁)·g). */
public final class LionUpdater implements GradientUpdater<Lion> {
  /** Key of the momentum in {@link #getState()}. */
  public static final String MOMENTUM = "M";

  private final Lion config;
  private INDArray m;

  /** @param config the hyperparameters */
  public LionUpdater(Lion config) {
    this.config = config;
  }

  @Override
  public Lion getConfig() {
    return config;
  }

  @Override
  public void setState(Map<String, INDArray> state, boolean initialize) {
    if (state == null || !state.containsKey(MOMENTUM) || state.size() != 1) {
      throw new IllegalStateException("Lion state must hold exactly " + MOMENTUM + ", got "
          + (state == null ? null : state.keySet()));
    }
    m = state.get(MOMENTUM);
    if (initialize) {
      m.assign(0);
    }
  }

  @Override
  public Map<String, INDArray> getState() {
    return Map.of(MOMENTUM, m);
  }

  @Override
  public void setStateViewArray(INDArray viewArray, long[] gradientShape, char order,
      boolean initialize) {
    if (!viewArray.isRowVectorOrScalar()) {
      throw new IllegalArgumentException("Lion state view must be a row vector, got shape "
          + java.util.Arrays.toString(viewArray.shape()));
    }
    if (initialize) {
      viewArray.assign(0);
    }
    m = viewArray.reshape(order, gradientShape);
  }

  @Override
  public void applyUpdater(INDArray gradient, int iteration, int epoch) {
    if (m == null) {
      throw new IllegalStateException("Lion updater has no state; call setStateViewArray first");
    }
    double lr = config.getLearningRate(iteration, epoch);
    double beta1 = config.getBeta1();
    double beta2 = config.getBeta2();
    // The direction interpolates with β₁ before the momentum moves on with β₂.
    INDArray c = m.mul(beta1).addi(gradient.mul(1 - beta1));
    m.muli(beta2).addi(gradient.muli(1 - beta2));
    gradient.assign(Transforms.sign(c, false)).muli(lr);
  }
}
