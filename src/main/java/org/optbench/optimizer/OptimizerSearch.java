package org.optbench.optimizer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The settings one optimizer entry of a config may take: a {@link Domain} per hyperparameter.
 * Hyperparameters the entry does not name are fixed at their defaults
 * ({@link OptimizerType#defaults()}), so every search states every value.
 *
 * @param type the optimizer
 * @param domains per hyperparameter, all of them, in {@link OptimizerType#parameterNames()} order
 * @param recipe the entry's schedule, decay and clipping choices; {@link RecipeSearch#NONE}
 *     for none
 */
public record OptimizerSearch(OptimizerType type, Map<String, Domain> domains,
    RecipeSearch recipe) {

  /**
   * A search without a recipe.
   *
   * @param type the optimizer
   * @param domains per hyperparameter (those missing take their defaults)
   * @throws IllegalArgumentException as the canonical constructor
   */
  public OptimizerSearch(OptimizerType type, Map<String, Domain> domains) {
    this(type, domains, RecipeSearch.NONE);
  }

  /**
   * Fills unnamed hyperparameters with their defaults and keeps the parameter order.
   *
   * @throws IllegalArgumentException if a domain names something that is not a hyperparameter
   */
  public OptimizerSearch {
    Map<String, Domain> ordered = new LinkedHashMap<>();
    for (String name : type.parameterNames()) {
      ordered.put(name, domains.containsKey(name) ? domains.get(name)
          : new Domain.Values(List.of(type.defaults().get(name))));
    }
    for (String name : domains.keySet()) {
      if (!ordered.containsKey(name) || !type.parameterNames().contains(name)) {
        throw new IllegalArgumentException(name + " is not a hyperparameter of " + type.id());
      }
    }
    domains = Collections.unmodifiableMap(ordered);
    java.util.Objects.requireNonNull(recipe, "recipe");
  }

  /** @return the number of grid points (1 per fixed value; intervals count as 0) */
  public int gridSize() {
    int size = 1;
    for (Domain d : domains.values()) {
      size *= d instanceof Domain.Values v ? v.values().size() : 0;
    }
    return size * recipe.gridSize();
  }

  /** @return whether every domain is a finite list, so the search is a grid */
  public boolean isGrid() {
    return domains.values().stream().allMatch(d -> d instanceof Domain.Values)
        && recipe.isGrid();
  }

  /**
   * The cross product of the value lists, in parameter order (the last parameter varies fastest),
   * then, for each point, the recipe's grid (its numbers varying fastest).
   *
   * @return every grid point as a spec
   * @throws IllegalStateException if a domain is an interval
   */
  public List<OptimizerSpec> grid() {
    List<Map<String, Double>> points = Domain.gridPoints(domains);
    List<Recipe> recipes = recipe.grid();
    List<OptimizerSpec> specs = new ArrayList<>();
    for (Map<String, Double> point : points) {
      OptimizerSpec spec = type.create(point);
      for (Recipe r : recipes) {
        specs.add(spec.withRecipe(r));
      }
    }
    return specs;
  }

  /**
   * @param random the search's generator, advanced once per hyperparameter, then once per recipe
   *     number (an entry without a recipe draws exactly what it drew before recipes existed)
   * @return one random setting, each hyperparameter and recipe number drawn independently
   */
  public OptimizerSpec sample(SplittableRandom random) {
    Map<String, Double> point = new LinkedHashMap<>();
    for (Map.Entry<String, Domain> e : domains.entrySet()) {
      point.put(e.getKey(), e.getValue().sample(random));
    }
    return type.create(point).withRecipe(recipe.sample(random));
  }
}
