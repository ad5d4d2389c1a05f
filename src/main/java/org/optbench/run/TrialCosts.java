package org.optbench.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.optbench.experiment.TrialSpec;
import org.optbench.result.TrialResult;

/**
 * What one trial costs, in wall seconds and bytes on disk, learnt from trials that ran: the mean
 * over the trials of the same <em>cost class</em>, i.e. the same problem (and parameters), batch
 * size, budget, evaluation and loss intervals and native threads. The optimizer and the seed are
 * left out: they change a trial's result, not how long its steps take (to within the noise of a
 * shared machine). Not thread-safe; callers synchronise.
 */
public final class TrialCosts {
  /** Sums of one cost class. */
  private static final class Sums {
    double seconds;
    double bytes;
    int trials;
  }

  private final Map<Map<String, Object>, Sums> byClass = new HashMap<>();

  /**
   * @param spec a trial
   * @return its cost class: the setting description without the optimizer
   */
  static Map<String, Object> costClass(TrialSpec spec) {
    Map<String, Object> key = new LinkedHashMap<>(spec.settingDescription());
    key.remove("optimizer");
    return key;
  }

  /**
   * Learns from a trial that ran. FAILED trials (which stopped anywhere) teach nothing, nor do
   * DIVERGED ones, which stopped early.
   *
   * @param spec the trial
   * @param result its result
   * @param bytes what its folder holds on disk (bytes)
   */
  public void add(TrialSpec spec, TrialResult result, long bytes) {
    if (result.status() != org.optbench.result.TrialStatus.COMPLETED) {
      return;
    }
    add(spec, result.trainSeconds() + result.evalSeconds(), bytes);
  }

  /**
   * @param spec a trial (or one of its cost class)
   * @param seconds its training plus evaluation wall time (seconds)
   * @param bytes what its folder holds on disk (bytes)
   */
  void add(TrialSpec spec, double seconds, double bytes) {
    Sums sums = byClass.computeIfAbsent(costClass(spec), k -> new Sums());
    sums.seconds += seconds;
    sums.bytes += bytes;
    sums.trials++;
  }

  /**
   * @param spec a trial
   * @return the mean wall seconds (training and evaluation) of the trials of its cost class, if
   *     any ran
   */
  public Optional<Double> seconds(TrialSpec spec) {
    return secondsOfClass(costClass(spec));
  }

  /**
   * @param costClass a cost class ({@link #costClass}), for a caller that keeps it
   * @return the mean wall seconds of the trials of that class, if any ran
   */
  Optional<Double> secondsOfClass(Map<String, Object> costClass) {
    Sums sums = byClass.get(costClass);
    return sums == null ? Optional.empty() : Optional.of(sums.seconds / sums.trials);
  }

  /**
   * @param spec a trial
   * @return the mean bytes on disk of the trials of its cost class, if any ran
   */
  public Optional<Double> bytes(TrialSpec spec) {
    Sums sums = byClass.get(costClass(spec));
    return sums == null ? Optional.empty() : Optional.of(sums.bytes / sums.trials);
  }

  /**
   * @param spec a trial
   * @return how many trials of its cost class it learnt from
   */
  public int known(TrialSpec spec) {
    Sums sums = byClass.get(costClass(spec));
    return sums == null ? 0 : sums.trials;
  }

  /**
   * @param dir a folder (it may not exist)
   * @return the bytes of every file under it, 0 if it does not exist
   * @throws UncheckedIOException if it cannot be walked
   */
  public static long bytesUnder(Path dir) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> {
        try {
          return Files.size(f);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).sum();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir, e);
    }
  }

  /**
   * @param seconds a duration (seconds, ≥ 0)
   * @return it for people: {@code 0.4 s}, {@code 12 s}, {@code 3 min 20 s}, {@code 2 h 05 min}
   */
  public static String duration(double seconds) {
    if (seconds < 10) {
      return String.format(java.util.Locale.ROOT, "%.1f s", seconds);
    }
    long s = Math.round(seconds);
    if (s < 60) {
      return s + " s";
    }
    if (s < 3600) {
      return (s / 60) + " min " + String.format(java.util.Locale.ROOT, "%02d s", s % 60);
    }
    return (s / 3600) + " h " + String.format(java.util.Locale.ROOT, "%02d min", s % 3600 / 60);
  }

  /**
   * @param bytes a size (bytes)
   * @return it for people, in KiB below 1 MiB, else MiB or GiB
   */
  public static String size(double bytes) {
    if (bytes < 1024 * 1024) {
      return String.format(java.util.Locale.ROOT, "%.0f KiB", Math.ceil(bytes / 1024));
    }
    if (bytes < 1024.0 * 1024 * 1024) {
      return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024 * 1024));
    }
    return String.format(java.util.Locale.ROOT, "%.2f GiB", bytes / (1024.0 * 1024 * 1024));
  }
}
