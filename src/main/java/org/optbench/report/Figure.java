package org.optbench.report;

import org.jfree.chart.JFreeChart;

/**
 * A chart with its file stem, caption and pixel size.
 *
 * @param id file stem, e.g. {@code ravine-2d-trajectories}; written as {@code <id>.png} and
 *     {@code <id>.svg}
 * @param title short title for the page
 * @param caption what is drawn and how
 * @param chart the chart
 * @param width width in pixels
 * @param height height in pixels
 */
record Figure(String id, String title, String caption, JFreeChart chart, int width, int height) {}
