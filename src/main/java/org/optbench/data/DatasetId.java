package org.optbench.data;

import java.net.URI;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.optbench.UserInputException;

/**
 * The image data sets optbench can load, with their published checksums and default download
 * mirrors (all HTTPS).
 *
 * <p>MNIST and Fashion-MNIST come as four IDX {@code .gz} files each ({@link Format#IDX}), checked
 * against their SHA-256: MNIST as mirrored by the PyTorch and CVDF buckets, Fashion-MNIST as
 * published in the zalandoresearch/fashion-mnist repository (identical to Debian's
 * {@code dataset-fashion-mnist} package). CIFAR-10 comes as one archive of binary batches
 * ({@link Format#CIFAR_BINARY}), {@code cifar-10-binary.tar.gz} from Alex Krizhevsky's page
 * https://www.cs.toronto.edu/~kriz/cifar.html, checked against the MD5 that page publishes (the
 * only digest published for it).
 */
public enum DatasetId {
  /** Handwritten digits (LeCun et al.), 28x28 grey-scale, 10 classes. */
  MNIST(
      "mnist",
      "MNIST",
      "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
      "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
      "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
      "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
      null,
      "https://ossci-datasets.s3.amazonaws.com/mnist/",
      "https://storage.googleapis.com/cvdf-datasets/mnist/"),
  /** Zalando's clothing images, 28x28 grey-scale, 10 classes; same file format as MNIST. */
  FASHION_MNIST(
      "fashion-mnist",
      "Fashion-MNIST",
      "b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7",
      "0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056",
      "cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa",
      "8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05",
      "dataset-fashion-mnist",
      // The official S3 website endpoint is plain http, so use the repository copy over https.
      "https://github.com/zalandoresearch/fashion-mnist/raw/master/data/fashion/"),
  /**
   * Krizhevsky's tiny colour images, 32x32 RGB, 10 classes: 50,000 training and 10,000 test
   * images in the binary version's six batches.
   */
  CIFAR10(
      "cifar10",
      "CIFAR-10",
      Format.CIFAR_BINARY,
      "cifar-10-binary.tar.gz",
      "c32a1d4ab5d03f1284b67883e8d87530",
      "https://www.cs.toronto.edu/~kriz/");

  /** How a data set's files are laid out, which decides how they are found and read. */
  public enum Format {
    /** Four gzip-compressed IDX files ({@link DataFile}), each with a published SHA-256. */
    IDX,
    /**
     * CIFAR-10's binary version: one {@code .tar.gz} archive with a published MD5, holding the
     * folder {@code cifar-10-batches-bin/} of five training batches and one test batch
     * ({@link CifarReader}); the folder may also be given extracted.
     */
    CIFAR_BINARY
  }

  private final String id;
  private final String displayName;
  private final Map<DataFile, String> sha256;
  private final String debianPackage;
  private final List<URI> defaultMirrors;
  private final Format format;
  private final String archiveName;
  private final String archiveMd5;

  DatasetId(
      String id,
      String displayName,
      String trainImagesSha,
      String trainLabelsSha,
      String testImagesSha,
      String testLabelsSha,
      String debianPackage,
      String... mirrors) {
    this.id = id;
    this.displayName = displayName;
    EnumMap<DataFile, String> sums = new EnumMap<>(DataFile.class);
    sums.put(DataFile.TRAIN_IMAGES, trainImagesSha);
    sums.put(DataFile.TRAIN_LABELS, trainLabelsSha);
    sums.put(DataFile.TEST_IMAGES, testImagesSha);
    sums.put(DataFile.TEST_LABELS, testLabelsSha);
    this.sha256 = Collections.unmodifiableMap(sums);
    this.debianPackage = debianPackage;
    this.defaultMirrors = Arrays.stream(mirrors).map(URI::create).toList();
    this.format = Format.IDX;
    this.archiveName = null;
    this.archiveMd5 = null;
  }

  DatasetId(String id, String displayName, Format format, String archiveName, String archiveMd5,
      String... mirrors) {
    this.id = id;
    this.displayName = displayName;
    this.sha256 = Map.of();
    this.debianPackage = null;
    this.defaultMirrors = Arrays.stream(mirrors).map(URI::create).toList();
    this.format = format;
    this.archiveName = archiveName;
    this.archiveMd5 = archiveMd5;
  }

  /** @return how the data set's files are laid out and read */
  public Format format() {
    return format;
  }

  /**
   * @return the archive's published file name, {@code cifar-10-binary.tar.gz}, for a
   *     {@link Format#CIFAR_BINARY} data set
   * @throws IllegalStateException for an {@link Format#IDX} data set, which has no archive
   */
  public String archiveName() {
    if (archiveName == null) {
      throw new IllegalStateException(displayName + " is not distributed as one archive");
    }
    return archiveName;
  }

  /**
   * @return the archive's published MD5, 32 lower-case hex digits, for a
   *     {@link Format#CIFAR_BINARY} data set
   * @throws IllegalStateException for an {@link Format#IDX} data set
   */
  public String archiveMd5() {
    if (archiveMd5 == null) {
      throw new IllegalStateException(displayName + " is not distributed as one archive");
    }
    return archiveMd5;
  }

  /**
   * @return the short name used in configs, problem ids and on the command line, which is also the
   *     directory name under the data directory: {@code mnist}, {@code fashion-mnist} or
   *     {@code cifar10}
   */
  public String id() {
    return id;
  }

  /**
   * @return the human-readable name used in messages, e.g. {@code Fashion-MNIST}
   */
  public String displayName() {
    return displayName;
  }

  /**
   * @param file one of the four data files
   * @return the published SHA-256 of that {@code .gz} file, 64 lower-case hex digits; null for a
   *     data set that is not in the {@link Format#IDX} format
   */
  public String sha256(DataFile file) {
    return sha256.get(file);
  }

  /**
   * @return the published SHA-256 (lower-case hex) of each file, keyed by file name (e.g. {@code
   *     train-images-idx3-ubyte.gz}), in {@link DataFile} order; unmodifiable; empty for CIFAR-10,
   *     whose archive has a published MD5 instead ({@link #archiveMd5()})
   */
  public Map<String, String> publishedSha256() {
    Map<String, String> byName = new LinkedHashMap<>();
    sha256.forEach((file, sum) -> byName.put(file.fileName(), sum));
    return Collections.unmodifiableMap(byName);
  }

  /**
   * @return the Debian package that installs this data set under {@code /usr/share/datasets/<id>/},
   *     if there is one ({@code dataset-fashion-mnist} for Fashion-MNIST; none for MNIST)
   */
  public Optional<String> debianPackage() {
    return Optional.ofNullable(debianPackage);
  }

  /**
   * @return the default HTTPS mirror base URLs, tried in order; each ends with {@code /} and a file
   *     name is appended to it
   */
  public List<URI> defaultMirrors() {
    return defaultMirrors;
  }

  /**
   * Parses a data set id as written in configs and on the command line.
   *
   * @param name {@code mnist}, {@code fashion-mnist} or {@code cifar10} (case-insensitive;
   *     {@code fashion_mnist} and
   *     the enum constant names are accepted too)
   * @return the matching data set
   * @throws UserInputException if the name is unknown; the message lists the accepted names
   */
  public static DatasetId fromId(String name) {
    if (name != null) {
      String wanted = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
      for (DatasetId candidate : values()) {
        if (candidate.id.equals(wanted)) {
          return candidate;
        }
      }
    }
    String accepted = Arrays.stream(values()).map(DatasetId::id).collect(Collectors.joining(", "));
    throw new UserInputException(
        "Unknown data set '" + name + "': expected one of " + accepted + ".");
  }
}
