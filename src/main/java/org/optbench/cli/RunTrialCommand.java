package org.optbench.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.optbench.isolate.ChildTrial;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code optbench run-trial TRIAL_DIR}, hidden: the child JVM of {@code run --isolate}. Trains
 * the one trial whose {@code spec.json} the parent wrote into TRIAL_DIR and writes its
 * {@code result.json}; exit 0 once it is written, whatever the trial's status.
 */
@Command(name = "run-trial", hidden = true, description = "Train one trial of a run in this"
    + " JVM (used by 'optbench run --isolate').")
final class RunTrialCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "TRIAL_DIR", description = "The trial's folder.")
  Path trialDir;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "The run's data directory.")
  Path dataDir;

  @Option(names = "--plugins", paramLabel = "DIR_OR_JAR", split = ",", description = "The"
      + " run's plugin path.")
  List<Path> plugins = List.of();

  @Option(names = "--parallelism", paramLabel = "N", description = "Trials the run trains at"
      + " once (recorded by a time-limited trial).")
  int parallelism = 1;

  @Override
  public Integer call() {
    ChildTrial.train(trialDir, Optional.ofNullable(dataDir), plugins, parallelism);
    return 0;
  }

  /**
   * @param trialDir the trial's folder
   * @param dataDir the run's data directory, if given
   * @param plugins the run's plugin path
   * @param parallelism trials the run trains at once (≥ 1)
   * @return the arguments of a child that trains that trial
   */
  static List<String> arguments(Path trialDir, Optional<Path> dataDir, List<Path> plugins,
      int parallelism) {
    List<String> args = new java.util.ArrayList<>(List.of("run-trial",
        trialDir.toAbsolutePath().toString(), "--parallelism", Integer.toString(parallelism)));
    dataDir.ifPresent(d -> args.addAll(List.of("--data-dir", d.toAbsolutePath().toString())));
    for (Path plugin : plugins) {
      args.addAll(List.of("--plugins", plugin.toAbsolutePath().toString()));
    }
    return args;
  }
}
