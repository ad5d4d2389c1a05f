package org.optbench.dl4j;

import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Loss (mean cross-entropy) and accuracy on the fixed training subset, the validation set and the
 * test set, in chunks so large convolutional activations fit in memory.
 */
final class ClassificationEvaluator implements Evaluator {
  private static final int CHUNK = 1000;

  private final ImageTensors.Split trainEval;
  private final ImageTensors.Split validation;
  private final ImageTensors.Split test;

  ClassificationEvaluator(ImageTensors.Split trainEval, ImageTensors.Split validation,
      ImageTensors.Split test) {
    this.trainEval = trainEval;
    this.validation = validation;
    this.test = test;
  }

  @Override
  public List<String> columns() {
    return List.of("train_loss", "train_accuracy", "validation_loss", "validation_accuracy",
        "test_loss", "test_accuracy");
  }

  @Override
  public double[] evaluate(MultiLayerNetwork net) {
    double[] out = new double[6];
    measure(net, trainEval, out, 0);
    measure(net, validation, out, 2);
    measure(net, test, out, 4);
    return out;
  }

  private static void measure(MultiLayerNetwork net, ImageTensors.Split split, double[] out,
      int at) {
    double lossSum = 0;
    long correct = 0;
    for (int from = 0; from < split.size(); from += CHUNK) {
      int to = Math.min(split.size(), from + CHUNK);
      INDArray x = split.features(from, to);
      INDArray probabilities = net.output(x, false);
      lossSum += net.score(new DataSet(x, split.labels(from, to)), false) * (to - from);
      int[] predicted = Nd4j.argMax(probabilities, 1).toIntVector();
      for (int i = 0; i < predicted.length; i++) {
        if (predicted[i] == split.classOf(from + i)) {
          correct++;
        }
      }
    }
    out[at] = lossSum / split.size();
    out[at + 1] = (double) correct / split.size();
  }
}
