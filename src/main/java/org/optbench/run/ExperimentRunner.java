package org.optbench.run;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.optbench.UserInputException;
import org.optbench.experiment.Arm;
import org.optbench.experiment.TrialId;
import org.optbench.experiment.TrialSpec;
import org.optbench.result.ResultStore;
import org.optbench.result.StoreFormat;
import org.optbench.result.TrialResult;
import org.optbench.result.TrialStatus;

/**
 * Runs a plan's trials through a {@link TrialExecutor}. Completed trials (those with a
 * {@code result.json}) are skipped; each finished trial's result and the index are written at
 * once, so an interrupted run loses at most the trials in flight. A trial that throws is recorded
 * as FAILED and the rest still run. The order of trials does not affect any result.
 */
public final class ExperimentRunner {
  private final ResultStore store;
  private final TrialExecutor executor;
  private final PrintWriter out;
  private static final int DIVERGED_LINES = 5;
  /**
   * How often the ETA is recomputed between finished trials: often enough that a line drawn
   * (every 250 ms on a terminal, every 10 s in a log) is at most a second behind.
   */
  private static final long ETA_REFRESH_NANOS = Duration.ofSeconds(1).toNanos();
  /**
   * The longest progress line written to a log (no terminal): room for the bar, the counts and
   * the ETA with its notes, which a terminal's width would cut.
   */
  private static final int LOG_LINE_LENGTH = 160;
  private final java.util.Set<String> ranHere = new java.util.HashSet<>();
  private final List<PlannedTrial> index = new ArrayList<>();
  private Runnable beforeTraining = () -> { };
  private boolean trained;
  // What trials of each cost class took, from the store and from this run: the ETA's source.
  private final TrialCosts costs = new TrialCosts();
  private final java.util.Set<String> costed = new java.util.HashSet<>();

  /**
   * Runs trials locally ({@link LocalTrialExecutor}).
   *
   * @param store where results go
   * @param runner trains one trial
   * @param parallelism worker threads (trials at once), ≥ 1
   * @param out where progress lines go
   * @throws IllegalArgumentException if {@code parallelism < 1}
   */
  public ExperimentRunner(ResultStore store, TrialRunner runner, int parallelism,
      PrintWriter out) {
    this(store, new LocalTrialExecutor(store, runner, parallelism), out);
  }

  /**
   * @param store where results go; the executor writes each trial's files into it
   * @param executor runs the trials that are not complete
   * @param out where progress lines go
   */
  public ExperimentRunner(ResultStore store, TrialExecutor executor, PrintWriter out) {
    this.store = store;
    this.executor = executor;
    this.out = out;
  }

  /**
   * @param hook run once, just before the first trial of this runner starts (not at all if
   *     every trial is already complete); e.g. to record the environment that trains
   * @return this runner
   */
  public ExperimentRunner beforeTraining(Runnable hook) {
    this.beforeTraining = hook;
    return this;
  }

  /**
   * @param planned the plan; a trial listed in several arms runs once
   * @param overwrite run every trial again instead of keeping complete ones (trials this runner
   *     has already run are kept)
   * @return the result of every planned trial, in plan order
   * @throws InterruptedException if interrupted while waiting for trials
   */
  public List<TrialResult> run(List<PlannedTrial> planned, boolean overwrite)
      throws InterruptedException {
    Map<String, TrialResult> results = new HashMap<>();
    List<TrialSpec> pending = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    List<TrialSpec> trials = new ArrayList<>();
    List<String> damages = new ArrayList<>();
    for (PlannedTrial p : planned) {
      TrialSpec spec = p.spec();
      String id = TrialId.of(spec).hex();
      if (!seen.add(id)) {
        continue;
      }
      trials.add(spec);
      if (overwrite && !ranHere.contains(id)) {
        store.discard(spec);
        pending.add(spec);
      } else {
        try {
          store.completed(spec).ifPresentOrElse(r -> {
            results.put(r.trialId(), r);
            learn(spec, r);
          }, () -> pending.add(spec));
        } catch (StoreFormat.VersionException version) {
          throw version; // not one damaged trial: the store is of a version this cannot read
        } catch (UserInputException damaged) {
          damages.add(damaged.getMessage());
        }
      }
    }
    // Every damaged trial at once, so one look at the store is enough to repair it.
    if (!damages.isEmpty()) {
      throw new UserInputException(damages.size() == 1 ? damages.get(0)
          : damages.size() + " finished trials are damaged:\n  " + String.join("\n  ", damages));
    }
    long resuming = pending.stream().filter(store::hasCheckpoint).count();
    out.printf("%d trial%s: %d already complete, %d to run on %d worker thread(s)%s%n",
        trials.size(), trials.size() == 1 ? "" : "s", trials.size() - pending.size(),
        pending.size(), executor.workers(),
        resuming == 0 ? "" : " (" + resuming + " continue from an epoch checkpoint)");
    out.flush();
    store.writeIndex(indexed(planned), results);
    if (!pending.isEmpty()) {
      if (!trained) {
        trained = true;
        beforeTraining.run();
      }
      runPending(indexed(planned), pending, results);
    }
    pending.forEach(spec -> ranHere.add(TrialId.of(spec).hex()));
    List<TrialResult> ordered = new ArrayList<>();
    for (PlannedTrial p : planned) {
      ordered.add(results.get(TrialId.of(p.spec()).hex()));
    }
    return ordered;
  }

  /** Adds a trial found complete in the store to the costs, once. */
  private void learn(TrialSpec spec, TrialResult result) {
    learn(spec, result, Double.NaN);
  }

  /**
   * Adds a trial to the costs, once. One that ran here counts the wall time it took from its
   * start to its result: that also counts what its training and evaluation times leave out
   * (setting up the network, writing curves, a child JVM's start), which the trials still to
   * come pay too.
   *
   * @param wallSeconds its wall time, or NaN if its start was not seen (a stored trial)
   */
  private void learn(TrialSpec spec, TrialResult result, double wallSeconds) {
    synchronized (costs) {
      if (!costed.add(result.trialId())) {
        return;
      }
      long bytes = TrialCosts.bytesUnder(store.trialDir(spec));
      if (Double.isNaN(wallSeconds) || result.status() != TrialStatus.COMPLETED) {
        costs.add(spec, result, bytes);
      } else {
        costs.add(spec, Math.max(wallSeconds, result.trainSeconds() + result.evalSeconds()),
            bytes);
      }
    }
  }

  /**
   * @param unfinished trials not finished yet, in the order they were handed to the executor
   * @return the progress bar's estimate of the time left ({@link TimeLeft}): each trial's cost
   *     class's mean time, less the share of its work already done; a class with no finished
   *     trial yet takes the pace of its running trial that is furthest on ({@link
   *     TrialProgress#paceSeconds}), and says so; a trial limited by time alone whose class has
   *     no finished trial yet counts its time limit (its evaluations come on top, so the
   *     estimate then says "at least"); says so when some class has no estimate
   */
  private String eta(java.util.Collection<TrialProgress> unfinished) {
    long now = System.nanoTime();
    // The pace of the running trial furthest on in each class.
    Map<Map<String, Object>, Pace> paces = new HashMap<>();
    for (TrialProgress p : unfinished) {
      p.paceSeconds(now).ifPresent(seconds -> paces.merge(p.costClass(),
          new Pace(seconds, p.fractionDone(seconds, now)), (a, b) -> b.done() > a.done() ? b : a));
    }
    List<TimeLeft.Trial> known = new ArrayList<>();
    int unknown = 0;
    String untimedProblem = null;
    boolean atLeast = false;
    boolean paced = false;
    String limitedProblem = null;
    synchronized (costs) {
      for (TrialProgress p : unfinished) {
        TrialSpec spec = p.spec();
        java.util.Optional<Double> s = costs.secondsOfClass(p.costClass());
        if (s.isEmpty() && paces.containsKey(p.costClass())) {
          s = java.util.Optional.of(paces.get(p.costClass()).seconds());
          paced = true;
        }
        if (s.isEmpty() && !spec.hasStepHorizon()) {
          s = java.util.Optional.of(spec.budget().seconds());
          atLeast = true;
          if (limitedProblem == null) {
            limitedProblem = spec.problem().id();
          }
        }
        if (s.isPresent()) {
          known.add(new TimeLeft.Trial(s.get(), p.fractionDone(s.get(), now)));
        } else {
          unknown++;
          if (untimedProblem == null) {
            untimedProblem = spec.problem().id();
          }
        }
      }
    }
    return etaText(known, unknown, untimedProblem, atLeast, paced, limitedProblem,
        executor.workers());
  }

  /**
   * A running trial's expected wall time from its pace ({@link TrialProgress#paceSeconds}).
   *
   * @param seconds its expected wall time (seconds)
   * @param done the share of its work done, in [0, 1]
   */
  private record Pace(double seconds, double done) {}

  /**
   * @param known the unfinished trials with an estimate, in the order they run
   * @param unknown unfinished trials without one
   * @param untimedProblem the problem of the first of those, or null if none
   * @param atLeast whether some estimate is only a time limit (a lower bound)
   * @param paced whether some estimate is a running trial's pace, not a finished trial's time
   * @param limitedProblem the problem of the first such trial, or null if none
   * @param workers trials run at once
   * @return the ETA part of the progress message, e.g. {@code ", ETA 1 min 5 s + 2 untimed"}, or
   *     {@code ", all steps taken, finishing"} once the known trials have taken all their steps
   *     (their last evaluation is not timed)
   */
  static String etaText(List<TimeLeft.Trial> known, int unknown, String untimedProblem,
      boolean atLeast, boolean paced, String limitedProblem, int workers) {
    double seconds = TimeLeft.seconds(known, workers);
    String untimed = unknown == 0 ? "" : " + " + unknown + " untimed";
    if (atLeast && seconds < 1) {
      // The time limits' lower bound is used up, by wall time, which runs ahead of training
      // time (set-up, evaluations): a bound of 0 says nothing, so nothing is claimed.
      return ", ETA after a " + limitedProblem + " trial ends" + untimed;
    }
    if (known.stream().allMatch(t -> t.fractionDone() >= 1)) {
      // No known trial has steps left (or none is known): what is left of the known ones is
      // their last evaluation and writing their results, which a share of steps cannot time, so
      // "0.0 s" would stand on the bar for as long as that takes; any untimed trial decides.
      return unknown == 0 ? ", all steps taken, finishing"
          : ", ETA after a " + untimedProblem + " trial ends";
    }
    return ", ETA " + (atLeast ? "at least " : "") + TrialCosts.duration(seconds)
        + (paced ? " from the pace so far" : "") + untimed;
  }

  /**
   * @return the progress bar's message: trials finished of all, and the ETA while some are not
   */
  private String status(int done, int all, Map<String, TrialProgress> unfinished) {
    return " " + done + "/" + all + " trials"
        + (unfinished.isEmpty() ? "" : eta(List.copyOf(unfinished.values())));
  }

  /**
   * How far one trial has got, for the ETA: the steps reported for it, and when it started (as
   * its executor said, or else at its first reported step). Updated from the executor's threads.
   */
  static final class TrialProgress {
    private static final long NOT_STARTED = Long.MIN_VALUE;
    /** Seconds a trial runs before its pace stands in for its class's time: set-up and the
     *  first steps' warm-up would skew an earlier one. */
    static final double PACE_AFTER_SECONDS = 10;
    private final TrialSpec spec;
    /** Its cost class, made once: the ETA looks its time up every second. */
    private final Map<String, Object> costClass;
    private final AtomicLong steps = new AtomicLong();
    private final AtomicLong startedNanos = new AtomicLong(NOT_STARTED);
    /** When it first reported steps, and how many it had then: its pace counts from there. */
    private final AtomicLong firstReportNanos = new AtomicLong(NOT_STARTED);
    private volatile long stepsAtFirstReport;

    /** @param spec the trial */
    TrialProgress(TrialSpec spec) {
      this.spec = spec;
      this.costClass = TrialCosts.costClass(spec);
    }

    /** @return the trial */
    TrialSpec spec() {
      return spec;
    }

    /** @return its cost class ({@link TrialCosts#costClass}) */
    Map<String, Object> costClass() {
      return costClass;
    }

    /** @param now {@link System#nanoTime()} when the trial started */
    void started(long now) {
      startedNanos.compareAndSet(NOT_STARTED, now);
    }

    /**
     * @param n steps the trial took since its last report (a resumed trial first reports the
     *     steps of its checkpoint)
     */
    void took(long n) {
      if (firstReportNanos.get() == NOT_STARTED || startedNanos.get() == NOT_STARTED) {
        took(n, System.nanoTime());
      } else {
        steps.addAndGet(n); // every step of a trial: the clock is read only when needed
      }
    }

    /**
     * @param n steps the trial took since its last report
     * @param now {@link System#nanoTime()} now
     */
    void took(long n, long now) {
      long total = steps.addAndGet(n);
      if (firstReportNanos.get() == NOT_STARTED) {
        // One thread reports a trial's steps; the volatile write comes first, so a reader that
        // sees the time sees these steps.
        stepsAtFirstReport = total;
        firstReportNanos.set(now);
      }
      if (startedNanos.get() == NOT_STARTED) {
        started(now); // an executor that does not say when trials start
      }
    }

    /**
     * @param now {@link System#nanoTime()} now
     * @return seconds since the trial started, NaN if it has not
     */
    double elapsedSeconds(long now) {
      long started = startedNanos.get();
      return started == NOT_STARTED ? Double.NaN : (now - started) / 1e9;
    }

    /**
     * Its expected wall time from its pace so far: its step limit ÷ the steps a second it has
     * taken since its first report. Evaluations come at regular steps (every epoch or every so
     * many steps), so the pace counts them in proportion. Counting from the first report leaves
     * out the set-up, and the steps a trial resumed from a checkpoint reports at once. Only for a
     * trial limited by steps alone (one with a time limit may end sooner), {@value
     * #PACE_AFTER_SECONDS} s after its first report; a trial that reports its steps only when it
     * ends (in a child JVM, on a cluster) never has one.
     *
     * @param now {@link System#nanoTime()} now
     * @return the expected wall time (seconds), or empty
     */
    java.util.OptionalDouble paceSeconds(long now) {
      long since = firstReportNanos.get();
      if (!spec.hasStepHorizon() || spec.budget().hasTimeLimit() || since == NOT_STARTED) {
        return java.util.OptionalDouble.empty();
      }
      double seconds = (now - since) / 1e9;
      long taken = steps.get() - stepsAtFirstReport;
      if (taken <= 0 || seconds < PACE_AFTER_SECONDS) {
        return java.util.OptionalDouble.empty();
      }
      return java.util.OptionalDouble.of(spec.totalSteps() * seconds / taken);
    }

    /**
     * @param expectedSeconds its expected wall time, evaluations included (seconds)
     * @param now {@link System#nanoTime()} now
     * @return the share of its work done, in [0, 1]: of its step limit; or of its expected time
     *     since it started if that is further and either it has a time limit (its steps say
     *     nothing of how near that is) or it has reported no step yet (a child JVM or a cluster
     *     reports a trial's steps only when it ends)
     */
    double fractionDone(double expectedSeconds, long now) {
      long taken = steps.get();
      double share = 0;
      if (spec.hasStepHorizon()) {
        share = Math.min(1.0, taken / (double) spec.totalSteps());
      }
      double elapsed = elapsedSeconds(now);
      if (!Double.isNaN(elapsed) && (spec.budget().hasTimeLimit() || taken == 0)) {
        share = Math.max(share, expectedSeconds > 0 ? Math.min(1.0, elapsed / expectedSeconds)
            : 1.0);
      }
      return share;
    }
  }

  /** Every arm planned so far in this process, so the index lists earlier phases too. */
  private List<PlannedTrial> indexed(List<PlannedTrial> planned) {
    for (PlannedTrial p : planned) {
      if (!index.contains(p)) {
        index.add(p);
      }
    }
    return List.copyOf(index);
  }

  private void runPending(List<PlannedTrial> trials, List<TrialSpec> pending,
      Map<String, TrialResult> results) throws InterruptedException {
    // A trial limited by training time alone has no step count to expect: the bar counts the
    // steps of the others, and the trial counter counts every trial. When no trial has a step
    // count, the bar counts every step taken, with no end.
    long totalSteps = pending.stream().filter(TrialSpec::hasStepHorizon)
        .mapToLong(TrialSpec::totalSteps).sum();
    boolean endless = pending.stream().noneMatch(TrialSpec::hasStepHorizon);
    Map<String, List<Arm>> arms = new HashMap<>();
    for (PlannedTrial p : trials) {
      List<Arm> list = arms.computeIfAbsent(TrialId.of(p.spec()).hex(), k -> new ArrayList<>());
      if (!list.contains(p.arm())) {
        list.add(p.arm());
      }
    }
    List<TrialExecutor.Assignment> assignments = pending.stream()
        .map(spec -> new TrialExecutor.Assignment(spec, arms.get(TrialId.of(spec).hex())))
        .toList();
    AtomicInteger finished = new AtomicInteger();
    AtomicInteger divergedCount = new AtomicInteger();
    // How far each trial has got, for the ETA: by id for the trials not finished, in the order
    // they run, and by identity for the executor's calls (it reports progress with the
    // assignment's own spec, and a record's hash would cost a deep walk at every step). The
    // identity map is filled here and only read after, so its lookups need no lock.
    Map<String, TrialProgress> unfinished = new java.util.LinkedHashMap<>();
    Map<TrialSpec, TrialProgress> progress = new java.util.IdentityHashMap<>();
    for (TrialSpec spec : pending) {
      TrialProgress p = new TrialProgress(spec);
      unfinished.put(TrialId.of(spec).hex(), p);
      progress.put(spec, p);
    }
    java.util.concurrent.ScheduledExecutorService ticker =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
          Thread t = new Thread(r, "eta");
          t.setDaemon(true);
          return t;
        });
    try (ProgressBar bar = progressBar(endless ? -1 : totalSteps)) {
      bar.setExtraMessage(status(0, pending.size(), unfinished));
      // The bar drew itself once as it was built, before it had the message; a log of a short
      // run would otherwise have no line with an ETA. (A log skips a repeated line.)
      bar.refresh();
      // Between finished trials the ETA counts down every second, by the clock: a child JVM
      // reports a trial's steps only when it ends, and evaluations take no steps.
      // Set under the lock, so a tick cannot overwrite a finished trial's newer message.
      ticker.scheduleWithFixedDelay(() -> {
        synchronized (results) {
          bar.setExtraMessage(status(finished.get(), pending.size(), unfinished));
        }
      }, ETA_REFRESH_NANOS, ETA_REFRESH_NANOS, java.util.concurrent.TimeUnit.NANOSECONDS);
      executor.execute(assignments, new TrialExecutor.Listener() {
        @Override
        public void started(TrialSpec spec) {
          TrialProgress p = progress.get(spec);
          if (p != null) {
            p.started(System.nanoTime());
          }
        }

        @Override
        public void progressed(TrialSpec spec, long steps) {
          TrialProgress p = progress.get(spec);
          if (p != null) {
            p.took(steps);
          }
          if (endless || spec.hasStepHorizon()) {
            bar.stepBy(steps);
          }
        }

        @Override
        public void finished(TrialResult result) {
          synchronized (results) {
            results.put(result.trialId(), result);
            store.writeIndex(trials, results);
            TrialProgress p = unfinished.remove(result.trialId());
            if (p != null) {
              learn(p.spec(), result, p.elapsedSeconds(System.nanoTime()));
            }
            bar.setExtraMessage(status(finished.incrementAndGet(), pending.size(), unfinished));
          }
          // Failures are always worth a line; divergence is data, so only the first few.
          boolean diverged = result.status() == TrialStatus.DIVERGED;
          if (result.status() == TrialStatus.FAILED
              || diverged && divergedCount.incrementAndGet() <= DIVERGED_LINES) {
            synchronized (out) {
              out.printf("%s %s %s batch %s (seed %d): %s%s%n", result.problem(),
                  result.optimizer(), result.hyperparameters(), result.batchSize(),
                  result.seed(), result.status(),
                  result.message() == null ? "" : " - " + result.message());
              out.flush();
            }
          }
        }
      });
    } finally {
      ticker.shutdownNow();
    }
    if (divergedCount.get() > DIVERGED_LINES) {
      out.printf("%d trials diverged in all (%d listed above); trials.csv lists every one%n",
          divergedCount.get(), DIVERGED_LINES);
      out.flush();
    }
  }

  /**
   * @param totalSteps the steps the bar counts to; -1 for a bar that counts with no end
   */
  private ProgressBar progressBar(long totalSteps) {
    // The bar's own ETA is hidden: a 2-D step costs microseconds and a network step
    // milliseconds to seconds, so an estimate from the step rate would mislead. The ETA in the
    // extra message comes from the times of finished trials of the same cost class. The bar is
    // redrawn at every interval, not only when its count moves: during evaluations, and in a
    // run whose time-limited trials it does not count, the clock and the ETA still move.
    ProgressBarBuilder builder = new ProgressBarBuilder().setTaskName("training")
        .setInitialMax(totalSteps).setUnit(" steps", 1).hideEta().continuousUpdate()
        .setStyle(ProgressBarStyle.ASCII).setMaxRenderedLength(100);
    if (System.console() != null) {
      builder.setUpdateIntervalMillis(250)
          .setConsumer(new ConsoleProgressBarConsumer(System.err));
    } else {
      // Logs and CI get a line every few seconds instead of carriage-return redraws; a line the
      // same as the one before (the bar draws its last state twice as it closes) is not repeated.
      java.util.concurrent.atomic.AtomicReference<String> last =
          new java.util.concurrent.atomic.AtomicReference<>();
      builder.setUpdateIntervalMillis((int) Duration.ofSeconds(10).toMillis())
          .setConsumer(new DelegatingProgressBarConsumer(line -> {
            if (!line.equals(last.getAndSet(line))) {
              out.println(line);
              out.flush();
            }
          }, LOG_LINE_LENGTH));
    }
    return builder.build();
  }
}
