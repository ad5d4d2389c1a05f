package org.optbench.problem;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * A user's network read from a model file: a DL4J configuration as its {@code toJson()} writes
 * it, or a Keras model's architecture. Its identity is {@link #canonicalJson()}, DL4J's own
 * re-serialisation of the parsed configuration with the fields every trial replaces (updater,
 * seed, counters) normalised, so an edited architecture gives new trial ids and a moved file
 * does not.
 *
 * @param format how the file was read
 * @param path the file, absolute
 * @param canonicalJson the configuration as DL4J writes it after parsing, updater fields
 *     normalised; null for a network read back by the report, which never parses model files
 * @param graph whether it is a {@code ComputationGraphConfiguration} (else a
 *     {@code MultiLayerConfiguration})
 * @param notes what the trials replace and keep of the file (updater, regularisation, gradient
 *     normalisation, weights), one line each, for the manifest and the run's output
 */
public record NetworkFile(Format format, Path path, String canonicalJson, boolean graph,
    List<String> notes) {

  /** Copies {@code notes}. */
  public NetworkFile {
    notes = List.copyOf(notes);
  }

  /** How a model file is read. */
  public enum Format {
    /** DL4J's {@code MultiLayerConfiguration} or {@code ComputationGraphConfiguration} JSON. */
    DL4J_JSON("dl4jJson"),
    /** A Keras model ({@code .json} or {@code .h5}), architecture only, through DL4J's import. */
    KERAS("keras");

    private final String key;

    Format(String key) {
      this.key = key;
    }

    /** @return the key under {@code network:} in a config */
    public String key() {
      return key;
    }
  }

  /**
   * @return the network as a config declares it, e.g. {@code {dl4jJson: /abs/model.json}}
   */
  public Map<String, Object> asMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put(format.key(), path.toString());
    return map;
  }

  /**
   * Reads a model file and checks it fits the data, through the {@link Reader} on the class path
   * (the DL4J side provides it).
   *
   * @param format how to read it
   * @param file the file, absolute
   * @param dataShape one example's shape: {@code [features]} or {@code [height, width,
   *     channels]}
   * @param classes the data's class count
   * @return the network
   * @throws NetworkFileException if the file cannot be read, holds a layer optbench cannot train
   *     reproducibly, or does not fit the data (naming both shapes)
   * @throws IllegalStateException if no reader is on the class path
   */
  public static NetworkFile read(Format format, Path file, int[] dataShape, int classes) {
    Reader reader = ServiceLoader.load(Reader.class).findFirst().orElseThrow(
        () -> new IllegalStateException("no " + Reader.class.getName() + " on the class path"));
    return reader.read(format, file, dataShape, classes);
  }

  /**
   * Reads a DL4J configuration given as JSON text rather than a file (a network written in Java,
   * {@code toJson()} of its configuration) with the checks of {@link #read}.
   *
   * @param json a {@code MultiLayerConfiguration} or {@code ComputationGraphConfiguration} as its
   *     {@code toJson()} writes it
   * @param source where the JSON came from (a plugin jar), absolute; it names the network in
   *     messages and is its {@link #path()}
   * @param dataShape one example's shape: {@code [features]} or {@code [height, width,
   *     channels]}
   * @param classes the data's class count
   * @return the network, format {@link Format#DL4J_JSON}
   * @throws NetworkFileException as {@link #read}
   * @throws IllegalStateException if no reader is on the class path
   */
  public static NetworkFile fromJson(String json, Path source, int[] dataShape, int classes) {
    Reader reader = ServiceLoader.load(Reader.class).findFirst().orElseThrow(
        () -> new IllegalStateException("no " + Reader.class.getName() + " on the class path"));
    return reader.readJson(json, source, dataShape, classes);
  }

  /** Parses model files; found with {@link ServiceLoader}, so the problem layer needs no DL4J. */
  public interface Reader {
    /**
     * @param format how to read the file
     * @param file the file, absolute
     * @param dataShape one example's shape: {@code [features]} or {@code [height, width,
     *     channels]}
     * @param classes the data's class count
     * @return the network with its canonical JSON
     * @throws NetworkFileException as {@link NetworkFile#read}
     */
    NetworkFile read(Format format, Path file, int[] dataShape, int classes);

    /**
     * @param json a DL4J configuration's JSON
     * @param source where it came from, for messages and {@link NetworkFile#path()}
     * @param dataShape one example's shape
     * @param classes the data's class count
     * @return the network with its canonical JSON
     * @throws NetworkFileException as {@link NetworkFile#read}
     */
    NetworkFile readJson(String json, Path source, int[] dataShape, int classes);
  }
}
