package org.optbench.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.optbench.data.DatasetRepository;
import org.optbench.problem.Architecture;

/**
 * The convolutional network's training speed: mnist-2c2d steps (Adam, batch 128) through the full
 * harness and through a bare DL4J fit loop ({@link HarnessOverhead}), as milliseconds per step
 * and as GFLOP/s of the products a step counts ({@link Flops}), set against a plain
 * {@code Nd4j.gemm} of conv2's im2col shape measured in the same process.
 */
public final class ConvBench {
  /** The problem timed. */
  static final String PROBLEM = "mnist-2c2d";
  /** Untimed steps first: oneDNN creates its primitives and the JIT compiles DL4J. */
  static final int WARM_UP_STEPS = 5;
  /** Untimed products before each round of the gemm reference. */
  private static final int GEMM_WARM_UPS = 2;
  /** Timed products per round of the gemm reference; the round's median counts. */
  private static final int GEMM_PER_ROUND = 9;
  private static final int BATCH = 128;

  /**
   * @param steps harness and bare-loop timings (steps 2..N of each run)
   * @param gemm the reference product, as in {@link Flops}
   * @param gemmGflops GFLOP/s of the reference product, one value per round
   * @param stepGflop GFLOP a training step counts ({@link Flops#trainingStep})
   */
  public record Result(HarnessOverhead.Result steps, Flops.Gemm gemm, Spread gemmGflops,
      double stepGflop) {
    /** @return the harness's GFLOP/s, from its median step times */
    public Spread harnessGflops() {
      return rate(steps.harnessMedianStep());
    }

    /** @return the bare loop's GFLOP/s, from its median step times */
    public Spread bareGflops() {
      return rate(steps.bareMedianStep());
    }

    private Spread rate(Spread stepSeconds) {
      // GFLOP / seconds falls as the time rises, so the ends swap.
      return new Spread(stepGflop / stepSeconds.max(), stepGflop / stepSeconds.median(),
          stepGflop / stepSeconds.min(), stepSeconds.count());
    }
  }

  private ConvBench() {}

  /**
   * @param repository where MNIST is found
   * @param steps optimizer steps per run (≥ 2, at most one epoch)
   * @param repeats runs of each kind, and rounds of the gemm reference (≥ 1)
   * @param log told about each run as it ends
   * @return the measurements
   */
  public static Result measure(DatasetRepository repository, int steps, int repeats,
      PrintWriter log) {
    HarnessOverhead.Result timed = HarnessOverhead.measure(repository, PROBLEM, steps,
        WARM_UP_STEPS, repeats, log);
    // conv2's product: the largest of the step (about 70 % of its counted FLOPs).
    Flops.Gemm gemm = Flops.layers(Architecture.CONV_2C2D).get(1);
    Spread gflops = gemmGflops(gemm, repeats);
    return new Result(timed, gemm, gflops,
        Flops.trainingStep(Architecture.CONV_2C2D, BATCH) / 1e9);
  }

  /** GFLOP/s of {@code [m, k]·[k, n]} into a preallocated row-major result, median per round. */
  private static Spread gemmGflops(Flops.Gemm gemm, int rounds) {
    long m = gemm.m(BATCH);
    INDArray a = Nd4j.rand(DataType.FLOAT, m, gemm.k());
    INDArray b = Nd4j.rand(DataType.FLOAT, gemm.k(), gemm.n());
    INDArray c = Nd4j.create(DataType.FLOAT, new long[] {m, gemm.n()}, 'c');
    double flop = 2.0 * m * gemm.k() * gemm.n();
    List<Double> perRound = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      for (int i = 0; i < GEMM_WARM_UPS; i++) {
        Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
      }
      List<Double> seconds = new ArrayList<>();
      for (int i = 0; i < GEMM_PER_ROUND; i++) {
        long start = System.nanoTime();
        Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
        seconds.add((System.nanoTime() - start) / 1e9);
      }
      perRound.add(flop / Spread.of(seconds).median() / 1e9);
    }
    return Spread.of(perRound);
  }
}
