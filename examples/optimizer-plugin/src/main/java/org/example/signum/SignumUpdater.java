package org.example.signum;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The step of {@link Signum}: the gradient array is overwritten with the update η·sign(m). */
public class SignumUpdater implements GradientUpdater<Signum> {
  private final Signum config;
  private INDArray m;

  /** @param config the hyperparameters */
  public SignumUpdater(Signum config) {
    this.config = config;
  }

  @Override
  public Signum getConfig() {
    return config;
  }

  @Override
  public void setState(Map<String, INDArray> state, boolean initialize) {
    m = state.get("M");
    if (initialize) {
      m.assign(0);
    }
  }

  @Override
  public Map<String, INDArray> getState() {
    return Map.of("M", m);
  }

  @Override
  public void setStateViewArray(INDArray view, long[] shape, char order, boolean initialize) {
    if (initialize) {
      view.assign(0);
    }
    m = view.reshape(order, shape);
  }

  @Override
  public void applyUpdater(INDArray gradient, int iteration, int epoch) {
    double beta = config.getBeta();
    m.muli(beta).addi(gradient.mul(1 - beta));
    gradient.assign(Transforms.sign(m, true)).muli(config.getLearningRate(iteration, epoch));
  }
}
