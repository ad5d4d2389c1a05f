package org.optbench.report;

import java.util.List;

/**
 * A table of formatted cells, written as Markdown, CSV, LaTeX and HTML by {@link TableWriter}.
 *
 * @param id file stem and LaTeX label suffix, e.g. {@code mnist-mlp-best}
 * @param title short title
 * @param caption what the rows are and how the numbers were made
 * @param headers column headers, with units
 * @param numeric per column, whether it holds numbers (right-aligned)
 * @param rows cells, one list per row, each as long as {@code headers}
 */
record Table(String id, String title, String caption, List<String> headers, List<Boolean> numeric,
    List<List<String>> rows) {

  /**
   * Copies the lists and checks the shape.
   *
   * @throws IllegalArgumentException if a row or {@code numeric} does not match the headers
   */
  Table {
    headers = List.copyOf(headers);
    numeric = List.copyOf(numeric);
    rows = rows.stream().map(List::copyOf).toList();
    if (numeric.size() != headers.size()) {
      throw new IllegalArgumentException("numeric flags do not match headers in " + id);
    }
    for (List<String> row : rows) {
      if (row.size() != headers.size()) {
        throw new IllegalArgumentException("row " + row + " of " + id + " has " + row.size()
            + " cells, expected " + headers.size());
      }
    }
  }
}
