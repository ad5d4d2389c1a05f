package org.optbench.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import org.optbench.optimizer.Domain;
import org.optbench.optimizer.OptimizerType;
import org.optbench.optimizer.Recipe;
import org.optbench.optimizer.RecipeSearch;
import org.optbench.optimizer.ScheduleKind;

/**
 * Reads the recipe keys of one optimizer entry ({@code schedule}, {@code weightDecay},
 * {@code l2}, {@code decayBiases}, {@code clipGlobalNorm}, {@code gradientNormalization}) into a
 * {@link RecipeSearch}. Every number takes a grid or a random-search interval, as a
 * hyperparameter does. Errors go to the loader's list, each naming the YAML path, the value and
 * what is accepted.
 */
final class RecipeReader {
  /** The keys an optimizer entry may carry besides its hyperparameters. */
  static final List<String> KEYS = List.of("schedule", "weightDecay", "l2", "decayBiases",
      "clipGlobalNorm", "gradientNormalization");
  private static final Set<String> CLIPPING_KEYS = Set.of("mode", "threshold");

  private final BiConsumer<String, String> errors;
  private final BiFunction<JsonNode, String, Domain> domains;

  /**
   * @param errors told (YAML path, message) of each error
   * @param domains reads a number, list or interval at a path; null after reporting an error
   */
  RecipeReader(BiConsumer<String, String> errors, BiFunction<JsonNode, String, Domain> domains) {
    this.errors = errors;
    this.domains = domains;
  }

  /**
   * @param fields the entry's recipe keys and their values, in the order written
   * @param path the entry's YAML path, e.g. {@code optimizers[2]}
   * @param type the entry's optimizer
   * @return the search, {@link RecipeSearch#NONE} for no keys, empty after an error
   */
  Optional<RecipeSearch> read(Map<String, JsonNode> fields, String path, OptimizerType type) {
    if (fields.isEmpty()) {
      return Optional.of(RecipeSearch.NONE);
    }
    boolean ok = true;
    Map<String, Domain> numbers = new LinkedHashMap<>();
    ScheduleKind kind = null;
    boolean epochs = false;
    SortedMap<Integer, Double> map = new TreeMap<>();
    JsonNode scheduleNode = fields.get("schedule");
    if (scheduleNode != null) {
      String at = path + ".schedule";
      if (!type.parameterNames().contains("learningRate")) {
        errors.accept(at, type.id() + " has no learning rate (no learningRate hyperparameter),"
            + " so it takes no schedule; remove schedule, or use an optimizer with a learning"
            + " rate");
        ok = false;
      } else if (!scheduleNode.isObject() || !scheduleNode.path("type").isTextual()) {
        String problem = !scheduleNode.isObject() ? "must be a mapping such as {type:"
            + " warmup-cosine, warmupSteps: 100, finalFraction: 0.0}"
            : scheduleNode.has("type") ? scheduleNode.get("type") + " is not accepted; give one"
            + " schedule type (an entry's schedule is not searched over types: list one entry"
            + " per type)" : "is missing";
        errors.accept(at + (scheduleNode.isObject() ? ".type" : ""), problem
            + "; accepted types: " + String.join(", ", ScheduleKind.ids()));
        ok = false;
      } else {
        String id = scheduleNode.get("type").asText();
        Optional<ScheduleKind> found = ScheduleKind.byId(id);
        if (found.isEmpty()) {
          errors.accept(at + ".type", "'" + id + "' is not a schedule; accepted: "
              + String.join(", ", ScheduleKind.ids()));
          ok = false;
        } else {
          kind = found.get();
          ok &= scheduleFields(scheduleNode, at, kind, numbers, map);
          if (ok && kind == ScheduleKind.CYCLE) {
            ok &= cycleFits(numbers, at);
          }
          JsonNode unit = scheduleNode.get("unit");
          if (unit != null) {
            String u = unit.asText();
            if (u.equals("epochs") && kind.acceptsEpochs()) {
              epochs = true;
            } else if (!u.equals("iterations")) {
              errors.accept(at + ".unit", "'" + u + "' is not accepted; " + kind.id()
                  + (kind.acceptsEpochs() ? " counts iterations or epochs"
                  : " counts iterations only") + "; accepted: iterations"
                  + (kind.acceptsEpochs() ? ", epochs" : ""));
              ok = false;
            }
          }
        }
      }
    }
    for (String key : List.of("weightDecay", "l2", "clipGlobalNorm")) {
      JsonNode node = fields.get(key);
      if (node == null) {
        continue;
      }
      boolean positive = key.equals("clipGlobalNorm");
      Domain d = number(node, path + "." + key, key, positive ? "> 0" : ">= 0",
          v -> positive ? v > 0 : v >= 0);
      if (d == null) {
        ok = false;
      } else {
        numbers.put(key, d);
      }
    }
    if (fields.containsKey("weightDecay") && !type.parameterNames().contains("learningRate")) {
      errors.accept(path + ".weightDecay", "decoupled weight decay steps η·λ·w with the"
          + " learning rate η, and " + type.id() + " has none; use l2: λ (the coupled penalty,"
          + " added to the gradient) instead");
      ok = false;
    }
    boolean decayBiases = false;
    JsonNode biases = fields.get("decayBiases");
    if (biases != null) {
      if (!biases.isBoolean()) {
        errors.accept(path + ".decayBiases", biases + " is not accepted; expected true or false");
        ok = false;
      } else if (!fields.containsKey("weightDecay") && !fields.containsKey("l2")) {
        errors.accept(path + ".decayBiases", "says whether weightDecay or l2 act on biases, but"
            + " the entry sets neither; add weightDecay: or l2:, or remove decayBiases"
            + (type.parameterNames().contains("weightDecay") ? " (" + type.id() + "'s own"
            + " weightDecay decays every weight and bias; for decoupled decay of weights only,"
            + " use the recipe's weightDecay on an optimizer without one of its own, e.g."
            + " {name: adam, weightDecay: λ})" : ""));
        ok = false;
      } else {
        decayBiases = biases.booleanValue();
      }
    }
    String mode = null;
    JsonNode clipping = fields.get("gradientNormalization");
    if (clipping != null) {
      String at = path + ".gradientNormalization";
      String accepted = "; accepted modes: " + String.join(", ", Recipe.LAYER_CLIPPING_MODES);
      JsonNode modeNode = clipping.isObject() ? clipping.get("mode") : clipping;
      if (modeNode == null || !modeNode.isTextual()
          || !Recipe.LAYER_CLIPPING_MODES.contains(modeNode.asText())) {
        errors.accept(clipping.isObject() ? at + ".mode" : at, (modeNode == null ? "is missing"
            : modeNode + " is not accepted") + accepted + " (e.g. {mode: ClipL2PerLayer,"
            + " threshold: 1.0})");
        ok = false;
      } else {
        mode = modeNode.asText();
        if (clipping.isObject()) {
          clipping.fieldNames().forEachRemaining(k -> {
            if (!CLIPPING_KEYS.contains(k)) {
              errors.accept(at + "." + k, "unknown key; accepted: mode, threshold");
            }
          });
        }
        JsonNode threshold = clipping.isObject() ? clipping.get("threshold") : null;
        if (mode.startsWith("Clip")) {
          if (threshold == null) {
            errors.accept(at + ".threshold", "is missing; " + mode + " clips at a threshold > 0");
            ok = false;
          } else {
            Domain d = number(threshold, at + ".threshold", "threshold", "> 0", v -> v > 0);
            ok &= d != null;
            if (d != null) {
              numbers.put(RecipeSearch.LAYER_THRESHOLD, d);
            }
          }
        } else if (threshold != null) {
          errors.accept(at + ".threshold", "does not apply to " + mode + ", which rescales to"
              + " norm 1; remove it, or use a Clip* mode");
          ok = false;
        }
      }
    }
    return ok ? Optional.of(new RecipeSearch(kind, epochs, map, decayBiases, mode, numbers))
        : Optional.empty();
  }

  /**
   * DL4J's cycle splits {@code cycleLength − annealingLength} into two ramps of
   * ⌊(cycleLength − annealingLength)/2⌋ steps each; a ramp of no step divides by zero, so every
   * value the entry may take must leave each ramp a step.
   */
  private boolean cycleFits(Map<String, Domain> numbers, String at) {
    double shortestCycle = Collections.min(numbers.get(RecipeSearch.SCHEDULE_PREFIX
        + "cycleLength").endpoints());
    double longestAnnealing = Collections.max(numbers.get(RecipeSearch.SCHEDULE_PREFIX
        + "annealingLength").endpoints());
    if (Math.floor(shortestCycle) >= Math.floor(longestAnnealing) + 2) {
      return true;
    }
    errors.accept(at + ".cycleLength", format(shortestCycle) + " leaves no room for the two"
        + " ramps beside annealingLength " + format(longestAnnealing) + "; cycleLength must be at"
        + " least annealingLength + 2");
    return false;
  }

  /** The schedule's numbers (all required) or, for a map schedule, its {@code values}. */
  private boolean scheduleFields(JsonNode node, String at, ScheduleKind kind,
      Map<String, Domain> numbers, SortedMap<Integer, Double> map) {
    boolean ok = true;
    List<String> names = kind.parameterNames();
    String takes = kind == ScheduleKind.MAP ? "values: {0: 1.0, 1000: 0.1} (fractions of the"
        + " learning rate from each iteration on)" : String.join(", ", names);
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      boolean known = key.equals("type") || key.equals("unit") || names.contains(key)
          || (kind == ScheduleKind.MAP && key.equals("values"));
      if (!known) {
        errors.accept(at + "." + key, "unknown key; " + kind.id() + " takes type, unit, "
            + takes);
        ok = false;
      }
    }
    for (ScheduleKind.Parameter p : kind.parameters()) {
      JsonNode value = node.get(p.name());
      if (value == null) {
        errors.accept(at + "." + p.name(), "is missing; " + kind.id() + " takes " + takes);
        ok = false;
        continue;
      }
      Domain d = domains.apply(value, at + "." + p.name());
      if (d == null) {
        ok = false;
        continue;
      }
      for (double v : d.endpoints()) {
        Optional<String> problem = p.check(v);
        if (problem.isPresent()) {
          errors.accept(at + "." + p.name(), format(v) + " is not accepted; " + p.name() + " "
              + problem.get());
          ok = false;
        }
      }
      if (p.integer() && d.isInterval()) {
        errors.accept(at + "." + p.name(), "counts " + (p.name().contains("Steps")
            ? "iterations" : "iterations or epochs") + ": give a number or a list of numbers,"
            + " not an interval");
        ok = false;
      }
      numbers.put(RecipeSearch.SCHEDULE_PREFIX + p.name(), d);
    }
    if (kind == ScheduleKind.MAP) {
      JsonNode values = node.get("values");
      if (values == null || !values.isObject() || values.isEmpty()) {
        errors.accept(at + ".values", (values == null ? "is missing" : values
            + " is not accepted") + "; expected " + takes);
        return false;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = values.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        Integer key = null;
        try {
          key = Integer.valueOf(e.getKey().trim());
        } catch (NumberFormatException ex) {
          // reported below
        }
        JsonNode v = e.getValue();
        if (key == null || key < 0 || !v.isNumber() || !(v.doubleValue() > 0)
            || Double.isInfinite(v.doubleValue())) {
          errors.accept(at + ".values." + e.getKey(), v + " is not accepted; expected an"
              + " iteration (or epoch) >= 0 mapped to a fraction of the learning rate > 0");
          ok = false;
        } else {
          map.put(key, v.doubleValue());
        }
      }
      if (ok && !map.containsKey(0)) {
        errors.accept(at + ".values", "has no value at 0; the schedule must say the rate of"
            + " the first iteration, e.g. {0: 1.0, 1000: 0.1}");
        ok = false;
      }
    }
    return ok;
  }

  private Domain number(JsonNode node, String at, String name, String accepted,
      java.util.function.DoublePredicate good) {
    Domain d = domains.apply(node, at);
    if (d == null) {
      return null;
    }
    for (double v : d.endpoints()) {
      if (!good.test(v) || !Double.isFinite(v)) {
        errors.accept(at, format(v) + " is not accepted; " + name + " must be " + accepted
            + " and finite");
        return null;
      }
    }
    return d;
  }

  private static String format(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
