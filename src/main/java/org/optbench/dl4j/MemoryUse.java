package org.optbench.dl4j;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.optbench.result.TrialMemory;

/** Measures a network trial's native memory; workspaces are per thread, so one trial per thread. */
final class MemoryUse {
  private MemoryUse() {}

  /**
   * Frees the calling thread's workspaces, so what {@link #of} later finds was reserved by the
   * trial about to run on it, not by an earlier one.
   */
  static void startTrial() {
    Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
  }

  /**
   * Frees the calling thread's workspaces after an inference pass (an evaluation), before
   * training goes on.
   *
   * <p>Why: DL4J 1.0.0-M2.1 names the workspaces of inference and training alike (e.g.
   * {@code WS_LAYER_WORKING_MEM}) and learns a workspace's size over its first cycles only. An
   * evaluation before the first step therefore sizes the working memory for inference, where the
   * oneDNN convolution leaves it empty; training then finds a workspace of 0 bytes and allocates
   * its working arrays outside it on every step. Measured on mnist-2c2d (batch 128, one thread):
   * about 6,000–9,500 minor page faults and 70–110 ms more CPU time per step than the same steps
   * without the evaluation; freeing the workspaces between the two brought both back (0 page
   * faults per step). Workspaces only decide where arrays live, so results stay bit-identical;
   * the next steps relearn the sizes training needs.
   */
  static void afterInference() {
    Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
  }

  /**
   * @param net the trained network
   * @return the memory it and the calling thread's workspaces hold (bytes)
   */
  static TrialMemory of(TrainedNet net) {
    long workspaces = 0;
    for (MemoryWorkspace ws : Nd4j.getWorkspaceManager().getAllWorkspacesForCurrentThread()) {
      workspaces += ws.getCurrentSize();
    }
    return new TrialMemory(bytes(net.params()), bytes(net.flattenedGradients()),
        bytes(net.updaterState()),
        workspaces);
  }

  /** @return bytes of an array's elements, 0 for null */
  static long bytes(INDArray a) {
    return a == null ? 0 : a.length() * a.dataType().width();
  }
}
