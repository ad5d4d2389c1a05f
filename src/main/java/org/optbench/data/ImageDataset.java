package org.optbench.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A fully loaded, checksum-verified image data set.
 *
 * @param id which data set this is
 * @param train the training split (60,000 images for MNIST and Fashion-MNIST)
 * @param test the test split (10,000 images)
 * @param sha256ByFileName the verified SHA-256 (lower-case hex) of each {@code .gz} file that was
 *     read, keyed by file name such as {@code train-images-idx3-ubyte.gz}; unmodifiable, in the
 *     order given. Worth recording in results so a run can be tied to its exact inputs.
 */
public record ImageDataset(
    DatasetId id, ImageSet train, ImageSet test, Map<String, String> sha256ByFileName) {

  /**
   * Copies the checksum map (keeping its order) so the record is immutable.
   *
   * @param id which data set this is
   * @param train the training split
   * @param test the test split
   * @param sha256ByFileName verified SHA-256 (hex) by file name
   * @throws NullPointerException if any component is null
   */
  public ImageDataset {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(test, "test");
    // Keep the caller's order (train before test) for readable result files.
    sha256ByFileName = Collections.unmodifiableMap(new LinkedHashMap<>(sha256ByFileName));
  }
}
