package org.optbench.optimizer;

import java.util.Arrays;

/**
 * Plain-double reference implementations of every update rule, written from the papers'
 * equations with DL4J's conventions as documented on each {@link OptimizerSpec} record: the
 * iteration t counts from 0, and {@link Reference#update} returns the update u to subtract
 * (θ ← θ − u).
 *
 * <p>Independent of ND4J, so the DL4J updaters can be checked against it.
 */
public final class ReferenceUpdaters {
  /** DL4J's hard-wired initial AdaGrad accumulator (its default AdaGrad ε). */
  public static final double ADAGRAD_INITIAL_ACCUMULATOR = 1e-6;

  /** Added to AdaMax's infinity norm at every step, in place of ε. */
  public static final double ADAMAX_TINY = 1e-32;

  private ReferenceUpdaters() {}

  /** One optimizer's state over a parameter of fixed size. */
  public interface Reference {
    /**
     * Advances the state by one iteration.
     *
     * @param grad gradient g_t (not modified)
     * @param iteration t, counting from 0
     * @return the update u_t to subtract from the parameter
     */
    double[] update(double[] grad, int iteration);
  }

  /**
   * Creates a reference updater with fresh state.
   *
   * @param spec optimizer and hyperparameters
   * @param n number of parameters
   * @return the reference updater
   */
  public static Reference of(OptimizerSpec spec, int n) {
    return switch (spec.id()) {
      case "sgd" -> new Sgd(spec);
      case "nesterovs" -> new Nesterovs(spec, n);
      case "adagrad" -> new AdaGrad(spec, n);
      case "rmsprop" -> new RmsProp(spec, n);
      case "adadelta" -> new AdaDelta(spec, n);
      case "adam" -> new Adam(spec, n);
      case "nadam" -> new Nadam(spec, n);
      case "adamax" -> new AdaMax(spec, n);
      case "amsgrad" -> new AmsGrad(spec, n);
      default -> throw new IllegalArgumentException("No reference for " + spec);
    };
  }

  /** Adam's bias-corrected step size α_t, with DL4J's fallback to ε for a degenerate value. */
  static double adamStepSize(double eta, double beta1, double beta2, double epsilon, int t) {
    double alpha = eta * Math.sqrt(1 - Math.pow(beta2, t + 1)) / (1 - Math.pow(beta1, t + 1));
    return degenerate(alpha) ? epsilon : alpha;
  }

  private static boolean degenerate(double x) {
    return x == 0 || Double.isNaN(x) || Double.isInfinite(x);
  }

  /** Robbins &amp; Monro: u = η·g. */
  public static final class Sgd implements Reference {
    private final double eta;

    Sgd(OptimizerSpec spec) {
      eta = spec.learningRate();
    }

    @Override
    public double[] update(double[] grad, int iteration) {
      double[] u = new double[grad.length];
      for (int i = 0; i < grad.length; i++) {
        u[i] = eta * grad[i];
      }
      return u;
    }
  }

  /** Nesterov momentum, velocity holding the step: v = μv − ηg, u = μv_prev − (1+μ)v. */
  public static final class Nesterovs implements Reference {
    private final double eta;
    private final double mu;
    /** Velocity v, initially 0. */
    public final double[] v;

    Nesterovs(OptimizerSpec spec, int n) {
      eta = spec.learningRate();
      mu = spec.hyperparameters().get("momentum");
      v = new double[n];
    }

    @Override
    public double[] update(double[] grad, int iteration) {
      double[] u = new double[grad.length];
      for (int i = 0; i < grad.length; i++) {
        double previous = v[i];
        v[i] = mu * previous - eta * grad[i];
        u[i] = mu * previous - (1 + mu) * v[i];
      }
      return u;
    }
  }

  /** Duchi et al.: h += g², u = ηg / (√h + ε), h starting at 1e−6. */
  public static final class AdaGrad implements Reference {
    private final double eta;
    private final double epsilon;
    /** Sum of squared gradients h. */
    public final double[] h;

    AdaGrad(OptimizerSpec spec, int n) {
      eta = spec.learningRate();
      epsilon = spec.hyperparameters().get("epsilon");
      h = new double[n];
      Arrays.fill(h, ADAGRAD_INITIAL_ACCUMULATOR);
    }

    @Override
    public double[] update(double[] grad, int iteration) {
      double[] u = new double[grad.length];
      for (int i = 0; i < grad.length; i++) {
        h[i] += grad[i] * grad[i];
        u[i] = eta * grad[i] / (Math.sqrt(h[i]) + epsilon);
      }
      return u;
    }
  }

  /** Tieleman &amp; Hinton: s = ρs + (1−ρ)g², u = ηg / (√s + ε), s starting at ε. */
  public static final class RmsProp implements Reference {
    private final double eta;
    private final double rho;
    private final double epsilon;
    /** Running average of squared gradients s. */
    public final double[] s;

    RmsProp(OptimizerSpec spec, int n) {
      eta = spec.learningRate();
      rho = spec.hyperparameters().get("rmsDecay");
      epsilon = spec.hyperparameters().get("epsilon");
      s = new double[n];
      Arrays.fill(s, epsilon);
    }

    @Override
    public double[] update(double[] grad, int iteration) {
      double[] u = new double[grad.length];
      for (int i = 0; i < grad.length; i++) {
        s[i] = rho * s[i] + (1 - rho) * grad[i] * grad[i];
        u[i] = eta * grad[i] / (Math.sqrt(s[i]) + epsilon);
      }
      return u;
    }
  }

  /** Zeiler, Algorithm 1: ε inside both roots, no learning rate. */
  public static final class AdaDelta implements Reference {
    private final double rho;
    private final double epsilon;
    /** E[g²]. */
    public final double[] a;
    /** E[Δθ²]. */
    public final double[] b;

    AdaDelta(OptimizerSpec spec, int n) {
      rho = spec.hyperparameters().get("rho");
      epsilon = spec.hyperparameters().get("epsilon");
      a = new double[n];
      b = new double[n];
    }

    @Override
    public double[] update(double[] grad, int iteration) {
      double[] u = new double[grad.length];
      for (int i = 0; i < grad.length; i++) {
        a[i] = rho * a[i] + (1 - rho) * grad[i] * grad[i];
        u[i] = grad[i] * Math.sqrt(b[i] + epsilon) / Math.sqrt(a[i] + epsilon);
        b[i] = rho * b[i] + (1 - rho) * u[i] * u[i];
      }
      return u;
    }
  }

  /** Kingma &amp; Ba, ε-hat form: u = α_t·m / (√v + ε). */
  public static final class Adam implements Reference {
    private final double eta;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    /** First moment m. */
    public final double[] m;
    /** Second moment v (uncorrected). */
    public final double[] v;

    Adam(OptimizerSpec spec, int n) {
      eta = spec.learningRate();
      beta1 = spec.hyperparameters().get("beta1");
      beta2 = spec.hyperparameters().get("beta2");
      epsilon = spec.hyperparameters().get("epsilon");
      m = new double[n];
      v = new double[n];
    }

    @Override
    public double[] update(double[] grad, int iteration) {
      double alpha = adamStepSize(eta, beta1, beta2, epsilon, iteration);
      double[] u = new double[grad.length];
      for (int i = 0; i < grad.length; i++) {
        m[i] = beta1 * m[i] + (1 - beta1) * grad[i];
        v[i] = beta2 * v[i] + (1 - beta2) * grad[i] * grad[i];
        u[i] = alpha * m[i] / (Math.sqrt(v[i]) + epsilon);
      }
      return u;
    }
  }

  /** Dozat's Nadam with DL4J's corrections: one shared 1 − β₁^(t+1), none on v. */
  public static final class Nadam implements Reference {
    private final double eta;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    /** First moment m. */
    public final double[] m;
    /** Second moment v (never corrected). */
    public final double[] v;

    Nadam(OptimizerSpec spec, int n) {
      eta = spec.learningRate();
      beta1 = spec.hyperparameters().get("beta1");
      beta2 = spec.hyperparameters().get("beta2");
      epsilon = spec.hyperparameters().get("epsilon");
      m = new double[n];
      v = new double[n];
    }

    @Override
    public double[] update(double[] grad, int iteration) {
      double correction = 1 - Math.pow(beta1, iteration + 1);
      double[] u = new double[grad.length];
      for (int i = 0; i < grad.length; i++) {
        m[i] = beta1 * m[i] + (1 - beta1) * grad[i];
        v[i] = beta2 * v[i] + (1 - beta2) * grad[i] * grad[i];
        double lookAhead = (beta1 * m[i] + (1 - beta1) * grad[i]) / correction;
        u[i] = eta * lookAhead / (Math.sqrt(v[i]) + epsilon);
      }
      return u;
    }
  }

  /** Kingma &amp; Ba, Algorithm 2: infinity norm w, no ε in the update. */
  public static final class AdaMax implements Reference {
    private final double eta;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    /** First moment m. */
    public final double[] m;
    /** Exponentially weighted infinity norm w. */
    public final double[] w;

    AdaMax(OptimizerSpec spec, int n) {
      eta = spec.learningRate();
      beta1 = spec.hyperparameters().get("beta1");
      beta2 = spec.hyperparameters().get("beta2");
      epsilon = spec.hyperparameters().get("epsilon");
      m = new double[n];
      w = new double[n];
    }

    @Override
    public double[] update(double[] grad, int iteration) {
      double alpha = eta / (1 - Math.pow(beta1, iteration + 1));
      if (degenerate(alpha)) {
        alpha = epsilon;
      }
      double[] u = new double[grad.length];
      for (int i = 0; i < grad.length; i++) {
        m[i] = beta1 * m[i] + (1 - beta1) * grad[i];
        w[i] = Math.max(beta2 * w[i], Math.abs(grad[i])) + ADAMAX_TINY;
        u[i] = alpha * m[i] / w[i];
      }
      return u;
    }
  }

  /** Reddi et al.: Adam's step with the running maximum of the uncorrected v. */
  public static final class AmsGrad implements Reference {
    private final double eta;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    /** First moment m. */
    public final double[] m;
    /** Second moment v (uncorrected). */
    public final double[] v;
    /** Running maximum v̂ of v. */
    public final double[] vHat;

    AmsGrad(OptimizerSpec spec, int n) {
      eta = spec.learningRate();
      beta1 = spec.hyperparameters().get("beta1");
      beta2 = spec.hyperparameters().get("beta2");
      epsilon = spec.hyperparameters().get("epsilon");
      m = new double[n];
      v = new double[n];
      vHat = new double[n];
    }

    @Override
    public double[] update(double[] grad, int iteration) {
      double alpha = adamStepSize(eta, beta1, beta2, epsilon, iteration);
      double[] u = new double[grad.length];
      for (int i = 0; i < grad.length; i++) {
        m[i] = beta1 * m[i] + (1 - beta1) * grad[i];
        v[i] = beta2 * v[i] + (1 - beta2) * grad[i] * grad[i];
        vHat[i] = Math.max(vHat[i], v[i]);
        u[i] = alpha * m[i] / (Math.sqrt(vHat[i]) + epsilon);
      }
      return u;
    }
  }
}
