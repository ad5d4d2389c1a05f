package org.optbench.cli;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.optbench.UserInputException;
import org.optbench.config.ExperimentConfig;
import org.optbench.config.ProblemPlan;
import org.optbench.run.TrialFilter;

/** Parses {@code run --only problem=ID,optimizer=NAME} against an experiment's plan. */
final class OnlyOption {
  private OnlyOption() {}

  /**
   * @param value the option's value, e.g. {@code problem=mnist-mlp,optimizer=adam} (either key
   *     may be left out, not both)
   * @param experiment the experiment it selects from
   * @return the subset
   * @throws UserInputException naming the value and the accepted ones if a key, problem or
   *     optimizer is not in the experiment, or the two together select no trial
   */
  static TrialFilter parse(String value, ExperimentConfig experiment) {
    Set<String> problems = new LinkedHashSet<>();
    Set<String> optimizers = new LinkedHashSet<>();
    for (ProblemPlan plan : experiment.problems()) {
      problems.add(plan.problem().id());
      plan.searches().forEach(s -> optimizers.add(s.type().id()));
    }
    Optional<String> problem = Optional.empty();
    Optional<String> optimizer = Optional.empty();
    for (String part : value.split(",", -1)) {
      String[] kv = part.split("=", 2);
      String key = kv[0].trim();
      String v = kv.length == 2 ? kv[1].trim() : "";
      if (key.equals("problem") && !v.isEmpty() && problem.isEmpty()) {
        if (!problems.contains(v)) {
          throw new UserInputException("--only problem=" + v + ": no such problem in "
              + experiment.name() + "; accepted: " + String.join(", ", problems));
        }
        problem = Optional.of(v);
      } else if (key.equals("optimizer") && !v.isEmpty() && optimizer.isEmpty()) {
        if (!optimizers.contains(v)) {
          throw new UserInputException("--only optimizer=" + v + ": no such optimizer in "
              + experiment.name() + "; accepted: " + String.join(", ", optimizers));
        }
        optimizer = Optional.of(v);
      } else {
        throw new UserInputException("--only '" + value + "' is not accepted; give"
            + " problem=ID, optimizer=NAME or both, separated by a comma (problems: "
            + String.join(", ", problems) + "; optimizers: " + String.join(", ", optimizers)
            + ")");
      }
    }
    TrialFilter filter = new TrialFilter(problem, optimizer);
    boolean any = experiment.problems().stream().anyMatch(plan -> plan.searches().stream()
        .anyMatch(s -> filter.matches(plan.problem().id(), s.type().id())));
    if (!any) {
      String problemId = problem.orElse("");
      throw new UserInputException("--only " + value + " selects no trial: "
          + optimizer.orElse("") + " is not among the optimizers of " + problemId
          + "; accepted there: " + String.join(", ", experiment.problems().stream()
              .filter(plan -> plan.problem().id().equals(problemId)).findFirst()
              .map(plan -> plan.searches().stream().map(s -> s.type().id()).distinct()
                  .toList()).orElse(java.util.List.of())));
    }
    return filter;
  }
}
