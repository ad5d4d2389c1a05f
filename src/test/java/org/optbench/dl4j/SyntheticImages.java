package org.optbench.dl4j;

import java.util.Map;
import java.util.SplittableRandom;
import org.optbench.data.DatasetId;
import org.optbench.data.ImageDataset;
import org.optbench.data.ImageSet;

/** Small synthetic 28×28 image sets, so network trials can be tested without data files. */
final class SyntheticImages {
  private SyntheticImages() {}

  /**
   * @param train images in the training set (validation is taken from its end, as for MNIST)
   * @param test images in the test set
   * @return a fixed data set (seed 11) whose classes a network can learn
   */
  static ImageDataset dataset(int train, int test) {
    SplittableRandom random = new SplittableRandom(11);
    return new ImageDataset(DatasetId.MNIST, images(train, random, true),
        images(test, random, true), Map.of());
  }

  /**
   * @param train images in the training set
   * @param test images in the test set
   * @return a fixed data set (seed 12) of noise with random labels: nothing to learn, so a large
   *     step leaves the network confidently wrong on most examples
   */
  static ImageDataset noise(int train, int test) {
    SplittableRandom random = new SplittableRandom(12);
    return new ImageDataset(DatasetId.MNIST, images(train, random, false),
        images(test, random, false), Map.of());
  }

  private static ImageSet images(int count, SplittableRandom random, boolean learnable) {
    byte[] pixels = new byte[count * 784];
    byte[] labels = new byte[count];
    for (int i = 0; i < count; i++) {
      labels[i] = (byte) random.nextInt(10);
      // A class-dependent stripe plus noise, so the loss actually moves (or noise alone).
      for (int k = 0; k < 784; k++) {
        int ink = learnable && (k / 28) % 10 == labels[i] ? 200 : 0;
        pixels[i * 784 + k] = (byte) Math.min(255, ink + random.nextInt(40));
      }
    }
    return new ImageSet(count, 28, 28, pixels, labels);
  }
}
