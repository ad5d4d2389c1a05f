package org.optbench.dl4j;

import java.util.Objects;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Polynomial decay to 0 at the trial's horizon (Caffe's "poly" policy; Chen et al. 2017,
 * DeepLab): with base rate η, horizon T and exponent p, the rate at t (iterations, or epochs) is
 *
 * <pre>
 *   η(t) = η·(1 − t/T)^p   for t &lt; T;      η(t) = 0   for t ≥ T
 * </pre>
 *
 * <p>DL4J 1.0.0-M2.1's {@code PolySchedule} computes η·(1 + t/T)^p instead (measured: 0.225 at
 * t = T/2 for η = 0.1, p = 2), a rate that grows until it drops to 0 at T, so optbench does not
 * use it. JSON-serialisable with ND4J's Jackson, so it survives a checkpoint.
 */
public final class PolyDecaySchedule implements ISchedule {
  private static final long serialVersionUID = 1L;

  private final ScheduleType scheduleType;
  private final double initialValue;
  private final double power;
  private final long horizon;

  /**
   * @param scheduleType whether t counts iterations or epochs
   * @param initialValue η
   * @param power p &gt; 0
   * @param horizon T ≥ 1, in the unit of {@code scheduleType}
   * @throws IllegalArgumentException if p ≤ 0 or T &lt; 1
   */
  public PolyDecaySchedule(@JsonProperty("scheduleType") ScheduleType scheduleType,
      @JsonProperty("initialValue") double initialValue, @JsonProperty("power") double power,
      @JsonProperty("horizon") long horizon) {
    if (!(power > 0) || horizon < 1) {
      throw new IllegalArgumentException("poly decay needs power > 0 and a horizon >= 1 (got "
          + power + ", " + horizon + ")");
    }
    this.scheduleType = Objects.requireNonNull(scheduleType, "scheduleType");
    this.initialValue = initialValue;
    this.power = power;
    this.horizon = horizon;
  }

  @Override
  public double valueAt(int iteration, int epoch) {
    int t = scheduleType == ScheduleType.ITERATION ? iteration : epoch;
    return t >= horizon ? 0.0 : initialValue * Math.pow(1.0 - (double) t / horizon, power);
  }

  @Override
  public ISchedule clone() {
    return new PolyDecaySchedule(scheduleType, initialValue, power, horizon);
  }

  /** @return whether t counts iterations or epochs */
  public ScheduleType getScheduleType() {
    return scheduleType;
  }

  /** @return η */
  public double getInitialValue() {
    return initialValue;
  }

  /** @return p */
  public double getPower() {
    return power;
  }

  /** @return T */
  public long getHorizon() {
    return horizon;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PolyDecaySchedule s && s.scheduleType == scheduleType
        && s.initialValue == initialValue && s.power == power && s.horizon == horizon;
  }

  @Override
  public int hashCode() {
    return Objects.hash(scheduleType, initialValue, power, horizon);
  }

  @Override
  public String toString() {
    return "PolyDecaySchedule(" + scheduleType + ", η=" + initialValue + ", p=" + power + ", T="
        + horizon + ")";
  }
}
