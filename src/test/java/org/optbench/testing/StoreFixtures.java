package org.optbench.testing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.optbench.dl4j.Backend;

/**
 * The checked-in result store of format version 1 ({@code src/test/resources/stores/format-v1},
 * written by {@code optbench run} on {@code format-v1.yaml}): ravine-2d sgd seed 0 (5 steps,
 * trainSeconds 0.5, evalSeconds 0) and ravine-regression adam seeds 0 and 1 (3 steps each,
 * trainSeconds 1.2 and 1.6, evalSeconds 0.3 and 0.2).
 *
 * <p>The copy's manifest carries this JVM's values of the backend facts that decide bits
 * ({@link Backend#BIT_DECIDING_KEYS}), as if the store had been written on this machine with
 * this build: the fixture is about format versions, and a resume must not be refused because the
 * machine that wrote it had another CPU or an older optbench computed its products elsewhere.
 */
public final class StoreFixtures {
  private StoreFixtures() {}

  /**
   * Copies the fixture's config and store into {@code dir}.
   *
   * @param dir an empty folder
   * @return the config, {@code dir/format-v1.yaml}; the store is {@code dir/results/format-v1}
   */
  public static Path formatV1(Path dir) {
    try {
      Path source = Path.of(StoreFixtures.class.getResource("/stores").toURI());
      Path config = Files.copy(source.resolve("format-v1.yaml"), dir.resolve("format-v1.yaml"));
      Path from = source.resolve("format-v1");
      Path to = dir.resolve("results").resolve("format-v1");
      try (Stream<Path> files = Files.walk(from)) {
        for (Path file : files.toList()) {
          Path target = to.resolve(from.relativize(file).toString());
          if (Files.isDirectory(file)) {
            Files.createDirectories(target);
          } else {
            Files.copy(file, target);
          }
        }
      }
      stampThisBackend(to.resolve("manifest.json"));
      return config;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void stampThisBackend(Path manifest) throws IOException {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    Map<String, Object> fields = json.readValue(manifest.toFile(),
        new TypeReference<LinkedHashMap<String, Object>>() { });
    @SuppressWarnings("unchecked")
    Map<String, Object> backend = (Map<String, Object>) fields.get("backend");
    Map<String, Object> current = Backend.describe();
    for (String key : Backend.BIT_DECIDING_KEYS) {
      backend.put(key, current.get(key));
    }
    Files.writeString(manifest, json.writeValueAsString(fields));
  }

  /**
   * @param root an experiment folder
   * @return its {@code manifest.json} and every {@code result.json}, in a fixed order
   */
  public static List<Path> versionedFiles(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(f -> f.getFileName().toString().equals("result.json")
          || f.getFileName().toString().equals("manifest.json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
