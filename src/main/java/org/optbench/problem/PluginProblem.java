package org.optbench.problem;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.optbench.Sha256;
import org.optbench.data.DataException;
import org.optbench.data.PreparedData;
import org.optbench.data.UserData;

/**
 * A classification problem written in Java and loaded from a plugin jar: its examples and network
 * come from the plugin's code, its kind, training and figures are those of classification on the
 * user's files ({@link ProblemKinds#FILE_CLASSIFICATION}).
 *
 * <p>Identity: {@link #parameters()} holds the plugin's class and its jar's SHA-256, the data's
 * SHA-256 (of shape, classes and every value of the three sets) and the network's canonical JSON,
 * so a changed jar, data set or network gives new trial ids and a moved jar does not.
 *
 * @param id the problem's id
 * @param origin the plugin's class and jar
 * @param data the examples, labels as class indices; null when read back by the report
 * @param dataSha256 SHA-256 of the examples; null when read back by the report
 * @param network the network with its canonical JSON; null when read back by the report
 * @param trainExamples examples in the training set (≥ 1)
 */
public record PluginProblem(String id, Origin origin, PreparedData data, String dataSha256,
    NetworkFile network, int trainExamples) implements ProblemSpec {

  /** Key of the plugin entry in a resolved config's problem. */
  public static final String CONFIG_KEY = "plugin";

  /**
   * Where a problem plugin comes from.
   *
   * @param className the plugin's class, binary name
   * @param jar its jar, absolute; null for a class of optbench's class path
   * @param sha256 the jar's SHA-256; null with {@code jar}
   */
  public record Origin(String className, Path jar, String sha256) {}

  /**
   * One set of examples as the plugin gives it.
   *
   * @param features {@code rows × width} values, example after example
   * @param oneHot {@code rows × classes} one-hot labels, example after example
   */
  public record Examples(float[] features, float[] oneHot) {}

  /**
   * Checks the plugin's examples, codes the labels as class indices, hashes the data and reads the
   * network with the checks of a model file.
   *
   * @param id the problem's id
   * @param origin the plugin's class and jar
   * @param shape one example's shape: {@code [features]} or {@code [height, width, channels]}
   * @param classes number of classes (≥ 2)
   * @param train training examples
   * @param validation validation examples
   * @param test test examples
   * @param networkJson the network's DL4J JSON
   * @return the problem
   * @throws DataException if the shape, the class count or a set's array lengths are wrong, a
   *     set is empty, a feature is not finite or a label is not one-hot (naming the set and row)
   * @throws NetworkFileException if the network cannot be used or does not fit the data
   */
  public static PluginProblem load(String id, Origin origin, int[] shape, int classes,
      Examples train, Examples validation, Examples test, String networkJson) {
    String who = "problem '" + id + "' (" + origin.className() + ")";
    if (shape == null || (shape.length != 1 && shape.length != 3)) {
      throw new DataException(who + ": the data's shape must be [features] or [height, width,"
          + " channels], found " + (shape == null ? "none" : java.util.Arrays.toString(shape)));
    }
    int width = 1;
    for (int d : shape) {
      if (d < 1) {
        throw new DataException(who + ": the data's shape " + java.util.Arrays.toString(shape)
            + " has a size below 1");
      }
      width *= d;
    }
    if (classes < 2) {
      throw new DataException(who + ": " + classes + " classes; at least 2 are needed");
    }
    MessageDigest digest = Sha256.newDigest();
    digest.update(ByteBuffer.allocate(4 * (shape.length + 2)).putInt(shape.length)
        .putInt(classes).array());
    for (int d : shape) {
      digest.update(ByteBuffer.allocate(4).putInt(d).array());
    }
    PreparedData.Part tr = part(who, "train", train, width, classes, digest);
    PreparedData.Part va = part(who, "validation", validation, width, classes, digest);
    PreparedData.Part te = part(who, "test", test, width, classes, digest);
    String sha = Sha256.hex(digest.digest());
    List<String> names = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      names.add(Integer.toString(c));
    }
    Map<String, String> facts = new TreeMap<>();
    facts.put(UserData.TRAIN_EXAMPLES, Integer.toString(tr.rows()));
    facts.put("rows", "train " + tr.rows() + ", validation " + va.rows() + ", test "
        + te.rows());
    facts.put("shape", java.util.Arrays.toString(shape));
    facts.put("classes", Integer.toString(classes));
    PreparedData data = new PreparedData(shape.clone(), classes, names, tr, va, te,
        Map.of("data", sha), facts);
    Path source = origin.jar() != null ? origin.jar() : Path.of(origin.className());
    NetworkFile network = NetworkFile.fromJson(networkJson, source, shape, classes);
    return new PluginProblem(id, origin, data, sha, network, tr.rows());
  }

  private static PreparedData.Part part(String who, String set, Examples examples, int width,
      int classes, MessageDigest digest) {
    if (examples == null || examples.features() == null || examples.oneHot() == null) {
      throw new DataException(who + ": the " + set + " set is missing");
    }
    float[] x = examples.features();
    float[] y = examples.oneHot();
    if (x.length == 0 || x.length % width != 0) {
      throw new DataException(who + ": the " + set + " set has " + x.length + " feature values,"
          + " not a positive multiple of the example width " + width);
    }
    int rows = x.length / width;
    if (y.length != rows * classes) {
      throw new DataException(who + ": the " + set + " set has " + rows + " examples, so "
          + rows * classes + " label values (one-hot over " + classes + " classes), but "
          + y.length + " are given");
    }
    int[] labels = new int[rows];
    for (int i = 0; i < rows; i++) {
      int label = -1;
      for (int c = 0; c < classes; c++) {
        float v = y[i * classes + c];
        if (v == 1f && label < 0) {
          label = c;
        } else if (v != 0f) {
          label = -2;
          break;
        }
      }
      if (label < 0) {
        throw new DataException(who + ": the " + set + " set's label of example " + i
            + " is not one-hot (exactly one 1, the rest 0)");
      }
      labels[i] = label;
    }
    for (int i = 0; i < x.length; i++) {
      if (!Float.isFinite(x[i])) {
        throw new DataException(who + ": the " + set + " set's example " + i / width
            + " has the value " + x[i] + " at feature " + i % width + "; features are finite");
      }
    }
    ByteBuffer bytes = ByteBuffer.allocate(4 + 4 * x.length + 4 * rows);
    bytes.putInt(rows);
    for (float v : x) {
      bytes.putInt(Float.floatToIntBits(v));
    }
    for (int l : labels) {
      bytes.putInt(l);
    }
    digest.update(bytes.array());
    return new PreparedData.Part(x, labels);
  }

  /**
   * A problem as the report reads it back from a resolved config, without its plugin.
   *
   * @param id the problem id
   * @param origin the plugin's class and jar, as recorded
   * @param trainExamples the training set's size, as recorded (≥ 1)
   * @return the problem, with null data and network
   */
  public static PluginProblem recorded(String id, Origin origin, int trainExamples) {
    return new PluginProblem(id, origin, null, null, null, trainExamples);
  }

  /**
   * @param id the problem's id
   * @param description the plugin's description
   * @return its catalogue-style entry: the kind and default target of a problem on the user's
   *     files ({@link DataProblem#info}), no {@code params}
   */
  public static ProblemInfo info(String id, String description) {
    ProblemInfo files = DataProblem.info(id);
    return new ProblemInfo(id, files.kind(), description, List.of(), files.target(),
        files.divergenceFactor(), v -> {
          throw new IllegalArgumentException(id + " is defined by its plugin, not params");
        });
  }

  @Override
  public ProblemKind kind() {
    return ProblemKinds.FILE_CLASSIFICATION;
  }

  /** @return true unless read back by the report: the id then holds the data's SHA-256 */
  @Override
  public boolean identityHoldsData() {
    return dataSha256 != null;
  }

  /**
   * @return {@code plugin} (class, and the jar's SHA-256 if it came from one), {@code data} (SHA-256, shape, classes, set
   *     sizes) and {@code network} ({@code dl4jJson}: the canonical JSON); for a problem read
   *     back by the report, only {@code plugin}
   */
  @Override
  public Map<String, Object> parameters() {
    Map<String, Object> map = new LinkedHashMap<>();
    Map<String, Object> plugin = new LinkedHashMap<>();
    plugin.put("class", origin.className());
    if (origin.sha256() != null) {
      plugin.put("sha256", origin.sha256());
    }
    map.put(CONFIG_KEY, plugin);
    if (data != null) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("sha256", dataSha256);
      List<Integer> shape = new ArrayList<>();
      for (int s : data.shape()) {
        shape.add(s);
      }
      d.put("shape", shape);
      d.put("classes", data.classes());
      d.put("train", data.train().rows());
      d.put("validation", data.validation().rows());
      d.put("test", data.test().rows());
      map.put("data", d);
      map.put("network", Map.of(network.format().key(), network.canonicalJson()));
    }
    return map;
  }

  /**
   * @return {@code plugin: {class, jar, sha256, trainExamples}} (no jar and hash for a class of
   *     the class path), what the report needs to read the problem back without its plugin
   */
  @Override
  public Map<String, Object> configEntries() {
    Map<String, Object> plugin = new LinkedHashMap<>();
    plugin.put("class", origin.className());
    if (origin.jar() != null) {
      plugin.put("jar", origin.jar().toString());
      plugin.put("sha256", origin.sha256());
    }
    plugin.put("trainExamples", trainExamples);
    Map<String, Object> map = new LinkedHashMap<>();
    map.put(CONFIG_KEY, plugin);
    return map;
  }
}
