package org.optbench.result;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Compares the curve files of two trial folders ({@code curve.csv}, {@code evals.csv}) cell by
 * cell, as text: the store writes every number in one canonical form
 * ({@link CurveWriter#format}), so equal text is equal bits. The {@link CurveFormat#TIMING_COLUMNS}
 * are left out, as are the {@code #} units lines.
 */
public final class CurveComparison {
  /** The curve files compared, in order. */
  public static final List<String> FILES = List.of(ResultStore.CURVE, ResultStore.EVALS);

  private CurveComparison() {}

  /**
   * The first cell where two trial folders' curves differ.
   *
   * @param file the curve file, e.g. {@code curve.csv}
   * @param line its line number in the stored file (1-based, counting the units line)
   * @param iteration the row's {@code iteration} as stored (or as reproduced past the stored
   *     file's end), empty for the header
   * @param column the column's name, or a description such as {@code (header)} or
   *     {@code (rows)}
   * @param stored the stored text, {@code (absent)} past the end of the file
   * @param reproduced the reproduced text, {@code (absent)} past the end of the file
   */
  public record Difference(String file, long line, String iteration, String column,
      String stored, String reproduced) {
    /** @return one line naming the file, line, iteration, column and both values */
    public String describe() {
      return file + " line " + line + (iteration.isEmpty() ? "" : " (iteration " + iteration
          + ")") + ", column " + column + ": stored " + stored + ", reproduced " + reproduced;
    }
  }

  /**
   * @param stored the trial folder as recorded
   * @param reproduced a folder the same trial was run into again
   * @return the first difference, files in {@link #FILES} order, then rows, then columns; empty
   *     if every cell outside the timing columns is identical and both have the same files
   * @throws UncheckedIOException if a file cannot be read
   */
  public static Optional<Difference> first(Path stored, Path reproduced) {
    for (String file : FILES) {
      Optional<Difference> d = compare(file, stored.resolve(file), reproduced.resolve(file));
      if (d.isPresent()) {
        return d;
      }
    }
    return Optional.empty();
  }

  /**
   * @param stored the trial folder as recorded
   * @return the data rows of each curve file it holds, for a summary, e.g.
   *     {@code curve.csv (21 rows)}
   */
  public static List<String> rowCounts(Path stored) {
    List<String> out = new ArrayList<>();
    for (String file : FILES) {
      Path path = stored.resolve(file);
      if (Files.exists(path)) {
        out.add(file + " (" + Math.max(0, dataLines(read(path)).size() - 1) + " rows)");
      }
    }
    return out;
  }

  private static Optional<Difference> compare(String name, Path a, Path b) {
    boolean hasA = Files.exists(a);
    boolean hasB = Files.exists(b);
    if (!hasA && !hasB) {
      return Optional.empty();
    }
    if (hasA != hasB) {
      return Optional.of(new Difference(name, 0, "", "(file)", hasA ? "present" : "(absent)",
          hasB ? "present" : "(absent)"));
    }
    List<String> linesA = read(a);
    List<String> linesB = read(b);
    int skipA = comments(linesA);
    int skipB = comments(linesB);
    List<String> rowsA = linesA.subList(skipA, linesA.size());
    List<String> rowsB = linesB.subList(skipB, linesB.size());
    if (rowsA.isEmpty() || rowsB.isEmpty() || !rowsA.get(0).equals(rowsB.get(0))) {
      return Optional.of(new Difference(name, skipA + 1, "", "(header)",
          rowsA.isEmpty() ? "(absent)" : rowsA.get(0),
          rowsB.isEmpty() ? "(absent)" : rowsB.get(0)));
    }
    List<String> header = List.of(rowsA.get(0).split(",", -1));
    int iteration = header.indexOf(CurveFormat.ITERATION);
    for (int r = 1; r < Math.max(rowsA.size(), rowsB.size()); r++) {
      long line = skipA + r + 1L;
      if (r >= rowsA.size() || r >= rowsB.size()) {
        String[] present = (r < rowsA.size() ? rowsA : rowsB).get(r).split(",", -1);
        String at = iteration >= 0 && iteration < present.length ? present[iteration] : "";
        return Optional.of(new Difference(name, line, at, "(rows)",
            r < rowsA.size() ? "row present" : "(absent: " + (rowsA.size() - 1) + " rows)",
            r < rowsB.size() ? "row present" : "(absent: " + (rowsB.size() - 1) + " rows)"));
      }
      String[] cellsA = rowsA.get(r).split(",", -1);
      String[] cellsB = rowsB.get(r).split(",", -1);
      String at = iteration >= 0 && iteration < cellsA.length ? cellsA[iteration] : "";
      for (int c = 0; c < Math.max(cellsA.length, cellsB.length); c++) {
        String column = c < header.size() ? header.get(c) : "#" + (c + 1);
        if (CurveFormat.TIMING_COLUMNS.contains(column)) {
          continue;
        }
        String va = c < cellsA.length ? cellsA[c] : "(absent)";
        String vb = c < cellsB.length ? cellsB[c] : "(absent)";
        if (!va.equals(vb)) {
          return Optional.of(new Difference(name, line, at, column, va, vb));
        }
      }
    }
    return Optional.empty();
  }

  private static int comments(List<String> lines) {
    int n = 0;
    while (n < lines.size() && lines.get(n).startsWith("#")) {
      n++;
    }
    return n;
  }

  private static List<String> dataLines(List<String> lines) {
    return lines.subList(comments(lines), lines.size());
  }

  private static List<String> read(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
