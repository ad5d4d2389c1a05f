package org.optbench.cli;

import java.io.PrintWriter;
import org.optbench.run.DryRun;
import org.optbench.run.TrialCosts;

/** Prints the plan of {@code run --dry-run}. */
final class DryRunPrinter {
  private DryRunPrinter() {}

  /**
   * @param plan the dry run's plan
   * @param out where to print
   */
  static void print(DryRun plan, PrintWriter out) {
    out.printf("dry run of experiment %s (%s) -> %s (%s): nothing is trained or written%n",
        plan.experiment(), plan.protocol(), plan.root(),
        plan.rootExists() ? "exists" : "does not exist yet");
    out.printf("%-20s %-11s %7s %9s %7s  %s%n", "problem", "phase", "trials", "complete",
        "to run", "estimate");
    int trials = 0;
    int complete = 0;
    for (DryRun.Line line : plan.lines()) {
      int toRun = line.trials() - line.complete().orElse(0);
      trials += line.trials();
      complete += line.complete().orElse(0);
      String estimate = toRun == 0 || plan.stops() != null ? "-"
          : Double.isNaN(line.seconds()) ? "unknown"
          : TrialCosts.duration(line.seconds());
      out.printf("%-20s %-11s %7d %9s %7d  %s%s%n", line.problem(), line.phase(), line.trials(),
          line.complete().isPresent() ? Integer.toString(line.complete().getAsInt()) : "-",
          toRun, estimate, line.note().isEmpty() ? "" : " (" + line.note() + ")");
    }
    out.printf("total: %d trial%s, %d complete, %d to run%n", trials, trials == 1 ? "" : "s",
        complete, trials - complete);
    if (plan.stops() != null) {
      out.println("estimate: none, as the run would stop");
    } else if (Double.isNaN(plan.seconds())) {
      out.println("estimate: none (no trial to run could be timed)");
    } else {
      out.printf("estimate: %s at %d trial(s) at once, about %s on disk%s%n",
          TrialCosts.duration(plan.seconds()), plan.workers(), TrialCosts.size(plan.bytes()),
          plan.unestimated() == 0 ? ""
              : ", not counting " + plan.unestimated() + " trial(s) that could not be estimated");
    }
    plan.sources().forEach(source -> out.println("  " + source));
  }
}
