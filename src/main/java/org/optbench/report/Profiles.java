package org.optbench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.optbench.stats.PerformanceProfile;
import org.optbench.stats.Summary;

/**
 * Performance profiles of the compared optimizers across the experiment's problems (Dolan &amp;
 * Moré 2002), from the time to each problem's target on one clock.
 */
final class Profiles {
  /** Right end of the ratio axis and of the area integral (AlgoPerf's choice). */
  static final double TAU_MAX = PerformanceProfile.DEFAULT_TAU_MAX;

  private Profiles() {}

  /**
   * The profiles on one clock.
   *
   * @param clock {@code steps} or {@code seconds}
   * @param profile the profiles, or null when fewer than two problems have contenders or no
   *     problem is left after exclusions
   * @param optimizers contender labels in first-appearance order, with their optimizer ids
   * @param times {@code times.get(problem key).get(label)}: the time used (+∞ when not reached
   *     on every seed)
   * @param excluded problems left out because a contender met the target before its first step
   *     or the clock was not recorded, by label
   */
  record Clock(String clock, PerformanceProfile profile, Map<String, String> optimizers,
      Map<String, Map<String, Double>> times, List<String> excluded) {}

  /**
   * @param studies the experiment's problems
   * @param clock {@code steps} (optimizer steps) or {@code seconds} (training wall time)
   * @return the profiles: the time of an optimizer on a problem is its mean time to target when
   *     every seed with a result reached it, and +∞ otherwise (also when it was not run there)
   */
  static Clock of(List<ProblemStudy> studies, String clock) {
    Function<TimeToTarget, Summary> read = clock.equals("steps") ? TimeToTarget::steps
        : TimeToTarget::seconds;
    Map<String, String> optimizers = new LinkedHashMap<>();
    for (ProblemStudy s : studies) {
      s.contenders().forEach(c -> optimizers.putIfAbsent(c.label(), c.optimizer()));
    }
    Map<String, Map<String, Double>> times = new LinkedHashMap<>();
    List<String> excluded = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (ProblemStudy s : studies) {
      if (s.contenderSettings().isEmpty()) {
        continue;
      }
      Map<String, Double> row = new LinkedHashMap<>();
      boolean usable = true;
      for (String label : optimizers.keySet()) {
        Contender c = s.contenders().stream().filter(x -> x.label().equals(label)).findFirst()
            .orElse(null);
        double t = Double.POSITIVE_INFINITY;
        if (c != null && c.setting() != null && c.setting().toTarget().reachedOnEverySeed()) {
          t = read.apply(c.setting().toTarget()).mean();
          // A ratio needs a positive time: a start that meets the target says nothing of speed.
          usable &= t > 0;
        }
        row.put(label, t);
      }
      if (usable) {
        times.put(s.problem().key(), row);
        problems.add(s.problem().key());
      } else {
        excluded.add(s.problem().label());
      }
    }
    PerformanceProfile profile = null;
    if (studies.size() >= 2 && !problems.isEmpty() && !optimizers.isEmpty()) {
      double[][] table = new double[problems.size()][];
      for (int p = 0; p < problems.size(); p++) {
        table[p] = times.get(problems.get(p)).values().stream().mapToDouble(Double::doubleValue)
            .toArray();
      }
      profile = PerformanceProfile.of(problems, List.copyOf(optimizers.keySet()), table);
    }
    return new Clock(clock, profile, optimizers, times, excluded);
  }
}
