package org.optbench.dl4j;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.BaseOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * The one network a trial trains, a DL4J {@link MultiLayerNetwork} or {@link ComputationGraph}
 * (one input, one output), behind the calls the training loop, the evaluators, the checkpoints
 * and the memory count make. DL4J's {@link Model} lacks {@code output} and the epoch counter, so
 * the two kinds are told apart here, once.
 */
sealed interface TrainedNet permits TrainedNet.Layers, TrainedNet.Graph {

  /**
   * @param model an initialised {@link MultiLayerNetwork} or {@link ComputationGraph}
   * @return it, wrapped
   * @throws IllegalArgumentException for another kind of model
   */
  static TrainedNet of(Model model) {
    if (model instanceof MultiLayerNetwork n) {
      return new Layers(n);
    }
    if (model instanceof ComputationGraph g) {
      return new Graph(g);
    }
    throw new IllegalArgumentException("not a MultiLayerNetwork or ComputationGraph: " + model);
  }

  /** @return the DL4J model */
  Model model();

  /** @param batch one step: fit the mini-batch {@code [examples, inputs]} and its labels */
  void fit(DataSet batch);

  /** @return the mini-batch loss of the last {@link #fit}, regularisation included */
  default double score() {
    return model().score();
  }

  /** @return every parameter, one flat view */
  default INDArray params() {
    return model().params();
  }

  /**
   * @param features {@code [examples, inputs]}
   * @return the output, {@code [examples, outputs]}, in inference mode
   */
  INDArray output(INDArray features);

  /** @return the loss function of the output layer */
  ILossFunction outputLoss();

  /** @return the regularisation penalty the training score includes (L2, weight decay) */
  double regularizationScore();

  /** Counts one finished epoch, as the epoch-based schedules read it. */
  void incrementEpochCount();

  /** @param listener added to the network's training listeners */
  default void addListener(TrainingListener listener) {
    model().addListeners(listener);
  }

  /** @return the gradient of the last step, one flat view (the sum over the mini-batch) */
  INDArray flattenedGradients();

  /** @return the updater's state, one flat view; null before the first step or for none */
  INDArray updaterState();

  /** @return the network's configuration as DL4J's JSON, training counters included */
  String configurationJson();

  /**
   * A multi-layer network.
   *
   * @param net the network
   */
  record Layers(MultiLayerNetwork net) implements TrainedNet {
    @Override
    public Model model() {
      return net;
    }

    @Override
    public void fit(DataSet batch) {
      net.fit(batch);
    }

    @Override
    public INDArray output(INDArray features) {
      return net.output(features, false);
    }

    @Override
    public ILossFunction outputLoss() {
      return ((BaseOutputLayer<?>) net.getOutputLayer()).layerConf().getLossFn();
    }

    @Override
    public double regularizationScore() {
      return net.calcRegularizationScore(true);
    }

    @Override
    public void incrementEpochCount() {
      net.incrementEpochCount();
    }

    @Override
    public INDArray flattenedGradients() {
      return net.getFlattenedGradients();
    }

    @Override
    public INDArray updaterState() {
      return net.getUpdater() == null ? null : net.getUpdater().getStateViewArray();
    }

    @Override
    public String configurationJson() {
      return net.getLayerWiseConfigurations().toJson();
    }
  }

  /**
   * A computation graph with one input and one output.
   *
   * @param graph the graph
   */
  record Graph(ComputationGraph graph) implements TrainedNet {
    @Override
    public Model model() {
      return graph;
    }

    @Override
    public void fit(DataSet batch) {
      graph.fit(batch);
    }

    @Override
    public INDArray output(INDArray features) {
      return graph.output(false, features)[0];
    }

    @Override
    public ILossFunction outputLoss() {
      return ((BaseOutputLayer<?>) graph.getOutputLayer(0)).layerConf().getLossFn();
    }

    @Override
    public double regularizationScore() {
      return graph.calcRegularizationScore(true);
    }

    @Override
    public void incrementEpochCount() {
      graph.incrementEpochCount();
    }

    @Override
    public INDArray flattenedGradients() {
      return graph.getFlattenedGradients();
    }

    @Override
    public INDArray updaterState() {
      return graph.getUpdater(false) == null ? null
          : graph.getUpdater(false).getStateViewArray();
    }

    @Override
    public String configurationJson() {
      return graph.getConfiguration().toJson();
    }
  }
}
