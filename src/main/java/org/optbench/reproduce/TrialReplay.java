package org.optbench.reproduce;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.optbench.UserInputException;
import org.optbench.data.DatasetRepository;
import org.optbench.dl4j.Backend;
import org.optbench.dl4j.Dl4jTrialRunner;
import org.optbench.result.AtomicFiles;
import org.optbench.result.CurveComparison;
import org.optbench.result.ResultStore;
import org.optbench.result.TrialResult;

/**
 * Runs a recorded trial again in this JVM and compares its curves with the stored ones. Before
 * training it checks what decides the bits against the experiment's manifest: the natives build,
 * oneDNN's ISA and the layer helpers ({@link Backend#BIT_DECIDING_KEYS}), and the SHA-256 of
 * every data file the trial reads, unless the trial's id holds them
 * ({@link org.optbench.problem.ProblemSpec#identityHoldsData}). ND4J's thread count must
 * already be the trial's (see {@link ChildJvm}). A time-limited trial is replayed to the step
 * count it recorded ({@link RecordedTrial#replaySpec}).
 */
public final class TrialReplay {
  private TrialReplay() {}

  /**
   * @param trial the recorded trial
   * @param dataDir where the data sets are ({@code --data-dir}), else the config's or the
   *     environment's (as {@code run} finds them)
   * @param download whether missing data files may be downloaded (verified by SHA-256 anyway)
   * @return the first difference (empty: identical) and the reproduced result
   * @throws UserInputException if ND4J runs another thread count than the trial's, the natives
   *     or the data differ from the recorded ones, or data is missing
   * @throws RuntimeException if training fails
   */
  public static Replay run(RecordedTrial trial, Optional<Path> dataDir, boolean download) {
    DatasetRepository repository = DatasetRepository.fromEnvironment(
        dataDir.or(() -> trial.experiment().dataDir()), download);
    Dl4jTrialRunner runner = new Dl4jTrialRunner(repository, trial.spec().threads());
    checkNatives(trial, runner.describeBackend());
    checkData(trial, runner.prepare(List.of(trial.spec())));
    Path scratch;
    try {
      scratch = Files.createTempDirectory("optbench-reproduce-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary folder", e);
    }
    try {
      TrialResult result = runner.run(trial.replaySpec(), scratch, steps -> { });
      return new Replay(CurveComparison.first(trial.trialDir(), scratch), result);
    } finally {
      AtomicFiles.deleteTree(scratch);
    }
  }

  private static void checkNatives(RecordedTrial trial, Map<String, Object> current) {
    var differences = Backend.BITS.differences(trial.manifest(), current);
    if (!differences.isEmpty()) {
      throw new UserInputException("the trial was computed with other native settings than"
          + " this JVM has, which can change a trial's last bits, so a difference could come from"
          + " them alone. " + differences.stream().map(d -> d.key() + " " + d.recordedText()
              + " (this JVM: " + d.current() + "): " + d.howToMatch())
              .collect(Collectors.joining("; ")));
    }
  }

  private static void checkData(RecordedTrial trial, Map<String, Map<String, String>> current) {
    if (trial.spec().problem().identityHoldsData()) {
      // The spec was rebuilt from the data read now and hashes to the trial's id: they are the
      // data it read. The manifest describes the folder's last training run, which may have
      // read other data (edited files, since put back) for other trials.
      return;
    }
    Map<?, ?> recorded = trial.manifest().get("dataSha256") instanceof Map<?, ?> m ? m : Map.of();
    for (Map.Entry<String, Map<String, String>> set : current.entrySet()) {
      Map<?, ?> files = recorded.get(set.getKey()) instanceof Map<?, ?> f ? f : null;
      if (files == null) {
        throw new UserInputException(trial.root().resolve(ResultStore.MANIFEST) + " records no"
            + " checksums of data set " + set.getKey() + ", so the data the trial read is"
            + " unknown");
      }
      for (Map.Entry<String, String> file : set.getValue().entrySet()) {
        if (!file.getValue().equals(files.get(file.getKey()))) {
          throw new UserInputException("data file " + set.getKey() + "/" + file.getKey()
              + " has SHA-256 " + file.getValue() + " here, but " + ResultStore.MANIFEST
              + " records " + files.get(file.getKey()) + " for the run that trained the trial;"
              + " give the recorded data with --data-dir (or, if manifest.json was edited,"
              + " restore it)");
        }
      }
    }
  }
}
