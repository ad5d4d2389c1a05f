package org.optbench.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A temporary folder for the result files that benchmarked trials write, deleted afterwards. */
final class Scratch implements AutoCloseable {
  private final Path root;
  private int next;

  Scratch() {
    try {
      root = Files.createTempDirectory("optbench-bench-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary folder", e);
    }
  }

  /** @return a new, empty results folder inside this one */
  Path fresh(String name) {
    return root.resolve(name + "-" + next++);
  }

  /** @return a writer that discards what the experiment runner prints */
  static PrintWriter silent() {
    return new PrintWriter(Writer.nullWriter());
  }

  @Override
  public void close() {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + root, e);
    }
  }
}
