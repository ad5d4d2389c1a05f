package org.optbench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.optbench.UserInputException;
import org.optbench.result.AtomicFiles;

/**
 * Makes the report of one experiment folder from its result store alone.
 *
 * <pre>
 * &lt;out&gt;/
 *   index.html        every table and figure, the resolved config and the manifest
 *   report.md         every table in Markdown, with links to the figures
 *   tables/           &lt;problem&gt;-best, -lr, -settings and missing, as .csv, .md and .tex
 *   figures/          &lt;problem&gt;-loss, -loss-time, -test-accuracy, -suboptimality,
 *                     -trajectories, -lr, as .png and .svg
 * </pre>
 *
 * Identical input gives byte-identical output.
 */
public final class ReportGenerator {
  static {
    // Charts render off-screen; never try to reach a display.
    System.setProperty("java.awt.headless", "true");
  }

  private ReportGenerator() {}

  /**
   * @param resultsDir an experiment folder, {@code results/<experiment>/}
   * @param outDir where the report goes (created if needed; existing files of the same names are
   *     replaced, others are left alone)
   * @return what was written and what is missing
   * @throws UserInputException if {@code resultsDir} is not an experiment folder or
   *     {@code outDir} cannot be written
   * @throws UncheckedIOException if writing a file fails
   */
  public static ReportSummary generate(Path resultsDir, Path outDir) {
    ExperimentData data = StoreReader.read(resultsDir);
    List<SettingSummary> settings = Aggregator.summarize(data);
    List<Gap> gaps = Aggregator.gaps(settings);
    Path tablesDir = outDir.resolve("tables");
    Path figuresDir = outDir.resolve("figures");
    try {
      Files.createDirectories(tablesDir);
      Files.createDirectories(figuresDir);
    } catch (IOException e) {
      throw new UserInputException("cannot create report folder " + outDir + ": " + e
          + "; choose a writable folder with --out", e);
    }

    StringBuilder markdown = new StringBuilder("# optbench report: " + data.name() + "\n\n");
    List<HtmlPage.Section> sections = new ArrayList<>();
    int tableCount = 0;
    int figureCount = 0;
    for (ProblemEntry problem : data.problems()) {
      List<SettingSummary> mine = settings.stream().filter(s -> s.problem() == problem).toList();
      if (mine.isEmpty()) {
        continue;
      }
      List<SettingSummary> best = Aggregator.bestPerOptimizer(mine);
      List<Aggregator.LrRow> lrRows = Aggregator.learningRateRows(mine);
      List<ReportTables.Pair> pairs = new ArrayList<>();
      pairs.add(ReportTables.best(problem, best));
      if (!lrRows.isEmpty()) {
        pairs.add(ReportTables.learningRates(problem, lrRows));
      }
      pairs.add(ReportTables.settings(problem, mine));
      List<String> downloads = new ArrayList<>();
      List<String> facts = facts(problem, mine);
      markdown.append("## ").append(problem.label()).append("\n\n");
      for (String fact : facts) {
        markdown.append("- ").append(fact).append('\n');
      }
      markdown.append('\n');
      for (ReportTables.Pair pair : pairs) {
        downloads.addAll(writeTable(tablesDir, pair.display(), pair.data()));
        markdown.append(TableWriter.markdown(pair.display())).append('\n');
        tableCount++;
      }
      List<Figure> figures = Figures.forProblem(problem, best, lrRows);
      for (Figure f : figures) {
        write(figuresDir.resolve(f.id() + ".png"), ChartFiles.png(f));
        AtomicFiles.write(figuresDir.resolve(f.id() + ".svg"), ChartFiles.svg(f));
        markdown.append("![").append(f.title()).append("](figures/").append(f.id())
            .append(".png)\n\n");
        figureCount++;
      }
      sections.add(new HtmlPage.Section(problem, facts,
          pairs.stream().map(ReportTables.Pair::display).toList(), figures, downloads));
    }

    Table gapTable = ReportTables.gaps(gaps);
    List<String> common = new ArrayList<>(writeTable(tablesDir, gapTable, gapTable));
    tableCount++;
    markdown.append("## Missing trials\n\n").append(gaps.isEmpty()
        ? "None: every trial of the plan has a complete result.\n"
        : TableWriter.markdown(gapTable));
    AtomicFiles.write(outDir.resolve("report.md"), markdown.toString());
    common.add(0, "report.md");

    int withResults = (int) data.trials().stream().filter(t -> t.result() != null).count();
    String counts = data.trials().size() + " trials in the plan, " + withResults
        + " with results" + (gaps.isEmpty() ? "; nothing is missing."
            : "; " + gaps.size() + " missing or incomplete (listed under Missing trials).");
    String generatedFrom = generatedFrom(resultsDir, outDir);
    Path index = outDir.resolve("index.html");
    AtomicFiles.write(index, HtmlPage.render(data, generatedFrom, counts, sections, gapTable,
        data.warnings(), common));
    return new ReportSummary(outDir, index, sections.size(), tableCount, figureCount,
        data.trials().size(), withResults, missingLines(gaps), gaps.size(), data.warnings());
  }

  /** The experiment folder relative to the page, so the line is the same wherever both move. */
  private static String generatedFrom(Path resultsDir, Path outDir) {
    Path from = outDir.toAbsolutePath().normalize();
    Path to = resultsDir.toAbsolutePath().normalize();
    String relative = from.relativize(to).toString();
    return "experiment folder " + to.getFileName() + " (" + (relative.isEmpty() ? "." : relative)
        + " relative to this page)";
  }

  private static List<String> facts(ProblemEntry problem, List<SettingSummary> settings) {
    List<String> facts = new ArrayList<>();
    String family = switch (problem.family()) {
      case IMAGE -> "image classification";
      case REGRESSION -> "least-squares regression";
      case ANALYTIC -> "2-D analytic function (deterministic: first seed only)";
    };
    facts.add(family + (problem.budget().isEmpty() ? "" : ", budget " + problem.budget()));
    facts.add("target: " + problem.targetText() + (problem.targetFromConfig()
        ? " (from the config)" : " (default; the config sets none)"));
    int trials = settings.stream().mapToInt(SettingSummary::planned).sum();
    int missing = settings.stream().mapToInt(SettingSummary::missing).sum();
    facts.add(settings.size() + " settings, " + trials + " trials"
        + (missing > 0 ? ", " + missing + " without results" : ""));
    return facts;
  }

  /** Writes the display table as .md and .tex and the data table as .csv. */
  private static List<String> writeTable(Path dir, Table display, Table data) {
    AtomicFiles.write(dir.resolve(display.id() + ".csv"), TableWriter.csv(data));
    AtomicFiles.write(dir.resolve(display.id() + ".md"), TableWriter.markdown(display));
    AtomicFiles.write(dir.resolve(display.id() + ".tex"), TableWriter.latex(display));
    String stem = "tables/" + display.id();
    return List.of(stem + ".csv", stem + ".md", stem + ".tex");
  }

  private static void write(Path file, byte[] bytes) {
    try {
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** One line per setting and reason, listing its seeds. */
  static List<String> missingLines(List<Gap> gaps) {
    Map<String, List<Long>> seeds = new LinkedHashMap<>();
    for (Gap g : gaps) {
      seeds.computeIfAbsent(g.problem() + " " + g.optimizer() + " " + g.setting() + "\u0000"
          + g.reason(), k -> new ArrayList<>()).add(g.seed());
    }
    List<String> lines = new ArrayList<>();
    seeds.forEach((key, list) -> {
      String[] parts = key.split("\u0000", 2);
      lines.add(parts[0] + ": seed" + (list.size() == 1 ? " " : "s ")
          + String.join(", ", list.stream().map(String::valueOf).toList()) + " " + parts[1]);
    });
    return lines;
  }
}
