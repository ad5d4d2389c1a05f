package org.optbench.result;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Which limit ended a completed time-limited trial, as {@code result.json}'s {@code stoppedBy}
 * records it ({@code steps} or {@code time}).
 */
public enum StopLimit {
  /** It took every step of its {@code steps:} or {@code epochs:} limit before the time ran out. */
  @JsonProperty("steps")
  STEPS,
  /** Its training time reached {@code stop: {seconds: N}} first. */
  @JsonProperty("time")
  TIME
}
