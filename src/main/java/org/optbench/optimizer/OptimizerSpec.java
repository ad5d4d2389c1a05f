package org.optbench.optimizer;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fully specified optimizer: which DL4J updater and every one of its hyperparameters. Records
 * are validated on construction, so a spec that exists can be run.
 *
 * <p>Each record documents the update exactly as DL4J 1.0.0-M2.1 computes it (measured against
 * the native ops, not taken from the papers). Conventions shared by all of them:
 *
 * <ul>
 *   <li>All operations are element-wise over one parameter array θ and its gradient g.
 *   <li>t is DL4J's iteration counter and starts at 0, so bias corrections use powers
 *       β<sup>t+1</sup>; g<sub>t</sub> is the gradient at iteration t.
 *   <li>DL4J returns an update u<sub>t</sub> that is <em>subtracted</em>:
 *       θ<sub>t+1</sub> = θ<sub>t</sub> − u<sub>t</sub>. (It is written in place over the
 *       gradient array.)
 *   <li>State variables with index −1 are their initial values; "state arrays" counts arrays the
 *       size of θ, i.e. DL4J's {@code stateSize(n) / n}.
 * </ul>
 */
public sealed interface OptimizerSpec
    permits OptimizerSpec.Sgd, OptimizerSpec.Nesterovs, OptimizerSpec.AdaGrad,
        OptimizerSpec.RmsProp, OptimizerSpec.AdaDelta, OptimizerSpec.Adam, OptimizerSpec.Nadam,
        OptimizerSpec.AdaMax, OptimizerSpec.AmsGrad {

  /** @return which updater this is */
  OptimizerKind kind();

  /** @return the kebab-case id of the kind, e.g. {@code adam} */
  default String id() {
    return kind().id();
  }

  /**
   * @return the learning rate η, or {@link Double#NaN} for {@link AdaDelta}, which has none (as
   *     DL4J's own {@code getLearningRate} reports)
   */
  double learningRate();

  /**
   * @return every hyperparameter by DL4J name; unmodifiable, in
   *     {@link OptimizerKind#parameterNames()} order
   */
  Map<String, Double> hyperparameters();

  /**
   * Stochastic gradient descent (Robbins &amp; Monro 1951).
   *
   * <pre>
   *   u_t = η·g_t
   * </pre>
   *
   * <p>State: none (0 arrays).
   *
   * @param learningRate η, &gt; 0
   */
  record Sgd(double learningRate) implements OptimizerSpec {
    /**
     * Validates the hyperparameters.
     *
     * @param learningRate η, &gt; 0
     * @throws IllegalArgumentException if a value is out of range; the message names the
     *     parameter, the value and what is accepted
     */
    public Sgd {
      require(OptimizerKind.SGD, "learningRate", learningRate);
    }

    @Override
    public OptimizerKind kind() {
      return OptimizerKind.SGD;
    }

    @Override
    public Map<String, Double> hyperparameters() {
      return ordered(kind(), learningRate);
    }
  }

  /**
   * SGD with Nesterov momentum (Nesterov 1983; Sutskever et al. 2013), in the "velocity holds the
   * step" form DL4J uses:
   *
   * <pre>
   *   v_t = μ·v_{t−1} − η·g_t                 v_{−1} = 0
   *   u_t = μ·v_{t−1} − (1 + μ)·v_t
   * </pre>
   *
   * <p>μ is {@code momentum}. Because η sits inside the velocity, this equals PyTorch's
   * {@code SGD(nesterov=True, dampening=0)} (b_t = μ·b_{t−1} + g_t, u_t = η·(g_t + μ·b_t), via
   * v_t = −η·b_t) only while η is constant; under a learning-rate schedule, past steps keep the η
   * they were taken with.
   *
   * <p>State: 1 array (v).
   *
   * @param learningRate η, &gt; 0
   * @param momentum μ, in [0, 1)
   */
  record Nesterovs(double learningRate, double momentum) implements OptimizerSpec {
    /**
     * Validates the hyperparameters.
     *
     * @param learningRate η, &gt; 0
     * @param momentum μ, in [0, 1)
     * @throws IllegalArgumentException if a value is out of range; the message names the
     *     parameter, the value and what is accepted
     */
    public Nesterovs {
      require(OptimizerKind.NESTEROVS, "learningRate", learningRate);
      require(OptimizerKind.NESTEROVS, "momentum", momentum);
    }

    @Override
    public OptimizerKind kind() {
      return OptimizerKind.NESTEROVS;
    }

    @Override
    public Map<String, Double> hyperparameters() {
      return ordered(kind(), learningRate, momentum);
    }
  }

  /**
   * AdaGrad (Duchi, Hazan &amp; Singer 2011):
   *
   * <pre>
   *   h_t = h_{t−1} + g_t²                    h_{−1} = 1e−6
   *   u_t = η·g_t / (√h_t + ε)
   * </pre>
   *
   * <p>The accumulator starts at 1e−6 (DL4J's default AdaGrad ε) whatever ε is configured; the
   * configured ε is used only in the denominator, outside the root.
   *
   * <p>State: 1 array (h).
   *
   * @param learningRate η, &gt; 0
   * @param epsilon ε, &gt; 0
   */
  record AdaGrad(double learningRate, double epsilon) implements OptimizerSpec {
    /**
     * Validates the hyperparameters.
     *
     * @param learningRate η, &gt; 0
     * @param epsilon ε, &gt; 0
     * @throws IllegalArgumentException if a value is out of range; the message names the
     *     parameter, the value and what is accepted
     */
    public AdaGrad {
      require(OptimizerKind.ADAGRAD, "learningRate", learningRate);
      require(OptimizerKind.ADAGRAD, "epsilon", epsilon);
    }

    @Override
    public OptimizerKind kind() {
      return OptimizerKind.ADAGRAD;
    }

    @Override
    public Map<String, Double> hyperparameters() {
      return ordered(kind(), learningRate, epsilon);
    }
  }

  /**
   * RMSProp (Tieleman &amp; Hinton 2012, Coursera lecture 6.5):
   *
   * <pre>
   *   s_t = ρ·s_{t−1} + (1 − ρ)·g_t²          s_{−1} = ε
   *   u_t = η·g_t / (√s_t + ε)
   * </pre>
   *
   * <p>ρ is {@code rmsDecay}. The running average starts at the configured ε, not at 0; ε is
   * added again outside the root.
   *
   * <p>State: 1 array (s).
   *
   * @param learningRate η, &gt; 0
   * @param rmsDecay ρ, in [0, 1)
   * @param epsilon ε, &gt; 0
   */
  record RmsProp(double learningRate, double rmsDecay, double epsilon) implements OptimizerSpec {
    /**
     * Validates the hyperparameters.
     *
     * @param learningRate η, &gt; 0
     * @param rmsDecay ρ, in [0, 1)
     * @param epsilon ε, &gt; 0
     * @throws IllegalArgumentException if a value is out of range; the message names the
     *     parameter, the value and what is accepted
     */
    public RmsProp {
      require(OptimizerKind.RMSPROP, "learningRate", learningRate);
      require(OptimizerKind.RMSPROP, "rmsDecay", rmsDecay);
      require(OptimizerKind.RMSPROP, "epsilon", epsilon);
    }

    @Override
    public OptimizerKind kind() {
      return OptimizerKind.RMSPROP;
    }

    @Override
    public Map<String, Double> hyperparameters() {
      return ordered(kind(), learningRate, rmsDecay, epsilon);
    }
  }

  /**
   * AdaDelta (Zeiler 2012, Algorithm 1):
   *
   * <pre>
   *   a_t = ρ·a_{t−1} + (1 − ρ)·g_t²          a_{−1} = 0     (E[g²])
   *   u_t = g_t·√(b_{t−1} + ε) / √(a_t + ε)
   *   b_t = ρ·b_{t−1} + (1 − ρ)·u_t²          b_{−1} = 0     (E[Δθ²])
   * </pre>
   *
   * <p>ε is inside both roots. There is no learning rate: {@link #learningRate()} returns
   * {@link Double#NaN}.
   *
   * <p>State: 2 arrays (a, then b).
   *
   * @param rho ρ, in [0, 1)
   * @param epsilon ε, &gt; 0
   */
  record AdaDelta(double rho, double epsilon) implements OptimizerSpec {
    /**
     * Validates the hyperparameters.
     *
     * @param rho ρ, in [0, 1)
     * @param epsilon ε, &gt; 0
     * @throws IllegalArgumentException if a value is out of range; the message names the
     *     parameter, the value and what is accepted
     */
    public AdaDelta {
      require(OptimizerKind.ADADELTA, "rho", rho);
      require(OptimizerKind.ADADELTA, "epsilon", epsilon);
    }

    @Override
    public OptimizerKind kind() {
      return OptimizerKind.ADADELTA;
    }

    /** @return {@link Double#NaN}: AdaDelta's step size comes from its own state */
    @Override
    public double learningRate() {
      return Double.NaN;
    }

    @Override
    public Map<String, Double> hyperparameters() {
      return ordered(kind(), rho, epsilon);
    }
  }

  /**
   * Adam (Kingma &amp; Ba 2015), in the paper's "ε-hat" form (end of its section 2), with the
   * bias corrections folded into the step size:
   *
   * <pre>
   *   m_t = β₁·m_{t−1} + (1 − β₁)·g_t         m_{−1} = 0
   *   v_t = β₂·v_{t−1} + (1 − β₂)·g_t²        v_{−1} = 0
   *   α_t = η·√(1 − β₂^(t+1)) / (1 − β₁^(t+1))
   *   u_t = α_t·m_t / (√v_t + ε)
   * </pre>
   *
   * <p>ε is added to the uncorrected √v_t, so this is the paper's Algorithm 1 with ε replaced by
   * ε / √(1 − β₂^(t+1)): early steps see a larger effective ε. The first step is
   * u_0 = η·g_0 / (|g_0| + ε/√(1 − β₂)), i.e. about η·sign(g_0). If α_t evaluates to 0, NaN or ∞
   * (only for absurd η), DL4J uses α_t = ε instead.
   *
   * <p>State: 2 arrays (m, then v).
   *
   * @param learningRate η, &gt; 0
   * @param beta1 β₁, in [0, 1)
   * @param beta2 β₂, in [0, 1)
   * @param epsilon ε, &gt; 0
   */
  record Adam(double learningRate, double beta1, double beta2, double epsilon)
      implements OptimizerSpec {
    /**
     * Validates the hyperparameters.
     *
     * @param learningRate η, &gt; 0
     * @param beta1 β₁, in [0, 1)
     * @param beta2 β₂, in [0, 1)
     * @param epsilon ε, &gt; 0
     * @throws IllegalArgumentException if a value is out of range; the message names the
     *     parameter, the value and what is accepted
     */
    public Adam {
      requireAdamFamily(OptimizerKind.ADAM, learningRate, beta1, beta2, epsilon);
    }

    @Override
    public OptimizerKind kind() {
      return OptimizerKind.ADAM;
    }

    @Override
    public Map<String, Double> hyperparameters() {
      return ordered(kind(), learningRate, beta1, beta2, epsilon);
    }
  }

  /**
   * Nadam (Dozat 2016), as DL4J computes it:
   *
   * <pre>
   *   m_t = β₁·m_{t−1} + (1 − β₁)·g_t         m_{−1} = 0
   *   v_t = β₂·v_{t−1} + (1 − β₂)·g_t²        v_{−1} = 0
   *   u_t = η·[(β₁·m_t + (1 − β₁)·g_t) / (1 − β₁^(t+1))] / (√v_t + ε)
   * </pre>
   *
   * <p>Two departures from the paper: v gets no bias correction at all, and both momentum terms
   * share the correction 1 − β₁^(t+1) (Dozat divides the look-ahead term β₁·m_t by
   * 1 − β₁^(t+2)). ε is outside the root. Hence the first step is
   * u_0 = η·(1 + β₁)·g_0 / (√(1 − β₂)·|g_0| + ε), exactly (1 + β₁)/√(1 − β₂) times Adam's first
   * step: about 60×η·sign(g_0) with the defaults (a factor 1/√(1 − β₂) ≈ 31.6 from the missing
   * v correction, times 1 + β₁ = 1.9). The missing correction fades as β₂^(t+1) → 0, i.e. over a
   * few thousand iterations for β₂ = 0.999.
   *
   * <p>State: 2 arrays (m, then v).
   *
   * @param learningRate η, &gt; 0
   * @param beta1 β₁, in [0, 1)
   * @param beta2 β₂, in [0, 1)
   * @param epsilon ε, &gt; 0
   */
  record Nadam(double learningRate, double beta1, double beta2, double epsilon)
      implements OptimizerSpec {
    /**
     * Validates the hyperparameters.
     *
     * @param learningRate η, &gt; 0
     * @param beta1 β₁, in [0, 1)
     * @param beta2 β₂, in [0, 1)
     * @param epsilon ε, &gt; 0
     * @throws IllegalArgumentException if a value is out of range; the message names the
     *     parameter, the value and what is accepted
     */
    public Nadam {
      requireAdamFamily(OptimizerKind.NADAM, learningRate, beta1, beta2, epsilon);
    }

    @Override
    public OptimizerKind kind() {
      return OptimizerKind.NADAM;
    }

    @Override
    public Map<String, Double> hyperparameters() {
      return ordered(kind(), learningRate, beta1, beta2, epsilon);
    }
  }

  /**
   * AdaMax (Kingma &amp; Ba 2015, Algorithm 2), with w for the paper's infinity-norm accumulator
   * u:
   *
   * <pre>
   *   m_t = β₁·m_{t−1} + (1 − β₁)·g_t         m_{−1} = 0
   *   w_t = max(β₂·w_{t−1}, |g_t|) + 1e−32    w_{−1} = 0
   *   u_t = η / (1 − β₁^(t+1)) · m_t / w_t
   * </pre>
   *
   * <p>ε is accepted for symmetry with DL4J's config but does not enter the update: the 1e−32
   * added to w at every step is what prevents division by zero. (DL4J uses ε as the step size
   * only if η / (1 − β₁^(t+1)) evaluates to 0, NaN or ∞.) The first step is η·sign(g_0) for
   * |g_0| ≫ 1e−32.
   *
   * <p>State: 2 arrays (m, then w).
   *
   * @param learningRate η, &gt; 0
   * @param beta1 β₁, in [0, 1)
   * @param beta2 β₂, in [0, 1)
   * @param epsilon ε, &gt; 0; only used in the degenerate case above
   */
  record AdaMax(double learningRate, double beta1, double beta2, double epsilon)
      implements OptimizerSpec {
    /**
     * Validates the hyperparameters.
     *
     * @param learningRate η, &gt; 0
     * @param beta1 β₁, in [0, 1)
     * @param beta2 β₂, in [0, 1)
     * @param epsilon ε, &gt; 0; only used in the degenerate case above
     * @throws IllegalArgumentException if a value is out of range; the message names the
     *     parameter, the value and what is accepted
     */
    public AdaMax {
      requireAdamFamily(OptimizerKind.ADAMAX, learningRate, beta1, beta2, epsilon);
    }

    @Override
    public OptimizerKind kind() {
      return OptimizerKind.ADAMAX;
    }

    @Override
    public Map<String, Double> hyperparameters() {
      return ordered(kind(), learningRate, beta1, beta2, epsilon);
    }
  }

  /**
   * AMSGrad (Reddi, Kale &amp; Kumar 2018), with Adam's folded bias correction:
   *
   * <pre>
   *   m_t = β₁·m_{t−1} + (1 − β₁)·g_t         m_{−1} = 0
   *   v_t = β₂·v_{t−1} + (1 − β₂)·g_t²        v_{−1} = 0
   *   v̂_t = max(v̂_{t−1}, v_t)                  v̂_{−1} = 0
   *   α_t = η·√(1 − β₂^(t+1)) / (1 − β₁^(t+1))
   *   u_t = α_t·m_t / (√v̂_t + ε)
   * </pre>
   *
   * <p>The maximum is of the uncorrected v_t, while α_t still carries Adam's correction; ε is
   * outside the root. Until v first decreases this equals {@link Adam}. As for Adam, α_t = ε if
   * α_t evaluates to 0, NaN or ∞.
   *
   * <p>State: 3 arrays (m, v, then v̂).
   *
   * @param learningRate η, &gt; 0
   * @param beta1 β₁, in [0, 1)
   * @param beta2 β₂, in [0, 1)
   * @param epsilon ε, &gt; 0
   */
  record AmsGrad(double learningRate, double beta1, double beta2, double epsilon)
      implements OptimizerSpec {
    /**
     * Validates the hyperparameters.
     *
     * @param learningRate η, &gt; 0
     * @param beta1 β₁, in [0, 1)
     * @param beta2 β₂, in [0, 1)
     * @param epsilon ε, &gt; 0
     * @throws IllegalArgumentException if a value is out of range; the message names the
     *     parameter, the value and what is accepted
     */
    public AmsGrad {
      requireAdamFamily(OptimizerKind.AMSGRAD, learningRate, beta1, beta2, epsilon);
    }

    @Override
    public OptimizerKind kind() {
      return OptimizerKind.AMSGRAD;
    }

    @Override
    public Map<String, Double> hyperparameters() {
      return ordered(kind(), learningRate, beta1, beta2, epsilon);
    }
  }

  /** Throws if {@code kind} does not accept {@code value} for {@code name}. */
  private static void require(OptimizerKind kind, String name, double value) {
    kind.check(name, value).ifPresent(accepted -> {
      throw new IllegalArgumentException(name + " " + accepted + " (got " + value + ")");
    });
  }

  /** Validates the four hyperparameters shared by Adam, Nadam, AdaMax and AMSGrad. */
  private static void requireAdamFamily(OptimizerKind kind, double learningRate, double beta1,
      double beta2, double epsilon) {
    require(kind, "learningRate", learningRate);
    require(kind, "beta1", beta1);
    require(kind, "beta2", beta2);
    require(kind, "epsilon", epsilon);
  }

  /** Pairs values with the kind's parameter names, in order. */
  private static Map<String, Double> ordered(OptimizerKind kind, double... values) {
    List<String> names = kind.parameterNames();
    Map<String, Double> map = new LinkedHashMap<>();
    for (int i = 0; i < values.length; i++) {
      map.put(names.get(i), values[i]);
    }
    return Collections.unmodifiableMap(map);
  }
}
