package org.optbench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Stroke;
import java.util.Map;
import org.optbench.optimizer.OptimizerType;
import org.optbench.plugin.registry.OptimizerRegistry;

/**
 * One colour and line style per optimizer, the same in every figure. Colours are Okabe and Ito's
 * colour-blind-safe set; the six classic updaters get the six most distinct ones, and the three
 * Adam variants are also dashed so they stay distinguishable from Adam without colour.
 */
final class Palette {
  private static final Map<String, Color> COLORS = Map.ofEntries(
      Map.entry("sgd", new Color(0xE69F00)),
      Map.entry("nesterovs", new Color(0x56B4E9)),
      Map.entry("adagrad", new Color(0x009E73)),
      Map.entry("rmsprop", new Color(0x0072B2)),
      Map.entry("adadelta", new Color(0xD55E00)),
      Map.entry("adam", new Color(0xCC79A7)),
      Map.entry("nadam", new Color(0x000000)),
      Map.entry("adamax", new Color(0xC9B800)),
      Map.entry("amsgrad", new Color(0x999999)),
      // The three optimizers DL4J lacks; AdamW is also dashed, as an Adam variant.
      Map.entry("sgdm", new Color(0x8C510A)),
      Map.entry("adamw", new Color(0x7B3294)),
      Map.entry("lion", new Color(0x1B7837)));
  /** Plugin optimizers: picked by a stable hash of the id, so a plugin keeps its colour. */
  private static final Color[] OTHERS = {new Color(0x666666), new Color(0xB2182B),
      new Color(0x2166AC), new Color(0x5AAE61), new Color(0xF1A340)};

  private Palette() {}

  /**
   * @param optimizer optimizer id
   * @return its colour (for a plugin, one of a few more picked by the id)
   */
  static Color color(String optimizer) {
    Color known = COLORS.get(optimizer);
    return known != null ? known : OTHERS[Math.floorMod(optimizer.hashCode(), OTHERS.length)];
  }

  /**
   * @param optimizer optimizer id
   * @param width line width in pixels
   * @return solid for the classic updaters, dashed for Nadam, AdaMax and AMSGrad
   */
  static Stroke stroke(String optimizer, float width) {
    boolean dashed = optimizer.equals("nadam") || optimizer.equals("adamax")
        || optimizer.equals("amsgrad") || optimizer.equals("adamw");
    return dashed
        ? new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f,
            new float[] {6f, 3f}, 0f)
        : new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
  }

  /**
   * @param optimizer optimizer id
   * @return the label of an optimizer optbench ships (the name DL4J gives the updater, e.g.
   *     {@code AdaGrad}); for a plugin, its short name, or the simple name of an updater class
   *     configured by class
   */
  static String name(String optimizer) {
    return OptimizerRegistry.builtIn().byName(optimizer).map(OptimizerType::label)
        .orElse(optimizer.substring(optimizer.lastIndexOf('.') + 1));
  }
}
