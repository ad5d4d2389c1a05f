package org.optbench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.optbench.result.TrialStatus;
import org.optbench.stats.Summary;

/**
 * One setting (a trial minus its seed: problem, optimizer hyperparameters and batch size)
 * aggregated over its seeds. Metric statistics use the seeds that COMPLETED; diverged seeds are
 * counted separately and never reach the target.
 *
 * @param problem the problem
 * @param optimizer optimizer id
 * @param hyperparameters hyperparameters by DL4J name
 * @param batchSize mini-batch size or {@code full}
 * @param key unique key of the setting (its folder relative to the experiment)
 * @param order position of the setting in the plan, for stable ordering
 * @param trials every planned seed, with or without a result
 * @param metrics statistics by {@link Metric#id()}
 * @param toTarget time to the problem's target
 */
record SettingSummary(ProblemEntry problem, String optimizer, Map<String, Double> hyperparameters,
    String batchSize, String key, int order, List<TrialRecord> trials, Map<String, Summary> metrics,
    TimeToTarget toTarget) {

  /** @return seeds in the plan */
  int planned() {
    return trials.size();
  }

  /** @return seeds that trained for their whole budget */
  int completed() {
    return count(TrialStatus.COMPLETED);
  }

  /** @return seeds whose loss diverged */
  int diverged() {
    return count(TrialStatus.DIVERGED);
  }

  /** @return seeds that ended with an error */
  int failed() {
    return count(TrialStatus.FAILED);
  }

  /** @return seeds without a result */
  int missing() {
    return (int) trials.stream().filter(t -> t.result() == null).count();
  }

  private int count(TrialStatus status) {
    return (int) trials.stream().filter(t -> t.status() == status).count();
  }

  /**
   * @param metric a metric of this problem's kind
   * @return its statistics, empty if absent
   */
  Summary stats(Metric metric) {
    return metrics.getOrDefault(metric.id(), Summary.EMPTY);
  }

  /** @return the learning rate, NaN for optimizers without one */
  double learningRate() {
    Double lr = hyperparameters.get("learningRate");
    return lr == null ? Double.NaN : lr;
  }

  /** @return hyperparameters and batch size, e.g. {@code lr=0.01 momentum=0.9 batch=128} */
  String settingText() {
    // In a merged report the same setting may come from two experiments: say whose it is.
    String origin = trials().isEmpty() ? "" : trials().get(0).origin().label();
    return text(true) + (origin.isEmpty() ? "" : " [" + origin + "]");
  }

  /** @return {@link #settingText()} without the learning rate */
  String otherSettingsText() {
    return text(false);
  }

  private String text(boolean withLearningRate) {
    List<String> parts = new ArrayList<>();
    hyperparameters.forEach((name, value) -> {
      if (name.equals("learningRate")) {
        if (withLearningRate) {
          parts.add("lr=" + Numbers.exact(value));
        }
      } else if (name.equals("decayBiases") && hyperparameters.containsKey(name)) {
        // A recipe's decay: say in words whether it reaches the biases.
        parts.add(value == 1.0 ? "biases=decayed" : "biases=not-decayed");
      } else if (name.equals("l2")) {
        parts.add("l2(coupled)=" + Numbers.exact(value));
      } else if (name.equals("weightDecay") && hyperparameters.containsKey("decayBiases")) {
        parts.add("weightDecay(decoupled)=" + Numbers.exact(value));
      } else {
        parts.add(name + "=" + Numbers.exact(value));
      }
    });
    // Full-gradient problems (analytic) have no batches; the batch size says nothing there.
    if (problem.kind().usesMiniBatches()) {
      parts.add("batch=" + batchSize);
    }
    return parts.isEmpty() ? Numbers.NONE : String.join(" ", parts);
  }

  /** @return the first seed with a curve, preferring completed seeds, or null */
  TrialRecord representative() {
    return trials.stream().filter(t -> t.curve() != null && t.completed()).findFirst()
        .orElse(trials.stream().filter(t -> t.curve() != null && t.result() != null).findFirst()
            .orElse(null));
  }
}
