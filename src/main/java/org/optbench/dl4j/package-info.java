/**
 * The bridge to DeepLearning4J and ND4J: everything that turns optbench's pure-Java
 * specifications into DL4J objects lives here, so the rest of the code base can be used and
 * tested without loading native libraries.
 *
 * <p>A trial's recipe is applied here too: {@link org.optbench.dl4j.Recipes} (schedule on the
 * updater, decay and L2 on weights and biases, per-layer clipping), {@link
 * org.optbench.dl4j.Schedules} (a recipe's schedule as a DL4J {@code ISchedule}, with optbench's
 * own JSON-serialisable {@link org.optbench.dl4j.WarmupCosineSchedule},
 * {@link org.optbench.dl4j.LinearWarmupSchedule} and {@link org.optbench.dl4j.PolyDecaySchedule})
 * and {@code GlobalNormClipping} (global-norm clipping in the training loop).
 *
 * <p>A user's own network configuration starts from reproducible weights through {@link
 * org.optbench.dl4j.SeededWeightInit}, which replaces each layer's DL4J weight initialisation by a
 * {@link org.optbench.dl4j.SeededDraw}: the same distribution, drawn in plain Java from a seed.
 *
 * <p>Networks from model files: {@link org.optbench.dl4j.NetworkFileReader} parses a DL4J JSON
 * or Keras file, checks it against the data and gives its canonical JSON; {@code FileNetworks}
 * builds a trial's network from it with the entry's updater swapped in. The training loop, the
 * evaluators, the checkpoints and the memory count take a {@code TrainedNet}: a
 * {@code MultiLayerNetwork} or a {@code ComputationGraph}.
 */
package org.optbench.dl4j;
