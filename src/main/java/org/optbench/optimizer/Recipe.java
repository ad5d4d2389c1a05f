package org.optbench.optimizer;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The training recipe around an optimizer's update rule: a learning-rate schedule, decoupled
 * weight decay or a coupled L2 penalty, and gradient clipping. Every part is optional; {@link
 * #NONE} is a constant rate with no regularisation and no clipping, which is what every trial
 * ran with before recipes existed, and it adds nothing to a trial's identity.
 *
 * @param schedule the learning-rate schedule, or null for a constant rate
 * @param weightDecay λ of decoupled weight decay (DL4J {@code WeightDecay(λ, applyLR = true)}:
 *     η_t·λ·w is subtracted after the updater, with the scheduled rate η_t); 0 for none
 * @param l2 λ of the coupled L2 penalty (DL4J {@code L2}: λ·w is added to the gradient before the
 *     updater); 0 for none
 * @param decayBiases whether {@code weightDecay} and {@code l2} also act on biases (default
 *     false, as DeepOBS's problems do); meaningful only when one of them is set
 * @param clipGlobalNorm c of global-norm clipping: the mean gradient g over every parameter is
 *     scaled by min(1, c/‖g‖₂) before the updater; 0 for none
 * @param layerClipping one of DL4J's per-layer {@code GradientNormalization} modes, or null
 */
public record Recipe(Schedule schedule, double weightDecay, double l2, boolean decayBiases,
    double clipGlobalNorm, LayerClipping layerClipping) {

  /** No schedule, no decay, no clipping. */
  public static final Recipe NONE = new Recipe(null, 0, 0, false, 0, null);

  /** DL4J's per-layer gradient normalisation modes, as configs name them. */
  public static final List<String> LAYER_CLIPPING_MODES = List.of("RenormalizeL2PerLayer",
      "RenormalizeL2PerParamType", "ClipElementWiseAbsoluteValue", "ClipL2PerLayer",
      "ClipL2PerParamType");

  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException if a number is negative or not finite, or a schedule or
   *     clipping mode is malformed
   */
  public Recipe {
    check("weightDecay", weightDecay);
    check("l2", l2);
    check("clipGlobalNorm", clipGlobalNorm);
    // Without a decay the switch means nothing; normalised so it cannot split equal trials.
    decayBiases = decayBiases && (weightDecay > 0 || l2 > 0);
  }

  private static void check(String name, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be >= 0 and finite (got " + value + ")");
    }
  }

  /** @return whether this is {@link #NONE} */
  public boolean isNone() {
    return equals(NONE);
  }

  /**
   * What the recipe adds to a trial's identity: nothing for {@link #NONE}, so trial ids of
   * recipe-less trials are those they always had; otherwise only the parts that are set.
   *
   * @return ordered map: {@code schedule} ({@code type}, {@code unit} when epochs, its numbers,
   *     {@code values} for a map schedule), {@code weightDecay}, {@code l2}, {@code decayBiases},
   *     {@code clipGlobalNorm}, {@code gradientNormalization} ({@code mode}, {@code threshold})
   */
  public Map<String, Object> description() {
    Map<String, Object> map = new LinkedHashMap<>();
    if (schedule != null) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("type", schedule.kind().id());
      if (schedule.epochs()) {
        s.put("unit", "epochs");
      }
      s.putAll(schedule.values());
      if (!schedule.map().isEmpty()) {
        Map<String, Double> values = new LinkedHashMap<>();
        schedule.map().forEach((k, v) -> values.put(Integer.toString(k), v));
        s.put("values", values);
      }
      map.put("schedule", s);
    }
    if (weightDecay > 0) {
      map.put("weightDecay", weightDecay);
    }
    if (l2 > 0) {
      map.put("l2", l2);
    }
    if (weightDecay > 0 || l2 > 0) {
      map.put("decayBiases", decayBiases);
    }
    if (clipGlobalNorm > 0) {
      map.put("clipGlobalNorm", clipGlobalNorm);
    }
    if (layerClipping != null) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("mode", layerClipping.mode());
      c.put("threshold", layerClipping.threshold());
      map.put("gradientNormalization", c);
    }
    return map;
  }

  /**
   * The recipe as {@code name → number} pairs, for the hyperparameter column of
   * {@code trials.csv}, folder names and report tables: {@code <schedule>.<number>} (e.g.
   * {@code warmup-cosine.warmupSteps}; {@code <schedule>@epochs.<number>} for an epoch schedule;
   * {@code map.<iteration>} for a map schedule's fractions), {@code weightDecay} (decoupled),
   * {@code l2} (coupled), {@code decayBiases} (1 or 0), {@code clipGlobalNorm},
   * {@code <mode>.threshold}.
   *
   * @return the pairs, empty for {@link #NONE}
   */
  public Map<String, Double> labels() {
    Map<String, Double> map = new LinkedHashMap<>();
    if (schedule != null) {
      String prefix = schedule.kind().id() + (schedule.epochs() ? "@epochs" : "") + ".";
      schedule.values().forEach((k, v) -> map.put(prefix + k, v));
      schedule.map().forEach((k, v) -> map.put(prefix + k, v));
    }
    if (weightDecay > 0) {
      map.put("weightDecay", weightDecay);
    }
    if (l2 > 0) {
      map.put("l2", l2);
    }
    if (weightDecay > 0 || l2 > 0) {
      map.put("decayBiases", decayBiases ? 1.0 : 0.0);
    }
    if (clipGlobalNorm > 0) {
      map.put("clipGlobalNorm", clipGlobalNorm);
    }
    if (layerClipping != null) {
      map.put(layerClipping.mode() + ".threshold", layerClipping.threshold());
    }
    return map;
  }

  /**
   * Reads {@link #description()} back, as a trial's {@code spec.json} holds it.
   *
   * @param description the recipe's map (numbers as any {@link Number}), or null for none
   * @return the recipe
   * @throws IllegalArgumentException if the map is malformed
   */
  public static Recipe fromDescription(Map<String, Object> description) {
    if (description == null || description.isEmpty()) {
      return NONE;
    }
    Schedule schedule = null;
    if (description.get("schedule") instanceof Map<?, ?> s) {
      ScheduleKind kind = ScheduleKind.byId(String.valueOf(s.get("type"))).orElseThrow(() ->
          new IllegalArgumentException("unknown schedule " + s.get("type")));
      Map<String, Double> values = new LinkedHashMap<>();
      for (String name : kind.parameterNames()) {
        values.put(name, number(s.get(name)));
      }
      SortedMap<Integer, Double> fractions = new TreeMap<>();
      if (s.get("values") instanceof Map<?, ?> m) {
        m.forEach((k, v) -> fractions.put(Integer.parseInt(String.valueOf(k)), number(v)));
      }
      schedule = new Schedule(kind, "epochs".equals(s.get("unit")), values, fractions);
    }
    LayerClipping clipping = null;
    if (description.get("gradientNormalization") instanceof Map<?, ?> c) {
      clipping = new LayerClipping(String.valueOf(c.get("mode")), number(c.get("threshold")));
    }
    return new Recipe(schedule, optional(description.get("weightDecay")),
        optional(description.get("l2")), Boolean.TRUE.equals(description.get("decayBiases")),
        optional(description.get("clipGlobalNorm")), clipping);
  }

  private static double optional(Object value) {
    return value == null ? 0 : number(value);
  }

  private static double number(Object value) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    throw new IllegalArgumentException("expected a number, found " + value);
  }

  /**
   * A learning-rate schedule with its numbers set.
   *
   * @param kind which schedule
   * @param epochs whether t counts epochs (DL4J {@code ScheduleType.EPOCH}) rather than
   *     iterations
   * @param values every number of {@link ScheduleKind#parameters()} (kept in that order)
   * @param map a map schedule's fractions of η by iteration (or epoch), key 0 included; empty
   *     for the others
   */
  public record Schedule(ScheduleKind kind, boolean epochs, Map<String, Double> values,
      SortedMap<Integer, Double> map) {
    /**
     * Copies the maps and checks them.
     *
     * @throws IllegalArgumentException if a number is missing or out of range, epochs are
     *     asked of an iteration schedule, or a map schedule lacks key 0
     */
    public Schedule {
      Objects.requireNonNull(kind, "kind");
      if (!new java.util.HashSet<>(kind.parameterNames()).equals(values.keySet())) {
        throw new IllegalArgumentException(kind.id() + " takes " + kind.parameterNames()
            + ", got " + values.keySet());
      }
      for (ScheduleKind.Parameter p : kind.parameters()) {
        Optional<String> problem = p.check(values.get(p.name()));
        if (problem.isPresent()) {
          throw new IllegalArgumentException(kind.id() + "." + p.name() + " " + problem.get()
              + " (got " + values.get(p.name()) + ")");
        }
      }
      if (epochs && !kind.acceptsEpochs()) {
        throw new IllegalArgumentException(kind.id() + " counts iterations only");
      }
      if (kind == ScheduleKind.MAP ? !map.containsKey(0) : !map.isEmpty()) {
        throw new IllegalArgumentException(kind == ScheduleKind.MAP
            ? "a map schedule needs a value at 0" : kind.id() + " takes no map of values");
      }
      Map<String, Double> ordered = new LinkedHashMap<>();
      for (String name : kind.parameterNames()) {
        ordered.put(name, values.get(name));
      }
      values = Collections.unmodifiableMap(ordered);
      map = Collections.unmodifiableSortedMap(new TreeMap<>(map));
    }
  }

  /**
   * DL4J's per-layer gradient normalisation.
   *
   * @param mode one of {@link #LAYER_CLIPPING_MODES}
   * @param threshold the clipping threshold of the {@code Clip*} modes (&gt; 0); ignored by the
   *     {@code Renormalize*} modes, which take 1
   */
  public record LayerClipping(String mode, double threshold) {
    /**
     * Checks the mode and threshold.
     *
     * @throws IllegalArgumentException if the mode is unknown or the threshold not &gt; 0
     */
    public LayerClipping {
      if (!LAYER_CLIPPING_MODES.contains(mode)) {
        throw new IllegalArgumentException("gradient normalization " + mode + " is not one of "
            + LAYER_CLIPPING_MODES);
      }
      if (!(threshold > 0) || Double.isInfinite(threshold)) {
        throw new IllegalArgumentException("threshold must be > 0 and finite (got " + threshold
            + ")");
      }
    }
  }
}
