package org.optbench.dl4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.optbench.data.CifarAugmentation;
import org.optbench.data.DatasetId;
import org.optbench.data.ImageDataset;
import org.optbench.data.ImageSet;
import org.optbench.problem.ProblemSpec;

/**
 * A data set as ND4J arrays, built once per process and shared read-only by every trial: features
 * {@code [n, 784]} float32 scaled to [0, 1] (CIFAR-10: {@code [n, 3072]}, each image standardised
 * as DeepOBS does, {@link CifarAugmentation#standardized}), one-hot labels {@code [n, 10]} float32,
 * and the labels as integers for accuracy.
 *
 * @param trainFeatures the official training images {@code [60000, 784]}
 * @param trainLabels one-hot {@code [60000, 10]}
 * @param trainClasses class of each training image
 * @param testFeatures the official test images {@code [10000, 784]}
 * @param testLabels one-hot {@code [10000, 10]}
 * @param testClasses class of each test image
 */
public record ImageTensors(INDArray trainFeatures, INDArray trainLabels, byte[] trainClasses,
    INDArray testFeatures, INDArray testLabels, byte[] testClasses) {

  /**
   * @param dataset verified IDX data
   * @return its arrays
   */
  public static ImageTensors of(ImageDataset dataset) {
    boolean cifar = dataset.id().format() == DatasetId.Format.CIFAR_BINARY;
    return new ImageTensors(features(dataset.train(), cifar), oneHot(dataset.train()),
        dataset.train().labels(), features(dataset.test(), cifar), oneHot(dataset.test()),
        dataset.test().labels());
  }

  /**
   * A contiguous range of examples, as views (no copy).
   *
   * @param features rows {@code [from, to)} of these features
   * @param labels the matching one-hot labels
   * @param classes the matching classes, unsigned bytes (0 to 255)
   * @param from first example (inclusive)
   * @param to last example (exclusive)
   */
  public record Split(INDArray features, INDArray labels, byte[] classes, int from, int to) {
    /** @return number of examples */
    public int size() {
      return to - from;
    }

    /** @return class of example {@code i} of this split */
    public int classOf(int i) {
      // Unsigned: a data set from files may have up to 256 classes.
      return classes[from + i] & 0xFF;
    }

    /** @return features of examples {@code [a, b)} of this split, a view */
    public INDArray features(int a, int b) {
      return features.get(NDArrayIndex.interval(from + a, from + b), NDArrayIndex.all());
    }

    /** @return labels of examples {@code [a, b)} of this split, a view */
    public INDArray labels(int a, int b) {
      return labels.get(NDArrayIndex.interval(from + a, from + b), NDArrayIndex.all());
    }
  }

  /** @return the first {@code trainExamples} of the official training set */
  public Split train(ProblemSpec.Image p) {
    return new Split(trainFeatures, trainLabels, trainClasses, 0, p.trainExamples());
  }

  /** @return the fixed training subset on which train metrics are measured */
  public Split trainEval(ProblemSpec.Image p) {
    return new Split(trainFeatures, trainLabels, trainClasses, 0, p.evalExamples());
  }

  /** @return the last {@code validationExamples} of the official training set */
  public Split validation(ProblemSpec.Image p) {
    int n = trainFeatures.rows();
    return new Split(trainFeatures, trainLabels, trainClasses, n - p.validationExamples(), n);
  }

  /** @return the first {@code testExamples} of the official test set */
  public Split test(ProblemSpec.Image p) {
    return new Split(testFeatures, testLabels, testClasses, 0, p.testExamples());
  }

  private static INDArray features(ImageSet set, boolean cifar) {
    int n = set.count();
    int size = set.pixelsPerImage();
    if (cifar) {
      return Nd4j.create(CifarAugmentation.standardized(set, 0, n), new long[] {n, size},
          DataType.FLOAT);
    }
    byte[] pixels = set.pixels();
    float[] values = new float[n * size];
    for (int i = 0; i < values.length; i++) {
      values[i] = (pixels[i] & 0xFF) / 255f;
    }
    return Nd4j.create(values, new long[] {n, size}, DataType.FLOAT);
  }

  private static INDArray oneHot(ImageSet set) {
    int n = set.count();
    float[] values = new float[n * Networks.CLASSES];
    for (int i = 0; i < n; i++) {
      values[i * Networks.CLASSES + set.label(i)] = 1f;
    }
    return Nd4j.create(values, new long[] {n, Networks.CLASSES}, DataType.FLOAT);
  }
}
