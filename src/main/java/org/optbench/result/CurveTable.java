package org.optbench.result;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The numbers of one curve file of a trial ({@code curve.csv} or {@code evals.csv}, see
 * {@link CurveFormat}): named columns of equal length, one value per data row.
 *
 * <p>Read in one of two modes. Strict ({@link TrialFolder}, deciding whether a trial is
 * finished): the file must be whole, every cell a number. Lenient ({@link #readLenient}, for a
 * report on trials that failed, were interrupted or are damaged): empty or unparsable cells read
 * as NaN, so a row cut off by a crash does not hide the rows before it. For a file that passes the
 * strict read both modes give the same numbers.
 */
public final class CurveTable {
  private final List<String> names;
  private final double[][] columns;

  /**
   * @param names column names in file order
   * @param columns one array per name, all of the same length (the rows); kept, not copied
   * @throws IllegalArgumentException if there is not one column per name or their lengths differ
   */
  public CurveTable(List<String> names, double[][] columns) {
    if (columns.length != names.size()) {
      throw new IllegalArgumentException(names.size() + " names for " + columns.length
          + " columns");
    }
    for (double[] column : columns) {
      if (column.length != columns[0].length) {
        throw new IllegalArgumentException("columns of different lengths");
      }
    }
    this.names = List.copyOf(names);
    this.columns = columns;
  }

  /**
   * Reads a curve file leniently: the header is the first line that is not a {@code #} comment;
   * empty lines and comments are skipped; a missing, empty or unparsable cell reads as NaN, extra
   * cells are ignored.
   *
   * @param file a curve file
   * @return its numbers
   * @throws UncheckedIOException if the file cannot be read or is not CSV
   * @throws IllegalArgumentException if its header is not usable (e.g. a column without a name)
   * @throws IllegalStateException if the CSV parser gives up on it
   */
  public static CurveTable readLenient(Path file) {
    CSVFormat format = CSVFormat.DEFAULT.builder().setCommentMarker('#').setHeader()
        .setSkipHeaderRecord(true).setIgnoreEmptyLines(true).build();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = CSVParser.parse(reader, format)) {
      List<String> names = parser.getHeaderNames();
      List<double[]> rows = new ArrayList<>();
      for (CSVRecord record : parser) {
        double[] row = new double[names.size()];
        Arrays.fill(row, Double.NaN);
        for (int i = 0; i < Math.min(record.size(), row.length); i++) {
          row[i] = lenientNumber(record.get(i));
        }
        rows.add(row);
      }
      return ofRows(names, rows);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static double lenientNumber(String cell) {
    try {
      return cell.isBlank() ? Double.NaN : Double.parseDouble(cell.trim());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /**
   * Reads a curve file strictly: {@code #} comment lines, a header with an {@code iteration}
   * column, then rows as wide as the header of numbers only ({@link Double#toString} form, so NaN
   * and Infinity are numbers too), iterations strictly increasing, the last line ending in a line
   * end.
   *
   * @param file a curve file of a trial folder
   * @return the table and where its lines are
   * @throws TrialFolder.DamageException naming the file and line of the first fault
   */
  static Strict readStrict(Path file) {
    if (!Files.exists(file)) {
      throw new TrialFolder.DamageException(file, "is missing");
    }
    String text = TrialFolder.text(file);
    if (!text.isEmpty() && !text.endsWith("\n")) {
      throw new TrialFolder.DamageException(file, "is cut off: its last line (line "
          + text.lines().count() + ") has no line end");
    }
    List<String> lines = text.lines().toList();
    int line = 0;
    while (line < lines.size() && lines.get(line).startsWith("#")) {
      line++;
    }
    if (line == lines.size()) {
      throw new TrialFolder.DamageException(file, "has no header line");
    }
    List<String> header = List.of(lines.get(line).split(",", -1));
    if (!header.contains(CurveFormat.ITERATION)) {
      throw new TrialFolder.DamageException(file, "line " + (line + 1) + " is not a header with"
          + " an 'iteration' column");
    }
    int iteration = header.indexOf(CurveFormat.ITERATION);
    List<double[]> rows = new ArrayList<>();
    for (int i = line + 1; i < lines.size(); i++) {
      String[] cells = lines.get(i).split(",", -1);
      if (cells.length != header.size()) {
        throw new TrialFolder.DamageException(file, "line " + (i + 1) + " has " + cells.length
            + " values, the header " + header.size());
      }
      double[] row = new double[cells.length];
      for (int c = 0; c < cells.length; c++) {
        try {
          row[c] = Double.parseDouble(cells[c]);
        } catch (NumberFormatException e) {
          throw new TrialFolder.DamageException(file, "line " + (i + 1) + ": '" + cells[c]
              + "' in column " + header.get(c) + " is not a number");
        }
      }
      if (!rows.isEmpty() && !(row[iteration] > rows.get(rows.size() - 1)[iteration])) {
        throw new TrialFolder.DamageException(file, "line " + (i + 1) + ": iteration "
            + CurveWriter.format(row[iteration]) + " does not follow "
            + CurveWriter.format(rows.get(rows.size() - 1)[iteration]));
      }
      rows.add(row);
    }
    return new Strict(file, ofRows(header, rows), lines.size());
  }

  /**
   * A curve file that passed the strict read.
   *
   * @param file the file, for messages
   * @param table its numbers
   * @param lastLine the number of its last line (1-based), for messages about the last row
   */
  record Strict(Path file, CurveTable table, long lastLine) {}

  private static CurveTable ofRows(List<String> names, List<double[]> rows) {
    double[][] columns = new double[names.size()][rows.size()];
    for (int r = 0; r < rows.size(); r++) {
      for (int c = 0; c < names.size(); c++) {
        columns[c][r] = rows.get(r)[c];
      }
    }
    return new CurveTable(names, columns);
  }

  /** @return column names in file order */
  public List<String> names() {
    return names;
  }

  /** @return number of data rows */
  public int rows() {
    return names.isEmpty() ? 0 : columns[0].length;
  }

  /**
   * @param name a column name
   * @return whether the column exists
   */
  public boolean has(String name) {
    return names.contains(name);
  }

  /**
   * @param name a column name
   * @return its values, one per row (shared, not copied: do not modify), or null if there is no
   *     such column
   */
  public double[] column(String name) {
    int i = names.indexOf(name);
    return i < 0 ? null : columns[i];
  }
}
