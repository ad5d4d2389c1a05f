package org.optbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.optbench.dl4j.Backend;
import org.optbench.reproduce.ChildJvm;
import org.optbench.reproduce.RecordedTrial;
import org.optbench.reproduce.Replay;
import org.optbench.reproduce.TrialReplay;
import org.optbench.result.CurveComparison;
import org.optbench.result.CurveFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code optbench reproduce TRIAL_DIR}: runs one trial again and compares its curves with the
 * stored ones bit for bit; exit code {@link Main#EXIT_DIFFERS} when they differ.
 */
@Command(name = "reproduce", mixinStandardHelpOptions = true,
    description = {"Run one finished trial again from its recorded spec, at its recorded native"
        + " thread count, into a temporary folder, and compare its curves and evaluations with"
        + " the stored ones bit for bit (train_time_s aside). The natives build, oneDNN ISA,"
        + " layer helpers, dense products' library, first convolution's gradient,"
        + " OPENBLAS_CORETYPE and data checksums are"
        + " checked against the manifest first.",
        "Prints 'identical', or the first differing file, line, column and both values (exit"
        + " code 4)."})
final class ReproduceCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "TRIAL_DIR", description = "A trial folder:"
      + " trials/<problem>/<optimizer>/<setting>/seed-<n> in an experiment's results folder.")
  Path trialDir;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Where MNIST and Fashion-MNIST"
      + " are (as for run); their SHA-256 must be the recorded ones.")
  Path dataDir;

  @Option(names = "--no-download", description = "Fail instead of downloading missing data.")
  boolean noDownload;

  /** Set in the child JVM started for the trial's thread count, so it never starts another. */
  @Option(names = "--in-child-jvm", hidden = true)
  boolean inChild;

  /**
   * @param threads the trial's native thread count
   * @param own this JVM's {@code OMP_NUM_THREADS}, or null if unset
   * @return the note that the trial is replayed in a new JVM, and why
   */
  static String childJvmNote(int threads, String own) {
    return "note: the trial ran with " + threads + " native thread(s) and this JVM has "
        + (own == null ? "OMP_NUM_THREADS unset" : "OMP_NUM_THREADS=" + own)
        + "; running it in a new JVM with OMP_NUM_THREADS=" + threads;
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    RecordedTrial trial = RecordedTrial.load(trialDir);
    int threads = trial.spec().threads();
    if (!inChild && !Integer.toString(threads).equals(System.getenv("OMP_NUM_THREADS"))) {
      // ND4J fixed its pool from OMP_NUM_THREADS at start-up: only a new JVM can have n threads.
      out.println(childJvmNote(threads, System.getenv("OMP_NUM_THREADS")));
      out.flush();
      List<String> args = new ArrayList<>(List.of("reproduce", trialDir.toString(),
          "--in-child-jvm"));
      if (dataDir != null) {
        args.addAll(List.of("--data-dir", dataDir.toString()));
      }
      if (noDownload) {
        args.add("--no-download");
      }
      return ChildJvm.run(ChildJvm.command(Main.class.getName(), args), threads, out,
          spec.commandLine().getErr());
    }
    trial.warning().ifPresent(w -> out.println("warning: " + w));
    // The natives line as run prints it: what the recorded facts are checked against next.
    out.println(Backend.summaryLine());
    // The folder in full: "reproducing ." would not say which trial it was.
    out.printf("reproducing %s (%s, %s, seed %d, %d native thread(s))%n",
        trialDir.toAbsolutePath().normalize(),
        trial.spec().problem().id(), trial.spec().optimizer().id(), trial.spec().seed(), threads);
    if (trial.replaysToRecordedSteps()) {
      out.printf("the trial has a time limit (%s), so the steps it took depended on the"
          + " machine; replaying it to the %d %s it recorded%n", trial.spec().budget(),
          trial.recordedSteps(), trial.recordedSteps() == 1 ? "step" : "steps");
    }
    out.flush();
    Replay replay = TrialReplay.run(trial, Optional.ofNullable(dataDir),
        trial.experiment().download() && !noDownload);
    Optional<CurveComparison.Difference> difference = replay.difference();
    if (difference.isEmpty()) {
      List<String> files = CurveComparison.rowCounts(trialDir);
      out.println("identical: " + String.join(", ", files) + (files.size() == 1 ? " matches"
          : " match") + " bit for bit (" + String.join(", ", CurveFormat.TIMING_COLUMNS)
          + " aside)");
      out.flush();
      return 0;
    }
    out.println("differs: " + difference.get().describe());
    if (trial.warning().isPresent()) {
      out.println("note: the stored trial is damaged (see the warning above), so the difference"
          + " may be the damage, not the training");
    }
    out.flush();
    return Main.EXIT_DIFFERS;
  }
}
