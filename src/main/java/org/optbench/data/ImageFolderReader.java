package org.optbench.data;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.optbench.Sha256;

/**
 * Reads a {@link DataSource.ImageFolder}: {@code folder/<class>/<image>.png|jpg|jpeg}, classes
 * and files in name order. Pixels are the decoded samples of the image's raster divided by 255,
 * never resampled or colour-converted by Java2D (whose results may differ between JDKs): an
 * image of another size, or another number of colour channels, is an error naming the file.
 * Files with other extensions are ignored.
 */
final class ImageFolderReader {
  private ImageFolderReader() {}

  /**
   * The images and the folder's content hash.
   *
   * @param table the examples, shape {@code [height, width, channels]}, labels the class folder
   *     names
   * @param sha256 SHA-256 over every image's path relative to the folder and its bytes, in name
   *     order: changes when an image is added, removed, moved or edited
   */
  record Read(RawTable table, String sha256) {}

  /**
   * @param source the declaration
   * @return the images and the folder's hash
   * @throws DataException if the folder is missing, holds fewer than two class folders or no
   *     image, or an image is unreadable or of another size or channel count (naming the file)
   */
  static Read read(DataSource.ImageFolder source) {
    Path folder = source.folder();
    if (!Files.isDirectory(folder)) {
      throw new DataException(folder + " is not a folder; imageFolder needs a folder holding"
          + " one subfolder of images per class");
    }
    List<Path> classes = list(folder).stream().filter(Files::isDirectory).toList();
    if (classes.size() < 2) {
      throw new DataException(folder + " holds " + classes.size() + " class folder"
          + (classes.size() == 1 ? " (" + classes.get(0).getFileName() + ")" : "")
          + "; a classification needs at least two: one subfolder of images per class");
    }
    int h = source.height();
    int w = source.width();
    int c = source.channels();
    int width = h * w * c;
    MessageDigest digest = Sha256.newDigest();
    List<float[]> images = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    for (Path classFolder : classes) {
      String label = classFolder.getFileName().toString();
      for (Path file : list(classFolder)) {
        if (!isImage(file)) {
          continue;
        }
        byte[] bytes;
        try {
          bytes = Files.readAllBytes(file);
        } catch (IOException e) {
          throw new DataException("cannot read image " + file + ": " + e.getMessage(), e);
        }
        digest.update((label + "/" + file.getFileName()).getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(Sha256.of(bytes).getBytes(StandardCharsets.US_ASCII));
        images.add(pixels(bytes, file, h, w, c));
        labels.add(label);
        files.add(file);
      }
    }
    if (images.isEmpty()) {
      throw new DataException(folder + " holds no .png, .jpg or .jpeg image in its class"
          + " folders " + classes.stream().map(p -> p.getFileName().toString()).toList());
    }
    float[] features = new float[images.size() * width];
    for (int i = 0; i < images.size(); i++) {
      System.arraycopy(images.get(i), 0, features, i * width, width);
    }
    RawTable table = new RawTable(images.size(), new int[] {h, w, c}, features,
        labels.toArray(String[]::new), i -> files.get(i).toString());
    return new Read(table, Sha256.hex(digest.digest()));
  }

  private static boolean isImage(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return Files.isRegularFile(file)
        && (name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg"));
  }

  private static List<Path> list(Path folder) {
    try (Stream<Path> s = Files.list(folder)) {
      return s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
    } catch (IOException e) {
      throw new DataException("cannot list " + folder + ": " + e.getMessage(), e);
    }
  }

  /** Channel-major values in [0, 1]: channel 0's rows, then channel 1's, … */
  private static float[] pixels(byte[] bytes, Path file, int h, int w, int c) {
    BufferedImage image;
    try {
      image = ImageIO.read(new ByteArrayInputStream(bytes));
    } catch (IOException | RuntimeException e) {
      throw new DataException("cannot decode image " + file + ": " + e.getMessage()
          + "; expected a PNG or JPEG file", e);
    }
    if (image == null) {
      throw new DataException("cannot decode image " + file + ": not a PNG or JPEG file");
    }
    if (image.getHeight() != h || image.getWidth() != w) {
      throw new DataException(file + " is " + image.getHeight() + "×" + image.getWidth()
          + " pixels (height×width), expected " + h + "×" + w + " as declared; resize the"
          + " images beforehand, or declare their size");
    }
    Raster raster = image.getRaster();
    int bits = image.getColorModel().getComponentSize(0);
    float max = (1 << Math.min(bits, 16)) - 1;
    boolean indexed = image.getColorModel() instanceof IndexColorModel;
    IndexColorModel palette = indexed ? (IndexColorModel) image.getColorModel() : null;
    int bands = indexed ? (palette.getMapSize() > 0 && isGrey(palette) ? 1 : 3)
        : raster.getNumBands() - (image.getColorModel().hasAlpha() ? 1 : 0);
    if (bands != c) {
      throw new DataException(file + " has " + bands + " colour channel" + (bands == 1 ? "" : "s")
          + ", expected " + c + " as declared (channels: 1 for grey, 3 for RGB; an alpha channel"
          + " is ignored)");
    }
    float[] out = new float[h * w * c];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int k = 0; k < c; k++) {
          float v;
          if (indexed) {
            int index = raster.getSample(x, y, 0);
            int rgb = k == 0 ? palette.getRed(index) : k == 1 ? palette.getGreen(index)
                : palette.getBlue(index);
            v = rgb / 255f;
          } else {
            v = raster.getSample(x, y, k) / max;
          }
          out[(k * h + y) * w + x] = v;
        }
      }
    }
    return out;
  }

  private static boolean isGrey(IndexColorModel palette) {
    for (int i = 0; i < palette.getMapSize(); i++) {
      if (palette.getRed(i) != palette.getGreen(i) || palette.getRed(i) != palette.getBlue(i)) {
        return false;
      }
    }
    return true;
  }
}
