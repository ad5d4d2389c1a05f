package org.optbench.report;

import java.util.ArrayList;
import java.util.List;
import org.optbench.stats.Summary;

/**
 * Builds the report's tables. Each comes twice: a display version with {@code mean ± sd} cells
 * (Markdown, LaTeX, HTML) and a data version with mean, standard deviation and counts in separate
 * columns (CSV). Both use the four-significant-digit format of {@link Numbers}.
 */
final class ReportTables {
  /** A table for reading and the same content split into columns for CSV. */
  record Pair(Table display, Table data) {}

  private ReportTables() {}

  /**
   * @param problem a problem
   * @param settings all its settings in plan order
   * @return every setting
   */
  static Pair settings(ProblemEntry problem, List<SettingSummary> settings) {
    return settings(problem, settings, false);
  }

  /**
   * @param problem a problem
   * @param settings all its settings in plan order
   * @param tuning whether they are the tuning trials of a tune-then-evaluate store
   * @return every setting
   */
  static Pair settings(ProblemEntry problem, List<SettingSummary> settings, boolean tuning) {
    return settingTable(problem, settings, problem.key() + "-settings",
        problem.label() + (tuning ? ": every tuning trial" : ": every setting"),
        (tuning ? "One row per tuning trial (one setting with the tuning seed), the pool the"
            + " chosen settings came from. " : "One row per setting (hyperparameters and batch"
            + " size) over its seeds. ") + statisticsNote(problem));
  }

  /**
   * @param problem a problem
   * @param best the best setting of each optimizer
   * @return the best settings
   */
  static Pair best(ProblemEntry problem, List<SettingSummary> best) {
    return best(problem, best, false);
  }

  /**
   * @param problem a problem
   * @param best the best (grid) or chosen (tune-then-evaluate) setting of each optimizer
   * @param tuned whether these are the chosen settings over the evaluation seeds
   * @return the best settings with every metric
   */
  static Pair best(ProblemEntry problem, List<SettingSummary> best, boolean tuned) {
    // Time-limited trials from different machines or parallelism are marked where compared.
    java.util.Optional<String> unequal = TimeLimitConditions.mismatch(best);
    return settingTable(problem, best, problem.key() + "-best",
        problem.label() + (tuned ? ": chosen setting per optimizer, every metric"
            : ": best setting per optimizer")
            + (unequal.isPresent() ? TimeLimitConditions.TITLE_MARK : ""),
        unequal.orElse("")
        + (tuned ? "The setting the run chose for each optimizer entry on its tuning trials"
            + " (selection.csv), retrained with the evaluation seeds. "
            : "The best setting of each optimizer, " + problem.kind().selectionRule()
            + "; a setting with diverged seeds ranks below settings without. ")
            + statisticsNote(problem));
  }

  private static String statisticsNote(ProblemEntry problem) {
    return "Metrics are mean ± sample standard deviation over the n seeds that completed"
        + " (diverged seeds are counted, not averaged). Time to target is the first "
        + (problem.hasEvals() ? "evaluation" : "step")
        + " where " + problem.targetText()
        + (problem.targetFromConfig() ? "" : " (default target)")
        + ", averaged over the seeds that reached it; diverged seeds never reach it.";
  }

  private static Pair settingTable(ProblemEntry problem, List<SettingSummary> rows, String id,
      String title, String caption) {
    List<Metric> metrics = Metric.of(problem.kind());
    boolean epochs = problem.kind().usesMiniBatches();

    List<String> headers = new ArrayList<>(List.of("optimizer", "setting", "n", "diverged"));
    List<Boolean> numeric = new ArrayList<>(List.of(false, false, true, true));
    for (Metric m : metrics) {
      headers.add(m.header());
      numeric.add(true);
    }
    headers.add("time to target [steps]");
    if (epochs) {
      headers.add("time to target [epochs]");
    }
    headers.add("time to target [s]");
    headers.add("reached target [seeds]");
    while (numeric.size() < headers.size()) {
      numeric.add(true);
    }

    List<String> dataHeaders = new ArrayList<>(List.of("problem", "optimizer", "setting",
        "learning rate", "batch size", "seeds planned", "seeds completed", "seeds diverged",
        "seeds failed", "seeds missing"));
    for (Metric m : metrics) {
      dataHeaders.add(m.header() + " mean");
      dataHeaders.add(m.header() + " sd");
    }
    dataHeaders.addAll(List.of("target", "time to target [steps] mean"));
    if (epochs) {
      dataHeaders.add("time to target [epochs] mean");
    }
    dataHeaders.addAll(List.of("time to target [s] mean", "seeds reached target",
        "seeds eligible for target"));

    List<List<String>> display = new ArrayList<>();
    List<List<String>> data = new ArrayList<>();
    for (SettingSummary s : rows) {
      TimeToTarget t = s.toTarget();
      List<String> row = new ArrayList<>(List.of(s.optimizer(), s.settingText(),
          Numbers.count(s.completed()), Numbers.count(s.diverged())));
      List<String> dataRow = new ArrayList<>(List.of(problem.label(), s.optimizer(),
          s.settingText(), learningRate(s), s.batchSize(),
          Numbers.count(s.planned()), Numbers.count(s.completed()), Numbers.count(s.diverged()),
          Numbers.count(s.failed()), Numbers.count(s.missing())));
      for (Metric m : metrics) {
        Summary st = s.stats(m);
        row.add(Numbers.display(st));
        dataRow.add(Numbers.format(st.mean()));
        dataRow.add(Numbers.format(st.std()));
      }
      row.add(t.stepsText());
      dataRow.add(problem.targetText());
      dataRow.add(t.stepsText());
      if (epochs) {
        row.add(t.epochsText());
        dataRow.add(t.epochsText());
      }
      row.add(t.secondsText());
      row.add(t.reachedText());
      dataRow.add(t.secondsText());
      dataRow.add(Numbers.count(t.reached()));
      dataRow.add(Numbers.count(t.eligible()));
      display.add(row);
      data.add(dataRow);
    }
    List<Boolean> dataNumeric = new ArrayList<>();
    for (String h : dataHeaders) {
      dataNumeric.add(!List.of("problem", "optimizer", "setting", "batch size", "target")
          .contains(h));
    }
    return new Pair(new Table(id, title, caption, headers, numeric, display),
        new Table(id, title, caption, dataHeaders, dataNumeric, data));
  }

  /** Configured values are shown as configured, not rounded. */
  private static String learningRate(SettingSummary s) {
    return Double.isNaN(s.learningRate()) ? Numbers.NONE : Numbers.exact(s.learningRate());
  }

  /**
   * @param problem a problem
   * @param rows rows from {@link Aggregator#learningRateRows}
   * @return the learning-rate sensitivity table
   */
  static Pair learningRates(ProblemEntry problem, List<Aggregator.LrRow> rows) {
    return learningRates(problem, rows, false);
  }

  /**
   * @param problem a problem
   * @param rows rows from {@link Aggregator#learningRateRows}
   * @param tuning whether the rows come from the tuning trials of a tune-then-evaluate store
   * @return the learning-rate sensitivity table
   */
  static Pair learningRates(ProblemEntry problem, List<Aggregator.LrRow> rows,
      boolean tuning) {
    Metric selection = Metric.selection(problem.kind());
    Metric headline = Metric.headline(problem.kind());
    boolean both = !selection.id().equals(headline.id());
    List<String> headers = new ArrayList<>(List.of("optimizer", "learning rate",
        "other settings (best for this rate)", "n", "diverged", selection.header()));
    if (both) {
      headers.add(headline.header());
    }
    String mark = tuning ? "chosen" : "best overall";
    headers.add(mark);
    List<Boolean> numeric = new ArrayList<>(List.of(false, true, false, true, true, true));
    if (both) {
      numeric.add(true);
    }
    numeric.add(false);

    List<String> dataHeaders = new ArrayList<>(List.of("problem", "optimizer", "learning rate",
        "other settings", "seeds completed", "seeds diverged", selection.header() + " mean",
        selection.header() + " sd"));
    if (both) {
      dataHeaders.addAll(List.of(headline.header() + " mean", headline.header() + " sd"));
    }
    dataHeaders.add(mark);
    List<Boolean> dataNumeric = new ArrayList<>();
    for (String h : dataHeaders) {
      dataNumeric.add(!List.of("problem", "optimizer", "other settings", mark).contains(h));
    }

    List<List<String>> display = new ArrayList<>();
    List<List<String>> data = new ArrayList<>();
    for (Aggregator.LrRow r : rows) {
      SettingSummary s = r.setting();
      String best = r.overallBest() ? "yes" : "";
      List<String> row = new ArrayList<>(List.of(s.optimizer(), Numbers.exact(r.learningRate()),
          s.otherSettingsText(), Numbers.count(s.completed()), Numbers.count(s.diverged()),
          Numbers.display(s.stats(selection))));
      List<String> dataRow = new ArrayList<>(List.of(problem.label(), s.optimizer(),
          Numbers.exact(r.learningRate()), s.otherSettingsText(), Numbers.count(s.completed()),
          Numbers.count(s.diverged()), Numbers.format(s.stats(selection).mean()),
          Numbers.format(s.stats(selection).std())));
      if (both) {
        row.add(Numbers.display(s.stats(headline)));
        dataRow.add(Numbers.format(s.stats(headline).mean()));
        dataRow.add(Numbers.format(s.stats(headline).std()));
      }
      row.add(best);
      dataRow.add(best);
      display.add(row);
      data.add(dataRow);
    }
    String id = problem.key() + "-lr";
    String title = problem.label() + ": learning-rate sensitivity";
    String caption = "For each learning rate tried, the final metric of the best setting with"
        + " that rate (other hyperparameters and batch size as listed, " + problem.kind()
            .selectionRule() + "). " + (tuning ? "These are the tuning trials, one seed each;"
            + " chosen marks the setting the run chose (selection.csv)."
            : "Mean ± sample standard deviation over completed seeds.")
        + " Optimizers without a learning rate (AdaDelta) are not listed.";
    return new Pair(new Table(id, title, caption, headers, numeric, display),
        new Table(id, title, caption, dataHeaders, dataNumeric, data));
  }

  /**
   * @param gaps missing or incomplete trials
   * @return one row per trial
   */
  static Table gaps(List<Gap> gaps) {
    List<List<String>> rows = new ArrayList<>();
    for (Gap g : gaps) {
      rows.add(List.of(g.problem(), g.optimizer(), g.setting(), Long.toString(g.seed()),
          g.reason(), g.path()));
    }
    return new Table("missing", "Missing or incomplete trials",
        "Trials of the plan whose results are absent, failed or cut off; every other table"
            + " uses only the seeds that have results.",
        List.of("problem", "optimizer", "setting", "seed", "what is missing", "trial folder"),
        List.of(false, false, false, true, false, false), rows);
  }
}
