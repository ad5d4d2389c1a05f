package org.optbench.jmh;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
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
import org.optbench.bench.UpdaterTable;
import org.optbench.dl4j.Backend;
import org.optbench.dl4j.Updaters;
import org.optbench.optimizer.OptimizerType;
import org.optbench.plugin.registry.OptimizerRegistry;

/**
 * One optimizer step of each DL4J updater with its default hyperparameters on a flat parameter
 * array: restore the gradient, let the updater turn it into the update (in place, as DL4J does)
 * and subtract the update from the parameters. The {@code copy} baseline restores the gradient
 * only; its time is subtracted from the others and gives the copy bandwidth that the memory bound
 * is computed from ({@link UpdaterTable}).
 *
 * <p>One native thread, as every trial runs: start with {@code OMP_NUM_THREADS=1}. Defaults are
 * short (one fork, a few one-second iterations); {@code -f 3 -wi 5 -i 10} gives tighter figures.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@State(Scope.Thread)
public class UpdaterStepBenchmark {
  /**
   * Iteration number passed to every step. Fixed, so Adam's and Nadam's bias corrections (which
   * depend on it) are the same scalars at every call.
   */
  private static final int ITERATION = 100;

  /** Optimizer id, or {@code copy} for the copy-only baseline. */
  @Param({"copy", "sgd", "nesterovs", "adagrad", "rmsprop", "adadelta", "adam", "nadam",
      "adamax", "amsgrad", "sgdm", "lion"})
  public String updater;

  /** Number of parameters. */
  @Param({"1000", "100000", "1000000"})
  public int size;

  /** Element type of parameters, gradient and state. */
  @Param({"float", "double"})
  public String dtype;

  private INDArray source;
  private INDArray gradient;
  private INDArray params;
  private GradientUpdater<?> step;

  /** Allocates the arrays and the updater state (as DL4J lays them out: row vectors). */
  @Setup(Level.Trial)
  public void setUp() {
    // Throws unless ND4J started with OMP_NUM_THREADS=1: its pool cannot be resized in the fork.
    Backend.pinThreads(1);
    DataType type = dtype.equals("float") ? DataType.FLOAT : DataType.DOUBLE;
    SplittableRandom random = new SplittableRandom(42);
    double[] values = new double[size];
    for (int i = 0; i < size; i++) {
      // Gradients of order 1, far from subnormals.
      values[i] = random.nextDouble(-1, 1);
    }
    source = Nd4j.create(values, new long[] {1, size}, type);
    gradient = Nd4j.zeros(type, 1, size);
    params = Nd4j.zeros(type, 1, size);
    if (!updater.equals(UpdaterTable.COPY)) {
      OptimizerType kind = OptimizerRegistry.builtIn().type(updater);
      IUpdater config = Updaters.toIUpdater(kind.create(Map.of()));
      long state = config.stateSize(size);
      step = config.instantiate(state == 0 ? null : Nd4j.zeros(type, 1, state), true);
    }
  }

  /**
   * The gradient is copied from a fixed source on every call, inside the measured method. The
   * updater overwrites the gradient with the update, so without the copy call k would start from
   * call k−1's update: Sgd would multiply the same array by η again and again until it is all
   * subnormal numbers (tens to hundreds of times slower on x86) and then zero, and the adaptive
   * updaters would feed their own output back in. The work would drift with the number of calls
   * JMH happens to make. With a fixed input the state converges to a fixed point (Adam's moments
   * to g and g², AdaGrad's sum grows linearly, parameters drift linearly), none near subnormals.
   */
  @Benchmark
  public INDArray step() {
    gradient.assign(source);
    if (step != null) {
      step.applyUpdater(gradient, ITERATION, 0);
      params.subi(gradient);
    }
    return params;
  }
}
