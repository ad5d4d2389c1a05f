package org.optbench.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.optbench.Sha256;

/** SHA-256 of every file under a folder, for "byte-identical output" checks. */
public final class FileHashes {
  private FileHashes() {}

  /**
   * @param root a folder
   * @return hex digest by path relative to {@code root}, sorted
   * @throws IOException if a file cannot be read
   */
  public static Map<String, String> of(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        out.put(root.relativize(p).toString(), Sha256.of(p));
      }
    }
    return out;
  }
}
