package org.optbench.report;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * How a report draws what it reads; the defaults reproduce the plain {@code optbench report}.
 *
 * @param smoothing β of the debiased exponential moving average over mini-batch losses (see
 *     {@link Smoothing}), in [0, 1); 0 draws the raw losses; {@link Double#NaN} when not given,
 *     which takes the experiment config's {@code report: {smoothing: β}}, else
 *     {@link #DEFAULT_SMOOTHING}. Stated in each loss figure's caption and on the page.
 */
public record ReportOptions(double smoothing) {
  /** β used when none is given: an average over about ten recorded losses. */
  public static final double DEFAULT_SMOOTHING = 0.9;

  /** The options of a plain {@code optbench report}: β from the config, else the default. */
  public static final ReportOptions DEFAULTS = new ReportOptions(Double.NaN);

  private static final YAMLMapper YAML = new YAMLMapper();

  /**
   * @throws org.optbench.UserInputException if {@code smoothing} is outside [0, 1)
   */
  public ReportOptions {
    if (!Double.isNaN(smoothing) && !(smoothing >= 0 && smoothing < 1)) {
      throw new org.optbench.UserInputException("--smoothing must be in [0, 1) (0: no smoothing,"
          + " 0.9: about ten losses, 0.99: about a hundred), got " + smoothing);
    }
  }

  /**
   * The options a report is drawn with: those given, else the experiment's, else the defaults.
   * The config loader has checked the config's value, so one out of range (a hand-edited file)
   * falls back to the default rather than stopping the report.
   *
   * @param resolvedConfig the text of the experiment's resolved config
   * @return options with every value set
   */
  ReportOptions resolve(String resolvedConfig) {
    if (!Double.isNaN(smoothing)) {
      return this;
    }
    double configured = DEFAULT_SMOOTHING;
    try {
      JsonNode value = YAML.readTree(resolvedConfig == null ? "" : resolvedConfig)
          .path("report").path("smoothing");
      if (value.isNumber() && value.doubleValue() >= 0 && value.doubleValue() < 1) {
        configured = value.doubleValue();
      }
    } catch (JacksonException e) {
      // An unreadable config is reported elsewhere; the figures keep the default.
    }
    return new ReportOptions(configured);
  }
}
