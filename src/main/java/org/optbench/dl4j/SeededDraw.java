package org.optbench.dl4j;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * A DL4J weight initialisation that draws the distribution of one of DL4J's schemes in plain
 * Java, so that a network's initial parameters are bit-identical on every {@code init()}, every
 * machine and every JVM. Built by {@link SeededWeightInit}; serialised in a network's JSON
 * configuration (and so in a {@code ModelSerializer} zip) with its scheme, arguments, seed and key.
 *
 * <p><b>How identity is achieved.</b> DL4J's parameter initialisers compute the shape, the
 * fan-in and fan-out of each weight array and call {@link #init}; this class then draws every
 * value from a {@link SplittableRandom} (SplitMix64, whose algorithm is fixed by its
 * specification) seeded from a 64-bit mix of the run's seed, the {@linkplain #key() key} (the
 * layer's position or vertex name and the initialisation field of the layer, e.g. an LSTM's
 * recurrent weights) and what distinguishes this array within the layer: its offset in the
 * network's flattened parameter buffer and its shape (DL4J calls one initialisation several times
 * in some layers, e.g. the four weight arrays of {@code GravesBidirectionalLSTM}). The transforms
 * (Box–Muller, square roots, logarithms) use {@link StrictMath}, whose results are specified to
 * the bit, the arithmetic is Java's (strict IEEE 754 since Java 17), and the values are computed
 * in {@code double} and rounded once to the parameters' data type in Java. Nothing depends on
 * ND4J's native random generator, the thread count or the updater. A change to a network's layers
 * (not to its updater) may move a weight array's offset and so redraw it.
 *
 * <p>Values are drawn in the row-major order of the weight's DL4J shape and stored so that DL4J's
 * {@code paramView.reshape(order, shape)} reads them back at the same indices, which matters
 * for the structured schemes ({@link Scheme#IDENTITY}, {@link Scheme#DIST_ORTHOGONAL}).
 */
public final class SeededDraw implements IWeightInit {
  private static final long serialVersionUID = 1L;

  /** Truncation bound, in standard deviations, of ND4J's truncated normal (see below). */
  static final double TRUNCATION = 2.0;

  /**
   * The distributions drawn; fanIn and fanOut are what DL4J's parameter initialiser passes
   * (dense: nIn, nOut; convolution: channelsIn·kH·kW, channelsOut·kH·kW/(sH·sW); embedding: 1,
   * nOut; LSTM: nOut, nIn + nOut; see each {@code ParamInitializer} in
   * {@code org.deeplearning4j.nn.params}), N is a normal and U a uniform draw. Each formula is the
   * one of the DL4J 1.0.0-M2.1 class named, in {@code org.deeplearning4j.nn.weights}.
   */
  public enum Scheme {
    /** N(0, 2/(fanIn+fanOut)); {@code WeightInitXavier}: randn·sqrt(2/(fanIn+fanOut)). No arguments. */
    XAVIER(0),
    /** U(−s, s), s = sqrt(6)/sqrt(fanIn+fanOut); {@code WeightInitXavierUniform}. No arguments. */
    XAVIER_UNIFORM(0),
    /** N(0, 1/(shape[0]+shape[1])); {@code WeightInitXavierLegacy}. No arguments. */
    XAVIER_LEGACY(0),
    /**
     * N(0, 1/fanIn); {@code WeightInitNormal}: randn/sqrt(fanIn), which DL4J uses for NORMAL,
     * LECUN_NORMAL and XAVIER_FAN_IN alike. No arguments.
     */
    NORMAL(0),
    /** U(−a, a), a = 1/sqrt(fanIn); {@code WeightInitUniform}. No arguments. */
    UNIFORM(0),
    /** N(0, 2/fanIn); {@code WeightInitRelu}: randn·sqrt(2/fanIn). No arguments. */
    RELU(0),
    /** U(−u, u), u = sqrt(6/fanIn); {@code WeightInitReluUniform}. No arguments. */
    RELU_UNIFORM(0),
    /** U(−r, r), r = 4·sqrt(6/(fanIn+fanOut)); {@code WeightInitSigmoidUniform}. No arguments. */
    SIGMOID_UNIFORM(0),
    /**
     * U(−b, b), b = 3/sqrt(fanIn); {@code WeightInitLecunUniform} (DL4J's bound, not Keras's
     * sqrt(3/fanIn)). No arguments.
     */
    LECUN_UNIFORM(0),
    /**
     * Truncated N(0, σ²), σ = sqrt(scale/fanIn); {@code WeightInitVarScalingNormalFanIn}.
     * Arguments: none (scale 1) or {scale}.
     */
    VAR_SCALING_NORMAL_FAN_IN(-1),
    /** Truncated N(0, σ²), σ = sqrt(scale/fanOut); arguments: none (scale 1) or {scale}. */
    VAR_SCALING_NORMAL_FAN_OUT(-1),
    /** Truncated N(0, σ²), σ = sqrt(2·scale/(fanIn+fanOut)); arguments: none (scale 1) or {scale}. */
    VAR_SCALING_NORMAL_FAN_AVG(-1),
    /** U(−b, b), b = scale·3/sqrt(fanIn); arguments: none (scale 1) or {scale}. */
    VAR_SCALING_UNIFORM_FAN_IN(-1),
    /** U(−b, b), b = scale·3/sqrt(fanOut); arguments: none (scale 1) or {scale}. */
    VAR_SCALING_UNIFORM_FAN_OUT(-1),
    /** U(−b, b), b = scale·3/sqrt((fanIn+fanOut)/2); arguments: none (scale 1) or {scale}. */
    VAR_SCALING_UNIFORM_FAN_AVG(-1),
    /** Every value equal; {@code WeightInitConstant} (ZERO, ONES). Arguments: {value}. */
    CONSTANT(1),
    /**
     * The identity: a square matrix's diagonal, or for a convolution kernel [c, c, k...] with odd
     * k the centre tap of channel i to channel i, times scale; {@code WeightInitIdentity}.
     * Arguments: none (scale 1) or {scale}.
     */
    IDENTITY(-1),
    /** N(mean, std²); {@code NormalDistribution}/{@code GaussianDistribution}. Arguments: {mean, std}. */
    DIST_NORMAL(2),
    /** U(lower, upper); {@code UniformDistribution}. Arguments: {lower, upper}. */
    DIST_UNIFORM(2),
    /** Truncated N(mean, std²); {@code TruncatedNormalDistribution}. Arguments: {mean, std}. */
    DIST_TRUNCATED_NORMAL(2),
    /**
     * gain times a random matrix with orthonormal rows (if rows ≤ columns) or columns, the shape
     * taken as [product of all but the last dimension, last dimension], as ND4J's
     * {@code OrthogonalDistribution} (Saxe et al. 2013); ND4J orthogonalises a Gaussian matrix
     * by SVD, this class by modified Gram–Schmidt, which gives the same (Haar) distribution.
     * Arguments: {gain}.
     */
    DIST_ORTHOGONAL(1);

    /** Number of arguments; −1 for an optional scale (zero or one argument). */
    private final int arguments;

    Scheme(int arguments) {
      this.arguments = arguments;
    }

    boolean accepts(int count) {
      return arguments < 0 ? count <= 1 : count == arguments;
    }
  }

  private final Scheme scheme;
  private final double[] args;
  private final long seed;
  private final String key;

  /**
   * @param scheme the distribution
   * @param args the scheme's arguments (see {@link Scheme}); copied
   * @param seed the run's seed
   * @param key what identifies the initialisation in its network, e.g. {@code "layer 2/weights"}
   * @throws IllegalArgumentException if the argument count does not fit the scheme, or an
   *     argument is not finite
   */
  public SeededDraw(@JsonProperty("scheme") Scheme scheme, @JsonProperty("args") double[] args,
      @JsonProperty("seed") long seed, @JsonProperty("key") String key) {
    this.scheme = Objects.requireNonNull(scheme, "scheme");
    this.args = args == null ? new double[0] : args.clone();
    this.seed = seed;
    this.key = Objects.requireNonNull(key, "key");
    if (!scheme.accepts(this.args.length)) {
      throw new IllegalArgumentException(scheme + " takes " + (scheme.arguments < 0
          ? "zero or one argument" : scheme.arguments + " argument(s)") + ", got "
          + Arrays.toString(this.args));
    }
    for (double a : this.args) {
      if (!Double.isFinite(a)) {
        throw new IllegalArgumentException(scheme + ": argument " + a + " is not finite");
      }
    }
  }

  /** @return the distribution drawn */
  public Scheme scheme() {
    return scheme;
  }

  /** @return a copy of the scheme's arguments */
  public double[] args() {
    return args.clone();
  }

  /** @return the run's seed */
  public long seed() {
    return seed;
  }

  /** @return the layer position or vertex name and the field this initialisation is for */
  public String key() {
    return key;
  }

  /**
   * Fills {@code paramView} with this scheme's draw, as DL4J's parameter initialisers expect.
   *
   * @param fanIn the fan-in DL4J computed for this weight
   * @param fanOut the fan-out DL4J computed for this weight
   * @param shape the weight's shape
   * @param order the order in which DL4J reads {@code paramView} as {@code shape}
   * @param paramView a contiguous vector view of the network's parameters, of length
   *     product(shape)
   * @return {@code paramView} reshaped to {@code shape} in {@code order}
   * @throws IllegalStateException if the length does not match the shape, or IDENTITY is asked
   *     for a non-square shape or an even kernel
   */
  @Override
  public INDArray init(double fanIn, double fanOut, long[] shape, char order,
      INDArray paramView) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    if (n != paramView.length()) {
      throw new IllegalStateException(key + ": " + paramView.length()
          + " parameters cannot hold shape " + Arrays.toString(shape));
    }
    if (n > Integer.MAX_VALUE) {
      throw new IllegalStateException(key + ": shape " + Arrays.toString(shape)
          + " has more than 2^31 - 1 values, more than one Java array holds");
    }
    SplittableRandom random = new SplittableRandom(streamSeed(paramView.offset(), shape));
    double[] rowMajor = draw(random, fanIn, fanOut, shape, (int) n);
    double[] stored = order == 'f' ? toColumnMajor(rowMajor, shape) : rowMajor;
    INDArray values = paramView.dataType() == DataType.FLOAT
        ? Nd4j.createFromArray(toFloats(stored))
        : Nd4j.createFromArray(stored).castTo(paramView.dataType());
    paramView.assign(values.reshape(paramView.shape()));
    return paramView.reshape(order, shape);
  }

  /** The values in row-major order of {@code shape}. */
  double[] draw(SplittableRandom random, double fanIn, double fanOut, long[] shape, int n) {
    return switch (scheme) {
      case XAVIER -> normals(random, n, 0, StrictMath.sqrt(2.0 / (fanIn + fanOut)));
      case XAVIER_UNIFORM -> {
        double s = StrictMath.sqrt(6.0) / StrictMath.sqrt(fanIn + fanOut);
        yield uniforms(random, n, -s, s);
      }
      case XAVIER_LEGACY ->
          normals(random, n, 0, 1.0 / StrictMath.sqrt((double) (shape[0] + shape[1])));
      case NORMAL -> normals(random, n, 0, 1.0 / StrictMath.sqrt(fanIn));
      case UNIFORM -> symmetric(random, n, 1.0 / StrictMath.sqrt(fanIn));
      case RELU -> normals(random, n, 0, StrictMath.sqrt(2.0 / fanIn));
      case RELU_UNIFORM -> symmetric(random, n, StrictMath.sqrt(6.0 / fanIn));
      case SIGMOID_UNIFORM -> symmetric(random, n, 4.0 * StrictMath.sqrt(6.0 / (fanIn + fanOut)));
      case LECUN_UNIFORM -> symmetric(random, n, 3.0 / StrictMath.sqrt(fanIn));
      case VAR_SCALING_NORMAL_FAN_IN ->
          truncated(random, n, 0, StrictMath.sqrt(scale() / fanIn));
      case VAR_SCALING_NORMAL_FAN_OUT ->
          truncated(random, n, 0, StrictMath.sqrt(scale() / fanOut));
      case VAR_SCALING_NORMAL_FAN_AVG ->
          truncated(random, n, 0, StrictMath.sqrt(2.0 * scale() / (fanIn + fanOut)));
      case VAR_SCALING_UNIFORM_FAN_IN -> symmetric(random, n, 3.0 / StrictMath.sqrt(fanIn) * scale());
      case VAR_SCALING_UNIFORM_FAN_OUT ->
          symmetric(random, n, 3.0 / StrictMath.sqrt(fanOut) * scale());
      case VAR_SCALING_UNIFORM_FAN_AVG ->
          symmetric(random, n, 3.0 / StrictMath.sqrt((fanIn + fanOut) / 2) * scale());
      case CONSTANT -> {
        double[] v = new double[n];
        Arrays.fill(v, args[0]);
        yield v;
      }
      case IDENTITY -> Structured.identity(shape, scale(), key);
      case DIST_NORMAL -> normals(random, n, args[0], args[1]);
      case DIST_UNIFORM -> uniforms(random, n, args[0], args[1]);
      case DIST_TRUNCATED_NORMAL -> truncated(random, n, args[0], args[1]);
      case DIST_ORTHOGONAL -> Structured.orthogonal(random, shape, args[0]);
    };
  }

  /** The optional scale argument, 1 when absent (DL4J's {@code scale == null}). */
  private double scale() {
    return args.length == 0 ? 1.0 : args[0];
  }

  /**
   * A standard normal by the Box–Muller transform (the cosine of the pair), with
   * {@link StrictMath}: 1 − u lies in (0, 1], so the logarithm is finite.
   */
  static double standardNormal(SplittableRandom random) {
    double u1 = 1.0 - random.nextDouble();
    double u2 = random.nextDouble();
    return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
  }

  private static double[] normals(SplittableRandom random, int n, double mean, double std) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = mean + std * standardNormal(random);
    }
    return v;
  }

  /**
   * Normal draws within {@link #TRUNCATION} standard deviations of the mean, by rejection: the
   * bound of ND4J's native {@code TruncatedNormalDistribution} op (libnd4j
   * {@code special_random_ops.h}), which redraws once and then clamps to the mean, where this
   * redraws until accepted (the exact truncated normal).
   */
  private static double[] truncated(SplittableRandom random, int n, double mean, double std) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      double z;
      do {
        z = standardNormal(random);
      } while (StrictMath.abs(z) > TRUNCATION);
      v[i] = mean + std * z;
    }
    return v;
  }

  private static double[] symmetric(SplittableRandom random, int n, double bound) {
    return uniforms(random, n, -bound, bound);
  }

  /** U[lower, upper), as ND4J's {@code UniformDistribution} samples. */
  private static double[] uniforms(SplittableRandom random, int n, double lower, double upper) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = lower + (upper - lower) * random.nextDouble();
    }
    return v;
  }

  /** Row-major values of {@code shape} rearranged into column-major order. */
  static double[] toColumnMajor(double[] rowMajor, long[] shape) {
    int rank = shape.length;
    double[] out = new double[rowMajor.length];
    int[] index = new int[rank];
    for (int i = 0; i < rowMajor.length; i++) {
      long f = 0;
      long stride = 1;
      for (int d = 0; d < rank; d++) {
        f += index[d] * stride;
        stride *= shape[d];
      }
      out[(int) f] = rowMajor[i];
      for (int d = rank - 1; d >= 0; d--) {
        if (++index[d] < shape[d]) {
          break;
        }
        index[d] = 0;
      }
    }
    return out;
  }

  private static float[] toFloats(double[] values) {
    float[] f = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      f[i] = (float) values[i];
    }
    return f;
  }

  /**
   * The generator's seed for one weight array: the run's seed, then each byte of "key @offset
   * shape", folded in by the SplitMix64 finaliser (a bijective 64-bit mix).
   */
  long streamSeed(long offset, long[] shape) {
    String id = key + " @" + offset + " " + Arrays.toString(shape);
    long h = mix(seed);
    for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
      h = mix(h + 0x9E3779B97F4A7C15L + (b & 0xFF));
    }
    return h;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SeededDraw d && d.scheme == scheme && Arrays.equals(d.args, args)
        && d.seed == seed && d.key.equals(key);
  }

  @Override
  public int hashCode() {
    return Objects.hash(scheme, Arrays.hashCode(args), seed, key);
  }

  @Override
  public String toString() {
    return "SeededDraw(" + scheme + Arrays.toString(args) + ", seed " + seed + ", " + key + ")";
  }
}
