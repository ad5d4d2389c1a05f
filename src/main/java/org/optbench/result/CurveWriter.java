package org.optbench.result;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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

  private CurveWriter(CSVPrinter printer, int columns) {
    this.printer = printer;
    this.columns = columns;
  }

  /**
   * Reopens a curve written earlier: cuts it back to its first {@code keepBytes} bytes (dropping
   * rows written after a checkpoint) and appends from there, without repeating the header.
   *
   * @param file an existing CSV written by this class
   * @param keepBytes length to keep, as returned by {@link #size}
   * @param columns number of columns
   * @return a writer appending to the file
   * @throws UncheckedIOException if the file is shorter than {@code keepBytes} or unwritable
   */
  public static CurveWriter resume(Path file, long keepBytes, int columns) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      if (channel.size() < keepBytes) {
        throw new IOException("is " + channel.size() + " bytes, shorter than the " + keepBytes
            + " bytes recorded at the checkpoint");
      }
      channel.truncate(keepBytes);
      CSVFormat format = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build();
      return new CurveWriter(new CSVPrinter(Files.newBufferedWriter(file, StandardCharsets.UTF_8,
          StandardOpenOption.APPEND), format), columns);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot resume " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * @param file a curve file
   * @return its length in bytes, after {@link #flush}
   */
  public static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
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

  /**
   * The text a curve file holds for a number: integral values below 10¹⁵ without a fraction
   * ({@code 40}), the rest as {@link Double#toString} ({@code 0.1}, {@code NaN},
   * {@code Infinity}), which reads back to the same double bit for bit.
   *
   * @param v a value
   * @return its text in a curve file
   */
  public static String format(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }
}
