package org.optbench.dl4j;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.optbench.problem.Architecture;

/**
 * Run by {@link OneDnnPathTest} in a JVM of its own, started with oneDNN's verbose log on: the
 * start-up self-check, then one mnist-2c2d and one mnist-mlp training step on constant data, each
 * followed by a marker line so the test can tell whose primitives the log shows.
 */
public final class OneDnnProbe {
  static final String AFTER_SELF_CHECK = "probe: self-check done";
  static final String AFTER_STEP = "probe: 2c2d step done";
  static final String AFTER_MLP_STEP = "probe: mlp step done";

  private OneDnnProbe() {}

  /** @param args none */
  public static void main(String[] args) {
    Backend.pinThreads(1);
    System.out.println(AFTER_SELF_CHECK);
    System.out.println("probe: oneDnnIsa=" + Backend.describe().get("oneDnnIsa"));
    System.out.println("probe: maxPooling=" + Backend.describe().get("maxPooling"));
    System.out.flush();
    step(Architecture.CONV_2C2D);
    System.out.println(AFTER_STEP);
    System.out.flush();
    step(Architecture.MLP);
    System.out.println(AFTER_MLP_STEP);
    System.out.flush();
  }

  /** One training step of the architecture on a constant batch of 8 images. */
  private static void step(Architecture architecture) {
    MultiLayerNetwork net = Networks.classifier(architecture, new Adam(1e-3), 1);
    int batch = 8;
    INDArray y = Nd4j.zeros(DataType.FLOAT, batch, Networks.CLASSES);
    y.getColumn(0).assign(1);
    net.fit(new DataSet(Nd4j.ones(DataType.FLOAT, batch, Networks.PIXELS).muli(0.5), y));
  }
}
