package org.optbench.testing;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** A curve or evals CSV as written by the trials: '#' unit comment, header, rows of numbers. */
public record CurveCsv(List<String> columns, List<List<String>> rows) {

  public static CurveCsv read(Path file) throws IOException {
    CSVFormat format = CSVFormat.DEFAULT.builder().setCommentMarker('#').setHeader()
        .setSkipHeaderRecord(true).build();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = CSVParser.parse(in, format)) {
      List<List<String>> rows = new ArrayList<>();
      for (CSVRecord r : parser) {
        rows.add(r.toList());
      }
      return new CurveCsv(List.copyOf(parser.getHeaderNames()), rows);
    }
  }

  /** @return the named column parsed as numbers */
  public double[] column(String name) {
    int i = columns.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("no column " + name + " in " + columns);
    }
    return rows.stream().mapToDouble(r -> Double.parseDouble(r.get(i))).toArray();
  }

  /** @return the same table without one column (e.g. wall time, which differs run to run) */
  public CurveCsv without(String name) {
    int i = columns.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("no column " + name + " in " + columns);
    }
    List<String> cols = new ArrayList<>(columns);
    cols.remove(i);
    List<List<String>> kept = new ArrayList<>();
    for (List<String> r : rows) {
      List<String> copy = new ArrayList<>(r);
      copy.remove(i);
      kept.add(copy);
    }
    return new CurveCsv(cols, kept);
  }
}
