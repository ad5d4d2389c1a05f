package org.optbench.data;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.datavec.api.records.reader.impl.csv.CSVRecordReader;
import org.datavec.api.writable.Writable;

/**
 * Reads a {@link DataSource.Csv}: every line after {@code skipLines} is one example, split into
 * fields by DataVec's {@code CSVRecordReader} (quotes and delimiters as DataVec parses them),
 * the field at {@code labelColumn} its label and every other field a feature.
 *
 * <p>optbench reads the lines itself and gives each to the record reader's parser: DataVec's
 * reader does not report which line a record came from, and every error here names the file,
 * the line (1-based, counting skipped lines) and, for a value, the column (0-based, as
 * {@code labelColumn}). A quoted field cannot span lines. Blank lines are skipped.
 */
final class CsvTableReader {
  private static final String BOM = "\uFEFF";

  private CsvTableReader() {}

  /**
   * @param csv the declaration
   * @return the examples, shape {@code [fields − 1]}
   * @throws DataException if the file cannot be read, holds no data row, a line cannot be
   *     parsed, rows differ in width, {@code labelColumn} is out of range or a feature is not a
   *     finite number (each naming the file, line and column)
   */
  static RawTable read(DataSource.Csv csv) {
    Path file = csv.file();
    LineParser parser = new LineParser(csv.delimiter());
    List<float[]> rows = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    List<Integer> lineNumbers = new ArrayList<>();
    int fields = -1;
    int firstLine = -1;
    try (BufferedReader in = open(file)) {
      String line;
      int number = 0;
      while ((line = in.readLine()) != null) {
        number++;
        if (number == 1 && line.startsWith(BOM)) {
          // Written by some editors and spreadsheets before UTF-8 text; not part of the data.
          line = line.substring(1);
        }
        if (number <= csv.skipLines() || line.isBlank()) {
          continue;
        }
        List<Writable> record;
        try {
          record = parser.parse(line);
        } catch (RuntimeException e) {
          throw new DataException(file + ":" + number + ": cannot be parsed as a CSV record ("
              + e.getMessage() + "); expected fields separated by '" + csv.delimiter() + "'");
        }
        if (fields < 0) {
          fields = record.size();
          firstLine = number;
          if (csv.labelColumn() >= fields) {
            throw new DataException("labelColumn " + csv.labelColumn() + " is out of range: "
                + file + ":" + number + " has " + fields + " columns (0 to " + (fields - 1)
                + "); give the 0-based column of the label" + delimiterHint(line, csv, fields));
          }
          if (fields < 2) {
            throw new DataException(file + ":" + number + " has " + fields + " column; a row"
                + " needs at least one feature and the label (is the delimiter '"
                + csv.delimiter() + "' right?)" + delimiterHint(line, csv, fields));
          }
        } else if (record.size() != fields) {
          throw new DataException(file + ":" + number + " has " + record.size() + " columns but"
              + " line " + firstLine + " (the first data row) has " + fields + "; every row"
              + " needs the same columns");
        }
        float[] values = new float[fields - 1];
        int k = 0;
        for (int c = 0; c < fields; c++) {
          String cell = record.get(c).toString().trim();
          if (c == csv.labelColumn()) {
            labels.add(cell);
            continue;
          }
          values[k++] = number(cell, file, number, c,
              rows.isEmpty() && csv.skipLines() == 0 ? "; is line " + number + " a header?"
                  + " then set skipLines: 1" : "");
        }
        rows.add(values);
        lineNumbers.add(number);
      }
    } catch (CharacterCodingException e) {
      // Read ahead in blocks, the reader cannot say which line: find it.
      boolean gzip = file.getFileName().toString().endsWith(".gz");
      throw new DataException(whereNotUtf8(file) + " is not UTF-8 text; save the file as UTF-8"
          + " (from Latin-1, for instance: " + (gzip
              ? "zcat FILE | iconv -f latin1 -t utf-8 | gzip > NEW.gz"
              : "iconv -f latin1 -t utf-8 FILE > NEW") + "), so that labels and values read as"
          + " written", e);
    } catch (IOException e) {
      throw new DataException("cannot read " + file + ": " + e.getMessage() + "; check that it"
          + " exists, is readable and (for a .gz name) is gzip-compressed", e);
    }
    if (rows.isEmpty()) {
      throw new DataException(file + " is empty: no data row"
          + (csv.skipLines() > 0 ? " after the " + csv.skipLines() + " skipped line(s)" : "")
          + "; expected one example per line");
    }
    int width = fields - 1;
    float[] features = new float[rows.size() * width];
    for (int i = 0; i < rows.size(); i++) {
      System.arraycopy(rows.get(i), 0, features, i * width, width);
    }
    int[] lines = lineNumbers.stream().mapToInt(Integer::intValue).toArray();
    return new RawTable(rows.size(), new int[] {width}, features, labels.toArray(String[]::new),
        i -> file + ":" + lines[i]);
  }

  private static float number(String cell, Path file, int line, int column, String hint) {
    double value;
    try {
      value = Double.parseDouble(cell);
    } catch (NumberFormatException e) {
      value = Double.NaN;
    }
    if (!Double.isFinite(value)) {
      // A file split on ',' whose values hold another delimiter (decimal commas, for instance).
      String other = hint.isEmpty() ? Stream.of(";", "\t", "|").filter(cell::contains)
          .findFirst().map(d -> "; the value holds '" + d.replace("\t", "\\t") + "': set"
              + " delimiter: \"" + d.replace("\t", "\\t") + "\" if that is the file's delimiter")
          .orElse("") : hint;
      throw new DataException(file + ":" + line + ": column " + column + " (0-based) is '"
          + cell + "', not a finite number; every column but labelColumn must be numeric"
          + other);
    }
    return (float) value;
  }

  /**
   * @return for a line read as one column that another usual delimiter would split, a hint
   *     naming it; else nothing
   */
  private static String delimiterHint(String line, DataSource.Csv csv, int fields) {
    if (fields != 1) {
      return "";
    }
    for (char c : new char[] {';', '\t', '|', ','}) {
      if (c != csv.delimiter() && line.indexOf(c) >= 0) {
        return "; the line holds no '" + csv.delimiter() + "' but holds '"
            + (c == '\t' ? "\\t" : String.valueOf(c)) + "': set delimiter: \""
            + (c == '\t' ? "\\t" : String.valueOf(c)) + "\"";
      }
    }
    return "";
  }

  /**
   * Strict UTF-8: a byte that is not UTF-8 stops the reading. Replaced by U+FFFD, as a lenient
   * reader would, two different labels such as Latin-1 "caf\u00e9" and "caf\u00e8" became one
   * class without a word.
   */
  private static BufferedReader open(Path file) throws IOException {
    CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    return new BufferedReader(new InputStreamReader(bytes(file), utf8), 1 << 16);
  }

  private static InputStream bytes(Path file) throws IOException {
    InputStream raw = Files.newInputStream(file);
    return file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16)
        : raw;
  }

  /** @return {@code file:line} of the first line whose bytes are not UTF-8 */
  private static String whereNotUtf8(Path file) {
    CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder();
    try (InputStream in = new BufferedInputStream(bytes(file), 1 << 16)) {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      int number = 1;
      for (int b = in.read(); ; b = in.read()) {
        if (b == '\n' || b < 0) {
          try {
            utf8.decode(ByteBuffer.wrap(line.toByteArray()));
          } catch (CharacterCodingException bad) {
            return file + ":" + number;
          }
          if (b < 0) {
            break;
          }
          line.reset();
          number++;
        } else {
          line.write(b);
        }
      }
    } catch (IOException e) {
      throw new DataException("cannot read " + file + ": " + e.getMessage(), e);
    }
    // Not found line by line (cannot happen: a newline ends any sequence); the file, then.
    return file.toString();
  }

  /** DataVec's CSV record reader, used for its line parser alone. */
  private static final class LineParser extends CSVRecordReader {
    private static final long serialVersionUID = 1L;

    LineParser(char delimiter) {
      super(0, delimiter);
    }

    List<Writable> parse(String line) {
      return parseLine(line);
    }
  }
}
