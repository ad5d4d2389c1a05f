package org.optbench.dl4j;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.optbench.result.CurveFormat;

/**
 * Loss (mean cross-entropy) and accuracy on the fixed training subset, the validation set and the
 * test set, in chunks so large convolutional activations fit in memory.
 *
 * <p>One inference forward pass per chunk gives both: the loss is computed from the softmax
 * probabilities with the operations of DL4J's {@link LossMCXENT} (probabilities below its clipping
 * ε raised to ε, above 1 − ε lowered to 1 − ε, then −Σ y·log p / examples), so it equals
 * {@code net.score(chunk, false)} exactly for networks without regularisation, at half the
 * cost of calling {@code output} and {@code score} separately.
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
    return CurveFormat.CLASSIFICATION_METRICS;
  }

  @Override
  public double[] evaluate(TrainedNet net) {
    double[] out = new double[6];
    measure(net, trainEval, out, 0);
    measure(net, validation, out, 2);
    measure(net, test, out, 4);
    return out;
  }

  private static void measure(TrainedNet net, ImageTensors.Split split, double[] out,
      int at) {
    double clipEps = clippingEpsilon(net);
    double lossSum = 0;
    long correct = 0;
    for (int from = 0; from < split.size(); from += CHUNK) {
      int to = Math.min(split.size(), from + CHUNK);
      INDArray x = split.features(from, to);
      INDArray probabilities = net.output(x);
      int[] predicted = Nd4j.argMax(probabilities, 1).toIntVector();
      lossSum += crossEntropySum(probabilities, split.labels(from, to), clipEps);
      for (int i = 0; i < predicted.length; i++) {
        if (predicted[i] == split.classOf(from + i)) {
          correct++;
        }
      }
    }
    out[at] = lossSum / split.size();
    out[at + 1] = (double) correct / split.size();
  }

  /**
   * Summed cross-entropy of a chunk, by the operations of {@link LossMCXENT}'s score.
   *
   * @param probabilities softmax outputs, {@code [examples, classes]}; overwritten
   * @param labels one-hot labels, {@code [examples, classes]}
   * @param clipEps the loss function's softmax clipping ε (0: none)
   * @return −Σ y·log p over the chunk (nats)
   */
  static double crossEntropySum(INDArray probabilities, INDArray labels, double clipEps) {
    if (clipEps > 0) {
      BooleanIndexing.replaceWhere(probabilities, clipEps, Conditions.lessThan(clipEps));
      BooleanIndexing.replaceWhere(probabilities, 1.0 - clipEps,
          Conditions.greaterThan(1.0 - clipEps));
    }
    INDArray terms = Transforms.log(probabilities, false).muli(labels);
    return -terms.sumNumber().doubleValue();
  }

  private static double clippingEpsilon(TrainedNet net) {
    ILossFunction loss = net.outputLoss();
    if (!(loss instanceof LossMCXENT mcxent) || loss.getClass() != LossMCXENT.class) {
      throw new IllegalStateException("expected a softmax output layer with DL4J's MCXENT loss,"
          + " found " + loss);
    }
    return mcxent.getSoftmaxClipEps();
  }
}
