package org.optbench.problem;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

/**
 * A synthetic least-squares data set whose loss surface is a ravine of chosen condition number.
 *
 * <p>Features are {@code X = √n · Q · diag(√λ) · R}, where Q ({@code [n, d]}) has orthonormal
 * columns (the Q factor of a seeded Gaussian matrix), λ is log-spaced from 1 to κ, and R is a seeded
 * random rotation. Hence the Gram matrix {@code G = XᵀX / n = Rᵀ diag(λ) R} has condition number
 * exactly κ. Targets are {@code y = X w* + σ ε} with w* and ε standard normal.
 *
 * <p>With DL4J's mean squared error over one output, {@code L(w) = (1/n) Σ (yᵢ − xᵢ·w)² =
 * wᵀGw − 2bᵀw + c}, whose Hessian 2G has the same condition number κ; the minimiser
 * ŵ = G⁻¹b is computed in closed form (Cholesky) and L(w) − L(ŵ) = (w − ŵ)ᵀ G (w − ŵ) exactly.
 *
 * @param dimension d, the number of weights
 * @param kappa κ, condition number of the Gram matrix
 * @param noise σ, standard deviation of the target noise
 * @param features training features, row-major {@code [n, d]}
 * @param targets training targets {@code [n]}
 * @param testFeatures held-out features from the same distribution, row-major {@code [nTest, d]}
 * @param testTargets held-out targets {@code [nTest]}
 * @param trueWeights w*, the weights that generated the targets {@code [d]}
 * @param optimum ŵ, the least-squares minimiser of the training loss {@code [d]}
 * @param gram G = XᵀX / n {@code [d, d]}
 * @param optimalLoss L(ŵ), the training loss at the minimiser
 */
public record RavineRegressionData(
    int dimension,
    double kappa,
    double noise,
    double[] features,
    double[] targets,
    double[] testFeatures,
    double[] testTargets,
    double[] trueWeights,
    double[] optimum,
    double[][] gram,
    double optimalLoss) {

  /**
   * Generates the data set; the same arguments always give bit-identical arrays.
   *
   * @param dimension d ≥ 1
   * @param kappa κ ≥ 1
   * @param samples n ≥ d, training examples
   * @param testSamples held-out examples, ≥ 1
   * @param noise σ ≥ 0
   * @param seed seed of every random draw
   * @return the data set
   * @throws IllegalArgumentException if an argument is out of range
   */
  public static RavineRegressionData generate(
      int dimension, double kappa, int samples, int testSamples, double noise, long seed) {
    if (dimension < 1 || !(kappa >= 1) || Double.isInfinite(kappa) || samples < dimension
        || testSamples < 1 || !(noise >= 0)) {
      throw new IllegalArgumentException(
          "ravine-regression needs dimension >= 1, kappa >= 1, samples >= dimension, testSamples"
              + " >= 1 and noise >= 0");
    }
    SplittableRandom random = new SplittableRandom(seed);
    RealMatrix rotation = orthonormal(gaussian(random, dimension, dimension));
    double[] scale = new double[dimension];
    for (int i = 0; i < dimension; i++) {
      double exponent = dimension == 1 ? 0 : (double) i / (dimension - 1);
      scale[i] = Math.sqrt(Math.pow(kappa, exponent));
    }
    double[] trueWeights = gaussian(random, 1, dimension).getRow(0);

    RealMatrix q = orthonormal(gaussian(random, samples, dimension)).scalarMultiply(
        Math.sqrt(samples));
    RealMatrix x = shape(q, scale, rotation);
    double[] y = targets(x, trueWeights, noise, random);
    // Test data is drawn from the same distribution but is not whitened.
    RealMatrix xTest = shape(gaussian(random, testSamples, dimension), scale, rotation);
    double[] yTest = targets(xTest, trueWeights, noise, random);

    RealMatrix gram = x.transpose().multiply(x).scalarMultiply(1.0 / samples);
    RealVector b = x.transpose().operate(new ArrayRealVector(y)).mapDivide(samples);
    RealVector optimum = new CholeskyDecomposition(gram).getSolver().solve(b);
    double c = Arrays.stream(y).map(v -> v * v).sum() / samples;
    double optimalLoss = c - b.dotProduct(optimum);
    return new RavineRegressionData(dimension, kappa, noise, flatten(x), y, flatten(xTest), yTest,
        trueWeights, optimum.toArray(), gram.getData(), optimalLoss);
  }

  /** @return n, the number of training examples */
  public int samples() {
    return targets.length;
  }

  /**
   * L(w) − L(ŵ) = (w − ŵ)ᵀ G (w − ŵ), exact for a quadratic.
   *
   * @param w weights {@code [d]}
   * @return the training-loss suboptimality, ≥ 0
   */
  public double suboptimality(double[] w) {
    double total = 0;
    for (int i = 0; i < dimension; i++) {
      for (int j = 0; j < dimension; j++) {
        total += (w[i] - optimum[i]) * gram[i][j] * (w[j] - optimum[j]);
      }
    }
    return total;
  }

  /**
   * @param w weights {@code [d]}
   * @return ‖w − ŵ‖₂
   */
  public double distanceToOptimum(double[] w) {
    double total = 0;
    for (int i = 0; i < dimension; i++) {
      total += (w[i] - optimum[i]) * (w[i] - optimum[i]);
    }
    return Math.sqrt(total);
  }

  /** @return the condition number of G measured from its eigenvalues (κ up to rounding) */
  public double measuredConditionNumber() {
    double[] eigen = new EigenDecomposition(new Array2DRowRealMatrix(gram)).getRealEigenvalues();
    double max = Arrays.stream(eigen).max().orElseThrow();
    double min = Arrays.stream(eigen).min().orElseThrow();
    return max / min;
  }

  private static RealMatrix gaussian(SplittableRandom random, int rows, int cols) {
    double[][] data = new double[rows][cols];
    for (double[] row : data) {
      for (int j = 0; j < cols; j++) {
        row[j] = Gaussian.normal(random);
      }
    }
    return new Array2DRowRealMatrix(data, false);
  }

  /**
   * The thin Q factor of {@code m = QR} with diag(R) &gt; 0 (unique), as {@code m · R⁻¹} where
   * {@code Rᵀ} is the Cholesky factor of {@code mᵀm}: this never forms the {@code [n, n]} Q.
   */
  private static RealMatrix orthonormal(RealMatrix m) {
    RealMatrix r = new CholeskyDecomposition(m.transpose().multiply(m)).getLT();
    return m.multiply(new QRDecomposition(r).getSolver().getInverse());
  }

  private static RealMatrix shape(RealMatrix z, double[] scale, RealMatrix rotation) {
    RealMatrix scaled = z.copy();
    for (int j = 0; j < scale.length; j++) {
      scaled.setColumnVector(j, z.getColumnVector(j).mapMultiply(scale[j]));
    }
    return scaled.multiply(rotation);
  }

  private static double[] targets(RealMatrix x, double[] w, double noise, SplittableRandom random) {
    double[] y = x.operate(w);
    for (int i = 0; i < y.length; i++) {
      y[i] += noise * Gaussian.normal(random);
    }
    return y;
  }

  private static double[] flatten(RealMatrix m) {
    int rows = m.getRowDimension();
    int cols = m.getColumnDimension();
    double[] out = new double[rows * cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        out[i * cols + j] = m.getEntry(i, j);
      }
    }
    return out;
  }
}
