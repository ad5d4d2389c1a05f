package org.optbench.dl4j;

import java.util.List;

/** Measures a network at an evaluation point; never changes its parameters or updater state. */
interface Evaluator {
  /** @return metric column names for {@code evals.csv}, the first being the training loss */
  List<String> columns();

  /**
   * @param net the network in its current state
   * @return one value per column
   */
  double[] evaluate(TrainedNet net);
}
