package org.optbench.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.optbench.result.TrialResult;
import org.optbench.result.TrialStatus;

/**
 * The short table {@code run} prints at the end: one row per problem and optimizer setting (a
 * trial minus its seed). The final loss and metric are means over the seeds that COMPLETED, or
 * {@code -} when none did: a diverged or failed network's numbers are not results. The diverged
 * and failed columns read {@code k/n}, k of the setting's n seeds.
 */
public final class RunSummary {
  private static final double MIB = 1024.0 * 1024.0;

  private RunSummary() {}

  /**
   * @param results trial results in plan order (nulls are skipped)
   * @return a fixed-width text table
   */
  public static String format(List<TrialResult> results) {
    return format(results, Set.of());
  }

  /**
   * @param results trial results in plan order (nulls are skipped)
   * @param defaultsOnly ids of trials run for the defaults arm only: their setting is marked
   *     {@code (defaults)}, so it is not read as a tuned one
   * @return a fixed-width text table
   */
  public static String format(List<TrialResult> results, Set<String> defaultsOnly) {
    Map<String, List<TrialResult>> settings = new LinkedHashMap<>();
    for (TrialResult r : results) {
      if (r != null) {
        settings.computeIfAbsent(settingKey(r), k -> new ArrayList<>()).add(r);
      }
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"problem", "optimizer", "setting", "seeds", "final train loss",
        "final metric", "diverged", "failed", "MiB/trial"});
    for (List<TrialResult> group : settings.values()) {
      TrialResult first = group.get(0);
      List<TrialResult> completed = group.stream()
          .filter(r -> r.status() == TrialStatus.COMPLETED).toList();
      List<TrialResult> ran = group.stream().filter(r -> r.status() != TrialStatus.FAILED)
          .toList();
      boolean defaults = group.stream().allMatch(r -> defaultsOnly.contains(r.trialId()));
      rows.add(new String[] {first.problem(), first.optimizer(),
          setting(first) + (defaults ? " (defaults)" : ""),
          Integer.toString(group.size()), number(mean(completed, trainLossKey(completed))),
          metric(completed), share(group, TrialStatus.DIVERGED), share(group, TrialStatus.FAILED),
          memory(ran)});
    }
    return table(rows);
  }

  /**
   * @param peakResidentBytes the process's peak resident memory, if known
   * @param sharedDataBytes the image data sets as ND4J arrays, shared by all trials (bytes; 0 if
   *     none was loaded)
   * @return two lines: what the whole run held at most, and what the per-trial column counts
   */
  public static String peakLine(OptionalLong peakResidentBytes, long sharedDataBytes) {
    String peak = peakResidentBytes.isPresent()
        ? String.format(Locale.ROOT, "%.0f MiB", peakResidentBytes.getAsLong() / MIB)
        : "unknown on this system";
    String data = sharedDataBytes == 0 ? "the data sets"
        : String.format(Locale.ROOT, "the data sets (%.0f MiB as arrays)", sharedDataBytes / MIB);
    return "peak resident memory of this process: " + peak + " (Java heap, " + data + ", loaded"
        + " once and shared, and the trials it ran)" + System.lineSeparator()
        + "MiB/trial: one trial's native memory (parameters, gradients, updater state, ND4J"
        + " workspaces)";
  }

  private static String memory(List<TrialResult> results) {
    double mean = results.stream().filter(r -> r.memory() != null)
        .mapToLong(r -> r.memory().total()).average().orElse(Double.NaN);
    if (Double.isNaN(mean)) {
      return "-";
    }
    return mean < 0.05 * MIB ? "<0.1" : String.format(Locale.ROOT, "%.1f", mean / MIB);
  }

  private static String settingKey(TrialResult r) {
    return r.problem() + "|" + r.optimizer() + "|" + setting(r);
  }

  private static String setting(TrialResult r) {
    String hyper = r.hyperparameters().entrySet().stream()
        .map(e -> e.getKey().equals("decayBiases")
            ? "biases=" + (e.getValue() == 1.0 ? "decayed" : "not-decayed")
            : abbreviate(e.getKey()) + "=" + number(e.getValue()))
        .collect(Collectors.joining(" "));
    return hyper + " batch=" + r.batchSize();
  }

  private static String abbreviate(String name) {
    return name.equals("learningRate") ? "lr" : name;
  }

  private static String share(List<TrialResult> group, TrialStatus status) {
    return group.stream().filter(r -> r.status() == status).count() + "/" + group.size();
  }

  private static String trainLossKey(List<TrialResult> completed) {
    return completed.stream().anyMatch(r -> r.finalMetrics().containsKey("train_loss"))
        ? "train_loss" : "loss";
  }

  /** The headline metric's mean over completed seeds, or {@code -} when no seed completed. */
  private static String metric(List<TrialResult> completed) {
    if (completed.isEmpty()) {
      return "-";
    }
    if (completed.get(0).finalMetrics().containsKey("test_accuracy")) {
      return "test acc " + String.format(Locale.ROOT, "%.4f", mean(completed, "test_accuracy"));
    }
    return "f-f* " + number(mean(completed, "suboptimality"));
  }

  private static double mean(List<TrialResult> results, String key) {
    return results.stream().map(r -> r.finalMetrics().get(key))
        .filter(v -> v != null).mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }

  private static String number(double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    return String.format(Locale.ROOT, Math.abs(v) >= 1e-3 && Math.abs(v) < 1e4 ? "%.4g" : "%.3e",
        v);
  }

  private static String table(List<String[]> rows) {
    int[] width = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        out.append(i == 0 ? "" : "  ").append(String.format("%-" + width[i] + "s", row[i]));
      }
      out.append(System.lineSeparator());
    }
    return out.toString();
  }
}
