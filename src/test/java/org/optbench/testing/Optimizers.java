package org.optbench.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.optbench.optimizer.OptimizerSpec;
import org.optbench.optimizer.OptimizerType;
import org.optbench.plugin.registry.OptimizerRegistry;

/** Specs of optbench's own optimizers by positional hyperparameters, for tests. */
public final class Optimizers {
  private Optimizers() {}

  /**
   * @param name a built-in short name
   * @return its type
   */
  public static OptimizerType type(String name) {
    return OptimizerRegistry.builtIn().type(name);
  }

  /**
   * @param name a built-in short name
   * @param values every hyperparameter, in the type's order
   * @return the validated spec
   */
  public static OptimizerSpec spec(String name, double... values) {
    OptimizerType type = type(name);
    List<String> names = type.parameterNames();
    if (values.length != names.size()) {
      throw new IllegalArgumentException(name + " takes " + names);
    }
    Map<String, Double> map = new LinkedHashMap<>();
    for (int i = 0; i < values.length; i++) {
      map.put(names.get(i), values[i]);
    }
    return type.create(map);
  }
}
