package org.optbench.report;

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
 * A numeric table read from {@code curve.csv} or {@code evals.csv}: named columns of equal length.
 * Empty or unparsable cells read as NaN, so a row cut off by a crash does not hide the rows
 * before it.
 */
final class Series {
  private final List<String> names;
  private final double[][] columns;

  Series(List<String> names, double[][] columns) {
    this.names = List.copyOf(names);
    this.columns = columns;
  }

  /**
   * @param file a CSV file whose first line may be a {@code #} comment and whose next line is the
   *     header
   * @return its numbers
   * @throws UncheckedIOException if the file cannot be read
   */
  static Series read(Path file) {
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
          row[i] = parse(record.get(i));
        }
        rows.add(row);
      }
      double[][] columns = new double[names.size()][rows.size()];
      for (int r = 0; r < rows.size(); r++) {
        for (int c = 0; c < names.size(); c++) {
          columns[c][r] = rows.get(r)[c];
        }
      }
      return new Series(names, columns);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static double parse(String cell) {
    try {
      return cell.isBlank() ? Double.NaN : Double.parseDouble(cell.trim());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** @return column names in file order */
  List<String> names() {
    return names;
  }

  /** @return number of data rows */
  int rows() {
    return names.isEmpty() ? 0 : columns[0].length;
  }

  /** @return whether the column exists */
  boolean has(String name) {
    return names.contains(name);
  }

  /**
   * @param name a column name
   * @return its values (shared, not copied), or null if there is no such column
   */
  double[] column(String name) {
    int i = names.indexOf(name);
    return i < 0 ? null : columns[i];
  }
}
