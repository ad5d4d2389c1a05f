package org.optbench.plugin;

/**
 * A classification problem written in Java, for what a config's {@code data:} and
 * {@code network:} cannot say (generated data, a network built with DL4J's builders). A plugin jar
 * lists its implementations in {@code META-INF/services/org.optbench.plugin.ProblemPlugin}; the
 * class must be public with a public no-argument constructor. A config names the problem by its
 * {@link #id()} ({@code problems: [{id: my-problem}]}) when the jar is on the plugin path
 * ({@code --plugins} or {@code plugins:}).
 *
 * <p>The problem is trained and reported exactly like classification on the user's files: the
 * network is trained with each optimizer entry's updater in place of its own, its weights drawn
 * from the trial's seed, its regularisation kept; the metrics are the training, validation and test
 * loss (cross-entropy) and accuracy, and tuning selects on the final validation accuracy. A
 * trial's id holds the jar's SHA-256, the data's SHA-256 and the network's canonical JSON, so a
 * changed jar, data set or network gives new trials.
 *
 * <p>optbench calls {@link #data()} and {@link #network()} once per run, while reading the config;
 * both must give the same result on every call (draw generated data from a fixed seed).
 */
public interface ProblemPlugin {
  /**
   * @return the problem's id: lower case letters, digits and '-', starting with a letter; it
   *     names the problem in configs, results folders and reports
   */
  String id();

  /** @return one line for {@code optbench list} and the report */
  String description();

  /**
   * @return the examples, already normalised as the network should see them
   * @throws RuntimeException for any failure; the config error names the class and its jar
   */
  Data data();

  /**
   * The network, built with DL4J's builders: a {@code MultiLayerConfiguration} or a
   * {@code ComputationGraphConfiguration} (one input, one output) as its {@code toJson()} writes
   * it. Its input takes one example of {@link Data#shape()} (set the input type, e.g.
   * {@code InputType.feedForward(features)}); its output layer is a softmax {@code OutputLayer}
   * with {@code MCXENT} loss and {@link Data#classes()} outputs. Any updater in it is replaced per
   * trial; dropout and other randomness during training are refused, as for a model file.
   *
   * @return the configuration's JSON
   * @throws RuntimeException for any failure; the config error names the class and its jar
   */
  String network();

  /**
   * The examples of a problem.
   *
   * @param shape one example's shape: {@code [features]} or {@code [height, width, channels]}
   * @param classes number of classes, at least 2
   * @param train training examples
   * @param validation validation examples, on which tuning selects
   * @param test test examples
   */
  record Data(int[] shape, int classes, Part train, Part validation, Part test) {}

  /**
   * One set of examples.
   *
   * @param features {@code rows × width} values, example after example, where width is the
   *     product of {@link Data#shape()}; an image channel after channel, each row-major, as a
   *     network built with {@code InputType.convolutionalFlat(height, width, channels)} takes it
   * @param labels {@code rows × classes} one-hot labels, example after example: exactly one 1
   *     per example, 0 elsewhere
   */
  record Part(float[] features, float[] labels) {}
}
