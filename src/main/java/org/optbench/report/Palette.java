package org.optbench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Stroke;
import java.util.Map;
import org.optbench.optimizer.OptimizerKind;

/**
 * One colour and line style per optimizer, the same in every figure. Colours are Okabe and Ito's
 * colour-blind-safe set; the six classic updaters get the six most distinct ones, and the three
 * Adam variants are also dashed so they stay distinguishable from Adam without colour.
 */
final class Palette {
  private static final Map<String, Color> COLORS = Map.of(
      "sgd", new Color(0xE69F00),
      "nesterovs", new Color(0x56B4E9),
      "adagrad", new Color(0x009E73),
      "rmsprop", new Color(0x0072B2),
      "adadelta", new Color(0xD55E00),
      "adam", new Color(0xCC79A7),
      "nadam", new Color(0x000000),
      "adamax", new Color(0xC9B800),
      "amsgrad", new Color(0x999999));
  private static final Color OTHER = new Color(0x666666);

  private Palette() {}

  /**
   * @param optimizer optimizer id
   * @return its colour (grey for ids this version does not know)
   */
  static Color color(String optimizer) {
    return COLORS.getOrDefault(optimizer, OTHER);
  }

  /**
   * @param optimizer optimizer id
   * @param width line width in pixels
   * @return solid for the classic updaters, dashed for Nadam, AdaMax and AMSGrad
   */
  static Stroke stroke(String optimizer, float width) {
    boolean dashed = optimizer.equals("nadam") || optimizer.equals("adamax")
        || optimizer.equals("amsgrad");
    return dashed
        ? new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f,
            new float[] {6f, 3f}, 0f)
        : new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
  }

  /**
   * @param optimizer optimizer id
   * @return the name DL4J gives the updater, e.g. {@code AdaGrad}, or the id if unknown
   */
  static String name(String optimizer) {
    return OptimizerKind.byId(optimizer).map(OptimizerKind::displayName).orElse(optimizer);
  }
}
