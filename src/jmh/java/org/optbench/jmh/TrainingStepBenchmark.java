package org.optbench.jmh;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.optbench.bench.Flops;
import org.optbench.data.DatasetId;
import org.optbench.data.DatasetRepository;
import org.optbench.dl4j.Backend;
import org.optbench.dl4j.ImageTensors;
import org.optbench.dl4j.Networks;
import org.optbench.dl4j.Updaters;
import org.optbench.plugin.registry.OptimizerRegistry;
import org.optbench.problem.Architecture;

/**
 * One training iteration ({@code fit} on one MNIST mini-batch) of an image network, and as its
 * reference the same matrix products alone into preallocated outputs, once through
 * {@code Nd4j.gemm} and once through ND4J's {@code matmul} op: for every layer the forward
 * product, the input-gradient product and the weight-gradient product ({@link Flops}). All count
 * the same FLOPs, so the ratio of their times is the fraction of gemm speed that a training step
 * reaches.
 *
 * <p>Needs MNIST (found as {@code optbench run} finds it, e.g. through {@code OPTBENCH_DATA};
 * nothing is downloaded). One native thread, as every trial runs: start with
 * {@code OMP_NUM_THREADS=1}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@State(Scope.Thread)
public class TrainingStepBenchmark {
  /** Mini-batches cycled through, so the network trains on changing real data. */
  private static final int BATCHES = 8;

  /** Image problem id. */
  @Param({"mnist-logreg", "mnist-mlp", "mnist-2c2d"})
  public String problem;

  /** Examples per mini-batch. */
  @Param({"128"})
  public int batch;

  /** Optimizer id, with DL4J's default hyperparameters. */
  @Param({"sgd"})
  public String updater;

  private MultiLayerNetwork net;
  private final List<DataSet> batches = new ArrayList<>();
  private int next;
  private final List<INDArray[]> products = new ArrayList<>();

  /** Builds the network, gathers the mini-batches and allocates the gemm operands. */
  @Setup(Level.Trial)
  public void setUp() {
    // Throws unless ND4J started with OMP_NUM_THREADS=1: its pool cannot be resized in the fork.
    Backend.pinThreads(1);
    Architecture architecture = Flops.architectureOf(problem);
    net = Networks.classifier(architecture,
        Updaters.toIUpdater(OptimizerRegistry.builtIn().type(updater).create(Map.of())), 0);
    ImageTensors mnist = ImageTensors.of(
        DatasetRepository.fromEnvironment(Optional.empty(), false).load(DatasetId.MNIST));
    for (int b = 0; b < BATCHES; b++) {
      // dup(): contiguous copies, as the harness's gathered mini-batches are.
      batches.add(new DataSet(
          mnist.trainFeatures().get(rows(b)).dup(), mnist.trainLabels().get(rows(b)).dup()));
    }
    for (Flops.Gemm g : Flops.layers(architecture)) {
      long m = g.m(batch);
      // Column-major, BLAS's own layout, so no operand is copied or transposed in memory.
      INDArray a = Nd4j.rand(DataType.FLOAT, 'f', m, g.k());
      INDArray w = Nd4j.rand(DataType.FLOAT, 'f', g.k(), g.n());
      INDArray delta = Nd4j.rand(DataType.FLOAT, 'f', m, g.n());
      // A null input-gradient output: the step does not compute that product (see Flops).
      products.add(new INDArray[] {a, w, delta, Nd4j.createUninitialized(DataType.FLOAT,
          new long[] {m, g.n()}, 'f'), !g.inputGradient() ? null : Nd4j.createUninitialized(
          DataType.FLOAT, new long[] {m, g.k()}, 'f'), Nd4j.createUninitialized(DataType.FLOAT,
          new long[] {g.k(), g.n()}, 'f')});
    }
  }

  private INDArrayIndex rows(int b) {
    return NDArrayIndex.interval((long) b * batch, (long) (b + 1) * batch);
  }

  /** @return the mini-batch loss, so the step cannot be optimised away */
  @Benchmark
  public double fit() {
    net.fit(batches.get(next));
    next = (next + 1) % BATCHES;
    return net.score();
  }

  /** @return the last output, so the products cannot be optimised away */
  @Benchmark
  public INDArray gemm() {
    // BLAS (OpenBLAS) through ND4J's gemm entry point.
    INDArray last = null;
    for (INDArray[] p : products) {
      Nd4j.gemm(p[0], p[1], p[3], false, false, 1.0, 0.0); // forward: A·W
      if (p[4] != null) {
        Nd4j.gemm(p[2], p[1], p[4], false, true, 1.0, 0.0); // input gradient: Δ·Wᵀ
      }
      Nd4j.gemm(p[0], p[2], p[5], true, false, 1.0, 0.0); // weight gradient: Aᵀ·Δ
      last = p[5];
    }
    return last;
  }

  /**
   * The same products through ND4J's {@code matmul} op ({@code mmuli} into the preallocated
   * outputs), the op DL4J's layers call; it need not take the same path as {@code Nd4j.gemm}.
   *
   * @return the last output, so the products cannot be optimised away
   */
  @Benchmark
  public INDArray mmul() {
    INDArray last = null;
    for (INDArray[] p : products) {
      p[0].mmuli(p[1], p[3]);
      if (p[4] != null) {
        p[2].mmuli(p[1].transpose(), p[4]);
      }
      p[0].transpose().mmuli(p[2], p[5]);
      last = p[5];
    }
    return last;
  }
}
