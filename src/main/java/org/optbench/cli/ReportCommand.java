package org.optbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.optbench.UserInputException;
import java.util.concurrent.Callable;
import org.optbench.report.ReportGenerator;
import org.optbench.report.ReportOptions;
import org.optbench.report.ReportSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code optbench report RESULTS_DIR... [--out DIR]}: tables, figures and a web page from one
 * result store, or from several merged into one report.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = {"Make the report of an experiment from its results folder alone (nothing is"
        + " retrained): tables (Markdown, CSV, LaTeX), figures (PNG, SVG) and index.html, a"
        + " page that opens from disk.",
        "Works on partial experiments too and lists what is missing.",
        "Several folders (e.g. a new optimizer's run and baselines run earlier) make one report"
            + " with --out: problems are matched by id, each line names the experiment it came"
            + " from, and experiments that differ in a problem's data, network, budget, seeds or"
            + " threads, in their protocol (grid or tune-then-evaluate) or in how they were"
            + " tuned are refused, naming the difference."})
final class ReportCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "RESULTS_DIR", description = "An experiment folder,"
      + " e.g. results/quickstart (holds experiment.resolved.yaml and trials.csv); several to"
      + " merge them.")
  List<Path> resultsDirs;

  @Option(names = "--out", paramLabel = "DIR", description = "Where the report goes (default"
      + " for one folder: RESULTS_DIR/report; required for several): a new or empty folder, or"
      + " an earlier report, which is replaced whole. A folder holding other files is refused.")
  Path out;

  @Option(names = "--smoothing", paramLabel = "BETA", description = "Factor β of the"
      + " exponential moving average drawn over mini-batch losses, in [0, 1): 0 draws the raw"
      + " losses, 0.9 (the default) averages about 10, 0.99 about 100. Default: the config's"
      + " report: {smoothing: β}, else 0.9. Stated in the captions.")
  Double smoothing;

  /** @return the folder with links resolved (a link to a folder is that folder), if it exists */
  private static Path folder(Path dir) {
    try {
      return dir.toRealPath();
    } catch (java.io.IOException missing) {
      // Refused later, with the reason; here only the spelling can be compared.
      return dir.toAbsolutePath().normalize();
    }
  }

  @Override
  public Integer call() {
    PrintWriter printer = spec.commandLine().getOut();
    if (out == null && resultsDirs.size() > 1) {
      throw new UserInputException("--out is required with " + resultsDirs.size()
          + " results folders: give the folder the merged report goes to, e.g. --out"
          + " results/merged-report");
    }
    java.util.Map<Path, Path> seen = new java.util.HashMap<>();
    for (Path dir : resultsDirs) {
      Path earlier = seen.putIfAbsent(folder(dir), dir);
      if (earlier != null) {
        throw new UserInputException("the results folder " + dir + " is given twice (also as "
            + earlier + "); give each experiment once");
      }
    }
    if (smoothing != null && Double.isNaN(smoothing)) {
      // NaN would otherwise read as "not given" and fall back to the config's factor.
      throw new UserInputException("--smoothing must be in [0, 1) (0: no smoothing, 0.9: about"
          + " ten losses, 0.99: about a hundred), got NaN");
    }
    ReportSummary summary = ReportGenerator.generate(resultsDirs,
        Optional.ofNullable(out).orElse(resultsDirs.get(0).resolve("report")),
        new ReportOptions(smoothing == null ? Double.NaN : smoothing));
    print(summary, printer);
    return 0;
  }

  /**
   * Prints where the report is, what it holds and what is missing.
   *
   * @param summary what the generator wrote
   * @param printer where to print
   */
  static void print(ReportSummary summary, PrintWriter printer) {
    for (String warning : summary.warnings()) {
      printer.println("warning: " + warning);
    }
    printer.printf("report: %s%n", summary.index());
    printer.printf("  %d problem(s), %d table(s) as Markdown/CSV/LaTeX, %d figure(s) as PNG/SVG;"
        + " %d of %d trials have results%n", summary.problems(), summary.tables(),
        summary.figures(), summary.trialsWithResults(), summary.trials());
    if (summary.missingTrials() > 0) {
      printer.printf("missing: %d of %d trials are missing or incomplete:%n",
          summary.missingTrials(), summary.trials());
      summary.missing().forEach(line -> printer.println("  " + line));
    }
    printer.flush();
  }
}
