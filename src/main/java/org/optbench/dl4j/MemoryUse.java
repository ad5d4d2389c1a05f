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
