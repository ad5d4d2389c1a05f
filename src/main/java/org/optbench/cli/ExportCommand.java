package org.optbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.optbench.export.ExportSummary;
import org.optbench.export.ResultExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code optbench export RESULTS_DIR --out FILE}: the curves as one long-format table. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Write every finished trial's curves and evaluations as one long-format CSV"
        + " table (one row per value) for pandas or R; diverged and failed trials are included"
        + " with their status. Columns: docs/export.md."})
final class ExportCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RESULTS_DIR", description = "An experiment folder,"
      + " e.g. results/quickstart, holding trials/ and trials.csv.")
  Path resultsDir;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "The table:"
      + " FILE.csv, or FILE.csv.gz for gzip-compressed CSV. Written atomically.")
  Path out;

  @Option(names = "--force", description = "Replace FILE if it exists (refused otherwise).")
  boolean force;

  @Override
  public Integer call() {
    PrintWriter printer = spec.commandLine().getOut();
    ExportSummary summary = ResultExport.export(resultsDir, out, force);
    for (String warning : summary.warnings()) {
      printer.println("warning: " + warning);
    }
    printer.printf("export: %s%n  %d trial(s), %d row(s)%n", summary.file(), summary.trials(),
        summary.rows());
    printer.flush();
    return 0;
  }
}
