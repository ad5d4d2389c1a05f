package org.optbench.dl4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.optbench.bench.Flops;

/**
 * One epoch checkpoint's model file, as the harness writes it ({@link ModelArchive}: DL4J's
 * archive, entries uncompressed) and as DL4J's {@link ModelSerializer#writeModel} writes it
 * (entries deflated), for a network with Adam's state after one step. Needs no data. The ratio of
 * the two is what the uncompressed archive saves at each epoch boundary; set against an epoch's
 * training time it is the share of a trial's wall time spent checkpointing.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@State(Scope.Thread)
public class CheckpointWriteBenchmark {
  /** Image problem id: its network is checkpointed. */
  @Param({"mnist-mlp", "mnist-2c2d"})
  public String problem;

  private TrainedNet net;
  private Path file;

  /** Builds the network and takes one Adam step, so the updater state exists. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    Backend.start();
    MultiLayerNetwork layers = Networks.classifier(Flops.architectureOf(problem),
        new Adam(1e-3), 0);
    INDArray features = Nd4j.rand(DataType.FLOAT, 128, 784);
    INDArray labels = Nd4j.zeros(DataType.FLOAT, 128, 10);
    for (int i = 0; i < 128; i++) {
      labels.putScalar(i, i % 10, 1f);
    }
    layers.fit(new DataSet(features, labels));
    net = TrainedNet.of(layers);
    file = Files.createTempFile("checkpoint-", ".zip");
  }

  /** Deletes the file written. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    Files.deleteIfExists(file);
  }

  /** @return the file's size, so the write is not optimised away */
  @Benchmark
  public long uncompressed() throws IOException {
    ModelArchive.write(net, file);
    return Files.size(file);
  }

  /** @return the file's size, so the write is not optimised away */
  @Benchmark
  public long deflatedByDl4j() throws IOException {
    ModelSerializer.writeModel(net.model(), file.toFile(), true);
    return Files.size(file);
  }
}
