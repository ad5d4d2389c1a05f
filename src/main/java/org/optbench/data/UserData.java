package org.optbench.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.optbench.Sha256;

/**
 * Loads a {@link DataDeclaration} from the user's files, once per process: each file is read and
 * hashed once (while its size and modification time stay the same), and each declaration is
 * split and normalised once, so every trial of the process shares one {@link PreparedData}.
 * Plain Java; every mistake in the data is a {@link DataException} naming the file, and where it
 * applies the line, column or image.
 */
public final class UserData {
  /** Key of the training split's size among the recorded facts of the data. */
  public static final String TRAIN_EXAMPLES = "trainExamples";

  /** An integer label, also as a float writer such as pandas spells it: {@code 1.0}. */
  private static final Pattern INTEGER = Pattern.compile("-?\\d+(\\.0+)?");
  private static final Map<SourceKey, Loaded> SOURCES = new ConcurrentHashMap<>();
  private static final Map<DeclarationKey, PreparedData> PREPARED = new ConcurrentHashMap<>();

  private UserData() {}

  /** A source's examples and content hashes (by file name). */
  private record Loaded(RawTable table, Map<String, String> sha256) {}

  /** A source at a given state of its files, so an edited file is read again. */
  private record SourceKey(DataSource source, List<String> stamps) {}

  private record DeclarationKey(DataDeclaration declaration, List<String> stamps) {}

  /**
   * @param declaration what to load
   * @return the prepared data (the same instance for every call while the files are unchanged)
   * @throws DataException if a file is missing, unreadable or malformed, a label lies outside
   *     the classes, looks like a regression target, or the split leaves a set empty
   */
  public static PreparedData prepare(DataDeclaration declaration) {
    List<String> stamps = new ArrayList<>(stamps(declaration.train()));
    declaration.test().ifPresent(t -> stamps.addAll(stamps(t)));
    return PREPARED.computeIfAbsent(new DeclarationKey(declaration, stamps),
        k -> build(declaration));
  }

  private static List<String> stamps(DataSource source) {
    List<String> out = new ArrayList<>();
    for (Path p : source.paths()) {
      // A folder's own time does not change when an image in it is edited: stamp every file.
      try (java.util.stream.Stream<Path> files = Files.isDirectory(p) ? Files.walk(p)
          : java.util.stream.Stream.of(p)) {
        for (Path f : files.sorted().toList()) {
          out.add(f + "@" + Files.size(f) + "@" + Files.getLastModifiedTime(f).toMillis());
        }
      } catch (IOException | java.io.UncheckedIOException e) {
        String why = e instanceof java.nio.file.NoSuchFileException
            || e.getCause() instanceof java.nio.file.NoSuchFileException ? " does not exist"
            : " cannot be read (" + e.getMessage() + ")";
        throw new DataException(p + why + "; paths in a config are relative to the working"
            + " directory", e);
      }
    }
    return out;
  }

  private static Loaded load(DataSource source) {
    return SOURCES.computeIfAbsent(new SourceKey(source, stamps(source)), k -> read(source));
  }

  private static Loaded read(DataSource source) {
    if (source instanceof DataSource.Csv csv) {
      return new Loaded(CsvTableReader.read(csv),
          Map.of(csv.file().getFileName().toString(), hash(csv.file())));
    }
    if (source instanceof DataSource.Idx idx) {
      ImageSet set = IdxReader.readAnySize(idx.images(), idx.labels());
      int size = set.pixelsPerImage();
      float[] values = new float[set.count() * size];
      byte[] pixels = set.pixels();
      for (int i = 0; i < values.length; i++) {
        values[i] = (pixels[i] & 0xFF) / 255f;
      }
      String[] labels = new String[set.count()];
      for (int i = 0; i < labels.length; i++) {
        labels[i] = Integer.toString(set.label(i));
      }
      Map<String, String> sha = new LinkedHashMap<>();
      sha.put(idx.images().getFileName().toString(), hash(idx.images()));
      sha.put(idx.labels().getFileName().toString(), hash(idx.labels()));
      return new Loaded(new RawTable(set.count(), new int[] {set.rows(), set.cols(), 1},
          values, labels, i -> idx.labels() + ": label " + i), sha);
    }
    DataSource.ImageFolder folder = (DataSource.ImageFolder) source;
    ImageFolderReader.Read r = ImageFolderReader.read(folder);
    return new Loaded(r.table(), Map.of(folder.folder().getFileName() + "/", r.sha256()));
  }

  private static String hash(Path file) {
    try {
      return Sha256.of(file);
    } catch (IOException e) {
      throw new DataException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static PreparedData build(DataDeclaration d) {
    Loaded train = load(d.train());
    Optional<Loaded> test = d.test().map(UserData::load);
    if (test.isPresent() && !Arrays.equals(test.get().table().shape(), train.table().shape())) {
      throw new DataException("the test data " + d.test().get().paths().get(0) + " has "
          + test.get().table().describeShape() + " but the training data "
          + d.train().paths().get(0) + " has " + train.table().describeShape()
          + "; both must have the same shape");
    }
    List<RawTable> tables = new ArrayList<>(List.of(train.table()));
    test.ifPresent(t -> tables.add(t.table()));
    List<String> names = new ArrayList<>();
    List<int[]> coded = code(tables, d.classes(), names);

    int n = train.table().rows();
    int nv = (int) Math.round(d.split().validation() * n);
    int nt = test.isPresent() ? 0 : (int) Math.round(d.split().test() * n);
    String source = d.train().paths().get(0).getFileName().toString();
    String fractions = "validation " + d.split().validation()
        + (test.isPresent() ? "" : ", test " + d.split().test()) + " of the " + n + " examples of "
        + source;
    if (nv < 1) {
      throw new DataException("the split leaves the validation set empty: " + fractions
          + " gives " + nv + " validation examples; raise split.validation");
    }
    if (!test.isPresent() && nt < 1) {
      throw new DataException("the split leaves the test set empty: " + fractions + " gives "
          + nt + " test examples; raise split.test or give a test file (data.test)");
    }
    if (n - nv - nt < 1) {
      throw new DataException("the split leaves the training set empty: " + fractions
          + " holds out all of them; lower the fractions");
    }
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(d.split().seed());
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int[] validationRows = sorted(order, 0, nv);
    int[] testRows = sorted(order, nv, nv + nt);
    int[] trainRows = sorted(order, nv + nt, n);

    RawTable t0 = train.table();
    PreparedData.Part trainPart = part(t0, coded.get(0), trainRows);
    PreparedData.Part validationPart = part(t0, coded.get(0), validationRows);
    PreparedData.Part testPart = test.isPresent()
        ? part(test.get().table(), coded.get(1), all(test.get().table().rows()))
        : part(t0, coded.get(0), testRows);
    String stats = normalize(d.normalize(), t0.width(), trainPart,
        List.of(trainPart, validationPart, testPart));

    Map<String, String> sha = new LinkedHashMap<>();
    train.sha256().forEach((file, h) -> sha.put("train: " + file, h));
    test.ifPresent(t -> t.sha256().forEach((file, h) -> sha.put("test: " + file, h)));
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("rows", "train " + trainPart.rows() + ", validation " + validationPart.rows()
        + ", test " + testPart.rows() + " (" + n + " in " + source
        + test.map(t -> ", " + t.table().rows() + " in the test file").orElse("") + ")");
    facts.put(TRAIN_EXAMPLES, Integer.toString(trainPart.rows()));
    facts.put("features", t0.describeShape());
    facts.put("classCounts", "train " + counts(trainPart, d.classes()) + ", validation "
        + counts(validationPart, d.classes()) + ", test " + counts(testPart, d.classes()));
    facts.put("labels", names.toString());
    facts.put("split", "seed " + d.split().seed() + ", " + fractions);
    facts.put("normalization", stats);
    return new PreparedData(t0.shape().clone(), d.classes(), List.copyOf(names), trainPart,
        validationPart, testPart, Collections.unmodifiableMap(new TreeMap<>(sha)), facts);
  }

  /**
   * Integer labels are class indices; any other labels are classes in sorted order. Fills
   * {@code names} with each index's label.
   */
  private static List<int[]> code(List<RawTable> tables, int classes, List<String> names) {
    boolean integers = tables.stream().allMatch(t -> Arrays.stream(t.labels())
        .allMatch(l -> INTEGER.matcher(l).matches()));
    List<int[]> out = new ArrayList<>();
    if (integers) {
      for (RawTable t : tables) {
        int[] coded = new int[t.rows()];
        for (int i = 0; i < coded.length; i++) {
          long v;
          try {
            v = Long.parseLong(t.labels()[i].replaceFirst("\\.0+$", ""));
          } catch (NumberFormatException beyondLong) {
            v = Long.MAX_VALUE;
          }
          if (v < 0 || v >= classes) {
            throw new DataException(t.origin().apply(i) + ": label " + t.labels()[i]
                + " is outside the " + classes + " classes (0 to " + (classes - 1)
                + "); fix the label or raise data.classes");
          }
          coded[i] = (int) v;
        }
        out.add(coded);
      }
      for (int c = 0; c < classes; c++) {
        names.add(Integer.toString(c));
      }
      return requireTwoClasses(tables, out);
    }
    for (RawTable t : tables) {
      for (int i = 0; i < t.rows(); i++) {
        String label = t.labels()[i];
        if (!INTEGER.matcher(label).matches() && isNumber(label)) {
          throw new DataException(t.origin().apply(i) + ": label '" + label + "' is a"
              + " non-integer number, which looks like a regression target; optbench trains"
              + " classifiers only (labels: integers 0 to classes − 1, or names)");
        }
      }
    }
    TreeSet<String> distinct = new TreeSet<>();
    tables.forEach(t -> distinct.addAll(Arrays.asList(t.labels())));
    if (distinct.size() > classes) {
      throw new DataException("the data hold " + distinct.size() + " distinct labels "
          + abbreviate(distinct) + " but data.classes is " + classes + "; a label outside the"
          + " classes: fix the labels or raise data.classes");
    }
    if (distinct.size() < classes && distinct.size() > 1) {
      throw new DataException("the data hold " + distinct.size() + " distinct labels "
          + abbreviate(distinct) + " but data.classes is " + classes + "; named labels are the"
          + " classes, in sorted order, so each class needs its name in the data: set"
          + " data.classes: " + distinct.size());
    }
    names.addAll(distinct);
    for (RawTable t : tables) {
      int[] coded = new int[t.rows()];
      for (int i = 0; i < coded.length; i++) {
        coded[i] = names.indexOf(t.labels()[i]);
      }
      out.add(coded);
    }
    return requireTwoClasses(tables, out);
  }

  /** A classifier needs two classes to tell apart; one label everywhere is a mistake. */
  private static List<int[]> requireTwoClasses(List<RawTable> tables, List<int[]> coded) {
    int first = -1;
    for (int[] labels : coded) {
      for (int c : labels) {
        if (first < 0) {
          first = c;
        } else if (c != first) {
          return coded;
        }
      }
    }
    String label = tables.get(0).rows() == 0 ? "" : " '" + tables.get(0).labels()[0] + "'";
    throw new DataException(tables.get(0).origin().apply(0).replaceFirst(":\\d+$", "")
        + ": every example has the same label" + label + "; a classifier needs at least two"
        + " classes in the data");
  }

  private static boolean isNumber(String s) {
    try {
      Double.parseDouble(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static String abbreviate(TreeSet<String> labels) {
    List<String> list = new ArrayList<>(labels);
    return list.size() <= 12 ? list.toString()
        : list.subList(0, 12).toString().replace("]", ", …]");
  }

  private static int[] sorted(int[] order, int from, int to) {
    int[] rows = Arrays.copyOfRange(order, from, to);
    Arrays.sort(rows);
    return rows;
  }

  private static int[] all(int n) {
    int[] rows = new int[n];
    for (int i = 0; i < n; i++) {
      rows[i] = i;
    }
    return rows;
  }

  private static PreparedData.Part part(RawTable table, int[] labels, int[] rows) {
    int w = table.width();
    float[] x = new float[rows.length * w];
    int[] y = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(table.features(), rows[i] * w, x, i * w, w);
      y[i] = labels[rows[i]];
    }
    return new PreparedData.Part(x, y);
  }

  /**
   * Scales every part in place with per-feature statistics of {@code train}, computed in double
   * precision in example order.
   *
   * @return the statistics, as recorded in the manifest
   */
  private static String normalize(DataDeclaration.Normalization how, int w,
      PreparedData.Part train, List<PreparedData.Part> parts) {
    if (how == DataDeclaration.Normalization.NONE) {
      return "none";
    }
    int n = train.rows();
    double[] a = new double[w];
    double[] b = new double[w];
    float[] x = train.features();
    if (how == DataDeclaration.Normalization.STANDARDIZE) {
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < w; j++) {
          a[j] += x[i * w + j];
        }
      }
      for (int j = 0; j < w; j++) {
        a[j] /= n;
      }
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < w; j++) {
          double dev = x[i * w + j] - a[j];
          b[j] += dev * dev;
        }
      }
      for (int j = 0; j < w; j++) {
        b[j] = Math.sqrt(b[j] / n);
      }
    } else {
      Arrays.fill(a, Double.POSITIVE_INFINITY);
      Arrays.fill(b, Double.NEGATIVE_INFINITY);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < w; j++) {
          a[j] = Math.min(a[j], x[i * w + j]);
          b[j] = Math.max(b[j], x[i * w + j]);
        }
      }
    }
    for (PreparedData.Part part : parts) {
      float[] v = part.features();
      for (int i = 0; i < part.rows(); i++) {
        for (int j = 0; j < w; j++) {
          double value = v[i * w + j];
          double scaled;
          if (how == DataDeclaration.Normalization.STANDARDIZE) {
            scaled = b[j] > 0 ? (value - a[j]) / b[j] : value - a[j];
          } else {
            scaled = b[j] > a[j] ? (value - a[j]) / (b[j] - a[j]) : 0;
          }
          v[i * w + j] = (float) scaled;
        }
      }
    }
    return how == DataDeclaration.Normalization.STANDARDIZE
        ? "standardize, from the training split: mean " + Arrays.toString(a) + ", std "
            + Arrays.toString(b)
        : "minmax, from the training split: min " + Arrays.toString(a) + ", max "
            + Arrays.toString(b);
  }

  private static String counts(PreparedData.Part part, int classes) {
    int[] c = new int[classes];
    for (int y : part.labels()) {
      c[y]++;
    }
    return Arrays.toString(c);
  }
}
