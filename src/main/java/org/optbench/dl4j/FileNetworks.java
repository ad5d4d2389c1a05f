package org.optbench.dl4j;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.optbench.optimizer.OptimizerSpec;
import org.optbench.problem.NetworkFile;

/**
 * Builds a trial's network from a model file's canonical JSON ({@link NetworkFile}): the same
 * layers for every optimizer, with only the updater swapped.
 *
 * <ul>
 *   <li>Every layer's updater and bias updater become the entry's (with its schedule).
 *   <li>Every layer keeps its own regularisation, the entry's ({@link Recipes#weights},
 *       {@link Recipes#biases}: weight decay, L2, AdamW's and Lion's decay) appended.
 *   <li>Gradient normalisation in the file is part of the network and kept; an entry's
 *       {@code gradientNormalization:} replaces it on every layer, as on the built-in networks.
 *   <li>Weights are drawn in Java from the trial's seed by {@link SeededWeightInit}, following
 *       each layer's weight initialisation, so every optimizer, a resumed trial and another
 *       machine start from bit-identical parameters.
 * </ul>
 */
final class FileNetworks {
  private FileNetworks() {}

  /**
   * @param file the network, with its canonical JSON
   * @param updater the trial's updater, with its schedule ({@link Recipes#updater})
   * @param optimizer the trial's optimizer and recipe
   * @param seed the trial's seed
   * @return the initialised network, inputs {@code [batch, features]} float32, outputs
   *     {@code [batch, classes]} softmax probabilities
   * @throws IllegalArgumentException if the file was read back without its canonical JSON
   */
  static TrainedNet build(NetworkFile file, IUpdater updater, OptimizerSpec optimizer,
      long seed) {
    if (file.canonicalJson() == null) {
      throw new IllegalArgumentException(file.path() + " was read without its configuration");
    }
    Backend.start();
    List<Regularization> weights = Recipes.weights(optimizer);
    List<Regularization> biases = Recipes.biases(optimizer);
    if (file.graph()) {
      ComputationGraphConfiguration conf =
          ComputationGraphConfiguration.fromJson(file.canonicalJson());
      List<Layer> layers = new ArrayList<>();
      conf.getDefaultConfiguration().setSeed(seed);
      for (GraphVertex v : conf.getVertices().values()) {
        if (v instanceof LayerVertex lv) {
          lv.getLayerConf().setSeed(seed);
          layers.add(lv.getLayerConf().getLayer());
        }
      }
      swap(layers, updater, weights, biases, optimizer);
      ComputationGraph graph = new ComputationGraph(SeededWeightInit.seeded(conf, seed));
      graph.init();
      return TrainedNet.of(graph);
    }
    MultiLayerConfiguration conf = MultiLayerConfiguration.fromJson(file.canonicalJson());
    List<Layer> layers = new ArrayList<>();
    for (NeuralNetConfiguration c : conf.getConfs()) {
      c.setSeed(seed);
      layers.add(c.getLayer());
    }
    swap(layers, updater, weights, biases, optimizer);
    MultiLayerNetwork net = new MultiLayerNetwork(SeededWeightInit.seeded(conf, seed));
    net.init();
    return TrainedNet.of(net);
  }

  private static void swap(List<Layer> layers, IUpdater updater, List<Regularization> weights,
      List<Regularization> biases, OptimizerSpec optimizer) {
    for (Layer l : layers) {
      if (l instanceof BaseLayer b) {
        b.setIUpdater(updater.clone());
        b.setBiasUpdater(null);
        List<Regularization> w = new ArrayList<>(b.getRegularization());
        w.addAll(weights);
        b.setRegularization(w);
        List<Regularization> bias = new ArrayList<>(b.getRegularizationBias());
        bias.addAll(biases);
        b.setRegularizationBias(bias);
      }
    }
    Recipes.layerClipping(layers, optimizer.recipe());
  }
}
