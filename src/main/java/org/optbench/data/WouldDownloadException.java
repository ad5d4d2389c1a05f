package org.optbench.data;

import java.nio.file.Path;
import java.util.List;

/**
 * Thrown by a {@link DatasetRepository#planning() planning} repository where a run would
 * download: the files below are missing, downloading is allowed, and every check the run makes
 * before it downloads has passed (the files present are verified, the folder could be created).
 * A dry run states it instead of downloading; to anything else it is a data error like another.
 */
public final class WouldDownloadException extends DataException {
  private static final long serialVersionUID = 1L;

  private final String dataset;
  private final transient Path target;
  private final List<String> files;

  /**
   * @param dataset the data set's display name, e.g. {@code MNIST}
   * @param target the folder the download would go to, {@code <data dir>/<data set id>}
   * @param files the names of the files it would fetch, in the order it would
   */
  WouldDownloadException(String dataset, Path target, List<String> files) {
    super(dataset + ": " + String.join(", ", files) + " would be downloaded into " + target
        + "; planning downloads nothing");
    this.dataset = dataset;
    this.target = target;
    this.files = List.copyOf(files);
  }

  /** @return the data set's display name, e.g. {@code MNIST} */
  public String dataset() {
    return dataset;
  }

  /** @return the folder the download would go to */
  public Path target() {
    return target;
  }

  /** @return the names of the files it would fetch */
  public List<String> files() {
    return files;
  }
}
