package org.optbench.plugin.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.optbench.optimizer.OptimizerType;

/** What {@code manifest.json} records of the plugin optimizers a run used. */
public final class PluginManifest {
  private PluginManifest() {}

  /**
   * @param types the optimizers of an experiment, in plan order (repeats are listed once)
   * @return for each plugin optimizer: {@code id}, {@code label}, {@code class}, {@code jar}
   *     (absolute path, or null for a class of the class path), {@code sha256} and
   *     {@code properties} (every hyperparameter with its resolved default); empty when the
   *     experiment uses none
   */
  public static List<Map<String, Object>> describe(List<OptimizerType> types) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (OptimizerType type : new LinkedHashSet<>(types)) {
      type.origin().ifPresent(origin -> {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", type.id());
        entry.put("label", type.label());
        entry.put("class", origin.className());
        entry.put("jar", origin.jarPath().map(Object::toString).orElse(null));
        entry.put("sha256", origin.sha256());
        entry.put("properties", type.defaults());
        out.add(entry);
      });
    }
    return out;
  }
}
