/**
 * Test problems: what is optimised, independent of how. A problem fixes the data, the model
 * shape and the loss; the optimizer and the seed are chosen per trial.
 *
 * <p>The analytic 2-D functions and the ravine-regression generator are pure Java (values,
 * gradients and minimisers in closed form or by Newton's method), so tests and reports can use
 * them without starting ND4J.
 *
 * <h2>A problem is a type</h2>
 *
 * <p>A resolved problem is a {@link org.optbench.problem.ProblemSpec}; its
 * {@link org.optbench.problem.ProblemKind} says everything the rest of optbench needs to know
 * about it: the metrics aggregated over seeds with their goals, the selection and headline
 * metrics, which metrics a target may name, and whether seeds, mini-batches (batch sizes,
 * epochs) and evaluations apply. The catalogue entry ({@link org.optbench.problem.ProblemInfo})
 * adds the id, parameters, default target and divergence factor. Config loading, planning,
 * tuning, the result store and the report ask these; they never test which problem they have.
 * How to train a problem lives in {@code org.optbench.dl4j} and what to draw for it in
 * {@code org.optbench.report}, each in a registry keyed by the spec's class; this package
 * imports neither.
 *
 * <p>{@link org.optbench.problem.DataProblem} is classification on the user's own files, declared
 * in a config by {@code data:} and {@code network:} rather than by an id of the catalogue; its
 * kind is {@link org.optbench.problem.ProblemKinds#FILE_CLASSIFICATION}, and its trainer and
 * figures are registered like those of any other problem. Its network is a built-in one or a
 * {@link org.optbench.problem.NetworkFile}, a DL4J or Keras model file read (and given its
 * canonical JSON, which identifies it) by the {@link org.optbench.problem.NetworkFile.Reader}
 * that {@code org.optbench.dl4j} registers with {@link java.util.ServiceLoader}, so this package
 * needs no DL4J.
 *
 * <p>{@link org.optbench.problem.PluginProblem} is classification written in Java and loaded
 * from a plugin jar: the configuration layer asks the plugin for its examples and network, and
 * this record checks and hashes the examples and reads the network (given as JSON text) with the
 * checks of a model file. It shares {@link org.optbench.problem.ProblemKinds#FILE_CLASSIFICATION}
 * and the training path of {@link org.optbench.problem.DataProblem}.
 *
 * <h2>Adding a problem</h2>
 *
 * <p>Nothing in optbench's own packages changes. In your own code:
 *
 * <ol>
 *   <li>Write the spec: a record implementing {@link org.optbench.problem.ProblemSpec} whose
 *       components are the problem's parameters, and its {@link
 *       org.optbench.problem.ProblemKind} (or reuse one of {@link
 *       org.optbench.problem.ProblemKinds}). The kind's metrics must name columns the trainer
 *       records in the trial's final metrics.
 *   <li>Write a {@link org.optbench.problem.ProblemProvider} returning its
 *       {@link org.optbench.problem.ProblemInfo} (id, parameters with defaults, default target,
 *       divergence factor, and the factory building the spec from parameter values).
 *   <li>Write an {@code org.optbench.dl4j.ProblemTrainer} for the spec's class: it trains one
 *       trial and writes {@code curve.csv} (and {@code evals.csv} when the kind has
 *       evaluations).
 *   <li>Write an {@code org.optbench.report.ProblemFigures} for the spec's class: which curve
 *       figures the report draws and, for two parameters, the surface of the paths.
 *   <li>Register the three with {@link java.util.ServiceLoader}: one line each, the class's binary
 *       name, in {@code META-INF/services/org.optbench.problem.ProblemProvider},
 *       {@code META-INF/services/org.optbench.dl4j.ProblemTrainer} and
 *       {@code META-INF/services/org.optbench.report.ProblemFigures} on the class path.
 * </ol>
 *
 * <p>The problem then appears in {@code optbench list}, configs may name its id, and
 * {@code run} and {@code report} handle it like a built-in one. A trial of a problem with no
 * trainer, or a report of one with no figures, stops with a message naming the problem and what
 * is registered. The test tree's {@code org.optbench.userproblem} package is a complete example:
 * a one-weight quadratic, run and reported end to end.
 */
package org.optbench.problem;
