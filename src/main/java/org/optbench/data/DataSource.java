package org.optbench.data;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a user's labelled examples come from, as declared under {@code data:} in a config: a CSV
 * file, a pair of IDX files, or a folder of images with one subfolder per class. Paths are
 * absolute (the config resolves them against the working directory).
 */
public sealed interface DataSource permits DataSource.Csv, DataSource.Idx,
    DataSource.ImageFolder {

  /** @return the reader's name as written in a config: {@code csv}, {@code idx}, {@code imageFolder} */
  String format();

  /** @return the files or folder read, absolute, in the order the config names them */
  List<Path> paths();

  /**
   * @return how the files are read, without their paths (the files' identity is their
   *     SHA-256): part of a trial's identity
   */
  Map<String, Object> options();

  /**
   * Numeric features and one label per line, read through DataVec's {@code CSVRecordReader}; a
   * name ending in {@code .gz} is decompressed while reading.
   *
   * @param file the CSV file, absolute
   * @param labelColumn 0-based column of the label; every other column is a feature
   * @param skipLines lines skipped at the start (1 for a header line)
   * @param delimiter the field separator
   */
  record Csv(Path file, int labelColumn, int skipLines, char delimiter) implements DataSource {
    @Override
    public String format() {
      return "csv";
    }

    @Override
    public List<Path> paths() {
      return List.of(file);
    }

    @Override
    public Map<String, Object> options() {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("labelColumn", labelColumn);
      map.put("skipLines", skipLines);
      map.put("delimiter", String.valueOf(delimiter));
      return map;
    }
  }

  /**
   * An IDX images file (unsigned bytes, {@code [count, rows, cols]}) and its IDX labels file, in
   * the MNIST format, gzip-compressed or not; images of any size.
   *
   * @param images the images file, absolute
   * @param labels the labels file, absolute
   */
  record Idx(Path images, Path labels) implements DataSource {
    @Override
    public String format() {
      return "idx";
    }

    @Override
    public List<Path> paths() {
      return List.of(images, labels);
    }

    @Override
    public Map<String, Object> options() {
      return Map.of();
    }
  }

  /**
   * PNG or JPEG images in one subfolder per class (the label is the subfolder's name), read with
   * the JDK's {@code javax.imageio}; every image must be {@code height × width} with
   * {@code channels} colour channels (an alpha channel is ignored).
   *
   * @param folder the folder holding the class folders, absolute
   * @param height image height (pixels)
   * @param width image width (pixels)
   * @param channels 1 (grey) or 3 (RGB)
   */
  record ImageFolder(Path folder, int height, int width, int channels) implements DataSource {
    @Override
    public String format() {
      return "imageFolder";
    }

    @Override
    public List<Path> paths() {
      return List.of(folder);
    }

    @Override
    public Map<String, Object> options() {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("height", height);
      map.put("width", width);
      map.put("channels", channels);
      return map;
    }
  }
}
