package org.optbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** The three text formats of a table. */
class TableWriterTest {
  private static final Table TABLE = new Table("mnist-mlp-best", "mnist_mlp: 100% best & more",
      "Mean ± sd; #seeds {n}; f − f* ≥ 0 and ‖θ − θ*‖; a\\b $x$ ~ ^",
      List.of("optimizer", "final_test accuracy", "time to target [s]"),
      List.of(false, true, true),
      List.of(List.of("adam_w", "0.9300 ± 0.01414", "1.500"),
          List.of("sgd|x", "–", "not reached")));

  @Test
  void latexIsBooktabsWithBalancedBracesAndEscapes() {
    String tex = TableWriter.latex(TABLE);
    int top = tex.indexOf("\\toprule");
    int mid = tex.indexOf("\\midrule");
    int bottom = tex.indexOf("\\bottomrule");
    assertTrue(top > 0 && top < mid && mid < bottom, tex);
    assertTrue(tex.contains("\\begin{tabular}{lrr}"), tex);
    assertTrue(tex.contains("\\label{tab:mnist-mlp-best}"), tex);
    // Every row, header included, ends with \\ and has one & per column boundary.
    List<String> rows = tex.lines().filter(l -> l.endsWith("\\\\")).toList();
    assertEquals(3, rows.size(), tex);
    for (String row : rows) {
      assertEquals(2, row.chars().filter(c -> c == '&').count() - escaped(row, "\\&"), row);
    }
    assertEquals(0, unescaped(tex, '_'), tex);
    assertEquals(0, unescaped(tex, '%'), tex);
    assertEquals(0, unescaped(tex, '#'), tex);
    assertTrue(tex.contains("adam\\_w") && tex.contains("100\\%") && tex.contains("\\#seeds"),
        tex);
    assertTrue(tex.contains("\\ensuremath{\\pm}"), tex);
    assertBalanced(tex);
  }

  /** A label is a key typed again in \\ref: kept as the id is, not escaped as text. */
  @Test
  void theLabelIsTheTableIdAsItIs() {
    Table table = new Table("my__shapes_-best", TABLE.title(), TABLE.caption(), TABLE.headers(),
        TABLE.numeric(), TABLE.rows());
    assertTrue(TableWriter.latex(table).contains("\\label{tab:my__shapes_-best}\n"),
        TableWriter.latex(table));
  }

  private static long escaped(String s, String token) {
    return Pattern.compile(Pattern.quote(token)).matcher(s).results().count();
  }

  /** Occurrences of {@code c} not preceded by a backslash. */
  private static int unescaped(String s, char c) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == c && (i == 0 || s.charAt(i - 1) != '\\')) {
        n++;
      }
    }
    return n;
  }

  private static void assertBalanced(String tex) {
    int depth = 0;
    for (int i = 0; i < tex.length(); i++) {
      char c = tex.charAt(i);
      boolean escapedChar = i > 0 && tex.charAt(i - 1) == '\\'
          && !(i > 1 && tex.charAt(i - 2) == '\\');
      if (escapedChar) {
        continue;
      }
      if (c == '{') {
        depth++;
      } else if (c == '}') {
        depth--;
        assertFalse(depth < 0, "closing brace without opening at " + i + ": " + tex);
      }
    }
    assertEquals(0, depth, "unbalanced braces: " + tex);
  }

  @Test
  void markdownEscapesPipesAndAlignsNumbers() {
    String md = TableWriter.markdown(TABLE);
    assertTrue(md.contains("| --- | ---: | ---: |"), md);
    assertTrue(md.contains("| sgd\\|x |"), md);
    assertTrue(md.contains("adam\\_w"), md);
    // Header, alignment row and two rows.
    assertEquals(4, md.lines().filter(l -> l.startsWith("|")).count(), md);
  }

  @Test
  void csvReadsBackCellForCell() throws IOException {
    String csv = TableWriter.csv(TABLE);
    List<CSVRecord> records = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
        .build().parse(new StringReader(csv)).getRecords();
    assertEquals(2, records.size());
    assertEquals("0.9300 ± 0.01414", records.get(0).get("final_test accuracy"));
    assertEquals("sgd|x", records.get(1).get("optimizer"));
  }
}
