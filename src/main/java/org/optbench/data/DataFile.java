package org.optbench.data;

/**
 * The four gzip-compressed IDX files that make up MNIST and Fashion-MNIST. Both data sets use the
 * same file names, so the data set is identified by the directory the files live in.
 */
public enum DataFile {
  /** 60,000 training images, IDX3 (magic 2051). */
  TRAIN_IMAGES("train-images-idx3-ubyte.gz", true),
  /** 60,000 training labels, IDX1 (magic 2049). */
  TRAIN_LABELS("train-labels-idx1-ubyte.gz", false),
  /** 10,000 test images, IDX3 (magic 2051). */
  TEST_IMAGES("t10k-images-idx3-ubyte.gz", true),
  /** 10,000 test labels, IDX1 (magic 2049). */
  TEST_LABELS("t10k-labels-idx1-ubyte.gz", false);

  private final String fileName;
  private final boolean images;

  DataFile(String fileName, boolean images) {
    this.fileName = fileName;
    this.images = images;
  }

  /**
   * @return the published file name, e.g. {@code train-images-idx3-ubyte.gz}
   */
  public String fileName() {
    return fileName;
  }

  /**
   * @return true for the image files, false for the label files
   */
  public boolean isImages() {
    return images;
  }
}
