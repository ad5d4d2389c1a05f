/**
 * Test problems: what is optimised, independent of how. A problem fixes the data, the model
 * shape and the loss; the optimizer and the seed are chosen per trial.
 *
 * <p>The analytic 2-D functions and the ravine-regression generator are pure Java (values,
 * gradients and minimisers in closed form or by Newton's method), so tests and reports can use
 * them without starting ND4J.
 */
package org.optbench.problem;
