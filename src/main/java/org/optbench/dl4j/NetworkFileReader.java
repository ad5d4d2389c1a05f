package org.optbench.dl4j;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;
import org.deeplearning4j.nn.modelimport.keras.KerasModel;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.optbench.problem.NetworkFile;
import org.optbench.problem.NetworkFileException;

/**
 * Reads a user's model file (DL4J JSON, or a Keras model through DL4J's model import) into a
 * {@link NetworkFile}: parsed, checked and given its canonical JSON. Found by the problem layer
 * with {@link java.util.ServiceLoader}.
 *
 * <p>A Keras model's last dense softmax layer becomes DL4J's output layer with multi-class
 * cross-entropy, since Keras's JSON does not hold the loss. What is refused, each with a
 * {@link NetworkFileException} naming the file and the layer: a file DL4J cannot parse (with
 * DL4J's message); a graph with more than one input or output; an output layer that is not
 * softmax with DL4J's multi-class cross-entropy (the evaluator's loss); dropout, noise and
 * weight noise (DL4J draws their masks at every step from ND4J's native random generator, whose
 * state no checkpoint keeps, so a resumed trial would not repeat an uninterrupted one bit for
 * bit; within one uninterrupted run the masks did repeat here); a first convolutional layer
 * without the image size (build the configuration with
 * {@code setInputType(InputType.convolutionalFlat(h, w, c))}); a network whose input or output
 * does not match the data (both shapes named); and a weight initialisation
 * {@link SeededWeightInit} cannot draw in Java.
 */
public final class NetworkFileReader implements NetworkFile.Reader {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Public and argument-free, as {@link java.util.ServiceLoader} needs. */
  public NetworkFileReader() {}

  @Override
  public NetworkFile read(NetworkFile.Format format, Path file, int[] dataShape, int classes) {
    if (!Files.isRegularFile(file)) {
      throw new NetworkFileException(file + ": no such file (a network's path is relative to the"
          + " working directory, as every path in a config)");
    }
    Parsed parsed = format == NetworkFile.Format.KERAS ? withLoss(keras(file)) : dl4jJson(file);
    return checked(format, file, parsed, dataShape, classes);
  }

  @Override
  public NetworkFile readJson(String json, Path source, int[] dataShape, int classes) {
    JsonNode tree;
    try {
      tree = JSON.readTree(json);
    } catch (IOException e) {
      throw new NetworkFileException(source + ": cannot be read as JSON: " + firstLine(e), e);
    }
    return checked(NetworkFile.Format.DL4J_JSON, source, dl4jJson(source, json, tree), dataShape,
        classes);
  }

  /** The checks and the canonical JSON of a parsed network, wherever its JSON came from. */
  private static NetworkFile checked(NetworkFile.Format format, Path file, Parsed parsed,
      int[] dataShape, int classes) {
    List<Named> layers = parsed.layers();
    for (Named n : layers) {
      if (n.layer() instanceof DropoutLayer) {
        // Keras's Dropout layer is imported as one; its own dropout must not be stripped below.
        throw new NetworkFileException(file + ": layer '" + n.name() + "' is a dropout layer,"
            + " which draws a new mask at every step from ND4J's native random generator; a"
            + " checkpoint does not keep that generator's state, so a resumed trial would draw"
            + " other masks. Remove it from the file (use weightDecay: or l2: in the optimizer"
            + " entries to regularise)");
      }
      // Keras's import gives every layer Dropout(p = 1), which keeps every activation; it is
      // dropped so it cannot draw random numbers, and the canonical JSON has no dropout.
      if (n.layer().getIDropout() instanceof Dropout d && d.getP() == 1.0
          && d.getPSchedule() == null) {
        n.layer().setIDropout(null);
      }
      refuseRandomness(file, n);
    }
    checkOutput(file, parsed, classes);
    checkInput(file, parsed, dataShape);
    try {
      // Refuses, before anything is written, a scheme whose weights cannot be drawn in Java.
      if (parsed.graph() != null) {
        SeededWeightInit.seeded(parsed.graph().clone(), 0);
      } else {
        SeededWeightInit.seeded(parsed.layersConf().clone(), 0);
      }
    } catch (UnsupportedWeightInitException e) {
      throw new NetworkFileException(file + ": " + e.getMessage(), e);
    }
    List<String> notes = notes(format, layers);
    return new NetworkFile(format, file, canonical(parsed), parsed.graph() != null, notes);
  }

  /** A parsed configuration: exactly one of the two is set. */
  private record Parsed(MultiLayerConfiguration layersConf, ComputationGraphConfiguration graph) {
    List<Named> layers() {
      return NetworkFileReader.layers(layersConf, graph);
    }
  }

  /**
   * A layer's configuration with the name the file gives it (or its position).
   *
   * @param name the layer's name, else {@code layer N}
   * @param layer its configuration
   * @param preProcessor the preprocessor in front of it, or null
   */
  record Named(String name, Layer layer, InputPreProcessor preProcessor) {}

  static List<Named> layers(MultiLayerConfiguration conf, ComputationGraphConfiguration graph) {
    List<Named> out = new ArrayList<>();
    if (conf != null) {
      for (int i = 0; i < conf.getConfs().size(); i++) {
        Layer l = conf.getConf(i).getLayer();
        out.add(new Named(l.getLayerName() == null ? "layer " + i : l.getLayerName(), l,
            conf.getInputPreProcess(i)));
      }
      return out;
    }
    for (Map.Entry<String, GraphVertex> e : graph.getVertices().entrySet()) {
      if (e.getValue() instanceof LayerVertex v) {
        out.add(new Named(e.getKey(), v.getLayerConf().getLayer(), v.getPreProcessor()));
      }
    }
    return out;
  }

  private static Parsed dl4jJson(Path file) {
    String text;
    JsonNode tree;
    try {
      text = Files.readString(file);
      tree = JSON.readTree(text);
    } catch (IOException e) {
      throw new NetworkFileException(file + ": cannot be read as JSON: " + firstLine(e), e);
    }
    return dl4jJson(file, text, tree);
  }

  private static Parsed dl4jJson(Path file, String text, JsonNode tree) {
    boolean graph = tree != null && tree.has("vertices");
    if (tree == null || !(graph || tree.has("confs"))) {
      throw new NetworkFileException(file + ": not a DL4J network configuration (neither a"
          + " MultiLayerConfiguration, which has \"confs\", nor a ComputationGraphConfiguration,"
          + " which has \"vertices\", as their toJson() writes them)");
    }
    Parsed parsed;
    try {
      parsed = graph ? new Parsed(null, ComputationGraphConfiguration.fromJson(text))
          : new Parsed(MultiLayerConfiguration.fromJson(text), null);
    } catch (RuntimeException e) {
      throw new NetworkFileException(file + ": DL4J cannot read it as a "
          + (graph ? "ComputationGraphConfiguration" : "MultiLayerConfiguration") + ": "
          + firstLine(e), e);
    }
    if (!graph) {
      // DL4J reads an entry without a "layer" object as a configuration without a layer.
      List<NeuralNetConfiguration> confs = parsed.layersConf().getConfs();
      for (int i = 0; i < confs.size(); i++) {
        if (confs.get(i) == null || confs.get(i).getLayer() == null) {
          throw new NetworkFileException(file + ": entry " + i + " of 'confs' holds no layer;"
              + " each entry needs a \"layer\" object with its \"@class\", as"
              + " MultiLayerConfiguration.toJson() writes it");
        }
      }
    }
    return parsed;
  }

  /**
   * A Keras model's architecture: a {@code .json} as {@code model.to_json()} writes it, or the
   * {@code model_config} attribute of an {@code .h5} file, whose weights are never read.
   */
  private static Parsed keras(Path file) {
    String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    try {
      String json;
      if (name.endsWith(".h5") || name.endsWith(".hdf5")) {
        try (Hdf5Archive archive = new Hdf5Archive(file.toString())) {
          json = archive.readAttributeAsJson("model_config");
        }
      } else {
        json = Files.readString(file);
      }
      JsonNode tree = JSON.readTree(json);
      refuseUnreadRegularizers(file, tree);
      String kind = tree == null ? "" : tree.path("class_name").asText("");
      if (kind.equals("Sequential")) {
        return new Parsed(new KerasModel().modelBuilder().modelJson(json)
            .enforceTrainingConfig(false).buildSequential().getMultiLayerConfiguration(), null);
      }
      if (kind.equals("Model") || kind.equals("Functional")) {
        return new Parsed(null, new KerasModel().modelBuilder().modelJson(json)
            .enforceTrainingConfig(false).buildModel().getComputationGraphConfiguration());
      }
      throw new NetworkFileException(file + ": not a Keras model (its class_name is '" + kind
          + "'; expected Sequential, Model or Functional, as model.to_json() writes)");
    } catch (IOException | RuntimeException | InvalidKerasConfigurationException
        | UnsupportedKerasConfigurationException e) {
      if (e instanceof NetworkFileException n) {
        throw n;
      }
      throw new NetworkFileException(file + ": DL4J's Keras import refuses it: "
          + firstLine(e), e);
    }
  }

  /** The regularizer classes DL4J 1.0.0-M2.1's Keras import reads; it skips others silently. */
  private static final java.util.Set<String> KERAS_REGULARIZERS = java.util.Set.of("L1L2");

  /**
   * Refuses a Keras regularizer the import would drop without a word (Keras 2.4+ writes an L2
   * penalty as {@code L2}, which DL4J 1.0.0-M2.1 does not read), naming the layer.
   */
  private static void refuseUnreadRegularizers(Path file, JsonNode node) {
    if (node == null) {
      return;
    }
    if (node.isObject()) {
      JsonNode config = node.path("config");
      for (String key : List.of("kernel_regularizer", "bias_regularizer",
          "activity_regularizer", "recurrent_regularizer", "depthwise_regularizer",
          "pointwise_regularizer")) {
        JsonNode r = config.path(key);
        if (r.isObject() && !KERAS_REGULARIZERS.contains(r.path("class_name").asText())) {
          throw new NetworkFileException(file + ": layer '" + config.path("name").asText()
              + "' has " + key + " " + r.path("class_name").asText() + ", which DL4J's Keras"
              + " import does not read (it would be dropped silently); accepted: L1L2, e.g."
              + " {\"class_name\": \"L1L2\", \"config\": {\"l1\": 0.0, \"l2\": 1e-4}}, or"
              + " l2: in the optimizer entries");
        }
      }
    }
    for (JsonNode child : node) {
      refuseUnreadRegularizers(file, child);
    }
  }

  /**
   * A Keras model's JSON holds no loss (it is in the training configuration, which the import
   * does not require), so its last layer comes out as a dense layer: a softmax one becomes
   * DL4J's {@code OutputLayer} with multi-class cross-entropy, the same size, initialisation,
   * bias and regularisation; anything else is left for {@link #checkOutput} to refuse.
   */
  private static Parsed withLoss(Parsed parsed) {
    if (parsed.graph() != null) {
      ComputationGraphConfiguration g = parsed.graph();
      if (g.getNetworkOutputs().size() == 1
          && g.getVertices().get(g.getNetworkOutputs().get(0)) instanceof LayerVertex v
          && asOutput(v.getLayerConf().getLayer()) != null) {
        v.getLayerConf().setLayer(asOutput(v.getLayerConf().getLayer()));
        v.setOutputVertex(true);
      }
      return parsed;
    }
    var confs = parsed.layersConf().getConfs();
    var last = confs.get(confs.size() - 1);
    OutputLayer o = asOutput(last.getLayer());
    if (o != null) {
      last.setLayer(o);
    }
    return parsed;
  }

  /** @return the softmax dense layer as an output layer, or null for another layer */
  private static OutputLayer asOutput(Layer layer) {
    if (!(layer instanceof DenseLayer d) || !(d.getActivationFn() instanceof ActivationSoftmax)) {
      return null;
    }
    OutputLayer o = new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
        .name(d.getLayerName()).nIn(d.getNIn()).nOut(d.getNOut())
        .activation(d.getActivationFn()).weightInit(d.getWeightInitFn())
        .biasInit(d.getBiasInit()).hasBias(d.hasBias()).build();
    o.setRegularization(d.getRegularization());
    o.setRegularizationBias(d.getRegularizationBias());
    o.setIUpdater(d.getIUpdater());
    o.setBiasUpdater(d.getBiasUpdater());
    o.setGradientNormalization(d.getGradientNormalization());
    o.setGradientNormalizationThreshold(d.getGradientNormalizationThreshold());
    o.setIDropout(d.getIDropout());
    return o;
  }

  private static void refuseRandomness(Path file, Named n) {
    Layer l = n.layer();
    String what = null;
    if (l.getIDropout() != null) {
      what = l.getIDropout().getClass().getSimpleName() + " (dropout or noise)";
    } else if (l instanceof BaseLayer b && b.getWeightNoise() != null) {
      what = b.getWeightNoise().getClass().getSimpleName() + " (weight noise)";
    }
    if (what != null) {
      throw new NetworkFileException(file + ": layer '" + n.name() + "' ("
          + l.getClass().getSimpleName() + ") has " + what + ", which DL4J draws at every step"
          + " from ND4J's native random generator; a checkpoint does not keep that generator's"
          + " state (restoring a network seeds it afresh), so a trial resumed after an"
          + " interruption would draw other masks than an uninterrupted one. Remove it from the"
          + " file (use weightDecay: or l2: in the optimizer entries to regularise)");
    }
  }

  private static void checkOutput(Path file, Parsed parsed, int classes) {
    Named out;
    if (parsed.graph() != null) {
      ComputationGraphConfiguration g = parsed.graph();
      if (g.getNetworkInputs().size() != 1 || g.getNetworkOutputs().size() != 1) {
        throw new NetworkFileException(file + ": the graph has inputs "
            + g.getNetworkInputs() + " and outputs " + g.getNetworkOutputs() + "; optbench"
            + " trains graphs with one input and one output");
      }
      String name = g.getNetworkOutputs().get(0);
      if (!(g.getVertices().get(name) instanceof LayerVertex v)) {
        throw new NetworkFileException(file + ": the graph's output '" + name + "' is not a"
            + " layer; it must be a softmax OutputLayer with MCXENT loss");
      }
      out = new Named(name, v.getLayerConf().getLayer(), v.getPreProcessor());
    } else {
      List<Named> all = parsed.layers();
      if (all.isEmpty()) {
        throw new NetworkFileException(file + ": the network has no layers (its 'confs' list is"
            + " empty); it needs at least an output layer: an OutputLayer with softmax activation"
            + " and MCXENT loss");
      }
      out = all.get(all.size() - 1);
    }
    Layer l = out.layer();
    // DL4J's OutputLayer itself: its subclasses (e.g. CenterLossOutputLayer) add loss terms
    // and parameters the evaluator does not know.
    boolean ok = l != null && l.getClass() == OutputLayer.class
        && l instanceof BaseOutputLayer o && o.getLossFn() != null
        && o.getLossFn().getClass() == LossMCXENT.class
        && o.getActivationFn() instanceof ActivationSoftmax;
    if (!ok) {
      throw new NetworkFileException(file + ": the output layer '" + out.name() + "' ("
          + (l == null ? "no layer" : l.getClass().getSimpleName()) + ") must be an OutputLayer with softmax activation"
          + " and MCXENT (multi-class cross-entropy) loss: optbench trains classifiers and"
          + " measures that loss");
    }
    long nOut = ((BaseOutputLayer) l).getNOut();
    if (nOut != classes) {
      throw new NetworkFileException(file + ": the output layer '" + out.name() + "' has "
          + nOut + " outputs, but the data have " + classes + " classes");
    }
  }

  /**
   * The network's input as the data's shape ({@code [features]} or {@code [height, width,
   * channels]}) against the data's, then a forward pass of two zero examples, which catches any
   * other mismatch with DL4J's message.
   */
  private static void checkInput(Path file, Parsed parsed, int[] dataShape) {
    Named first = firstLayer(parsed);
    int[] wanted = inputShape(file, first);
    int dataWidth = Arrays.stream(dataShape).reduce(1, (a, b) -> a * b);
    boolean fits = wanted.length == 1 ? wanted[0] == dataWidth : Arrays.equals(wanted, dataShape);
    if (!fits) {
      throw new NetworkFileException(file + ": the network takes inputs of shape "
          + Arrays.toString(wanted) + describe(wanted) + " (layer '" + first.name() + "'), but"
          + " the data have shape " + Arrays.toString(dataShape) + describe(dataShape));
    }
    try {
      Backend.start();
      var zeros = Nd4j.zeros(DataType.FLOAT, 2, dataWidth);
      if (parsed.graph() != null) {
        ComputationGraph g = new ComputationGraph(parsed.graph().clone());
        g.init();
        g.output(false, zeros);
      } else {
        MultiLayerNetwork n = new MultiLayerNetwork(parsed.layersConf().clone());
        n.init();
        n.output(zeros, false);
      }
    } catch (RuntimeException e) {
      throw new NetworkFileException(file + ": DL4J cannot pass the data (shape "
          + Arrays.toString(dataShape) + describe(dataShape) + ") through the network: "
          + firstLine(e), e);
    }
  }

  private static String describe(int[] shape) {
    return shape.length == 1 ? " (features)" : " (height, width, channels)";
  }

  private static Named firstLayer(Parsed parsed) {
    if (parsed.graph() == null) {
      return parsed.layers().get(0);
    }
    ComputationGraphConfiguration g = parsed.graph();
    String input = g.getNetworkInputs().get(0);
    for (Map.Entry<String, List<String>> e : g.getVertexInputs().entrySet()) {
      if (e.getValue().contains(input)
          && g.getVertices().get(e.getKey()) instanceof LayerVertex v) {
        return new Named(e.getKey(), v.getLayerConf().getLayer(), v.getPreProcessor());
      }
    }
    throw new IllegalStateException("no layer reads the graph's input " + input);
  }

  private static int[] inputShape(Path file, Named first) {
    if (first.preProcessor() instanceof FeedForwardToCnnPreProcessor p) {
      return new int[] {(int) p.getInputHeight(), (int) p.getInputWidth(),
          (int) p.getNumChannels()};
    }
    Layer l = first.layer();
    if (l instanceof ConvolutionLayer || l instanceof SubsamplingLayer
        || !(l instanceof FeedForwardLayer)) {
      throw new NetworkFileException(file + ": the first layer '" + first.name() + "' ("
          + l.getClass().getSimpleName() + ") does not take flat rows, and the configuration"
          + " does not say the image size; optbench feeds each example as one row (an image"
          + " channel after channel, each row-major): build the configuration with"
          + " setInputType(InputType.convolutionalFlat(height, width, channels)) or"
          + " feedForward(features)");
    }
    return new int[] {(int) ((FeedForwardLayer) l).getNIn()};
  }

  /** What a trial replaces and keeps of the file, one line each. */
  private static List<String> notes(NetworkFile.Format format, List<Named> layers) {
    Set<String> updaters = new LinkedHashSet<>();
    Map<String, List<String>> regularisation = new LinkedHashMap<>();
    Set<String> normalisation = new LinkedHashSet<>();
    for (Named n : layers) {
      if (n.layer() instanceof BaseLayer b) {
        if (b.getIUpdater() != null) {
          updaters.add(b.getIUpdater().toString());
        }
        List<String> reg = new ArrayList<>();
        for (Regularization r : b.getRegularization()) {
          reg.add("weights " + r);
        }
        for (Regularization r : b.getRegularizationBias()) {
          reg.add("biases " + r);
        }
        if (!reg.isEmpty()) {
          regularisation.put(n.name(), reg);
        }
        GradientNormalization g = b.getGradientNormalization();
        if (g != null && g != GradientNormalization.None) {
          normalisation.add(n.name() + ": " + g + " " + b.getGradientNormalizationThreshold());
        }
      }
    }
    List<String> notes = new ArrayList<>();
    notes.add("replaced by each optimizer entry's updater and schedule: the file's updaters "
        + (updaters.isEmpty() ? "(none)" : String.join(", ", updaters)));
    notes.add("kept, the same for every optimizer (an entry's weightDecay:/l2: add to it): the"
        + " file's regularisation " + (regularisation.isEmpty() ? "(none)"
        : regularisation.toString()));
    notes.add("kept unless an entry sets gradientNormalization: (which then replaces it on every"
        + " layer): the file's gradient normalisation " + (normalisation.isEmpty() ? "(none)"
        : String.join(", ", normalisation)));
    notes.add(format == NetworkFile.Format.KERAS
        ? "ignored: any weights in the Keras file; every trial draws its initial parameters"
            + " from its seed"
        : "initial parameters drawn from each trial's seed, following each layer's weight"
            + " initialisation");
    return notes;
  }

  /**
   * DL4J's re-serialisation of the parsed configuration with what every trial replaces
   * normalised: the updaters (to {@link NoOp}), the seed and the iteration and epoch counters
   * (to 0).
   */
  private static String canonical(Parsed parsed) {
    IUpdater none = new NoOp();
    if (parsed.graph() != null) {
      ComputationGraphConfiguration g = parsed.graph().clone();
      g.setIterationCount(0);
      g.setEpochCount(0);
      g.getDefaultConfiguration().setSeed(0);
      for (GraphVertex v : g.getVertices().values()) {
        if (v instanceof LayerVertex lv) {
          lv.getLayerConf().setSeed(0);
          normaliseUpdater(lv.getLayerConf().getLayer(), none);
        }
      }
      return g.toJson();
    }
    MultiLayerConfiguration c = parsed.layersConf().clone();
    c.setIterationCount(0);
    c.setEpochCount(0);
    for (var conf : c.getConfs()) {
      conf.setSeed(0);
      normaliseUpdater(conf.getLayer(), none);
    }
    return c.toJson();
  }

  private static void normaliseUpdater(Layer layer, IUpdater none) {
    if (layer instanceof BaseLayer b) {
      b.setIUpdater(none);
      b.setBiasUpdater(null);
    }
  }

  private static String firstLine(Throwable e) {
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse("");
  }
}
