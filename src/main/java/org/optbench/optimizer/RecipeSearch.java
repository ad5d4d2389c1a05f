package org.optbench.optimizer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The recipes one optimizer entry may take: its fixed choices (schedule type and unit, the
 * fractions of a map schedule, whether biases decay, the per-layer clipping mode) and a
 * {@link Domain} per number, so a recipe's numbers are searched like hyperparameters.
 *
 * @param scheduleKind the schedule, or null for a constant rate
 * @param scheduleEpochs whether the schedule counts epochs
 * @param scheduleMap a map schedule's fractions by iteration (or epoch); empty otherwise
 * @param decayBiases whether weight decay and L2 act on biases too
 * @param layerMode DL4J's per-layer gradient normalisation mode, or null
 * @param numbers per number, in the order written: {@code schedule.<name>} for each of the
 *     schedule's numbers, then those set of {@code weightDecay}, {@code l2},
 *     {@code clipGlobalNorm}, {@code gradientNormalization.threshold}
 */
public record RecipeSearch(ScheduleKind scheduleKind, boolean scheduleEpochs,
    SortedMap<Integer, Double> scheduleMap, boolean decayBiases, String layerMode,
    Map<String, Domain> numbers) {

  /** The search of {@link Recipe#NONE}: no choices, no numbers. */
  public static final RecipeSearch NONE =
      new RecipeSearch(null, false, new TreeMap<>(), false, null, Map.of());

  /** Key prefix of a schedule's numbers in {@link #numbers}. */
  public static final String SCHEDULE_PREFIX = "schedule.";
  /** Key of the per-layer clipping threshold in {@link #numbers}. */
  public static final String LAYER_THRESHOLD = "gradientNormalization.threshold";

  /** Copies the maps, keeping their order. */
  public RecipeSearch {
    scheduleMap = Collections.unmodifiableSortedMap(new TreeMap<>(scheduleMap));
    numbers = Collections.unmodifiableMap(new LinkedHashMap<>(numbers));
  }

  /** @return whether every number is a finite list of values */
  public boolean isGrid() {
    return numbers.values().stream().allMatch(d -> d instanceof Domain.Values);
  }

  /** @return the number of grid points (1 when there are no numbers; intervals count 0) */
  public int gridSize() {
    int size = 1;
    for (Domain d : numbers.values()) {
      size *= d instanceof Domain.Values v ? v.values().size() : 0;
    }
    return size;
  }

  /**
   * The cross product of the number lists (the last varies fastest).
   *
   * @return every recipe of the grid; {@code [Recipe.NONE]} for {@link #NONE}
   * @throws IllegalStateException if a number is an interval
   * @throws IllegalArgumentException if a combination is not a valid recipe
   */
  public List<Recipe> grid() {
    List<Map<String, Double>> points = Domain.gridPoints(numbers);
    return points.stream().map(this::at).toList();
  }

  /**
   * @param random the search's generator, advanced once per number (not at all for
   *     {@link #NONE}, so recipe-less searches draw exactly what they drew before recipes)
   * @return one random recipe
   */
  public Recipe sample(SplittableRandom random) {
    Map<String, Double> point = new LinkedHashMap<>();
    numbers.forEach((name, domain) -> point.put(name, domain.sample(random)));
    return at(point);
  }

  /**
   * @param point a value for every key of {@link #numbers}
   * @return the recipe with those numbers
   * @throws IllegalArgumentException if a value is out of range
   */
  public Recipe at(Map<String, Double> point) {
    Recipe.Schedule schedule = null;
    if (scheduleKind != null) {
      Map<String, Double> values = new LinkedHashMap<>();
      for (String name : scheduleKind.parameterNames()) {
        values.put(name, point.get(SCHEDULE_PREFIX + name));
      }
      schedule = new Recipe.Schedule(scheduleKind, scheduleEpochs, values, scheduleMap);
    }
    Recipe.LayerClipping clipping = layerMode == null ? null
        : new Recipe.LayerClipping(layerMode, point.getOrDefault(LAYER_THRESHOLD, 1.0));
    return new Recipe(schedule, point.getOrDefault("weightDecay", 0.0),
        point.getOrDefault("l2", 0.0), decayBiases, point.getOrDefault("clipGlobalNorm", 0.0),
        clipping);
  }
}
