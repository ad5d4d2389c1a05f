package org.optbench.problem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.optbench.data.DataDeclaration;
import org.optbench.data.DataException;
import org.optbench.data.DataSource;
import org.optbench.data.PreparedData;
import org.optbench.data.RawTable;
import org.optbench.data.UserData;

/**
 * Classification on the user's own files, declared in a config under {@code data:} with a
 * network under {@code network:}: a built-in one, which takes its input shape and class count
 * from the data, or one from a DL4J or Keras model file, checked against them.
 *
 * <p>Identity: {@link #parameters()} holds the files' SHA-256 (not their paths), how they are
 * read, the split, the class count, the normalisation and the network (a file's by its
 * canonical JSON, see {@link NetworkFile}), so an edited data or model file gives new trial ids.
 *
 * @param id the user's problem id
 * @param data the declaration (absolute paths); null for a problem read back by the report,
 *     which never reads data files
 * @param network the network
 * @param facts what the data turned out to hold; with null {@code data}, null or only the
 *     training split's size as the results folder recorded it
 */
public record DataProblem(String id, DataDeclaration data, Network network, Facts facts)
    implements ProblemSpec {

  /**
   * @throws IllegalArgumentException if {@code data} is given without {@code facts}
   */
  public DataProblem {
    if (data != null && facts == null) {
      throw new IllegalArgumentException("data and facts of " + id + " must be given together");
    }
  }

  /** Key of the training split's size among the data's facts in {@code manifest.json}. */
  public static final String TRAIN_EXAMPLES_FACT = UserData.TRAIN_EXAMPLES;

  /** Widths of the MLP's hidden layers when {@code hidden} is not given: mnist-mlp's. */
  public static final List<Integer> DEFAULT_HIDDEN = List.of(1000, 500, 100);

  /** A problem's network: a built-in one sized to the data, or one from a model file. */
  public sealed interface Network permits Builtin, FromFile {
    /** @return the network as written in a config (a file's path absolute) */
    Map<String, Object> asMap();

    /**
     * @return the network as it enters the trial id: a built-in one as {@link #asMap()}, a
     *     file's by its canonical JSON, never its path
     */
    Map<String, Object> identity();
  }

  /**
   * A built-in network.
   *
   * @param architecture logreg, mlp or 2c2d
   * @param hidden the MLP's hidden layer widths, input side first; empty for the others
   */
  public record Builtin(Architecture architecture, List<Integer> hidden) implements Network {
    /** Copies {@code hidden}. */
    public Builtin {
      hidden = List.copyOf(hidden);
    }

    /** @return the network as written in a config, e.g. {@code {builtin: mlp, hidden: [256]}} */
    @Override
    public Map<String, Object> asMap() {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("builtin", architecture.suffix());
      if (architecture == Architecture.MLP) {
        map.put("hidden", hidden);
      }
      return map;
    }

    /** @return {@link #asMap()}: what identified built-in networks before files could */
    @Override
    public Map<String, Object> identity() {
      return asMap();
    }
  }

  /**
   * A network from a model file.
   *
   * @param file the file as read, with its canonical JSON (null when read back by the report)
   */
  public record FromFile(NetworkFile file) implements Network {
    /** @return {@code {dl4jJson: PATH}} or {@code {keras: PATH}}, the path absolute */
    @Override
    public Map<String, Object> asMap() {
      return file.asMap();
    }

    /**
     * @return {@code {dl4jJson: CANONICAL_JSON}} or {@code {keras: CANONICAL_JSON}}; the path
     *     when read back without its JSON
     */
    @Override
    public Map<String, Object> identity() {
      if (file.canonicalJson() == null) {
        return asMap();
      }
      Map<String, Object> map = new LinkedHashMap<>();
      map.put(file.format().key(), file.canonicalJson());
      return map;
    }
  }

  /**
   * What the data hold, derived from their content.
   *
   * @param shape one example's shape: {@code [features]} or {@code [height, width, channels]}
   * @param trainExamples examples in the training split
   * @param validationExamples examples in the validation split
   * @param testExamples examples in the test set
   * @param trainSha256 SHA-256 of the training files (a folder: of its images), in order
   * @param testSha256 SHA-256 of the test files, empty without a test file
   */
  public record Facts(List<Integer> shape, int trainExamples, int validationExamples,
      int testExamples, List<String> trainSha256, List<String> testSha256) {
    /** Copies the lists. */
    public Facts {
      shape = List.copyOf(shape);
      trainSha256 = List.copyOf(trainSha256);
      testSha256 = List.copyOf(testSha256);
    }
  }

  /**
   * Loads the data (once per process, see {@link UserData}) and checks the network fits them.
   *
   * @param id the problem id
   * @param data the declaration
   * @param network the network
   * @return the problem
   * @throws DataException if the data are bad, or a built-in network cannot take them (naming
   *     the network's and the data's shapes)
   * @throws NetworkFileException if a model file cannot be used or does not fit the data
   */
  public static DataProblem load(String id, DataDeclaration data, Network network) {
    PreparedData prepared = UserData.prepare(data);
    int[] shape = prepared.shape();
    if (network instanceof FromFile f) {
      // Read again with the data's shape: the file's canonical JSON and the fit are checked
      // here, before anything is written.
      network = new FromFile(NetworkFile.read(f.file().format(), f.file().path(), shape,
          data.classes()));
    } else if (((Builtin) network).architecture() == Architecture.CONV_2C2D
        && shape.length != 3) {
      throw new DataException("network 2c2d takes images of height×width×channels, but the"
          + " data are " + RawTable.describe(shape) + "; use logreg or mlp for table rows,"
          + " or imageFolder/idx data for 2c2d");
    }
    // 3c3d's two unpadded convolutions and first pooling need at least 9×9 pixels.
    if (network instanceof Builtin b && b.architecture() == Architecture.CONV_3C3D
        && (shape.length != 3 || shape[0] < 9 || shape[1] < 9)) {
      throw new DataException("network 3c3d takes images of height×width×channels of at least"
          + " 9×9 pixels, but the data are " + RawTable.describe(shape) + "; use logreg or mlp"
          + " for table rows, 2c2d for smaller images");
    }
    List<Integer> shapeList = new ArrayList<>();
    for (int d : shape) {
      shapeList.add(d);
    }
    List<String> train = new ArrayList<>();
    List<String> test = new ArrayList<>();
    prepared.sha256().forEach((key, hash) -> (key.startsWith("train: ") ? train : test).add(hash));
    return new DataProblem(id, data, network, new Facts(shapeList, prepared.train().rows(),
        prepared.validation().rows(), prepared.test().rows(), train, test));
  }

  /**
   * A problem as the report reads it back from a resolved config: its id and network, without
   * loading its data.
   *
   * @param id the problem id
   * @param network the network
   * @return the problem, with null {@code data} and {@code facts}
   */
  public static DataProblem recorded(String id, Network network) {
    return new DataProblem(id, null, network, null);
  }

  /**
   * {@link #recorded(String, Network)} with the training split's size the results folder
   * recorded, which turns examples seen into epochs.
   *
   * @param id the problem id
   * @param network the network
   * @param trainExamples examples in the training split (≥ 1)
   * @return the problem, with null {@code data}
   */
  public static DataProblem recorded(String id, Network network, int trainExamples) {
    return new DataProblem(id, null, network,
        new Facts(List.of(), trainExamples, 0, 0, List.of(), List.of()));
  }

  /** Test accuracy counted as solved when the config states no target. */
  public static final double DEFAULT_TARGET_ACCURACY = 0.9;

  /**
   * @param id the user's problem id
   * @return its catalogue-style entry: the kind, no {@code params}, the default target (test
   *     accuracy {@value #DEFAULT_TARGET_ACCURACY}) and the image classifiers' divergence factor
   *     (DL4J clips the cross-entropy the same way for any number of classes)
   */
  public static ProblemInfo info(String id) {
    return new ProblemInfo(id, ProblemKinds.FILE_CLASSIFICATION,
        "classification on data from files", List.of(),
        Target.of("test_accuracy", DEFAULT_TARGET_ACCURACY),
        ProblemCatalog.IMAGE_DIVERGENCE_FACTOR, v -> {
          throw new IllegalArgumentException(id + " is declared by data and network, not params");
        });
  }

  @Override
  public ProblemKind kind() {
    return ProblemKinds.FILE_CLASSIFICATION;
  }

  @Override
  public Map<String, Object> parameters() {
    Map<String, Object> map = new LinkedHashMap<>();
    if (data != null) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("train", identity(data.train(), facts.trainSha256()));
      data.test().ifPresent(t -> d.put("test", identity(t, facts.testSha256())));
      d.put("split", data.split().asMap());
      d.put("classes", data.classes());
      d.put("normalize", data.normalize().key());
      map.put("data", d);
    }
    map.put("network", network.identity());
    return map;
  }

  private static Map<String, Object> identity(DataSource source, List<String> sha256) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("format", source.format());
    map.put("sha256", sha256);
    map.putAll(source.options());
    return map;
  }

  /**
   * @return the problem as a config declares it, with absolute paths: {@code data} and
   *     {@code network}, for the resolved config
   * @throws IllegalStateException for a problem {@link #recorded} without its data
   */
  @Override
  public Map<String, Object> configEntries() {
    if (data == null) {
      throw new IllegalStateException(id + " was read back without its data declaration");
    }
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("train", source(data.train()));
    data.test().ifPresent(t -> d.put("test", source(t)));
    Map<String, Object> split = new LinkedHashMap<>(data.split().asMap());
    if (data.test().isPresent()) {
      split.remove("test");
    }
    d.put("split", split);
    d.put("classes", data.classes());
    d.put("normalize", data.normalize().key());
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("data", d);
    map.put("network", network.asMap());
    return map;
  }

  private static Map<String, Object> source(DataSource source) {
    Map<String, Object> map = new LinkedHashMap<>();
    if (source instanceof DataSource.Idx idx) {
      map.put("idx", Map.of("images", idx.images().toString(), "labels",
          idx.labels().toString()));
      return map;
    }
    map.put(source.format(), source.paths().get(0).toString());
    map.putAll(source.options());
    return map;
  }

  @Override
  public int trainExamples() {
    return facts == null ? 1 : facts.trainExamples();
  }

  /** @return true once the files are read: the id then holds their SHA-256 */
  @Override
  public boolean identityHoldsData() {
    return facts != null;
  }

  /** @return the number of classes the network outputs */
  public int classes() {
    return data.classes();
  }
}
