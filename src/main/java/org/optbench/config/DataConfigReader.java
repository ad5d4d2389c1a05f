package org.optbench.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import org.optbench.data.DataDeclaration;
import org.optbench.data.DataSource;
import org.optbench.problem.Architecture;
import org.optbench.problem.DataProblem;
import org.optbench.problem.NetworkFile;

/**
 * Reads a problem's {@code data:} and {@code network:} keys: the user's files, the split, the
 * classes, the normalisation and the network (built-in, or a model file's path). Paths are resolved against the working
 * directory, as every path in a config, and kept absolute. Every mistake goes to the loader's
 * error list with its YAML path; nothing here reads the files.
 */
final class DataConfigReader {
  private static final Set<String> DATA_KEYS =
      Set.of("train", "test", "split", "classes", "normalize");
  private static final Set<String> CSV_KEYS = Set.of("csv", "labelColumn", "skipLines",
      "delimiter");
  private static final Set<String> IDX_KEYS = Set.of("idx");
  private static final Set<String> IDX_FILE_KEYS = Set.of("images", "labels");
  private static final Set<String> FOLDER_KEYS = Set.of("imageFolder", "height", "width",
      "channels");
  private static final Set<String> SPLIT_KEYS = Set.of("validation", "test", "seed");
  private static final Set<String> NETWORK_KEYS = Set.of("builtin", "hidden");
  private static final Set<String> FILE_NETWORK_KEYS = Set.of("dl4jJson", "keras");

  /** Most classes a problem may have: the trainer keeps class indices as unsigned bytes. */
  static final int MAX_CLASSES = 256;

  /** Held out of the training data when {@code split} does not say. */
  static final double DEFAULT_FRACTION = 0.1;

  private final BiConsumer<String, String> error;
  private boolean ok = true;

  /** @param error told the YAML path and message of each mistake */
  DataConfigReader(BiConsumer<String, String> error) {
    this.error = error;
  }

  private void error(String path, String message) {
    ok = false;
    error.accept(path, message);
  }

  /**
   * @param node the {@code data:} mapping
   * @param path its YAML path, e.g. {@code problems[0].data}
   * @return the declaration, or empty after reporting errors
   */
  Optional<DataDeclaration> data(JsonNode node, String path) {
    if (!node.isObject()) {
      error(path, "must be a mapping such as {train: {csv: data/train.csv, labelColumn: 64},"
          + " classes: 10}");
      return Optional.empty();
    }
    keys(node, path, DATA_KEYS);
    JsonNode trainNode = node.get("train");
    DataSource train = null;
    if (trainNode == null) {
      error(path + ".train", "is missing; give the training data, e.g. {csv: data/train.csv,"
          + " labelColumn: 64}");
    } else {
      train = source(trainNode, path + ".train");
    }
    DataSource test = node.has("test") ? source(node.get("test"), path + ".test") : null;
    JsonNode classesNode = node.get("classes");
    int classes = 0;
    if (classesNode == null) {
      error(path + ".classes", "is missing: optbench trains classifiers only, and needs the"
          + " number of classes (labels 0 to classes − 1, or that many names); a regression task"
          + " with real-valued targets is not supported");
    } else if (!classesNode.canConvertToInt() || !classesNode.isIntegralNumber()
        || classesNode.intValue() < 2 || classesNode.intValue() > MAX_CLASSES) {
      error(path + ".classes", classesNode + " is not accepted; expected an integer from 2 to "
          + MAX_CLASSES);
    } else {
      classes = classesNode.intValue();
    }
    DataDeclaration.Normalization normalize = DataDeclaration.Normalization.NONE;
    JsonNode norm = node.get("normalize");
    if (norm != null) {
      Optional<DataDeclaration.Normalization> n = DataDeclaration.Normalization.parse(norm.asText());
      if (!norm.isTextual() || n.isEmpty()) {
        error(path + ".normalize", norm + " is not accepted; expected standardize, minmax or"
            + " none");
      } else {
        normalize = n.get();
      }
    }
    DataDeclaration.Split split = split(node.get("split"), path + ".split", test != null);
    if (!ok || train == null || split == null) {
      return Optional.empty();
    }
    return Optional.of(new DataDeclaration(train, Optional.ofNullable(test), split, classes,
        normalize));
  }

  private DataSource source(JsonNode node, String path) {
    if (!node.isObject()) {
      error(path, "must be a mapping: {csv: FILE, labelColumn: N}, {idx: {images: FILE, labels:"
          + " FILE}} or {imageFolder: DIR, height: H, width: W, channels: C}");
      return null;
    }
    if (node.has("csv")) {
      keys(node, path, CSV_KEYS);
      Path file = path(node.get("csv"), path + ".csv");
      Integer labelColumn = integer(node.get("labelColumn"), path + ".labelColumn", 0, true);
      Integer skip = integer(node.get("skipLines"), path + ".skipLines", 0, false);
      char delimiter = ',';
      JsonNode d = node.get("delimiter");
      if (d != null) {
        if (!d.isTextual() || d.asText().length() != 1) {
          error(path + ".delimiter", d + " is not accepted; expected one character, e.g. ','"
              + " or ';' (a tab: \"\\t\")");
        } else {
          delimiter = d.asText().charAt(0);
        }
      }
      return file == null || labelColumn == null ? null
          : new DataSource.Csv(file, labelColumn, skip == null ? 0 : skip, delimiter);
    }
    if (node.has("idx")) {
      keys(node, path, IDX_KEYS);
      JsonNode idx = node.get("idx");
      if (!idx.isObject()) {
        error(path + ".idx", "must be a mapping {images: FILE, labels: FILE}");
        return null;
      }
      keys(idx, path + ".idx", IDX_FILE_KEYS);
      Path images = path(idx.get("images"), path + ".idx.images");
      Path labels = path(idx.get("labels"), path + ".idx.labels");
      return images == null || labels == null ? null : new DataSource.Idx(images, labels);
    }
    if (node.has("imageFolder")) {
      keys(node, path, FOLDER_KEYS);
      Path folder = path(node.get("imageFolder"), path + ".imageFolder");
      Integer h = integer(node.get("height"), path + ".height", 1, true);
      Integer w = integer(node.get("width"), path + ".width", 1, true);
      Integer c = integer(node.get("channels"), path + ".channels", 1, true);
      if (c != null && c != 1 && c != 3) {
        error(path + ".channels", c + " is not accepted; expected 1 (grey) or 3 (RGB)");
        return null;
      }
      return folder == null || h == null || w == null || c == null ? null
          : new DataSource.ImageFolder(folder, h, w, c);
    }
    error(path, "names no reader; accepted: csv, idx, imageFolder, e.g. {csv: data/train.csv,"
        + " labelColumn: 64}");
    return null;
  }

  private DataDeclaration.Split split(JsonNode node, String path, boolean testFile) {
    double validation = DEFAULT_FRACTION;
    double test = testFile ? 0 : DEFAULT_FRACTION;
    long seed = 0;
    if (node == null) {
      return new DataDeclaration.Split(validation, test, seed);
    }
    if (!node.isObject()) {
      error(path, "must be a mapping such as {validation: 0.1, test: 0.1, seed: 7}");
      return null;
    }
    keys(node, path, SPLIT_KEYS);
    if (node.has("validation")) {
      JsonNode v = node.get("validation");
      if (!v.isNumber() || !(v.doubleValue() > 0 && v.doubleValue() < 1)) {
        error(path + ".validation", v + " is not accepted; expected a fraction > 0 and < 1");
      } else {
        validation = v.doubleValue();
      }
    }
    if (node.has("test")) {
      JsonNode t = node.get("test");
      if (testFile) {
        error(path + ".test", "is not accepted beside a test file (data.test): with a test file,"
            + " split takes only the validation fraction from train; remove split.test or the"
            + " test file");
      } else if (!t.isNumber() || !(t.doubleValue() > 0 && t.doubleValue() < 1)) {
        error(path + ".test", t + " is not accepted; expected a fraction > 0 and < 1");
      } else {
        test = t.doubleValue();
      }
    }
    if (node.has("seed")) {
      JsonNode s = node.get("seed");
      if (!s.isIntegralNumber() || !s.canConvertToLong()) {
        error(path + ".seed", s + " is not accepted; expected an integer");
      } else {
        seed = s.longValue();
      }
    }
    if (validation + test >= 1) {
      error(path, "validation " + validation + " + test " + test + " leaves no training data;"
          + " the fractions must sum to less than 1");
    }
    return new DataDeclaration.Split(validation, test, seed);
  }

  /**
   * @param node the {@code network:} mapping
   * @param path its YAML path
   * @return the network, or empty after reporting errors
   */
  Optional<DataProblem.Network> network(JsonNode node, String path) {
    if (node == null) {
      error(path, "is missing; give a built-in network: {builtin: logreg}, {builtin: mlp,"
          + " hidden: [256, 128]} or {builtin: 2c2d}, or a model file: {dl4jJson: model.json}"
          + " or {keras: model.h5}");
      return Optional.empty();
    }
    if (!node.isObject()) {
      error(path, "must be a mapping such as {builtin: mlp, hidden: [256, 128]} or"
          + " {dl4jJson: model.json}");
      return Optional.empty();
    }
    for (NetworkFile.Format format : NetworkFile.Format.values()) {
      if (node.has(format.key())) {
        return fileNetwork(node, path, format);
      }
    }
    keys(node, path, NETWORK_KEYS);
    JsonNode b = node.get("builtin");
    Architecture arch = null;
    for (Architecture a : Architecture.values()) {
      if (b != null && a.suffix().equals(b.asText())) {
        arch = a;
      }
    }
    if (arch == null) {
      error(path + ".builtin", (b == null ? "is missing" : b + " is not a built-in network")
          + "; accepted: logreg, mlp, 2c2d, 3c3d");
      return Optional.empty();
    }
    JsonNode h = node.get("hidden");
    List<Integer> hidden = new ArrayList<>();
    if (h != null && arch != Architecture.MLP) {
      error(path + ".hidden", "applies to mlp only; " + arch.suffix() + " has a fixed shape");
      return Optional.empty();
    }
    if (arch == Architecture.MLP) {
      if (h == null) {
        hidden.addAll(DataProblem.DEFAULT_HIDDEN);
      } else if (!h.isArray() || h.isEmpty()) {
        error(path + ".hidden", h + " is not accepted; expected a non-empty list of layer"
            + " widths, e.g. [256, 128]");
        return Optional.empty();
      } else {
        for (int i = 0; i < h.size(); i++) {
          Integer width = integer(h.get(i), path + ".hidden[" + i + "]", 1, true);
          if (width == null) {
            return Optional.empty();
          }
          hidden.add(width);
        }
      }
    }
    return Optional.of(new DataProblem.Builtin(arch, hidden));
  }

  /**
   * A model file's network, not yet read: {@link DataProblem#load} reads it with the data's
   * shape, so its errors come with the data's.
   */
  private Optional<DataProblem.Network> fileNetwork(JsonNode node, String path,
      NetworkFile.Format format) {
    if (node.size() != 1) {
      error(path, "a model file is given alone, as {" + format.key() + ": FILE}; found keys "
          + names(node.fieldNames()) + " (dl4jJson, keras and builtin exclude each other)");
      return Optional.empty();
    }
    Path file = path(node.get(format.key()), path + "." + format.key());
    if (file == null) {
      return Optional.empty();
    }
    return Optional.of(new DataProblem.FromFile(
        new NetworkFile(format, file, null, false, List.of())));
  }

  private static List<String> names(Iterator<String> names) {
    List<String> list = new ArrayList<>();
    names.forEachRemaining(list::add);
    return list;
  }

  private Path path(JsonNode node, String path) {
    if (node == null || !node.isTextual() || node.asText().isBlank()) {
      error(path, (node == null ? "is missing" : node + " is not accepted")
          + "; expected a path (relative to the working directory, or absolute)");
      return null;
    }
    return Path.of(node.asText()).toAbsolutePath().normalize();
  }

  private Integer integer(JsonNode node, String path, int min, boolean required) {
    if (node == null) {
      if (required) {
        error(path, "is missing; expected an integer >= " + min);
      }
      return null;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < min) {
      error(path, node + " is not accepted; expected an integer >= " + min);
      return null;
    }
    return node.intValue();
  }

  private void keys(JsonNode node, String path, Set<String> allowed) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!allowed.contains(key)) {
        error(path + "." + key, "unknown key; accepted: " + allowed.stream().sorted().toList());
      }
    }
  }
}
