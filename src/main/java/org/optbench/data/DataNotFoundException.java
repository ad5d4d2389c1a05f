package org.optbench.data;

import java.nio.file.Path;

/**
 * A data set's files are in none of the places searched, and downloading is off, so nothing was
 * fetched. Its message lists the places and the ways to fix it, as for every
 * {@link DataException}; its fields let a caller that only plans (a dry run, which never
 * downloads) say what a run allowed to download would do instead.
 */
public final class DataNotFoundException extends DataException {
  private static final long serialVersionUID = 1L;

  private final String dataset;
  private final transient Path target;
  private final boolean downloadable;

  /**
   * @param message where it looked, and how to fix it
   * @param dataset the data set's display name, e.g. {@code MNIST}
   * @param target where a download would put its files, {@code <data dir>/<dataset id>}
   * @param downloadable whether a run allowed to download would fetch it into {@code target};
   *     false when it would stop instead (the data directory given is the data set's own folder)
   */
  DataNotFoundException(String message, String dataset, Path target, boolean downloadable) {
    super(message);
    this.dataset = dataset;
    this.target = target;
    this.downloadable = downloadable;
  }

  /** @return the data set's display name, e.g. {@code MNIST} */
  public String dataset() {
    return dataset;
  }

  /** @return where a download would put its files */
  public Path target() {
    return target;
  }

  /** @return whether a run allowed to download would fetch the data set into {@link #target} */
  public boolean downloadable() {
    return downloadable;
  }
}
