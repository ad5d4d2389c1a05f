package org.optbench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data from the user's files: each reader on generated fixtures (CSV plain, gzip, with a header
 * and string labels; IDX of another size; PNG and JPEG folders), the split and normalisation, and
 * every bad-data error with the file, line and column it names.
 */
class UserDataTest {
  @TempDir
  Path dir;

  private static final DataDeclaration.Split SPLIT = new DataDeclaration.Split(0.25, 0.25, 7);

  private DataDeclaration csv(Path file, int labelColumn, int skip, int classes) {
    return new DataDeclaration(new DataSource.Csv(file, labelColumn, skip, ','), Optional.empty(),
        SPLIT, classes, DataDeclaration.Normalization.NONE);
  }

  /** Eight rows: features (i, 10·i), label i % 2. */
  private Path eightRows(String name, String header) throws IOException {
    StringBuilder text = new StringBuilder(header);
    for (int i = 0; i < 8; i++) {
      text.append(i).append(',').append(10 * i).append(',').append(i % 2).append('\n');
    }
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void csvRowsAreSplitBySeedAndKeepTheirValuesAndLabels() throws IOException {
    PreparedData d = UserData.prepare(csv(eightRows("plain.csv", ""), 2, 0, 2));
    assertArrayEquals(new int[] {2}, d.shape());
    assertEquals(4, d.train().rows());
    assertEquals(2, d.validation().rows());
    assertEquals(2, d.test().rows());
    // Every row lands in exactly one set, with its own label.
    float[] firsts = new float[8];
    int seen = 0;
    for (PreparedData.Part p : List.of(d.train(), d.validation(), d.test())) {
      for (int i = 0; i < p.rows(); i++) {
        float x = p.features()[2 * i];
        assertEquals(10 * x, p.features()[2 * i + 1]);
        assertEquals((int) x % 2, p.labels()[i]);
        firsts[seen++] = x;
      }
    }
    java.util.Arrays.sort(firsts);
    assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5, 6, 7}, firsts);
    assertEquals(List.of("0", "1"), d.labelNames());
    assertTrue(d.facts().get("rows").startsWith("train 4, validation 2, test 2"),
        d.facts().toString());
  }

  @Test
  void anotherSeedHoldsOutOtherRows() throws IOException {
    Path file = eightRows("seeded.csv", "");
    PreparedData a = UserData.prepare(csv(file, 2, 0, 2));
    PreparedData b = UserData.prepare(new DataDeclaration(new DataSource.Csv(file, 2, 0, ','),
        Optional.empty(), new DataDeclaration.Split(0.25, 0.25, 8), 2,
        DataDeclaration.Normalization.NONE));
    assertNotEquals(java.util.Arrays.toString(a.validation().features()),
        java.util.Arrays.toString(b.validation().features()));
  }

  @Test
  void gzipHeaderAndStringLabelsReadTheSameRows() throws IOException {
    Path plain = eightRows("rows.csv", "");
    Path gz = dir.resolve("rows.csv.gz");
    Files.write(gz, TestFiles.gzip(Files.readAllBytes(plain)));
    Path header = eightRows("header.csv", "a,b,label\n");
    PreparedData p = UserData.prepare(csv(plain, 2, 0, 2));
    PreparedData g = UserData.prepare(csv(gz, 2, 0, 2));
    PreparedData h = UserData.prepare(csv(header, 2, 1, 2));
    assertArrayEquals(p.train().features(), g.train().features());
    assertArrayEquals(p.train().features(), h.train().features());
    assertEquals(p.sha256().values().iterator().next().length(), 64);
    assertNotEquals(p.sha256().values().iterator().next(), g.sha256().values().iterator().next());

    Path named = Files.writeString(dir.resolve("named.csv"),
        "0.5,zebra\n1.5,ant\n2.5,zebra\n3.5,moth\n4.5,ant\n5.5,moth\n6.5,ant\n7.5,zebra\n");
    PreparedData s = UserData.prepare(csv(named, 1, 0, 3));
    assertEquals(List.of("ant", "moth", "zebra"), s.labelNames(), "sorted order");
    for (PreparedData.Part part : List.of(s.train(), s.validation(), s.test())) {
      for (int i = 0; i < part.rows(); i++) {
        float x = part.features()[i];
        int expected = x == 1.5f || x == 4.5f || x == 6.5f ? 0 : x == 3.5f || x == 5.5f ? 1 : 2;
        assertEquals(expected, part.labels()[i], "row with " + x);
      }
    }
  }

  @Test
  void standardizationUsesTrainingStatisticsOnly() throws IOException {
    Path file = eightRows("norm.csv", "");
    PreparedData d = UserData.prepare(new DataDeclaration(new DataSource.Csv(file, 2, 0, ','),
        Optional.empty(), SPLIT, 2, DataDeclaration.Normalization.STANDARDIZE));
    PreparedData raw = UserData.prepare(csv(file, 2, 0, 2));
    double mean = 0;
    for (int i = 0; i < 4; i++) {
      mean += raw.train().features()[2 * i];
    }
    mean /= 4;
    double var = 0;
    for (int i = 0; i < 4; i++) {
      var += Math.pow(raw.train().features()[2 * i] - mean, 2);
    }
    double std = Math.sqrt(var / 4);
    assertEquals((float) ((raw.validation().features()[0] - mean) / std),
        d.validation().features()[0]);
    double trainMean = 0;
    for (int i = 0; i < 4; i++) {
      trainMean += d.train().features()[2 * i];
    }
    assertEquals(0, trainMean, 1e-6, "training features are centred");
    assertTrue(d.facts().get("normalization").startsWith("standardize, from the training split:"
        + " mean [" + mean), d.facts().get("normalization"));
  }

  @Test
  void idxFilesOfAnySizeUncompressedOrGzipped() throws IOException {
    byte[] pixels = new byte[6 * 3 * 5];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) (i * 3);
    }
    Path images = dir.resolve("images.idx");
    Files.write(images, TestFiles.imagesIdx(IdxReader.IMAGES_MAGIC, 6, 3, 5, pixels));
    Path labels = dir.resolve("labels.idx.gz");
    Files.write(labels, TestFiles.gzip(TestFiles.labelsIdx(IdxReader.LABELS_MAGIC, 6,
        new byte[] {0, 1, 2, 0, 1, 2})));
    PreparedData d = UserData.prepare(new DataDeclaration(new DataSource.Idx(images, labels),
        Optional.empty(), new DataDeclaration.Split(0.2, 0.2, 1), 3,
        DataDeclaration.Normalization.NONE));
    assertArrayEquals(new int[] {3, 5, 1}, d.shape());
    assertEquals(4 + 1 + 1, d.train().rows() + d.validation().rows() + d.test().rows());
    // The hashes enter the trial id in this order: it must not vary from run to run.
    assertEquals(List.of("train: images.idx", "train: labels.idx.gz"),
        List.copyOf(d.sha256().keySet()));
    // Row i's pixels start at 45·i·3 (mod 256) / 255.
    for (PreparedData.Part p : List.of(d.train(), d.validation(), d.test())) {
      for (int i = 0; i < p.rows(); i++) {
        int image = (Math.round(p.features()[15 * i] * 255) / 3) / 15;
        assertEquals(image % 3, p.labels()[i]);
        assertEquals(((15 * image + 14) * 3 & 0xFF) / 255f, p.features()[15 * i + 14]);
      }
    }
  }

  private Path imageFolder(String name, int h, int w, int type, String... classes)
      throws IOException {
    Path root = dir.resolve(name);
    int k = 0;
    for (String c : classes) {
      Files.createDirectories(root.resolve(c));
      for (int i = 0; i < 4; i++) {
        BufferedImage image = new BufferedImage(w, h, type);
        for (int y = 0; y < h; y++) {
          for (int x = 0; x < w; x++) {
            int v = (k * 40 + y * 10 + x) & 0xFF;
            image.getRaster().setSample(x, y, 0, v);
            if (type != BufferedImage.TYPE_BYTE_GRAY) {
              image.getRaster().setSample(x, y, 1, 255 - v);
              image.getRaster().setSample(x, y, 2, 7);
            }
          }
        }
        ImageIO.write(image, "png", root.resolve(c).resolve("img" + i + ".png").toFile());
        k++;
      }
    }
    return root;
  }

  private static DataDeclaration folder(Path root, int h, int w, int c) {
    return new DataDeclaration(new DataSource.ImageFolder(root, h, w, c), Optional.empty(),
        SPLIT, 2, DataDeclaration.Normalization.NONE);
  }

  @Test
  void imageFoldersGiveChannelMajorPixelsLabelledByFolder() throws IOException {
    Path grey = imageFolder("grey", 3, 4, BufferedImage.TYPE_BYTE_GRAY, "cat", "dog");
    PreparedData g = UserData.prepare(folder(grey, 3, 4, 1));
    assertArrayEquals(new int[] {3, 4, 1}, g.shape());
    assertEquals(List.of("cat", "dog"), g.labelNames());
    assertEquals(8, g.train().rows() + g.validation().rows() + g.test().rows());
    for (int i = 0; i < g.train().rows(); i++) {
      int k = Math.round(g.train().features()[12 * i] * 255) / 40;
      assertEquals(k < 4 ? 0 : 1, g.train().labels()[i]);
      assertEquals(((k * 40 + 2 * 10 + 3) & 0xFF) / 255f, g.train().features()[12 * i + 11]);
    }
    Path rgb = imageFolder("rgb", 2, 2, BufferedImage.TYPE_3BYTE_BGR, "a", "b");
    PreparedData c = UserData.prepare(folder(rgb, 2, 2, 3));
    float[] first = c.train().features();
    // Channel 0 (red) then channel 1 (green = 255 − red) then channel 2 (blue = 7).
    assertEquals(1f, first[0] + first[4], 1e-6);
    assertEquals(7 / 255f, first[8]);
    assertEquals(1, c.sha256().size());
  }

  @Test
  void jpegImagesAreRead() throws IOException {
    Path root = dir.resolve("jpeg");
    for (String c : List.of("x", "y")) {
      Files.createDirectories(root.resolve(c));
      for (int i = 0; i < 4; i++) {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_3BYTE_BGR);
        ImageIO.write(image, "jpg", root.resolve(c).resolve(i + ".jpg").toFile());
      }
    }
    PreparedData d = UserData.prepare(folder(root, 8, 8, 3));
    assertEquals(0f, d.train().features()[0], 2 / 255f);
  }

  @Test
  void theSameFilesAreLoadedOncePerProcess() throws IOException {
    Path file = eightRows("once.csv", "");
    assertSame(UserData.prepare(csv(file, 2, 0, 2)), UserData.prepare(csv(file, 2, 0, 2)));
  }

  private String error(DataDeclaration declaration) {
    return assertThrows(DataException.class, () -> UserData.prepare(declaration)).getMessage();
  }

  /**
   * Bytes that are not UTF-8 are an error naming their line, also past the reader's first block,
   * and in a gzip file; two Latin-1 labels would otherwise read as one class. A UTF-8
   * byte-order mark is not data.
   */
  @Test
  void aCsvThatIsNotUtf8IsRefusedNamingTheLineAndAByteOrderMarkIsSkipped() throws IOException {
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < 6000; i++) {
      rows.append(i).append(",0.25,").append(i % 2 == 0 ? "tea" : "coffee").append('\n');
    }
    byte[] text = rows.toString().getBytes(StandardCharsets.ISO_8859_1);
    byte[] latin1 = (rows + "1,2,caf\u00e9\n1,2,caf\u00e8\n")
        .getBytes(StandardCharsets.ISO_8859_1);
    assertTrue(text.length > 1 << 16, "past the first block the reader fills");
    Path plain = Files.write(dir.resolve("latin1.csv"), latin1);
    assertEquals(plain + ":6001 is not UTF-8 text; save the file as UTF-8 (from Latin-1, for"
        + " instance: iconv -f latin1 -t utf-8 FILE > NEW), so that labels and values read as"
        + " written", error(csv(plain, 2, 0, 4)));
    Path gz = Files.write(dir.resolve("latin1.csv.gz"), TestFiles.gzip(latin1));
    assertTrue(error(csv(gz, 2, 0, 4)).startsWith(gz + ":6001 is not UTF-8 text; save the file as"
        + " UTF-8 (from Latin-1, for instance: zcat FILE | iconv -f latin1 -t utf-8 | gzip >"
        + " NEW.gz)"), error(csv(gz, 2, 0, 4)));

    Path rowsFile = eightRows("rows.csv", "");
    Path bom = Files.writeString(dir.resolve("bom.csv"), "\uFEFF" + Files.readString(rowsFile));
    assertArrayEquals(UserData.prepare(csv(rowsFile, 2, 0, 2)).train().features(),
        UserData.prepare(csv(bom, 2, 0, 2)).train().features());
  }

  @Test
  void badCsvDataNameTheFileLineAndColumn() throws IOException {
    Path bad = Files.writeString(dir.resolve("bad.csv"), "h1,h2,label\n1,2,0\n3,x4,1\n");
    String unparseable = error(csv(bad, 2, 1, 2));
    assertTrue(unparseable.startsWith(bad + ":3: column 1 (0-based) is 'x4', not a finite number"),
        unparseable);

    Path ragged = Files.writeString(dir.resolve("ragged.csv"), "1,2,0\n3,4,1\n5,1\n");
    assertTrue(error(csv(ragged, 2, 0, 2)).startsWith(ragged + ":3 has 2 columns but line 1"
        + " (the first data row) has 3"), error(csv(ragged, 2, 0, 2)));

    Path outside = Files.writeString(dir.resolve("outside.csv"), "1,2,0\n3,4,5\n");
    assertTrue(error(csv(outside, 2, 0, 3)).startsWith(outside + ":2: label 5 is outside the 3"
        + " classes (0 to 2)"), error(csv(outside, 2, 0, 3)));

    Path empty = Files.writeString(dir.resolve("empty.csv"), "a,b,label\n");
    assertTrue(error(csv(empty, 2, 1, 2)).startsWith(empty + " is empty: no data row after the 1"
        + " skipped line(s)"), error(csv(empty, 2, 1, 2)));

    Path rows = eightRows("range.csv", "");
    assertTrue(error(csv(rows, 3, 0, 2)).startsWith("labelColumn 3 is out of range: " + rows
        + ":1 has 3 columns (0 to 2)"), error(csv(rows, 3, 0, 2)));

    Path real = Files.writeString(dir.resolve("real.csv"), "1,0.5\n2,1.25\n3,2\n");
    assertTrue(error(csv(real, 1, 0, 2)).contains(real + ":1: label '0.5' is a non-integer"
        + " number, which looks like a regression target; optbench trains classifiers only"),
        error(csv(real, 1, 0, 2)));

    // What a file written another way usually needs: the delimiter, a skipped header.
    Path semicolons = Files.writeString(dir.resolve("semicolons.csv"), "1;2;0\n3;4;1\n");
    assertEquals("labelColumn 2 is out of range: " + semicolons + ":1 has 1 columns (0 to 0);"
        + " give the 0-based column of the label; the line holds no ',' but holds ';': set"
        + " delimiter: \";\"", error(csv(semicolons, 2, 0, 2)));
    Path decimalCommas = Files.writeString(dir.resolve("decimal-commas.csv"),
        "x;y;label\n0,5;1,25;0\n1,5;2,25;1\n");
    assertEquals(decimalCommas + ":2: column 1 (0-based) is '5;1', not a finite number; every"
        + " column but labelColumn must be numeric; the value holds ';': set delimiter: \";\" if"
        + " that is the file's delimiter", error(csv(decimalCommas, 2, 1, 2)));
    Path header = eightRows("header-kept.csv", "a,b,label\n");
    assertEquals(header + ":1: column 0 (0-based) is 'a', not a finite number; every column but"
        + " labelColumn must be numeric; is line 1 a header? then set skipLines: 1",
        error(csv(header, 2, 0, 2)));

    // Integer labels as a float writer spells them are integers.
    Path floats = Files.writeString(dir.resolve("floats.csv"), "1,0.0\n2,1.0\n3,2\n4,1.00\n");
    assertArrayEquals(new String[] {"0", "1", "2"},
        UserData.prepare(csv(floats, 1, 0, 3)).labelNames().toArray(String[]::new));
    Path huge = Files.writeString(dir.resolve("huge.csv"), "1,0\n2,99999999999999999999\n");
    assertTrue(error(csv(huge, 1, 0, 3)).startsWith(huge + ":2: label 99999999999999999999 is"
        + " outside the 3 classes (0 to 2)"), error(csv(huge, 1, 0, 3)));

    Path names = Files.writeString(dir.resolve("names.csv"), "1,a\n2,b\n3,c\n");
    assertTrue(error(csv(names, 1, 0, 2)).startsWith("the data hold 3 distinct labels [a, b, c]"
        + " but data.classes is 2"), error(csv(names, 1, 0, 2)));

    assertEquals("the data hold 3 distinct labels [a, b, c] but data.classes is 5; named labels"
        + " are the classes, in sorted order, so each class needs its name in the data: set"
        + " data.classes: 3", error(csv(names, 1, 0, 5)));

    Path one = Files.writeString(dir.resolve("one.csv"), "1,circle\n2,circle\n3,circle\n");
    assertEquals(one + ": every example has the same label 'circle'; a classifier needs at least"
        + " two classes in the data", error(csv(one, 1, 0, 3)));
    Path zeros = Files.writeString(dir.resolve("zeros.csv"), "1,0\n2,0\n3,0\n");
    assertEquals(zeros + ": every example has the same label '0'; a classifier needs at least"
        + " two classes in the data", error(csv(zeros, 1, 0, 3)));

    assertEquals(dir.resolve("missing.csv") + " does not exist; paths in a config are relative to"
        + " the working directory", error(csv(dir.resolve("missing.csv"), 1, 0, 2)));
  }

  @Test
  void aSplitThatLeavesASetEmptyIsRefused() throws IOException {
    Path file = eightRows("small.csv", "");
    DataDeclaration tiny = new DataDeclaration(new DataSource.Csv(file, 2, 0, ','),
        Optional.empty(), new DataDeclaration.Split(0.05, 0.25, 0), 2,
        DataDeclaration.Normalization.NONE);
    assertEquals("the split leaves the validation set empty: validation 0.05, test 0.25 of the 8"
        + " examples of small.csv gives 0 validation examples; raise split.validation",
        error(tiny));
    DataDeclaration noTest = new DataDeclaration(new DataSource.Csv(file, 2, 0, ','),
        Optional.empty(), new DataDeclaration.Split(0.25, 0.01, 0), 2,
        DataDeclaration.Normalization.NONE);
    assertTrue(error(noTest).startsWith("the split leaves the test set empty"), error(noTest));
  }

  @Test
  void badImagesAndFoldersNameTheFile() throws IOException {
    Path grey = imageFolder("sized", 3, 4, BufferedImage.TYPE_BYTE_GRAY, "a", "b");
    assertEquals(grey.resolve("a/img0.png") + " is 3×4 pixels (height×width), expected 4×4 as"
        + " declared; resize the images beforehand, or declare their size",
        error(folder(grey, 4, 4, 1)));
    assertTrue(error(folder(grey, 3, 4, 3)).startsWith(grey.resolve("a/img0.png")
        + " has 1 colour channel, expected 3"), error(folder(grey, 3, 4, 3)));

    Path broken = imageFolder("broken", 2, 2, BufferedImage.TYPE_BYTE_GRAY, "a", "b");
    Files.writeString(broken.resolve("b/img9.png"), "not an image");
    assertTrue(error(folder(broken, 2, 2, 1)).startsWith("cannot decode image "
        + broken.resolve("b/img9.png")), error(folder(broken, 2, 2, 1)));

    Path one = imageFolder("one", 2, 2, BufferedImage.TYPE_BYTE_GRAY, "only");
    assertEquals(one + " holds 1 class folder (only); a classification needs at least two: one"
        + " subfolder of images per class", error(folder(one, 2, 2, 1)));
  }
}
