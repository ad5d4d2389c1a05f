package org.optbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image readers through a real run: 2c2d on a folder of colour PNGs of another size than
 * MNIST, and logreg on a pair of IDX files of 6×6 images. Bright images are one class, dark the
 * other, so a short run must learn them.
 */
class OwnDataImageRunTest {
  @TempDir
  Path dir;

  @Test
  void twoConvTwoDenseTrainsOnAFolderOfColourImages() throws IOException {
    SplittableRandom random = new SplittableRandom(5);
    for (String c : new String[] {"bright", "dark"}) {
      Files.createDirectories(dir.resolve("img").resolve(c));
      for (int i = 0; i < 40; i++) {
        BufferedImage image = new BufferedImage(10, 6, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < 6; y++) {
          for (int x = 0; x < 10; x++) {
            for (int k = 0; k < 3; k++) {
              int base = c.equals("bright") ? 150 : 0;
              image.getRaster().setSample(x, y, k, base + random.nextInt(100));
            }
          }
        }
        ImageIO.write(image, "png", dir.resolve("img").resolve(c).resolve(i + ".png").toFile());
      }
    }
    CliRun run = run("""
        data:
          train: {imageFolder: %s, height: 6, width: 10, channels: 3}
          split: {validation: 0.25, test: 0.25, seed: 1}
          classes: 2
        network: {builtin: 2c2d}
        batchSize: 8
        epochs: 2
        optimizers: [{name: adam, learningRate: 0.001}]
        """.formatted(dir.resolve("img")));
    assertTrue(run.out().contains("test acc 1.000"), run.out());
  }

  @Test
  void logisticRegressionTrainsOnIdxFiles() throws IOException {
    int n = 60;
    byte[] pixels = new byte[n * 36];
    byte[] labels = new byte[n];
    SplittableRandom random = new SplittableRandom(2);
    for (int i = 0; i < n; i++) {
      labels[i] = (byte) (i % 2);
      for (int p = 0; p < 36; p++) {
        pixels[i * 36 + p] = (byte) ((i % 2) * 150 + random.nextInt(100));
      }
    }
    ByteArrayOutputStream images = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(images)) {
      out.writeInt(0x803);
      out.writeInt(n);
      out.writeInt(6);
      out.writeInt(6);
      out.write(pixels);
    }
    ByteArrayOutputStream labelBytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(labelBytes)) {
      out.writeInt(0x801);
      out.writeInt(n);
      out.write(labels);
    }
    Files.write(dir.resolve("images.idx"), images.toByteArray());
    Files.write(dir.resolve("labels.idx"), labelBytes.toByteArray());
    CliRun run = run("""
        data:
          train: {idx: {images: %s, labels: %s}}
          classes: 2
          normalize: minmax
        network: {builtin: logreg}
        batchSize: 10
        epochs: 3
        optimizers: [{name: sgd, learningRate: 0.5}]
        """.formatted(dir.resolve("images.idx"), dir.resolve("labels.idx")));
    assertTrue(run.out().contains("test acc 1.000"), run.out());
  }

  private CliRun run(String problem) throws IOException {
    String indented = problem.indent(4);
    Path config = Files.writeString(dir.resolve("c.yaml"), "name: img\nseeds: [0]\nproblems:\n"
        + "  - id: my-images\n" + indented);
    CliRun run = CliRun.of("run", config.toString(), "--results", dir.resolve("r").toString());
    assertEquals(0, run.exitCode(), run.out() + run.err());
    return run;
  }
}
