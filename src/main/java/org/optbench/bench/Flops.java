package org.optbench.bench;

import java.util.List;
import org.optbench.problem.Architecture;

/**
 * The matrix products of one training step of each image network, and the FLOPs they count.
 *
 * <p>A dense layer {@code in → out} on a mini-batch of B examples is one product
 * {@code [B, in]·[in, out]}; a convolution is counted as its im2col product
 * {@code [B·H·W, kh·kw·cin]·[kh·kw·cin, cout]} (H×W output positions). A training step runs
 * three products of each shape (forward, input gradient, weight gradient), 2·m·k·n FLOPs each,
 * except that mnist-mlp's first layer ({@link org.optbench.dl4j.ReluDenseLayer}) computes no
 * input gradient, so none is counted. DL4J's own layers also recompute the forward product in
 * their backward pass; that repetition is not counted, as a step need not do it.
 * Activations, pooling, bias additions, the softmax and the updater are not counted: they are
 * linear in the activations or parameters, not in their product. The same shapes drive the gemm
 * reference benchmark, so its FLOP/s and a training step's FLOP/s count exactly the same work.
 */
public final class Flops {
  private Flops() {}

  /**
   * One product shape of a layer, for a mini-batch of B examples:
   * {@code [rowsPerExample·B, k]·[k, n]}.
   *
   * @param layer a short name for tables, e.g. {@code dense 784→1000}
   * @param rowsPerExample rows of the left factor per example (1 for dense layers, output positions
   *     for convolutions)
   * @param k inner dimension
   * @param n output columns
   * @param inputGradient whether the step computes the layer's input gradient (a third product)
   */
  public record Gemm(String layer, long rowsPerExample, long k, long n, boolean inputGradient) {
    /** @return m, the rows of the left factor, for {@code batch} examples */
    public long m(int batch) {
      return rowsPerExample * batch;
    }

    /** @return FLOPs of the forward, weight-gradient and (if computed) input-gradient products */
    public double trainingFlops(int batch) {
      return (inputGradient ? 3 : 2) * 2.0 * m(batch) * k * n;
    }
  }

  /**
   * @param architecture an image network ({@link org.optbench.problem.Architecture})
   * @return its layers' product shapes, input to output
   */
  public static List<Gemm> layers(Architecture architecture) {
    return switch (architecture) {
      case LOGREG -> List.of(dense(784, 10));
      case MLP -> List.of(new Gemm("dense 784→1000", 1, 784, 1000, false), dense(1000, 500),
          dense(500, 100), dense(100, 10));
      // 'Same' padding keeps 28×28 and 14×14; each max-pool halves the side.
      case CONV_2C2D -> List.of(
          new Gemm("conv 5×5×1→32", 28 * 28, 5 * 5, 32, true),
          new Gemm("conv 5×5×32→64", 14 * 14, 5 * 5 * 32, 64, true),
          dense(7 * 7 * 64, 1024),
          dense(1024, 10));
      // CIFAR-10's 32×32: 'valid' 5×5 gives 28×28, pooling 14×14, 'valid' 3×3 12×12, pooling
      // 6×6, 'same' 3×3 keeps 6×6, pooling 3×3.
      case CONV_3C3D -> List.of(
          new Gemm("conv 5×5×3→64", 28 * 28, 5 * 5 * 3, 64, true),
          new Gemm("conv 3×3×64→96", 12 * 12, 3 * 3 * 64, 96, true),
          new Gemm("conv 3×3×96→128", 6 * 6, 3 * 3 * 96, 128, true),
          dense(3 * 3 * 128, 512),
          dense(512, 256),
          dense(256, 10));
    };
  }

  /**
   * @param architecture an image network
   * @param batch examples in the mini-batch
   * @return FLOPs counted for one training step (see the class documentation)
   */
  public static double trainingStep(Architecture architecture, int batch) {
    return layers(architecture).stream().mapToDouble(g -> g.trainingFlops(batch)).sum();
  }

  /**
   * @param problemId an image problem id, e.g. {@code mnist-mlp} or {@code fashion-mnist-2c2d}
   * @return its architecture
   * @throws IllegalArgumentException if the id names no image network
   */
  public static Architecture architectureOf(String problemId) {
    for (Architecture a : Architecture.values()) {
      if (problemId.endsWith("-" + a.suffix())) {
        return a;
      }
    }
    throw new IllegalArgumentException(problemId + " is not an image problem");
  }

  private static Gemm dense(int in, int out) {
    return new Gemm("dense " + in + "→" + out, 1, in, out, true);
  }
}
