package org.optbench.dl4j;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.schedule.CycleSchedule;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.InverseSchedule;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.SigmoidSchedule;
import org.nd4j.linalg.schedule.StepSchedule;
import org.optbench.experiment.TrialSpec;
import org.optbench.optimizer.Recipe;

/**
 * Builds the DL4J {@link ISchedule} of a recipe's schedule. η is the entry's learning rate; t is
 * DL4J's iteration counter (0 at the first step, never reset) or, with {@code unit: epochs}, the
 * number of completed epochs; T is the trial's horizon from {@link TrialSpec#horizon()} (in
 * epochs, ⌈steps / steps per epoch⌉). DL4J's own schedules are used where they survive a
 * checkpoint (they carry Jackson annotations) and compute what their names say; the equations
 * are DL4J 1.0.0-M2.1's, except poly's (DL4J's {@code PolySchedule} grows, see
 * {@link PolyDecaySchedule}):
 *
 * <pre>
 *   step         η·decayRate^⌊t/step⌋                          StepSchedule
 *   exponential  η·gamma^t                                     ExponentialSchedule
 *   inverse      η/(1 + gamma·t)^power                         InverseSchedule
 *   poly         η·(1 − t/T)^power, 0 from T on                {@link PolyDecaySchedule}
 *   sigmoid      η/(1 + exp(−gamma·(t − stepSize)))            SigmoidSchedule
 *   cycle        s = ⌊(cycleLength − annealingLength)/2⌋, d = (maxLearningRate − η)/s,
 *                p = t mod cycleLength:  η + d·p (p &lt; s);  maxLearningRate − d·(p − s)
 *                (p &lt; 2s);  η·annealingDecay^(annealingLength − cycleLength + p) (else)
 *                                                              CycleSchedule (Smith 2018)
 *   map          η·values[k], k the largest key ≤ t             MapSchedule
 *   warmup       η·(t + 1)/W for t &lt; W, then η              {@link LinearWarmupSchedule}
 *   warmup-cosine  see {@link WarmupCosineSchedule}
 * </pre>
 */
public final class Schedules {
  private Schedules() {}

  /**
   * @param schedule the recipe's schedule
   * @param learningRate η, the entry's learning rate
   * @param spec the trial, for its horizon
   * @return the schedule
   * @throws org.optbench.UserInputException if the schedule needs a horizon the trial lacks
   * @throws IllegalArgumentException if the numbers make no schedule (e.g. a cycle with no room
   *     for its two ramps)
   */
  public static ISchedule of(Recipe.Schedule schedule, double learningRate, TrialSpec spec) {
    ScheduleType type = schedule.epochs() ? ScheduleType.EPOCH : ScheduleType.ITERATION;
    Map<String, Double> v = schedule.values();
    return switch (schedule.kind()) {
      case STEP -> new StepSchedule(type, learningRate, v.get("decayRate"), v.get("step"));
      case EXPONENTIAL -> new ExponentialSchedule(type, learningRate, v.get("gamma"));
      case INVERSE -> new InverseSchedule(type, learningRate, v.get("gamma"), v.get("power"));
      case POLY -> new PolyDecaySchedule(type, learningRate, v.get("power"),
          horizon(spec, schedule.epochs()));
      case SIGMOID -> new SigmoidSchedule(type, learningRate, v.get("gamma"),
          v.get("stepSize").intValue());
      case CYCLE -> cycle(type, learningRate, v);
      case MAP -> {
        Map<Integer, Double> values = new LinkedHashMap<>();
        schedule.map().forEach((k, fraction) -> values.put(k, learningRate * fraction));
        yield new MapSchedule(type, values);
      }
      case WARMUP -> new LinearWarmupSchedule(learningRate, v.get("warmupSteps").intValue());
      case WARMUP_COSINE -> new WarmupCosineSchedule(learningRate,
          v.get("warmupSteps").intValue(), spec.horizon(), v.get("finalFraction"));
    };
  }

  private static ISchedule cycle(ScheduleType type, double learningRate, Map<String, Double> v) {
    int cycle = v.get("cycleLength").intValue();
    int annealing = v.get("annealingLength").intValue();
    if ((cycle - annealing) / 2 < 1) {
      throw new IllegalArgumentException("a cycle schedule needs cycleLength >= annealingLength"
          + " + 2, so each ramp has a step (got cycleLength " + cycle + ", annealingLength "
          + annealing + ")");
    }
    return new CycleSchedule(type, learningRate, v.get("maxLearningRate"), cycle, annealing,
        v.get("annealingDecay"));
  }

  /** T: the trial's steps, or its epochs (a final partial epoch counted) for epoch schedules. */
  private static long horizon(TrialSpec spec, boolean epochs) {
    long steps = spec.horizon();
    return epochs ? (steps + spec.stepsPerEpoch() - 1) / spec.stepsPerEpoch() : steps;
  }
}
