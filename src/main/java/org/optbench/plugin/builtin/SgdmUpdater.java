package org.optbench.plugin.builtin;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;

/** The step of {@link Sgdm}: v ← μ·v + (1 − d)·g, then the gradient array becomes η·v. */
public final class SgdmUpdater implements GradientUpdater<Sgdm> {
  /** Key of the velocity in {@link #getState()}. */
  public static final String VELOCITY = "V";

  private final Sgdm config;
  private INDArray v;

  /** @param config the hyperparameters */
  public SgdmUpdater(Sgdm config) {
    this.config = config;
  }

  @Override
  public Sgdm getConfig() {
    return config;
  }

  @Override
  public void setState(Map<String, INDArray> state, boolean initialize) {
    if (state == null || !state.containsKey(VELOCITY) || state.size() != 1) {
      throw new IllegalStateException("Sgdm state must hold exactly " + VELOCITY + ", got "
          + (state == null ? null : state.keySet()));
    }
    v = state.get(VELOCITY);
    if (initialize) {
      v.assign(0);
    }
  }

  @Override
  public Map<String, INDArray> getState() {
    return Map.of(VELOCITY, v);
  }

  @Override
  public void setStateViewArray(INDArray viewArray, long[] gradientShape, char order,
      boolean initialize) {
    if (!viewArray.isRowVectorOrScalar()) {
      throw new IllegalArgumentException("Sgdm state view must be a row vector, got shape "
          + java.util.Arrays.toString(viewArray.shape()));
    }
    if (initialize) {
      viewArray.assign(0);
    }
    v = viewArray.reshape(order, gradientShape);
  }

  @Override
  public void applyUpdater(INDArray gradient, int iteration, int epoch) {
    if (v == null) {
      throw new IllegalStateException("Sgdm updater has no state; call setStateViewArray first");
    }
    double lr = config.getLearningRate(iteration, epoch);
    double d = config.getDampening();
    v.muli(config.getMomentum());
    // d = 0 is the common case: skip a pass over the gradient that would multiply by 1.
    v.addi(d == 0 ? gradient : gradient.muli(1 - d));
    gradient.assign(v).muli(lr);
  }
}
