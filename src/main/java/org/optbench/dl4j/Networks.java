package org.optbench.dl4j;

import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.optbench.optimizer.OptimizerSpec;
import org.optbench.optimizer.Recipe;
import org.optbench.problem.Architecture;
import org.optbench.problem.DataProblem;
import org.optbench.problem.Gaussian;

/**
 * Builds the networks of the test problems. The updater is the only thing that differs between
 * two networks built with the same arguments: initial parameters depend on the seed alone, so all
 * optimizers start from bit-identical weights. Random weights are drawn by {@link Gaussian} in
 * plain Java, not by ND4J, whose native random distributions in 1.0.0-M2.1 do not repeat after
 * {@code Nd4j.getRandom().setSeed} (measured), which would make runs irreproducible.
 */
public final class Networks {
  /** Pixels per MNIST image, the input width of every image network. */
  public static final int PIXELS = 28 * 28;
  /** Classes of MNIST, Fashion-MNIST and CIFAR-10. */
  public static final int CLASSES = 10;

  /**
   * The L2 factor λ of DeepOBS's 3c3d, on its weights only. DeepOBS adds λ·½‖w‖² to the loss
   * (TensorFlow's {@code l2_loss} is ½‖w‖²; its newer Keras form {@code l2(0.5·λ)} is the same
   * term); DL4J's {@link L2Regularization}(λ) adds λ·w to the gradient and ½·λ·‖w‖² to the
   * score: the same penalty.
   */
  public static final double L2_3C3D = 0.002;

  /** CIFAR-10's image shape: height, width, channels. */
  public static final int[] CIFAR10_SHAPE = {32, 32, 3};

  /**
   * Glorot's truncated normal: TensorFlow's {@code glorot_normal} draws σ·z, z a standard normal
   * cut at ±2, with σ = √(2/(fan_in + fan_out)) divided by this, the standard deviation of such
   * a z, so that the drawn weights have variance 2/(fan_in + fan_out).
   */
  private static final double TRUNCATED_STD = 0.87962566103423978;

  private Networks() {}

  /**
   * Sets the regularizations on weights and biases alike (PyTorch's AdamW decays every
   * parameter); an empty list leaves the builder untouched, so such a network's configuration is
   * exactly what it was before optimizers could carry regularizations.
   */
  private static void regularize(MultiLayerConfiguration conf,
      List<Regularization> regularization) {
    regularize(conf, regularization, regularization);
  }

  /**
   * Sets the weights' and the biases' regularizations; two empty lists leave the configuration
   * untouched.
   */
  private static void regularize(MultiLayerConfiguration conf, List<Regularization> weights,
      List<Regularization> biases) {
    if (weights.isEmpty() && biases.isEmpty()) {
      return;
    }
    // Set per layer: given to the global builder, DL4J 1.0.0-M2.1 lists it twice on the layer
    // (measured: the decay came out doubled).
    for (int i = 0; i < conf.getConfs().size(); i++) {
      if (conf.getConf(i).getLayer() instanceof org.deeplearning4j.nn.conf.layers.BaseLayer l) {
        l.setRegularization(new java.util.ArrayList<>(weights));
        l.setRegularizationBias(new java.util.ArrayList<>(biases));
      }
    }
  }

  /**
   * An image classifier; inputs {@code [batch, 784]} float32 in [0, 1], outputs {@code [batch, 10]}
   * softmax probabilities, loss: multi-class cross-entropy (mean over the mini-batch).
   *
   * @param architecture the network shape (see {@link Architecture})
   * @param updater the DL4J updater applied to every parameter
   * @param seed seed of the weight initialisation
   * @return an initialised network
   */
  public static MultiLayerNetwork classifier(Architecture architecture, IUpdater updater,
      long seed) {
    return classifier(architecture, updater, List.of(), seed, DataType.FLOAT);
  }

  /**
   * {@link #classifier(Architecture, IUpdater, long)} with regularizations on every weight and
   * bias, e.g. the decoupled weight decay of AdamW or Lion.
   *
   * @param architecture the network shape (see {@link Architecture})
   * @param updater the DL4J updater applied to every parameter
   * @param regularization applied to every weight and bias; empty for none
   * @param seed seed of the weight initialisation
   * @return an initialised network
   */
  public static MultiLayerNetwork classifier(Architecture architecture, IUpdater updater,
      List<Regularization> regularization, long seed) {
    return classifier(architecture, updater, regularization, seed, DataType.FLOAT);
  }

  /**
   * The classifier of a trial: {@link #classifier(Architecture, IUpdater, long)} with the
   * optimizer's regularizations on weights and biases ({@link Recipes#weights},
   * {@link Recipes#biases}) and the recipe's per-layer gradient normalisation.
   *
   * @param architecture the network shape
   * @param updater the updater, with the recipe's schedule ({@link Recipes#updater})
   * @param optimizer the trial's optimizer and recipe
   * @param seed seed of the weight initialisation
   * @return an initialised network
   */
  static MultiLayerNetwork classifier(Architecture architecture, IUpdater updater,
      OptimizerSpec optimizer, long seed) {
    return classifier(architecture, updater, Recipes.weights(optimizer),
        Recipes.biases(optimizer), optimizer.recipe(), seed, DataType.FLOAT);
  }

  /**
   * A built-in image network on images of the given shape, e.g. 3c3d on CIFAR-10's
   * {@link #CIFAR10_SHAPE}; {@link #CLASSES} outputs, no regularization beyond the network's own.
   *
   * @param architecture the network shape (see {@link Architecture})
   * @param shape one image's {@code [height, width, channels]}
   * @param updater the DL4J updater applied to every parameter
   * @param seed seed of the weight initialisation
   * @return an initialised network
   * @throws IllegalArgumentException if the network cannot take the shape
   */
  public static MultiLayerNetwork classifier(Architecture architecture, int[] shape,
      IUpdater updater, long seed) {
    return classifier(architecture, MNIST_HIDDEN, shape, CLASSES, updater, List.of(), List.of(),
        Recipe.NONE, seed, DataType.FLOAT);
  }

  /**
   * The classifier of a trial on a built-in data set of the given image shape:
   * {@link #classifier(Architecture, IUpdater, OptimizerSpec, long)} for any image size.
   *
   * @param architecture the network shape
   * @param shape one image's {@code [height, width, channels]}
   * @param updater the updater, with the recipe's schedule ({@link Recipes#updater})
   * @param optimizer the trial's optimizer and recipe
   * @param seed seed of the weight initialisation
   * @return an initialised network
   */
  static MultiLayerNetwork classifier(Architecture architecture, int[] shape, IUpdater updater,
      OptimizerSpec optimizer, long seed) {
    return classifier(architecture, MNIST_HIDDEN, shape, CLASSES, updater,
        Recipes.weights(optimizer), Recipes.biases(optimizer), optimizer.recipe(), seed,
        DataType.FLOAT);
  }

  /** {@link #classifier(Architecture, int[], IUpdater, long)} in another precision. */
  static MultiLayerNetwork classifier(Architecture architecture, int[] shape, IUpdater updater,
      long seed, DataType dataType) {
    return classifier(architecture, MNIST_HIDDEN, shape, CLASSES, updater, List.of(), List.of(),
        Recipe.NONE, seed, dataType);
  }

  static MultiLayerNetwork classifier(Architecture architecture, IUpdater updater, long seed,
      DataType dataType) {
    return classifier(architecture, updater, List.of(), seed, dataType);
  }

  /**
   * {@link #classifier(Architecture, IUpdater, long)} in another precision: in {@code DOUBLE},
   * DL4J's oneDNN helpers decline (they take float32 only) and its built-in layers compute, which
   * gives the tests a float64 reference for the same network and weights.
   */
  static MultiLayerNetwork classifier(Architecture architecture, IUpdater updater,
      List<Regularization> regularization, long seed, DataType dataType) {
    return classifier(architecture, updater, regularization, regularization, Recipe.NONE, seed,
        dataType);
  }

  static MultiLayerNetwork classifier(Architecture architecture, IUpdater updater,
      List<Regularization> weights, List<Regularization> biases, Recipe recipe, long seed,
      DataType dataType) {
    return classifier(architecture, MNIST_HIDDEN, MNIST_SHAPE, CLASSES, updater, weights, biases,
        recipe, seed, dataType);
  }

  /** The MNIST MLP's hidden layer widths. */
  static final List<Integer> MNIST_HIDDEN = List.of(1000, 500, 100);
  /** MNIST's image shape: height, width, channels. */
  private static final int[] MNIST_SHAPE = {28, 28, 1};

  /**
   * A built-in network on data of any shape: the MNIST problems' layers with the input width (or
   * image size and channels) and the class count taken from the data, initialised by the same
   * seeded draw. Inputs {@code [batch, product(shape)]} float32 (images channel after channel,
   * each row-major), outputs {@code [batch, classes]} softmax probabilities, loss: multi-class
   * cross-entropy.
   *
   * @param network the architecture, and for the MLP its hidden widths
   * @param shape one example's shape: {@code [features]} or {@code [height, width, channels]}
   * @param classes number of classes (outputs)
   * @param updater the DL4J updater applied to every parameter
   * @param regularization applied to every weight and bias; empty for none
   * @param seed seed of the weight initialisation
   * @return an initialised network
   * @throws IllegalArgumentException if the network cannot take the shape (2c2d on table rows),
   *     naming both
   */
  public static MultiLayerNetwork classifier(DataProblem.Builtin network, int[] shape,
      int classes, IUpdater updater, List<Regularization> regularization, long seed) {
    return classifier(network.architecture(), network.hidden(), shape, classes, updater,
        regularization, regularization, Recipe.NONE, seed, DataType.FLOAT);
  }

  /**
   * The classifier of a trial on the user's data: {@link #classifier(DataProblem.Builtin, int[],
   * int, IUpdater, List, long)} with the optimizer's regularizations on weights and biases
   * ({@link Recipes#weights}, {@link Recipes#biases}) and the recipe's per-layer gradient
   * normalisation.
   *
   * @param network the architecture, and for the MLP its hidden widths
   * @param shape one example's shape: {@code [features]} or {@code [height, width, channels]}
   * @param classes number of classes (outputs)
   * @param updater the updater, with the recipe's schedule ({@link Recipes#updater})
   * @param optimizer the trial's optimizer and recipe
   * @param seed seed of the weight initialisation
   * @return an initialised network
   * @throws IllegalArgumentException if the network cannot take the shape, naming both
   */
  static MultiLayerNetwork classifier(DataProblem.Builtin network, int[] shape, int classes,
      IUpdater updater, OptimizerSpec optimizer, long seed) {
    return classifier(network.architecture(), network.hidden(), shape, classes, updater,
        Recipes.weights(optimizer), Recipes.biases(optimizer), optimizer.recipe(), seed,
        DataType.FLOAT);
  }

  private static MultiLayerNetwork classifier(Architecture architecture, List<Integer> hidden,
      int[] shape, int classes, IUpdater updater, List<Regularization> weights,
      List<Regularization> biases, Recipe recipe, long seed, DataType dataType) {
    boolean conv = architecture == Architecture.CONV_2C2D
        || architecture == Architecture.CONV_3C3D;
    if (conv && shape.length != 3) {
      throw new IllegalArgumentException("network " + architecture.suffix() + " takes images"
          + " [height, width, channels]; the data have shape " + java.util.Arrays.toString(shape));
    }
    int inputs = 1;
    for (int d : shape) {
      inputs *= d;
    }
    Backend.start();
    NeuralNetConfiguration.Builder base = new NeuralNetConfiguration.Builder()
        .seed(seed).dataType(dataType).updater(updater);
    // Weights start at zero here and are drawn below by optbench itself: see Gaussian.
    base.weightInit(WeightInit.ZERO);
    MultiLayerConfiguration conf = switch (architecture) {
      case LOGREG -> base.biasInit(0).list()
          .layer(output(inputs, classes))
          .build();
      // ReluDenseLayer and ReluConvolutionLayer: DL4J's layers with less work in the backward
      // pass; the dense layers' products and the first convolution's weight gradient run as
      // oneDNN's matmul (other bits than DL4J's).
      case MLP -> {
        NeuralNetConfiguration.ListBuilder list = base.biasInit(0).list();
        int in = inputs;
        for (int width : hidden) {
          list.layer(ReluDenseLayer.of(dense(in, width)));
          in = width;
        }
        yield list.layer(output(in, classes)).build();
      }
      case CONV_2C2D -> base.biasInit(0.05)
          .convolutionMode(ConvolutionMode.Same).list()
          .layer(conv(32))
          .layer(maxPool())
          .layer(conv(64))
          .layer(maxPool())
          .layer(ReluDenseLayer.of(new DenseLayer.Builder().nOut(1024)
              .activation(Activation.RELU).build()))
          .layer(new OutputLayer.Builder(LossFunction.MCXENT).nOut(classes)
              .activation(Activation.SOFTMAX).build())
          .setInputType(InputType.convolutionalFlat(shape[0], shape[1], shape[2]))
          .build();
      // DeepOBS's 3c3d, layer by layer: VALID is DL4J's Truncate mode (no padding, stride 1).
      case CONV_3C3D -> base.biasInit(0).list()
          .layer(conv(5, 64, ConvolutionMode.Truncate))
          .layer(maxPool3())
          .layer(conv(3, 96, ConvolutionMode.Truncate))
          .layer(maxPool3())
          .layer(conv(3, 128, ConvolutionMode.Same))
          .layer(maxPool3())
          .layer(ReluDenseLayer.of(new DenseLayer.Builder().nOut(512)
              .activation(Activation.RELU).build()))
          .layer(ReluDenseLayer.of(new DenseLayer.Builder().nOut(256)
              .activation(Activation.RELU).build()))
          .layer(new OutputLayer.Builder(LossFunction.MCXENT).nOut(classes)
              .activation(Activation.SOFTMAX).build())
          .setInputType(InputType.convolutionalFlat(shape[0], shape[1], shape[2]))
          .build();
    };
    if (architecture == Architecture.CONV_3C3D) {
      // The network's own L2 stays whatever the optimizer; the optimizer's terms add to it.
      List<Regularization> own = new java.util.ArrayList<>();
      own.add(new L2Regularization(L2_3C3D));
      own.addAll(weights);
      weights = own;
    }
    // The first convolution returns no input gradient; DL4J's reshape of it would throw.
    if (conv && conf.getInputPreProcess(0) instanceof FeedForwardToCnnPreProcessor flat) {
      conf.getInputPreProcessors().put(0, new FlatImagePreProcessor(flat.getInputHeight(),
          flat.getInputWidth(), flat.getNumChannels()));
    }
    regularize(conf, weights, biases);
    Recipes.layerClipping(conf, recipe);
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    switch (architecture) {
      case MLP -> drawWeights(net, 0.03, seed);
      case CONV_2C2D -> drawWeights(net, 0.05, seed);
      case CONV_3C3D -> drawGlorot(net, seed);
      default -> { }
    }
    return net;
  }

  /**
   * DeepOBS's 3c3d initialisation, drawn from {@code SplittableRandom(seed)} layer by layer in
   * each weight array's row-major order: convolution weights {@code [out, in, kh, kw]} Glorot
   * truncated normal (σ = √(2/(fan_in + fan_out)) / {@value #TRUNCATED_STD}, cut at 2σ, fans
   * counted over the kernel window as TensorFlow counts them), dense weights {@code [in, out]}
   * Glorot uniform on ±√(6/(fan_in + fan_out)). Biases keep their configured 0.
   */
  private static void drawGlorot(MultiLayerNetwork net, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < net.getnLayers(); i++) {
      INDArray w = net.getLayer(i).paramTable().get(DefaultParamInitializer.WEIGHT_KEY);
      if (w == null) {
        continue;
      }
      long[] shape = w.shape();
      float[] values = new float[(int) w.length()];
      if (shape.length == 4) {
        long window = shape[2] * shape[3];
        double sigma = Math.sqrt(2.0 / (window * shape[1] + window * shape[0])) / TRUNCATED_STD;
        for (int k = 0; k < values.length; k++) {
          values[k] = (float) (sigma * Gaussian.truncatedNormal(random, 2));
        }
      } else {
        double limit = Math.sqrt(6.0 / (shape[0] + shape[1]));
        for (int k = 0; k < values.length; k++) {
          values[k] = (float) (limit * (2 * random.nextDouble() - 1));
        }
      }
      w.assign(Nd4j.create(values, shape, 'c'));
    }
  }

  /**
   * Fills every weight array ({@code W}) with σ·z, z a standard normal truncated at 2σ, drawn
   * from {@code SplittableRandom(seed)} layer by layer in each array's row-major order. Biases keep
   * their configured constant.
   */
  private static void drawWeights(MultiLayerNetwork net, double sigma, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < net.getnLayers(); i++) {
      INDArray w = net.getLayer(i).paramTable().get(DefaultParamInitializer.WEIGHT_KEY);
      if (w == null) {
        continue;
      }
      float[] values = new float[(int) w.length()];
      for (int k = 0; k < values.length; k++) {
        values[k] = (float) (sigma * Gaussian.truncatedNormal(random, 2));
      }
      w.assign(Nd4j.create(values, w.shape(), 'c'));
    }
  }

  /**
   * A linear model {@code ŷ = x·w} (one output, identity activation, no bias) trained with DL4J's
   * mean squared error, which for one output is {@code L = (1/batch) Σ (y − x·w)²}. Double
   * precision, so its arithmetic can be checked against closed forms.
   *
   * @param dimension inputs d; input {@code [batch, d]}, output {@code [batch, 1]}
   * @param updater the DL4J updater
   * @param seed seed recorded in the configuration (the weights are then set to {@code start})
   * @param start initial weights, {@code d} values
   * @return an initialised network whose parameters equal {@code start}
   * @throws IllegalArgumentException if {@code start} does not have {@code dimension} values
   */
  public static MultiLayerNetwork linearRegression(int dimension, IUpdater updater, long seed,
      List<Double> start) {
    return linearRegression(dimension, updater, List.of(), seed, start);
  }

  /**
   * {@link #linearRegression(int, IUpdater, long, List)} with regularizations on the weights.
   *
   * @param dimension inputs d
   * @param updater the DL4J updater
   * @param regularization applied to the weights; empty for none
   * @param seed seed recorded in the configuration
   * @param start initial weights, {@code d} values
   * @return an initialised network whose parameters equal {@code start}
   */
  public static MultiLayerNetwork linearRegression(int dimension, IUpdater updater,
      List<Regularization> regularization, long seed, List<Double> start) {
    return linearRegression(dimension, updater, regularization, Recipe.NONE, seed, start);
  }

  /**
   * {@link #linearRegression(int, IUpdater, List, long, List)} with a recipe's per-layer
   * gradient normalisation (the model has no bias, so only the weights' regularizations apply).
   *
   * @param dimension inputs d
   * @param updater the DL4J updater
   * @param regularization applied to the weights; empty for none
   * @param recipe the trial's recipe, for its per-layer gradient normalisation
   * @param seed seed recorded in the configuration
   * @param start initial weights, {@code d} values
   * @return an initialised network whose parameters equal {@code start}
   */
  public static MultiLayerNetwork linearRegression(int dimension, IUpdater updater,
      List<Regularization> regularization, Recipe recipe, long seed, List<Double> start) {
    if (start.size() != dimension) {
      throw new IllegalArgumentException(
          "start has " + start.size() + " values, expected " + dimension);
    }
    NeuralNetConfiguration.Builder base = new NeuralNetConfiguration.Builder()
        .seed(seed).dataType(DataType.DOUBLE).updater(updater);
    MultiLayerConfiguration conf = base.list()
        .layer(new OutputLayer.Builder(LossFunction.MSE).nIn(dimension).nOut(1).hasBias(false)
            .activation(Activation.IDENTITY).weightInit(WeightInit.ZERO).build())
        .build();
    regularize(conf, regularization);
    Recipes.layerClipping(conf, recipe);
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    double[] w = start.stream().mapToDouble(Double::doubleValue).toArray();
    net.setParams(Nd4j.create(w, new long[] {1, dimension}, DataType.DOUBLE));
    return net;
  }

  private static DenseLayer dense(int in, int out) {
    return new DenseLayer.Builder().nIn(in).nOut(out).activation(Activation.RELU).build();
  }

  private static OutputLayer output(int in, int classes) {
    return new OutputLayer.Builder(LossFunction.MCXENT).nIn(in).nOut(classes)
        .activation(Activation.SOFTMAX).build();
  }

  /*
   * Convolution and pooling run through DL4J's oneDNN helpers (see LayerHelpers). With
   * fallback allowed, the default, a helper that throws is logged and the layer silently
   * continues on DL4J's built-in path: several times slower, with other bits
   * (docs/PERFORMANCE.md). Fallback is off so that such a failure stops the trial instead.
   */

  private static ConvolutionLayer conv(int filters) {
    // ReluConvolutionLayer: DL4J's layer, bit for bit, without a second forward convolution.
    return ReluConvolutionLayer.of(new ConvolutionLayer.Builder(5, 5).nOut(filters)
        .activation(Activation.RELU).helperAllowFallback(false).build());
  }

  private static ConvolutionLayer conv(int kernel, int filters, ConvolutionMode mode) {
    return ReluConvolutionLayer.of(new ConvolutionLayer.Builder(kernel, kernel).nOut(filters)
        .activation(Activation.RELU).convolutionMode(mode).helperAllowFallback(false).build());
  }

  /**
   * 3c3d's pooling: 3×3 windows, stride 2, SAME padding (the side becomes ⌈side/2⌉). Both
   * poolings are {@link MaxPoolingLayer}: DL4J's layer, or, where oneDNN 2.3 would run its
   * reference pooling, the same selection in ND4J's own kernels (the same bits).
   */
  private static SubsamplingLayer maxPool3() {
    return MaxPoolingLayer.of(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
        .kernelSize(3, 3).stride(2, 2).convolutionMode(ConvolutionMode.Same)
        .helperAllowFallback(false).build());
  }

  /** 2c2d's pooling: 2×2 windows, stride 2. */
  private static SubsamplingLayer maxPool() {
    return MaxPoolingLayer.of(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
        .kernelSize(2, 2).stride(2, 2).helperAllowFallback(false).build());
  }
}
