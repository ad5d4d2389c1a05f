package org.optbench.dl4j;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.optbench.problem.RavineRegressionData;
import org.optbench.result.CurveFormat;

/**
 * Full-batch training loss, held-out loss, distance ‖w − ŵ‖ and suboptimality L(w) − L(ŵ) (exact,
 * from the Gram matrix) for ravine regression, plus the weights themselves.
 */
final class RegressionEvaluator implements Evaluator {
  private final RavineRegressionData data;
  private final DataSet train;
  private final DataSet test;

  RegressionEvaluator(RavineRegressionData data) {
    this.data = data;
    this.train = dataSet(data.features(), data.targets(), data.dimension());
    this.test = dataSet(data.testFeatures(), data.testTargets(), data.dimension());
  }

  /** @return the training data as ND4J arrays, double precision */
  TrainingData trainingData() {
    return new TrainingData(train.getFeatures(), train.getLabels());
  }

  @Override
  public List<String> columns() {
    return CurveFormat.regressionMetrics(data.dimension());
  }

  @Override
  public double[] evaluate(TrainedNet trained) {
    // The regression model is always the multi-layer network Networks.linearRegression builds.
    var net = ((TrainedNet.Layers) trained).net();
    double[] w = net.params().toDoubleVector();
    double[] out = new double[4 + w.length];
    out[0] = net.score(train, false);
    out[1] = net.score(test, false);
    System.arraycopy(trajectory(w), 0, out, 2, 2 + w.length);
    return out;
  }

  /** @return column names of {@link #trajectory}: {@code w0..w(d−1)}, distance, suboptimality */
  static List<String> trajectoryColumns(int dimension) {
    return CurveFormat.regressionTrajectory(dimension);
  }

  /** @return the weights followed by ‖w − ŵ‖ and L(w) − L(ŵ) */
  double[] trajectory(double[] w) {
    double[] out = new double[w.length + 2];
    System.arraycopy(w, 0, out, 0, w.length);
    out[w.length] = data.distanceToOptimum(w);
    out[w.length + 1] = data.suboptimality(w);
    return out;
  }

  private static DataSet dataSet(double[] x, double[] y, int d) {
    INDArray features = Nd4j.create(x, new long[] {y.length, d}, DataType.DOUBLE);
    INDArray labels = Nd4j.create(y, new long[] {y.length, 1}, DataType.DOUBLE);
    return new DataSet(features, labels);
  }
}
