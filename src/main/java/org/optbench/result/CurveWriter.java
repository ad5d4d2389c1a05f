package org.optbench.result;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Appends rows of numbers to a CSV file whose first line is a {@code #} comment stating the units
 * and whose header names the columns. Numbers are written with {@link Double#toString}, which
 * round-trips exactly, so bit-identical runs give byte-identical files (apart from time columns).
 */
public final class CurveWriter implements Closeable {
  private final CSVPrinter printer;
  private final int columns;

  /**
   * Creates (or truncates) the file and writes the unit comment and header.
   *
   * @param file the CSV file
   * @param units one line explaining the columns' units
   * @param columns column names
   * @throws UncheckedIOException if the file cannot be written
   */
  public CurveWriter(Path file, String units, List<String> columns) {
    this.columns = columns.size();
    try {
      CSVFormat format = CSVFormat.DEFAULT.builder()
          .setCommentMarker('#')
          .setHeaderComments(units)
          .setHeader(columns.toArray(String[]::new))
          .setRecordSeparator('\n')
          .build();
      printer = new CSVPrinter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), format);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /**
   * @param values one value per column; integral values of columns such as {@code iteration} are
   *     written without a fraction
   */
  public void row(double... values) {
    if (values.length != columns) {
      throw new IllegalArgumentException(
          "expected " + columns + " values, got " + values.length);
    }
    try {
      for (double v : values) {
        printer.print(format(v));
      }
      printer.println();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Pushes buffered rows to the file, so a crash keeps the curve so far. */
  public void flush() {
    try {
      printer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      printer.close(true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String format(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }
}
