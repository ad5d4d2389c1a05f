package org.optbench.result;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/** Writes and reads {@code selection.csv}, the choices of a tune-then-evaluate run. */
public final class SelectionFile {
  private static final List<String> COLUMNS = List.of("problem", "optimizer", "entry",
      "trial_id", "metric", "value", "candidates", "excluded");

  private SelectionFile() {}

  /**
   * Writes the file atomically, rows in the given (plan) order.
   *
   * @param root the experiment folder
   * @param rows the choices
   * @throws UncheckedIOException if it cannot be written
   */
  public static void write(Path root, List<SelectionRow> rows) {
    StringWriter out = new StringWriter();
    CSVFormat format = CSVFormat.DEFAULT.builder().setRecordSeparator('\n')
        .setHeader(COLUMNS.toArray(String[]::new)).build();
    try (CSVPrinter printer = new CSVPrinter(out, format)) {
      for (SelectionRow r : rows) {
        printer.printRecord(r.problem(), r.optimizer(), r.entry(), r.trialId(), r.metric(),
            r.value(), r.candidates(), r.excluded());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    AtomicFiles.write(root.resolve(ResultStore.SELECTION), out.toString());
  }

  /**
   * @param root the experiment folder
   * @return its rows, in file order, or empty if there is no such file (the run stopped before
   *     choosing); a blank or unreadable value reads as NaN
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException if a column is missing or a count is not an integer
   */
  public static Optional<List<SelectionRow>> read(Path root) throws IOException {
    Path file = root.resolve(ResultStore.SELECTION);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    List<SelectionRow> rows = new ArrayList<>();
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = CSVParser.parse(reader, format)) {
      for (CSVRecord row : parser) {
        rows.add(new SelectionRow(row.get("problem"), row.get("optimizer"),
            Integer.parseInt(row.get("entry")), row.get("trial_id").trim(), row.get("metric"),
            number(row.get("value")), Integer.parseInt(row.get("candidates")),
            Integer.parseInt(row.get("excluded"))));
      }
    }
    return Optional.of(rows);
  }

  private static double number(String text) {
    try {
      return text.isBlank() ? Double.NaN : Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
