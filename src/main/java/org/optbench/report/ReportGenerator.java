package org.optbench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.optbench.config.Protocol;
import org.optbench.UserInputException;
import org.optbench.result.AtomicFiles;

/**
 * Makes the report of one experiment folder from its result store alone, or of several grid
 * experiments merged into one (see {@link ExperimentMerge}).
 *
 * <pre>
 * &lt;out&gt;/
 *   .optbench-report  marks the folder as a report, which the next report replaces whole
 *   index.html        every table and figure (curves also interactive), the resolved config
 *                     and the manifest
 *   report.md         every table in Markdown, with links to the figures, and how the
 *                     results were computed (software, natives, threads, machine, seeds)
 *   tables/           &lt;problem&gt;-best, -comparison, -time-to-target, -lr, -settings;
 *                     tune-then-evaluate also -defaults, -defaults-vs-tuned, -tuning-budget,
 *                     -stability; performance-profiles; missing; as .csv, .md and .tex
 *   figures/          &lt;problem&gt;-loss, -loss-time, -test-accuracy, -suboptimality,
 *                     -trajectories, -lr, -defaults-vs-tuned, -tuning-budget,
 *                     -stability-&lt;optimizer&gt;-&lt;hyperparameter&gt;;
 *                     performance-profile-steps and -seconds; as .png and .svg
 * </pre>
 *
 * A grid store compares each optimizer's best setting; a tune-then-evaluate store compares the
 * settings {@code selection.csv} names over the evaluation seeds, and the defaults arm apart
 * (see {@link ProblemStudy}). Identical input gives byte-identical output.
 */
public final class ReportGenerator {
  static {
    // Charts render off-screen; never try to reach a display.
    System.setProperty("java.awt.headless", "true");
  }

  private ReportGenerator() {}

  /**
   * Writes the report whole: into a folder beside {@code outDir} that replaces it at the end
   * (see {@link ReportFolder}), so the folder never mixes two reports' files.
   *
   * @param resultsDir an experiment folder, {@code results/<experiment>/}
   * @param outDir where the report goes: a new or empty folder, or an earlier report, which is
   *     replaced whole
   * @return what was written and what is missing
   * @throws UserInputException if {@code resultsDir} is not an experiment folder, or records a
   *     result-store format version this optbench cannot read, or
   *     {@code outDir} is a file, a non-empty folder that is not a report, or cannot be written;
   *     nothing is written then
   * @throws UncheckedIOException if writing a file fails; the earlier report is then left as it
   *     was
   */
  public static ReportSummary generate(Path resultsDir, Path outDir) {
    return generate(resultsDir, outDir, ReportOptions.DEFAULTS);
  }

  /**
   * As {@link #generate(Path, Path)}, drawn with the given options.
   *
   * @param resultsDir an experiment folder
   * @param outDir where the report goes
   * @param options how to draw (the loss smoothing)
   * @return what was written and what is missing
   * @throws UserInputException as {@link #generate(Path, Path)}
   * @throws UncheckedIOException as {@link #generate(Path, Path)}
   */
  public static ReportSummary generate(Path resultsDir, Path outDir, ReportOptions options) {
    return generate(List.of(resultsDir), outDir, options);
  }

  /**
   * The report of several experiments as one (see {@link ExperimentMerge}); of one experiment,
   * the same as {@link #generate(Path, Path, ReportOptions)}.
   *
   * @param resultsDirs experiment folders, at least one; with two or more, lines and settings
   *     name the experiment they came from
   * @param outDir where the report goes
   * @param options how to draw
   * @return what was written and what is missing
   * @throws UserInputException as {@link #generate(Path, Path)}, or if the experiments cannot
   *     be compared (the message names the difference); nothing is written then
   * @throws UncheckedIOException as {@link #generate(Path, Path)}
   */
  public static ReportSummary generate(List<Path> resultsDirs, Path outDir,
      ReportOptions options) {
    if (resultsDirs.isEmpty()) {
      throw new IllegalArgumentException("no experiment folder");
    }
    // A store of a newer format is refused before any report file is touched.
    resultsDirs.forEach(org.optbench.result.StoreFormat::checkStore);
    ReportFolder folder = ReportFolder.check(outDir);
    List<ExperimentData> stores = resultsDirs.stream().map(StoreReader::read).toList();
    ExperimentData data = stores.size() == 1 ? stores.get(0) : ExperimentMerge.merge(stores);
    Path staging = folder.stage();
    try {
      // A merged report takes the first experiment's configured smoothing unless one is given.
      ReportSummary summary = writeInto(data, generatedFrom(resultsDirs, outDir), outDir,
          staging, options.resolve(stores.get(0).resolvedConfig()),
          Provenance.markdown(stores, ExperimentMerge.labels(stores)));
      folder.commit();
      return summary;
    } catch (RuntimeException | Error e) {
      folder.abandon();
      throw e;
    }
  }

  /**
   * Writes every file into {@code staging}; the summary names them under {@code outDir}.
   * {@code provenance} is report.md's closing section ({@link Provenance}).
   */
  private static ReportSummary writeInto(ExperimentData data, String generatedFrom,
      Path outDir, Path staging, ReportOptions options, String provenance) {
    ProblemStudy.All studies = ProblemStudy.of(data);
    List<String> warnings = new ArrayList<>(data.warnings());
    warnings.addAll(studies.warnings());
    List<Gap> gaps = Aggregator.gaps(Aggregator.summarize(data));
    Path tablesDir = staging.resolve("tables");
    Path figuresDir = staging.resolve("figures");
    try {
      Files.createDirectories(tablesDir);
      Files.createDirectories(figuresDir);
    } catch (IOException e) {
      throw new UserInputException("cannot create report folder " + outDir + ": " + e
          + "; choose a writable folder with --out", e);
    }

    StringBuilder markdown = new StringBuilder("# optbench report: "
        + TableWriter.markdownText(data.name()) + "\n\n");
    List<HtmlPage.Section> sections = new ArrayList<>();
    Counts counts = new Counts();
    for (ProblemStudy study : studies.studies()) {
      sections.add(problemSection(data, study, tablesDir, figuresDir, markdown, counts,
          options, outDir));
    }
    HtmlPage.Section across = acrossProblems(studies.studies(), tablesDir, figuresDir, markdown,
        counts);
    if (across != null) {
      sections.add(across);
    }

    Table gapTable = ReportTables.gaps(gaps);
    List<String> common = new ArrayList<>(writeTable(tablesDir, gapTable, gapTable));
    counts.tables++;
    markdown.append("## Missing trials\n\n").append(gaps.isEmpty()
        ? "None: every trial of the plan has a complete result.\n"
        : TableWriter.markdown(gapTable)).append('\n').append(provenance);
    AtomicFiles.write(staging.resolve("report.md"), markdown.toString());
    common.add(0, "report.md");

    int withResults = (int) data.trials().stream().filter(t -> t.result() != null).count();
    String summary = data.trials().size() + " trials in the plan, " + withResults
        + " with results" + (gaps.isEmpty() ? "; nothing is missing."
            : "; " + gaps.size() + " missing or incomplete (listed under Missing trials).");
    Path index = outDir.resolve("index.html");
    AtomicFiles.write(staging.resolve("index.html"), HtmlPage.render(data, generatedFrom,
        summary, sections, gapTable, warnings, common));
    return new ReportSummary(outDir, index, studies.studies().size(), counts.tables,
        counts.figures, data.trials().size(), withResults, missingLines(gaps), gaps.size(),
        warnings);
  }

  /** Tables and figures written so far. */
  private static final class Counts {
    int tables;
    int figures;
  }

  /**
   * One problem: for a grid store its best settings, their comparison (with two seeds or more)
   * and time to target; for a tune-then-evaluate store the evaluation and defaults arms, the gap
   * between them, time to target, the tuning budget and stability; then figures and the search.
   */
  private static HtmlPage.Section problemSection(ExperimentData data, ProblemStudy study,
      Path tablesDir, Path figuresDir, StringBuilder markdown, Counts counts,
      ReportOptions options, Path outDir) {
    ProblemEntry problem = study.problem();
    boolean tuned = data.protocol().tunes();
    Metric metric = Metric.headline(problem.kind());
    List<SettingSummary> best = study.contenderSettings();
    List<ReportTables.Pair> lead = new ArrayList<>();
    List<ReportTables.Pair> trail = new ArrayList<>();
    List<Figure> extra = new ArrayList<>();
    List<Aggregator.LrRow> lrRows;
    if (tuned) {
      if (!study.contenders().isEmpty()) {
        lead.add(StudyTables.comparison(problem, Comparisons.of(study.contenders(), metric),
            StudyTables.Arm.EVALUATION));
        StudyTables.tuningSeeds(problem, study.contenders()).ifPresent(lead::add);
      }
      if (!study.defaults().isEmpty()) {
        lead.add(StudyTables.comparison(problem, Comparisons.of(study.defaults(), metric),
            StudyTables.Arm.DEFAULTS));
      }
      List<Comparisons.GapRow> gapRows = Comparisons.gaps(study.contenders(), study.defaults(),
          metric);
      if (!gapRows.isEmpty()) {
        lead.add(StudyTables.defaultsVsTuned(problem, gapRows, metric));
        extra.add(StudyFigures.defaultsVsTuned(problem, gapRows, metric));
      }
      if (!best.isEmpty()) {
        lead.add(StudyTables.timeToTarget(problem, study.contenders(), true));
      }
      List<Tuning.Curve> curves = Tuning.curves(problem, study.tuning());
      if (!curves.isEmpty()) {
        trail.add(StudyTables.tuningBudget(problem, curves));
        extra.add(StudyFigures.tuningBudget(problem, curves));
      }
      List<Tuning.StableRange> ranges = Tuning.stableRanges(study.tuning());
      if (!ranges.isEmpty()) {
        trail.add(StudyTables.stability(problem, ranges));
      }
      extra.addAll(StudyFigures.stability(problem, Tuning.maps(problem, study.tuning(),
          data.protocol().randomSearch()), data.protocol().randomSearch()));
      if (!best.isEmpty()) {
        trail.add(ReportTables.best(problem, best, true));
      }
      Set<String> chosen = new LinkedHashSet<>();
      study.tuning().stream().map(TuningEntry::chosenTrial).filter(t -> t != null)
          .forEach(t -> chosen.add(t.settingKey()));
      lrRows = Aggregator.learningRateRows(study.searchSettings(), chosen);
    } else {
      lead.add(ReportTables.best(problem, best));
      int seeds = best.stream().mapToInt(s -> s.completed() + s.diverged() + s.failed()).max()
          .orElse(0);
      if (seeds >= 2) {
        lead.add(StudyTables.comparison(problem, Comparisons.of(study.contenders(), metric),
            StudyTables.Arm.GRID_BEST));
      }
      lead.add(StudyTables.timeToTarget(problem, study.contenders(), false));
      lrRows = Aggregator.learningRateRows(study.searchSettings());
    }
    if (!lrRows.isEmpty()) {
      trail.add(ReportTables.learningRates(problem, lrRows, tuned));
    }
    trail.add(ReportTables.settings(problem, study.searchSettings(), tuned));

    List<Figure> figures = new ArrayList<>(Figures.forProblem(problem, best, lrRows,
        data.protocol().randomSearch(), options.smoothing()));
    extra.stream().filter(f -> f != null).forEach(figures::add);
    List<String> facts = facts(data, study);
    ExperimentMerge.origins(data, problem).ifPresent(facts::add);
    // Labels and facts carry text from the files (a network file's path, an experiment's name).
    markdown.append("## ").append(TableWriter.markdownText(problem.label())).append("\n\n");
    for (String fact : facts) {
      markdown.append("- ").append(TableWriter.markdownText(fact)).append('\n');
    }
    markdown.append('\n');
    List<String> downloads = new ArrayList<>();
    emitTables(lead, tablesDir, markdown, downloads, counts);
    emitFigures(figures, figuresDir, markdown, counts);
    emitTables(trail, tablesDir, markdown, downloads, counts);
    return new HtmlPage.Section(HtmlPage.anchor(problem), problem.label(), facts,
        lead.stream().map(ReportTables.Pair::display).toList(), figures,
        trail.stream().map(ReportTables.Pair::display).toList(), downloads,
        InteractivePlots.forProblem(problem, best, options.smoothing(), outDir));
  }

  /** Performance profiles across problems, when there are at least two problems. */
  private static HtmlPage.Section acrossProblems(List<ProblemStudy> studies, Path tablesDir,
      Path figuresDir, StringBuilder markdown, Counts counts) {
    if (studies.size() < 2) {
      return null;
    }
    Profiles.Clock steps = Profiles.of(studies, "steps");
    Profiles.Clock seconds = Profiles.of(studies, "seconds");
    List<String> facts = new ArrayList<>();
    facts.add(studies.size() + " problems; each optimizer at its "
        + (studies.get(0).tuning().isEmpty() ? "best setting" : "chosen setting over the"
            + " evaluation seeds") + "; the problem's target as in its section");
    List<ReportTables.Pair> tables = new ArrayList<>();
    List<Figure> figures = StudyFigures.profiles(steps, seconds);
    if (figures.isEmpty()) {
      facts.add("No performance profile: no problem's target was reached on every seed by any"
          + " optimizer.");
    } else {
      tables.add(StudyTables.profileAreas(steps, seconds));
    }
    markdown.append("## Across problems\n\n");
    facts.forEach(f -> markdown.append("- ").append(f).append('\n'));
    markdown.append('\n');
    List<String> downloads = new ArrayList<>();
    emitTables(tables, tablesDir, markdown, downloads, counts);
    emitFigures(figures, figuresDir, markdown, counts);
    return new HtmlPage.Section("across-problems", "Across problems", facts,
        tables.stream().map(ReportTables.Pair::display).toList(), figures, List.of(),
        downloads, List.of());
  }

  private static void emitTables(List<ReportTables.Pair> pairs, Path tablesDir,
      StringBuilder markdown, List<String> downloads, Counts counts) {
    for (ReportTables.Pair pair : pairs) {
      downloads.addAll(writeTable(tablesDir, pair.display(), pair.data()));
      markdown.append(TableWriter.markdown(pair.display())).append('\n');
      counts.tables++;
    }
  }

  private static void emitFigures(List<Figure> figures, Path figuresDir, StringBuilder markdown,
      Counts counts) {
    for (Figure f : figures) {
      write(figuresDir.resolve(f.id() + ".png"), ChartFiles.png(f));
      AtomicFiles.write(figuresDir.resolve(f.id() + ".svg"), ChartFiles.svg(f));
      markdown.append("![").append(f.title()).append("](figures/").append(f.id())
          .append(".png)\n\n");
      counts.figures++;
    }
  }

  /** The experiment folders relative to the page, so the line is the same wherever all move. */
  private static String generatedFrom(List<Path> resultsDirs, Path outDir) {
    Path from = outDir.toAbsolutePath().normalize();
    List<String> parts = new ArrayList<>();
    for (Path resultsDir : resultsDirs) {
      Path to = resultsDir.toAbsolutePath().normalize();
      String relative = from.relativize(to).toString();
      String where = relative.isEmpty() ? "this folder" : relative.equals("..")
          ? "the folder above this page" : relative + " from this page";
      parts.add(to.getFileName() + " (" + where + ")");
    }
    return (parts.size() == 1 ? "the results of experiment " : "the results of experiments ")
        + String.join(" and ", parts);
  }

  private static List<String> facts(ExperimentData data, ProblemStudy study) {
    ProblemEntry problem = study.problem();
    List<SettingSummary> settings = study.searchSettings();
    List<String> facts = new ArrayList<>();
    facts.add(problem.kind().description() + (problem.budget().isEmpty() ? "" : ", budget " + problem.budget()));
    facts.add("target: " + problem.targetText() + (problem.targetFromConfig()
        ? " (from the config)" : " (default; the config sets none)"));
    facts.addAll(problem.networkNotes());
    if (!data.protocol().tunes()) {
      int trials = settings.stream().mapToInt(SettingSummary::planned).sum();
      int missing = settings.stream().mapToInt(SettingSummary::missing).sum();
      facts.add(settings.size() + " settings, " + trials + " trials"
          + (missing > 0 ? ", " + missing + " without results" : ""));
      return facts;
    }
    Protocol protocol = data.protocol();
    int tuningTrials = study.tuning().stream().mapToInt(e -> e.trials().size()).sum();
    facts.add("tune-then-evaluate: " + (protocol.randomSearch() ? "random search, "
        + (protocol.budget() > 0 ? protocol.budget() + " settings per optimizer entry" : "")
        : "grid search") + " (" + tuningTrials + " tuning trials, tuning seed " + protocol.seed()
        + "), chosen on the " + StudyTables.selectionPhrase(problem.kind())
        + " (selection.csv), never on test");
    int evaluationSeeds = study.contenders().stream().filter(c -> c.setting() != null)
        .mapToInt(c -> c.setting().planned()).max().orElse(0);
    if (evaluationSeeds == 0) {
      facts.add("no evaluation arm: no setting was chosen or evaluated");
    } else {
      facts.add("evaluation arm: each chosen setting with " + evaluationSeeds + " seed"
          + (evaluationSeeds == 1 ? "" : "s") + (protocol.defaultsArm()
              ? "; defaults arm: each optimizer's defaults with the same seeds" : "; no defaults arm"));
    }
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
