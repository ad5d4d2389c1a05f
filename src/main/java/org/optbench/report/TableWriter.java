package org.optbench.report;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Writes a {@link Table} as Markdown, CSV (commons-csv) and LaTeX (booktabs). */
final class TableWriter {
  /** Characters LaTeX treats specially, and Unicode symbols used in headers, with their markup. */
  private static final Map<Character, String> LATEX = Map.ofEntries(
      Map.entry('\\', "\\textbackslash{}"), Map.entry('{', "\\{"), Map.entry('}', "\\}"),
      Map.entry('_', "\\_"), Map.entry('%', "\\%"), Map.entry('&', "\\&"), Map.entry('#', "\\#"),
      Map.entry('$', "\\$"), Map.entry('~', "\\textasciitilde{}"),
      Map.entry('^', "\\textasciicircum{}"), Map.entry('<', "\\textless{}"),
      Map.entry('>', "\\textgreater{}"), Map.entry('|', "\\textbar{}"),
      Map.entry('±', "\\ensuremath{\\pm}"), Map.entry('−', "\\ensuremath{-}"),
      Map.entry('–', "--"), Map.entry('‖', "\\ensuremath{\\|}"),
      Map.entry('≥', "\\ensuremath{\\geq}"), Map.entry('≤', "\\ensuremath{\\leq}"),
      Map.entry('θ', "\\ensuremath{\\theta}"), Map.entry('ŵ', "\\ensuremath{\\hat{w}}"),
      Map.entry('κ', "\\ensuremath{\\kappa}"), Map.entry('×', "\\ensuremath{\\times}"),
      Map.entry('·', "\\ensuremath{\\cdot}"), Map.entry('≈', "\\ensuremath{\\approx}"),
      Map.entry('η', "\\ensuremath{\\eta}"), Map.entry('ρ', "\\ensuremath{\\rho}"),
      Map.entry('τ', "\\ensuremath{\\tau}"), Map.entry('∈', "\\ensuremath{\\in}"),
      Map.entry('∫', "\\ensuremath{\\int}"), Map.entry('₀', "\\ensuremath{_0}"),
      Map.entry('₁', "\\ensuremath{_1}"), Map.entry('é', "\\'{e}"));

  private TableWriter() {}

  /**
   * @param table a table
   * @return a GitHub-flavoured Markdown table preceded by its title and caption
   */
  static String markdown(Table table) {
    StringBuilder out = new StringBuilder();
    out.append("### ").append(markdownCell(table.title())).append("\n\n");
    out.append(markdownCell(table.caption())).append("\n\n");
    out.append('|');
    for (String h : table.headers()) {
      out.append(' ').append(markdownCell(h)).append(" |");
    }
    out.append("\n|");
    for (boolean numeric : table.numeric()) {
      out.append(numeric ? " ---: |" : " --- |");
    }
    out.append('\n');
    for (List<String> row : table.rows()) {
      out.append('|');
      for (String cell : row) {
        out.append(' ').append(markdownCell(cell)).append(" |");
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static String markdownCell(String text) {
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("*", "\\*")
        .replace("_", "\\_").replace("\n", " ");
  }

  /**
   * Text from a config or result file, for a line or heading of Markdown: on one line, and with
   * every character that could start emphasis, a link, code, HTML or a table cell escaped, so it
   * reads as the text it is.
   *
   * @param text any text
   * @return the text as Markdown
   */
  static String markdownText(String text) {
    return markdownCell(text.strip().replaceAll("\\s*\\R\\s*", " ")).replace("`", "\\`")
        .replace("[", "\\[").replace("]", "\\]").replace("<", "\\<").replace(">", "\\>")
        .replace("#", "\\#");
  }

  /**
   * @param table a table
   * @return RFC 4180 CSV with a header row, {@code \n} line ends
   */
  static String csv(Table table) {
    StringWriter out = new StringWriter();
    CSVFormat format = CSVFormat.DEFAULT.builder().setRecordSeparator('\n')
        .setHeader(table.headers().toArray(String[]::new)).build();
    try (CSVPrinter printer = new CSVPrinter(out, format)) {
      for (List<String> row : table.rows()) {
        printer.printRecord(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /**
   * @param table a table
   * @return a {@code table} environment with a booktabs {@code tabular} (needs
   *     the booktabs package), label {@code tab:<id>}
   */
  static String latex(Table table) {
    StringBuilder spec = new StringBuilder();
    table.numeric().forEach(n -> spec.append(n ? 'r' : 'l'));
    StringBuilder out = new StringBuilder();
    out.append("\\begin{table}[htbp]\n");
    out.append("  \\centering\n");
    out.append("  \\caption{").append(latexText(table.title())).append(". ")
        .append(latexText(table.caption())).append("}\n");
    // A label is a key, not text: \\_ in it would have to be typed in every \\ref as well.
    out.append("  \\label{tab:").append(table.id().replaceAll("[^A-Za-z0-9:._-]", "-"))
        .append("}\n");
    out.append("  \\begin{tabular}{").append(spec).append("}\n");
    out.append("    \\toprule\n");
    out.append("    ").append(latexRow(table.headers())).append('\n');
    out.append("    \\midrule\n");
    for (List<String> row : table.rows()) {
      out.append("    ").append(latexRow(row)).append('\n');
    }
    out.append("    \\bottomrule\n");
    out.append("  \\end{tabular}\n");
    out.append("\\end{table}\n");
    return out.toString();
  }

  private static String latexRow(List<String> cells) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      out.append(i == 0 ? "" : " & ").append(latexText(cells.get(i)));
    }
    return out.append(" \\\\").toString();
  }

  /**
   * @param text any text
   * @return the text with LaTeX's special characters escaped and the symbols used in headers
   *     turned into math
   */
  static String latexText(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String replacement = LATEX.get(c);
      out.append(replacement != null ? replacement : String.valueOf(c));
    }
    return out.toString();
  }
}
