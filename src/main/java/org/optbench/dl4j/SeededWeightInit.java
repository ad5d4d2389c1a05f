package org.optbench.dl4j;

import java.util.Map;
import java.util.TreeMap;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.distribution.ConstantDistribution;
import org.deeplearning4j.nn.conf.distribution.Distribution;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.distribution.OrthogonalDistribution;
import org.deeplearning4j.nn.conf.distribution.TruncatedNormalDistribution;
import org.deeplearning4j.nn.conf.distribution.UniformDistribution;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInitConstant;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.deeplearning4j.nn.weights.WeightInitIdentity;
import org.deeplearning4j.nn.weights.WeightInitLecunUniform;
import org.deeplearning4j.nn.weights.WeightInitNormal;
import org.deeplearning4j.nn.weights.WeightInitRelu;
import org.deeplearning4j.nn.weights.WeightInitReluUniform;
import org.deeplearning4j.nn.weights.WeightInitSigmoidUniform;
import org.deeplearning4j.nn.weights.WeightInitUniform;
import org.deeplearning4j.nn.weights.WeightInitVarScalingNormalFanAvg;
import org.deeplearning4j.nn.weights.WeightInitVarScalingNormalFanIn;
import org.deeplearning4j.nn.weights.WeightInitVarScalingNormalFanOut;
import org.deeplearning4j.nn.weights.WeightInitVarScalingUniformFanAvg;
import org.deeplearning4j.nn.weights.WeightInitVarScalingUniformFanIn;
import org.deeplearning4j.nn.weights.WeightInitVarScalingUniformFanOut;
import org.deeplearning4j.nn.weights.WeightInitXavier;
import org.deeplearning4j.nn.weights.WeightInitXavierLegacy;
import org.deeplearning4j.nn.weights.WeightInitXavierUniform;
import org.optbench.dl4j.SeededDraw.Scheme;

/**
 * Makes any DL4J network configuration start from bit-identical parameters at a given seed, for
 * every optimizer, on resume and on any machine, although ND4J 1.0.0-M2.1's native random
 * distributions do not repeat after {@code Nd4j.getRandom().setSeed} (see {@link Networks}).
 *
 * <p>Every layer's weight initialisation ({@code BaseLayer.weightInitFn}, and a recurrent layer's
 * {@code weightInitFnRecurrent}; inside {@code Bidirectional}, {@code FrozenLayer} and the
 * wrapper layers too) is replaced by a {@link SeededDraw}: the same distribution as DL4J's
 * scheme, drawn in plain Java from a generator seeded by the seed, the layer's position (a
 * multi-layer network) or vertex name (a graph), the field, and the weight array's place in the
 * parameters (see {@link SeededDraw} for how identity is achieved). DL4J's own parameter
 * initialisers still compute shapes, fan-in and fan-out and call it, so every layer kind that
 * draws its weights through its {@code IWeightInit} is covered. Biases, batch-norm gamma, beta,
 * mean and variance and LSTM forget-gate biases are constants in DL4J and stay DL4J's.
 *
 * <p>Accepted schemes (each {@code WeightInit} value of DL4J 1.0.0-M2.1 and what Keras import
 * produces): XAVIER, XAVIER_UNIFORM, XAVIER_FAN_IN, XAVIER_LEGACY, NORMAL, LECUN_NORMAL, UNIFORM,
 * RELU, RELU_UNIFORM, LECUN_UNIFORM, SIGMOID_UNIFORM, ZERO, ONES, any constant, IDENTITY (with or
 * without scale), the six VAR_SCALING_* (with or without scale), and DISTRIBUTION with a normal,
 * Gaussian, uniform, truncated normal, constant or orthogonal distribution. Anything else (a
 * user's own {@code IWeightInit}, a binomial or log-normal distribution, pretrained embeddings) and
 * any layer or vertex with parameters that are not drawn through an {@code IWeightInit} (SameDiff
 * layers, custom vertices) is refused with an {@link UnsupportedWeightInitException}.
 */
public final class SeededWeightInit {
  /** The accepted schemes, for error messages. */
  static final String ACCEPTED = "XAVIER, XAVIER_UNIFORM, XAVIER_FAN_IN, XAVIER_LEGACY, NORMAL, "
      + "LECUN_NORMAL, UNIFORM, RELU, RELU_UNIFORM, LECUN_UNIFORM, SIGMOID_UNIFORM, ZERO, ONES, "
      + "a constant, IDENTITY, VAR_SCALING_{NORMAL,UNIFORM}_FAN_{IN,OUT,AVG}, or DISTRIBUTION with "
      + "a normal, Gaussian, uniform, truncated normal, constant or orthogonal distribution";

  private SeededWeightInit() {}

  /**
   * A copy of {@code conf} whose every weight initialisation draws reproducibly from
   * {@code seed}; {@code conf} itself is not changed (the copy goes through DL4J's JSON).
   *
   * @param conf a built multi-layer configuration
   * @param seed the seed of the initial weights
   * @return the seeded copy; two networks {@code init()}ed from it (or from its JSON) have
   *     bit-identical parameters
   * @throws UnsupportedWeightInitException naming the layer, its scheme and the accepted ones, for
   *     a scheme or layer whose parameters cannot be drawn reproducibly
   */
  public static MultiLayerConfiguration seeded(MultiLayerConfiguration conf, long seed) {
    // Checked on the argument first, so that a refusal is the message below and not DL4J's
    // failure to copy a class it cannot rebuild from JSON.
    seedLayers(conf, seed, false);
    MultiLayerConfiguration copy = MultiLayerConfiguration.fromJson(conf.toJson());
    seedLayers(copy, seed, true);
    return copy;
  }

  private static void seedLayers(MultiLayerConfiguration conf, long seed, boolean apply) {
    for (int i = 0; i < conf.getConfs().size(); i++) {
      Layer layer = conf.getConf(i).getLayer();
      seedLayer(layer, "layer " + i, "layer " + i + named(layer, i), seed, apply);
    }
  }

  /**
   * A copy of {@code conf} whose every weight initialisation draws reproducibly from
   * {@code seed}; {@code conf} itself is not changed (the copy goes through DL4J's JSON).
   *
   * @param conf a built computation-graph configuration
   * @param seed the seed of the initial weights
   * @return the seeded copy; two graphs {@code init()}ed from it (or from its JSON) have
   *     bit-identical parameters
   * @throws UnsupportedWeightInitException naming the vertex, its scheme and the accepted ones,
   *     for a scheme, layer or vertex whose parameters cannot be drawn reproducibly
   */
  public static ComputationGraphConfiguration seeded(ComputationGraphConfiguration conf,
      long seed) {
    seedVertices(conf, seed, false);
    ComputationGraphConfiguration copy = ComputationGraphConfiguration.fromJson(conf.toJson());
    seedVertices(copy, seed, true);
    return copy;
  }

  private static void seedVertices(ComputationGraphConfiguration conf, long seed,
      boolean apply) {
    // Sorted so that a refusal names the same vertex on every run.
    Map<String, GraphVertex> vertices = new TreeMap<>(conf.getVertices());
    for (Map.Entry<String, GraphVertex> e : vertices.entrySet()) {
      String key = "vertex " + e.getKey();
      if (e.getValue() instanceof LayerVertex v) {
        Layer layer = v.getLayerConf().getLayer();
        seedLayer(layer, key, key + " (" + layer.getClass().getSimpleName() + ")", seed, apply);
      } else if (e.getValue().numParams(true) > 0) {
        throw new UnsupportedWeightInitException(key + " ("
            + e.getValue().getClass().getSimpleName() + ") has parameters that optbench cannot "
            + "draw reproducibly: only layer vertices, whose layers initialise their weights "
            + "with " + ACCEPTED + ", are accepted");
      }
    }
  }

  /** The layer's kind, and its name unless it is DL4J's default "layer" + index. */
  private static String named(Layer layer, int index) {
    String kind = layer.getClass().getSimpleName();
    String name = layer.getLayerName();
    return name == null || name.equals("layer" + index) ? " (" + kind + ")"
        : " (\"" + name + "\", " + kind + ")";
  }

  /**
   * Replaces the initialisations of {@code layer} in place (the layer belongs to the copy), or
   * only checks that they can be replaced.
   *
   * @param key the stable part of the draws' seeds: position or vertex name, then the path
   *     into wrappers
   * @param where the layer as named in error messages
   * @param apply whether to replace; false only checks
   */
  private static void seedLayer(Layer layer, String key, String where, long seed,
      boolean apply) {
    if (layer instanceof BaseLayer b) {
      SeededDraw weights = translate(b.getWeightInitFn(), seed, key + "/weights", where);
      if (apply) {
        b.setWeightInitFn(weights);
      }
      if (b instanceof BaseRecurrentLayer r) {
        // Null means "the input weights' scheme", which DL4J then calls twice: the draws still
        // differ, as each array has its own offset in the parameters.
        SeededDraw recurrent = translate(r.getWeightInitFnRecurrent(), seed,
            key + "/recurrent weights", where + " recurrent weights");
        if (apply) {
          r.setWeightInitFnRecurrent(recurrent);
        }
      }
    } else if (layer instanceof Bidirectional b) {
      seedLayer(b.getFwd(), key + "/forward", where + " forward", seed, apply);
      seedLayer(b.getBwd(), key + "/backward", where + " backward", seed, apply);
    } else if (layer instanceof BaseWrapperLayer w) {
      seedLayer(w.getUnderlying(), key + "/wrapped", where + " wrapped layer", seed, apply);
    } else if (layer instanceof FrozenLayer f) {
      seedLayer(f.getLayer(), key + "/frozen", where + " frozen layer", seed, apply);
    } else if (layer.initializer().numParams(layer) > 0) {
      throw new UnsupportedWeightInitException(where + " has parameters that optbench cannot "
          + "draw reproducibly: its kind does not initialise them through a DL4J weight "
          + "initialisation (accepted: layers whose weights use " + ACCEPTED + ")");
    }
  }

  /**
   * The seeded equivalent of one DL4J weight initialisation; null stays null.
   *
   * @throws UnsupportedWeightInitException for a scheme outside {@link #ACCEPTED}
   */
  static SeededDraw translate(IWeightInit init, long seed, String key, String where) {
    if (init == null) {
      return null;
    }
    Class<?> c = init.getClass();
    // Exact classes: a subclass may draw differently, so it is refused like any custom class.
    if (c == SeededDraw.class) {
      SeededDraw d = (SeededDraw) init;
      return new SeededDraw(d.scheme(), d.args(), seed, key);
    }
    if (c == WeightInitXavier.class) {
      return draw(Scheme.XAVIER, seed, key);
    }
    if (c == WeightInitXavierUniform.class) {
      return draw(Scheme.XAVIER_UNIFORM, seed, key);
    }
    if (c == WeightInitXavierLegacy.class) {
      return draw(Scheme.XAVIER_LEGACY, seed, key);
    }
    if (c == WeightInitNormal.class) {
      return draw(Scheme.NORMAL, seed, key);
    }
    if (c == WeightInitUniform.class) {
      return draw(Scheme.UNIFORM, seed, key);
    }
    if (c == WeightInitRelu.class) {
      return draw(Scheme.RELU, seed, key);
    }
    if (c == WeightInitReluUniform.class) {
      return draw(Scheme.RELU_UNIFORM, seed, key);
    }
    if (c == WeightInitSigmoidUniform.class) {
      return draw(Scheme.SIGMOID_UNIFORM, seed, key);
    }
    if (c == WeightInitLecunUniform.class) {
      return draw(Scheme.LECUN_UNIFORM, seed, key);
    }
    if (c == WeightInitVarScalingNormalFanIn.class) {
      return scaled(Scheme.VAR_SCALING_NORMAL_FAN_IN,
          ((WeightInitVarScalingNormalFanIn) init).getScale(), seed, key);
    }
    if (c == WeightInitVarScalingNormalFanOut.class) {
      return scaled(Scheme.VAR_SCALING_NORMAL_FAN_OUT,
          ((WeightInitVarScalingNormalFanOut) init).getScale(), seed, key);
    }
    if (c == WeightInitVarScalingNormalFanAvg.class) {
      return scaled(Scheme.VAR_SCALING_NORMAL_FAN_AVG,
          ((WeightInitVarScalingNormalFanAvg) init).getScale(), seed, key);
    }
    if (c == WeightInitVarScalingUniformFanIn.class) {
      return scaled(Scheme.VAR_SCALING_UNIFORM_FAN_IN,
          ((WeightInitVarScalingUniformFanIn) init).getScale(), seed, key);
    }
    if (c == WeightInitVarScalingUniformFanOut.class) {
      return scaled(Scheme.VAR_SCALING_UNIFORM_FAN_OUT,
          ((WeightInitVarScalingUniformFanOut) init).getScale(), seed, key);
    }
    if (c == WeightInitVarScalingUniformFanAvg.class) {
      return scaled(Scheme.VAR_SCALING_UNIFORM_FAN_AVG,
          ((WeightInitVarScalingUniformFanAvg) init).getScale(), seed, key);
    }
    if (c == WeightInitIdentity.class) {
      return scaled(Scheme.IDENTITY, ((WeightInitIdentity) init).getScale(), seed, key);
    }
    if (c == WeightInitConstant.class) {
      // No getter in DL4J: the value is read from the class's JSON form, which DL4J defines.
      double value = NeuralNetConfiguration.mapper().valueToTree(init).get("value").asDouble();
      return new SeededDraw(Scheme.CONSTANT, new double[] {value}, seed, key);
    }
    if (c == WeightInitDistribution.class) {
      return distribution(init, seed, key, where);
    }
    throw new UnsupportedWeightInitException(where + ": weight initialisation "
        + c.getName() + " cannot be drawn reproducibly; accepted: " + ACCEPTED);
  }

  // GaussianDistribution is deprecated in DL4J but still read from older JSON files.
  @SuppressWarnings("deprecation")
  private static SeededDraw distribution(IWeightInit init, long seed, String key, String where) {
    Distribution d;
    try {
      // No getter in DL4J: read back from the class's JSON form.
      d = NeuralNetConfiguration.mapper().treeToValue(
          NeuralNetConfiguration.mapper().valueToTree(init).get("distribution"),
          Distribution.class);
    } catch (org.nd4j.shade.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(where + ": cannot read the weight distribution", e);
    }
    Class<?> c = d.getClass();
    if (c == NormalDistribution.class
        || c == org.deeplearning4j.nn.conf.distribution.GaussianDistribution.class) {
      NormalDistribution n = (NormalDistribution) d;
      return new SeededDraw(Scheme.DIST_NORMAL, new double[] {n.getMean(), n.getStd()}, seed,
          key);
    }
    if (c == UniformDistribution.class) {
      UniformDistribution u = (UniformDistribution) d;
      return new SeededDraw(Scheme.DIST_UNIFORM, new double[] {u.getLower(), u.getUpper()}, seed,
          key);
    }
    if (c == TruncatedNormalDistribution.class) {
      TruncatedNormalDistribution t = (TruncatedNormalDistribution) d;
      return new SeededDraw(Scheme.DIST_TRUNCATED_NORMAL, new double[] {t.getMean(), t.getStd()},
          seed, key);
    }
    if (c == ConstantDistribution.class) {
      return new SeededDraw(Scheme.CONSTANT,
          new double[] {((ConstantDistribution) d).getValue()}, seed, key);
    }
    if (c == OrthogonalDistribution.class) {
      return new SeededDraw(Scheme.DIST_ORTHOGONAL,
          new double[] {((OrthogonalDistribution) d).getGain()}, seed, key);
    }
    throw new UnsupportedWeightInitException(where + ": weight initialisation DISTRIBUTION with "
        + c.getSimpleName() + " cannot be drawn reproducibly; accepted: " + ACCEPTED);
  }

  private static SeededDraw draw(Scheme scheme, long seed, String key) {
    return new SeededDraw(scheme, new double[0], seed, key);
  }

  private static SeededDraw scaled(Scheme scheme, Double scale, long seed, String key) {
    return new SeededDraw(scheme, scale == null ? new double[0] : new double[] {scale}, seed,
        key);
  }
}
