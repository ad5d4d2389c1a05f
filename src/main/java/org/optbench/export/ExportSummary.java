package org.optbench.export;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link ResultExport#export} wrote.
 *
 * @param file the table written
 * @param trials trial folders exported (a trial serving two protocol arms counts once)
 * @param rows data rows of the table (the header not counted)
 * @param warnings trials left out (unfinished, damaged) and other things worth saying, one line
 *     each
 */
public record ExportSummary(Path file, int trials, long rows, List<String> warnings) {
  /** Copies the warnings. */
  public ExportSummary {
    warnings = List.copyOf(warnings);
  }
}
