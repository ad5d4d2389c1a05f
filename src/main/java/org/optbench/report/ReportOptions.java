package org.optbench.report;

/**
 * How a report draws what it reads; the defaults reproduce the plain {@code optbench report}.
 *
 * @param smoothing β of the debiased exponential moving average over mini-batch losses (see
 *     {@link Smoothing}), in [0, 1); 0 draws the raw losses. Stated in each loss figure's caption
 *     and on the page.
 */
public record ReportOptions(double smoothing) {
  /** β used when none is given: an average over about ten recorded losses. */
  public static final double DEFAULT_SMOOTHING = 0.9;

  /** The options of a plain {@code optbench report}. */
  public static final ReportOptions DEFAULTS = new ReportOptions(DEFAULT_SMOOTHING);

  /**
   * @throws org.optbench.UserInputException if {@code smoothing} is outside [0, 1)
   */
  public ReportOptions {
    if (!(smoothing >= 0 && smoothing < 1)) {
      throw new org.optbench.UserInputException("--smoothing must be in [0, 1) (0: no smoothing,"
          + " 0.9: about ten losses, 0.99: about a hundred), got " + smoothing);
    }
  }
}
