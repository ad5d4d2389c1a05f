package org.optbench.dl4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.optbench.problem.Architecture;

/**
 * Run by {@link CAllocatorBitsTest} in a JVM of its own, and by hand to count page faults: mnist-2c2d training steps at batch 128
 * on fixed data, on a thread other than the main one, printing after each step how many pages the training thread faulted in during it
 * (the minor faults of {@code /proc/thread-self/stat}), one line {@code faults STEP PAGES} each,
 * and at the end the hash of the trained parameters, {@code params HASH}.
 * Page faults, unlike times, do not depend on what else the machine is doing.
 */
public final class StepFaultsProbe {
  static final int BATCH = 128;

  private StepFaultsProbe() {}

  /**
   * @param args the number of steps
   * @throws InterruptedException if interrupted while waiting for the training thread
   */
  public static void main(String[] args) throws InterruptedException {
    int steps = Integer.parseInt(args[0]);
    // On a thread of its own, as the harness trains: glibc gives such a thread an arena of its
    // own, with the 64 MiB heap limit that the main thread's arena does not have.
    Thread training = new Thread(() -> train(steps), "training");
    training.start();
    training.join();
    System.out.flush();
  }

  private static void train(int steps) {
    Backend.pinThreads(1);
    MultiLayerNetwork net = Networks.classifier(Architecture.CONV_2C2D, new Adam(1e-3), 1);
    INDArray x = Nd4j.linspace(DataType.FLOAT, 0, 1.0 / (BATCH * Networks.PIXELS),
        (long) BATCH * Networks.PIXELS).reshape(BATCH, Networks.PIXELS);
    INDArray y = Nd4j.zeros(DataType.FLOAT, BATCH, Networks.CLASSES);
    for (int i = 0; i < BATCH; i++) {
      y.putScalar(i, i % Networks.CLASSES, 1);
    }
    DataSet batch = new DataSet(x, y);
    long before = minorFaults();
    for (int step = 1; step <= steps; step++) {
      net.fit(batch);
      long after = minorFaults();
      System.out.println("faults " + step + " " + (after - before));
      before = after;
    }
    System.out.println("params " + ParameterHash.of(net.params()));
  }

  /** @return the minor page faults of the calling thread so far (Linux) */
  static long minorFaults() {
    try {
      String stat = Files.readString(Path.of("/proc/thread-self/stat"));
      // Fields after the command name in parentheses: state is the first, minflt the eighth.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[7]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
