package org.optbench.report;

import org.optbench.optimizer.Domain;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.optbench.config.Protocol;
import org.optbench.experiment.Arm;

/**
 * One problem's trials arranged for comparison. In a grid store every setting is part of the
 * search and each optimizer competes with its best setting. In a tune-then-evaluate store the
 * search is the tuning arm, each optimizer entry competes with the setting the run chose (its
 * evaluation-arm trials), and the defaults arm competes separately.
 *
 * @param problem the problem
 * @param searchSettings settings of the search (grid: every setting; tune-then-evaluate: the
 *     tuning trials, one seed each), in plan order
 * @param contenders one per optimizer (grid: its best setting) or optimizer entry (tuned: its
 *     chosen setting over the evaluation seeds), in plan order
 * @param defaults one per optimizer at its defaults over the evaluation seeds; empty without a
 *     defaults arm
 * @param tuning the tuning trials per optimizer entry; empty for grid stores
 */
record ProblemStudy(ProblemEntry problem, List<SettingSummary> searchSettings,
    List<Contender> contenders, List<Contender> defaults, List<TuningEntry> tuning) {

  /** Copies the lists. */
  ProblemStudy {
    searchSettings = List.copyOf(searchSettings);
    contenders = List.copyOf(contenders);
    defaults = List.copyOf(defaults);
    tuning = List.copyOf(tuning);
  }

  /**
   * The studies of an experiment and what did not fit.
   *
   * @param studies one per problem that has trials, in config order
   * @param warnings inconsistencies between the config, the index and {@code selection.csv}
   */
  record All(List<ProblemStudy> studies, List<String> warnings) {}

  /** @return the contenders' settings, leaving out contenders without one */
  List<SettingSummary> contenderSettings() {
    return contenders.stream().map(Contender::setting).filter(s -> s != null).toList();
  }

  /**
   * @param data a read experiment
   * @return its problems arranged for comparison
   */
  static All of(ExperimentData data) {
    List<String> warnings = new ArrayList<>();
    List<ProblemStudy> studies = new ArrayList<>();
    for (ProblemEntry problem : data.problems()) {
      List<TrialRecord> mine = data.trials().stream().filter(t -> t.problem() == problem)
          .toList();
      if (mine.isEmpty()) {
        continue;
      }
      studies.add(data.protocol().tunes() ? tuned(data, problem, mine, warnings)
          : grid(problem, mine));
    }
    return new All(studies, warnings);
  }

  private static ProblemStudy grid(ProblemEntry problem, List<TrialRecord> trials) {
    List<SettingSummary> settings = Aggregator.summarize(trials);
    List<Contender> contenders = Aggregator.bestPerOptimizer(settings).stream()
        .map(s -> new Contender(s.optimizer(), s.optimizer(), s, null)).toList();
    return new ProblemStudy(problem, settings, contenders, List.of(), List.of());
  }

  private static ProblemStudy tuned(ExperimentData data, ProblemEntry problem,
      List<TrialRecord> trials, List<String> warnings) {
    List<TrialRecord> tuningTrials = arm(trials, Arm.TUNING);
    List<TrialRecord> evaluation = arm(trials, Arm.EVALUATION);
    List<Selection> selections = data.selections().stream()
        .filter(s -> s.problemKey().equals(problem.key())).toList();
    List<TuningEntry> tuning = entries(data.protocol(), problem, tuningTrials, selections,
        warnings);

    List<Contender> contenders = new ArrayList<>();
    for (TuningEntry e : tuning) {
      if (e.selection() == null) {
        continue;
      }
      SettingSummary setting = null;
      if (e.selection().chose()) {
        TrialRecord chosen = e.chosenTrial();
        if (chosen == null) {
          warnings.add(org.optbench.result.ResultStore.SELECTION + " chooses trial " + e.selection().trialId()
              + " for " + problem.label() + " " + e.label() + ", which is not among its"
              + " tuning trials in trials.csv");
        } else {
          List<TrialRecord> seeds = evaluation.stream()
              .filter(t -> t.settingKey().equals(chosen.settingKey())).toList();
          if (seeds.isEmpty()) {
            warnings.add(problem.label() + " " + e.label() + ": the chosen setting has no"
                + " evaluation trials in trials.csv");
          } else {
            setting = Aggregator.summarize(seeds).get(0);
          }
        }
      }
      contenders.add(new Contender(e.label(), e.optimizer(), setting, e.selection()));
    }
    // In the optimizers' config order: the index may list a shared trial earlier.
    List<String> order = tuning.stream().map(TuningEntry::optimizer).toList();
    List<Contender> defaults = Aggregator.summarize(arm(trials, Arm.DEFAULTS)).stream()
        .map(s -> new Contender(s.optimizer(), s.optimizer(), s, null))
        .sorted(java.util.Comparator.comparingInt(c -> rank(order, c.optimizer()))).toList();
    return new ProblemStudy(problem, Aggregator.summarize(tuningTrials), contenders, defaults,
        tuning);
  }

  /** Position of an optimizer in the entry order; unknown ones go last (stable sort). */
  private static int rank(List<String> order, String optimizer) {
    int i = order.indexOf(optimizer);
    return i < 0 ? order.size() : i;
  }

  private static List<TrialRecord> arm(List<TrialRecord> trials, Arm arm) {
    return trials.stream().filter(t -> t.inArm(arm)).toList();
  }

  /**
   * Splits the tuning trials by optimizer entry. An optimizer listed once owns all its trials;
   * one listed several times owns consecutive blocks of the index, one per entry in plan order,
   * each as large as the entry's budget (random search) or grid (grid search) times the batch
   * sizes.
   */
  private static List<TuningEntry> entries(Protocol protocol, ProblemEntry problem,
      List<TrialRecord> trials, List<Selection> selections, List<String> warnings) {
    List<SearchEntry> entries = new ArrayList<>(problem.entries());
    if (entries.isEmpty()) {
      // An old or hand-written config without entries: one per optimizer in plan order.
      Map<String, Boolean> seen = new LinkedHashMap<>();
      trials.forEach(t -> seen.put(t.optimizer(), true));
      seen.keySet().forEach(o -> entries.add(new SearchEntry(entries.size(), o, Map.of())));
    }
    Map<String, List<SearchEntry>> byOptimizer = new LinkedHashMap<>();
    entries.forEach(e -> byOptimizer.computeIfAbsent(e.optimizer(), k -> new ArrayList<>())
        .add(e));
    Map<Integer, List<TrialRecord>> owned = new LinkedHashMap<>();
    byOptimizer.forEach((optimizer, list) -> {
      List<TrialRecord> mine = trials.stream().filter(t -> t.optimizer().equals(optimizer))
          .toList();
      List<Integer> sizes = new ArrayList<>();
      int total = 0;
      for (SearchEntry e : list) {
        int size = blockSize(protocol, problem, e);
        sizes.add(size);
        total += size;
      }
      if (list.size() > 1 && total != mine.size()) {
        warnings.add(problem.label() + ": the " + mine.size() + " tuning trials of " + optimizer
            + " cannot be split into its " + list.size() + " entries; all are given to the"
            + " first");
        sizes.replaceAll(x -> 0);
        sizes.set(0, mine.size());
      } else if (list.size() == 1) {
        sizes.set(0, mine.size());
      }
      int from = 0;
      for (int i = 0; i < list.size(); i++) {
        owned.put(list.get(i).index(), mine.subList(from, from + sizes.get(i)));
        from += sizes.get(i);
      }
    });
    Map<String, Integer> counts = new LinkedHashMap<>();
    entries.forEach(e -> counts.merge(e.optimizer(), 1, Integer::sum));
    List<TuningEntry> out = new ArrayList<>();
    for (SearchEntry e : entries) {
      String label = counts.get(e.optimizer()) > 1
          ? e.optimizer() + " (entry " + e.index() + ")" : e.optimizer();
      Selection selection = selections.stream().filter(s -> s.entry() == e.index()
          && s.optimizer().equals(e.optimizer())).findFirst().orElse(null);
      out.add(new TuningEntry(label, e.optimizer(), problem.entries().isEmpty() ? null : e,
          owned.getOrDefault(e.index(), List.of()), selection));
    }
    return out;
  }

  /** Planned tuning trials of one entry, or 0 when the config does not say. */
  private static int blockSize(Protocol protocol, ProblemEntry problem, SearchEntry e) {
    int settings = 1;
    if (protocol.randomSearch()) {
      settings = protocol.budget();
    } else {
      for (Domain d : e.domains().values()) {
        settings *= d instanceof Domain.Values v ? v.values().size() : 0;
      }
    }
    return settings * problem.batchSizes();
  }
}
