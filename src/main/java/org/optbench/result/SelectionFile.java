package org.optbench.result;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Writes and reads {@code selection.csv}, the choices of a tune-then-evaluate run. A run that
 * tunes over several seeds adds the column {@code seed_values}: the chosen setting's value for
 * each tuning seed, as {@code seed=value} pairs joined by {@code ;} in seed order, a diverged seed
 * written {@code diverged} (it counts as the worst value in the median {@code value}). With one
 * tuning seed the column is left out, so such a file is as before.
 */
public final class SelectionFile {
  private static final List<String> COLUMNS = List.of("problem", "optimizer", "entry",
      "trial_id", "metric", "value", "candidates", "excluded");
  private static final String SEED_VALUES = "seed_values";
  private static final String DIVERGED = "diverged";

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
    boolean perSeed = rows.stream().anyMatch(r -> !r.seedValues().isEmpty());
    List<String> columns = new ArrayList<>(COLUMNS);
    if (perSeed) {
      columns.add(SEED_VALUES);
    }
    CSVFormat format = CSVFormat.DEFAULT.builder().setRecordSeparator('\n')
        .setHeader(columns.toArray(String[]::new)).build();
    try (CSVPrinter printer = new CSVPrinter(out, format)) {
      for (SelectionRow r : rows) {
        List<Object> cells = new ArrayList<>(List.of(r.problem(), r.optimizer(), r.entry(),
            r.trialId(), r.metric(), r.value(), r.candidates(), r.excluded()));
        if (perSeed) {
          cells.add(seedValues(r.seedValues()));
        }
        printer.printRecord(cells);
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
      boolean perSeed = parser.getHeaderMap().containsKey(SEED_VALUES);
      for (CSVRecord row : parser) {
        try {
          rows.add(new SelectionRow(row.get("problem"), row.get("optimizer"),
              Integer.parseInt(row.get("entry")), row.get("trial_id").trim(), row.get("metric"),
              number(row.get("value")), Integer.parseInt(row.get("candidates")),
              Integer.parseInt(row.get("excluded")),
              perSeed ? seedValues(row.get(SEED_VALUES)) : Map.of()));
        } catch (IllegalArgumentException | IllegalStateException e) {
          // NumberFormatException says only "For input string": name the line.
          throw new IllegalArgumentException("line " + (row.getRecordNumber() + 1) + ": "
              + e.getMessage(), e);
        }
      }
    }
    return Optional.of(rows);
  }

  private static String seedValues(Map<Long, Double> values) {
    StringBuilder text = new StringBuilder();
    values.forEach((seed, value) -> text.append(text.length() == 0 ? "" : ";").append(seed)
        .append('=').append(Double.isInfinite(value) ? DIVERGED : Double.toString(value)));
    return text.toString();
  }

  /**
   * @throws IllegalArgumentException if a pair is not {@code seed=value}
   */
  private static Map<Long, Double> seedValues(String text) {
    Map<Long, Double> values = new LinkedHashMap<>();
    if (text.isBlank()) {
      return values;
    }
    for (String pair : text.trim().split(";")) {
      int eq = pair.indexOf('=');
      if (eq < 1) {
        throw new IllegalArgumentException(SEED_VALUES + " holds '" + pair + "', not seed=value");
      }
      String value = pair.substring(eq + 1);
      // Which infinity does not matter to a reader: both mean the seed diverged.
      values.put(Long.parseLong(pair.substring(0, eq)), value.equals(DIVERGED)
          ? Double.NEGATIVE_INFINITY : number(value));
    }
    return values;
  }

  private static double number(String text) {
    try {
      return text.isBlank() ? Double.NaN : Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
