package org.optbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of bad data or model file stops {@code run} before any trial starts, with exit code
 * 2, a message naming the file (and line, column, image or layer), and no results folder.
 */
class OwnDataBadInputTest {
  @TempDir
  Path dir;

  /**
   * A case: writes its files into a folder, returns the {@code data:} mapping (and network) of
   * the config, and names a fragment of the expected message.
   */
  record Case(String name, Function<Path, String> data, Function<Path, String> expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final String GOOD_ROWS = "1,2,0\n3,4,1\n5,6,0\n7,8,1\n9,10,0\n11,12,1\n13,14,0\n"
      + "15,16,1\n17,18,0\n19,20,1\n";

  static Stream<Case> cases() {
    return Stream.of(
        new Case("unparseable value", d -> csv(d, "h1,h2,label\n1,2,0\n3,oops,1\n", 2, 1, 2),
            d -> d.resolve("rows.csv") + ":3: column 1 (0-based) is 'oops', not a finite number"),
        new Case("label outside classes", d -> csv(d, GOOD_ROWS + "21,22,7\n", 2, 0, 2),
            d -> d.resolve("rows.csv") + ":11: label 7 is outside the 2 classes (0 to 1)"),
        new Case("rows of different widths", d -> csv(d, "1,2,0\n3,1\n", 2, 0, 2),
            d -> d.resolve("rows.csv") + ":2 has 2 columns but line 1 (the first data row)"
                + " has 3"),
        new Case("empty file", d -> csv(d, "", 2, 0, 2),
            d -> d.resolve("rows.csv") + " is empty: no data row"),
        new Case("labelColumn out of range", d -> csv(d, GOOD_ROWS, 5, 0, 2),
            d -> "labelColumn 5 is out of range: " + d.resolve("rows.csv") + ":1 has 3 columns"),
        new Case("split leaves a set empty", d -> csv(d, GOOD_ROWS, 2, 0, 2)
            .replace("classes: 2", "classes: 2, split: {validation: 0.01}"),
            d -> "the split leaves the validation set empty: validation 0.01, test 0.1 of the 10"
                + " examples of rows.csv gives 0 validation examples"),
        new Case("regression labels", d -> csv(d, "1,0.5\n2,1.5\n3,2.5\n", 1, 0, 2),
            d -> d.resolve("rows.csv") + ":1: label '0.5' is a non-integer number, which looks"
                + " like a regression target"),
        new Case("no classes: a regression task", d -> csv(d, GOOD_ROWS, 2, 0, 2)
            .replace(", classes: 2", ""),
            d -> "problems[0].data.classes: is missing: optbench trains classifiers only"),
        new Case("2c2d on table rows", d -> csv(d, GOOD_ROWS, 2, 0, 2)
            .replace("builtin: mlp, hidden: [4]", "builtin: 2c2d"),
            d -> "network 2c2d takes images of height×width×channels, but the data are 2"
                + " features per row"),
        new Case("3c3d on images smaller than 9×9", d -> folder(images(d, 8, 8, "a", "b"), 8, 8)
            .replace("builtin: 2c2d", "builtin: 3c3d"),
            d -> "network 3c3d takes images of height×width×channels of at least 9×9 pixels, but"
                + " the data are 8×8×1"),
        new Case("unreadable image", d -> {
          Path root = images(d, 2, 2, "a", "b");
          write(root.resolve("b/broken.png"), "not a png");
          return folder(root, 2, 2);
        }, d -> "cannot decode image " + d.resolve("images/b/broken.png")),
        new Case("wrongly sized image", d -> folder(images(d, 3, 2, "a", "b"), 2, 2),
            d -> d.resolve("images/a/0.png") + " is 3×2 pixels (height×width), expected 2×2"),
        new Case("folder with one class", d -> folder(images(d, 2, 2, "only"), 2, 2),
            d -> d.resolve("images") + " holds 1 class folder (only); a classification needs at"
                + " least two"),
        new Case("missing file", d -> "{train: {csv: " + d.resolve("absent.csv")
            + ", labelColumn: 2}, classes: 2}\n    network: {builtin: mlp, hidden: [4]}",
            d -> d.resolve("absent.csv") + " does not exist; paths in a config are relative to"
                + " the working directory"),
        new Case("network file not JSON", d -> network(d, "dl4jJson", "{ \"confs\": ["),
            d -> "problems[0].network: " + d.resolve("net.json") + ": cannot be read as JSON: "),
        new Case("network with dropout", d -> network(d, "dl4jJson",
            fixture("mlp-dropout-16-3.json")),
            d -> d.resolve("net.json") + ": layer 'hidden' (DenseLayer) has Dropout (dropout or"
                + " noise), which DL4J draws at every step from ND4J's native random generator"),
        new Case("network with other classes", d -> network(d, "dl4jJson",
            fixture("mlp-16-3.json")),
            d -> d.resolve("net.json") + ": the output layer 'out' has 3 outputs, but the data"
                + " have 2 classes"),
        new Case("network of another input shape", d -> network(d, "dl4jJson",
            fixture("mlp-16-3.json").replace("\"nout\" : 3", "\"nout\" : 2")),
            d -> d.resolve("net.json") + ": the network takes inputs of shape [16] (features)"
                + " (layer 'hidden'), but the data have shape [2] (features)"),
        new Case("Keras layer the import refuses", d -> network(d, "keras",
            fixture("keras-16-3.json").replaceFirst("\"class_name\": \"Dense\"",
                "\"class_name\": \"NoSuchKerasLayer\"")),
            d -> d.resolve("net.json") + ": DL4J's Keras import refuses it: "));
  }

  /** The good rows with a network from a file holding {@code text}. */
  private static String network(Path d, String format, String text) {
    write(d.resolve("net.json"), text);
    return csv(d, GOOD_ROWS, 2, 0, 2).replace("builtin: mlp, hidden: [4]",
        format + ": " + d.resolve("net.json"));
  }

  private static String fixture(String name) {
    try {
      return Files.readString(Path.of("src/test/resources/networks", name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String csv(Path d, String text, int labelColumn, int skip, int classes) {
    write(d.resolve("rows.csv"), text);
    return "{train: {csv: " + d.resolve("rows.csv") + ", labelColumn: " + labelColumn
        + ", skipLines: " + skip + "}, classes: " + classes + "}\n"
        + "    network: {builtin: mlp, hidden: [4]}";
  }

  private static String folder(Path root, int h, int w) {
    return "{train: {imageFolder: " + root + ", height: " + h + ", width: " + w
        + ", channels: 1}, classes: 2}\n    network: {builtin: 2c2d}";
  }

  private static Path images(Path d, int h, int w, String... classes) {
    Path root = d.resolve("images");
    try {
      for (String c : classes) {
        Files.createDirectories(root.resolve(c));
        for (int i = 0; i < 5; i++) {
          ImageIO.write(new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY), "png",
              root.resolve(c).resolve(i + ".png").toFile());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return root;
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void badDataStopTheRunBeforeAnyTrialAndWriteNothing(Case c) throws IOException {
    String data = c.data().apply(dir);
    Path config = Files.writeString(dir.resolve("bad.yaml"), """
        name: bad
        problems:
          - id: my-data
            data: %s
            batchSize: 2
            optimizers: [{name: sgd, learningRate: 0.1}]
        """.formatted(data));
    Path results = dir.resolve("results");
    CliRun run = CliRun.of("run", config.toString(), "--results", results.toString());
    assertEquals(2, run.exitCode(), run.out() + run.err());
    assertTrue(run.err().contains(c.expected().apply(dir)), run.err());
    assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
    assertFalse(Files.exists(results), "nothing written to results");
  }
}
