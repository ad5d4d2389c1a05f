package org.optbench.result;

/**
 * Native (off-heap) memory one network trial held at its end, in bytes. Workspaces only grow, so
 * their size at the end is their peak; with the network's own arrays this is the trial's peak
 * native memory. Not included: the data sets, loaded once per process and shared read-only by all
 * trials, the mini-batch being gathered (one batch, outside the workspaces) and the Java heap.
 *
 * @param parameters the flattened parameter vector (bytes)
 * @param gradients the flattened gradient vector (bytes)
 * @param updaterState the updater's state, e.g. Adam's two moment vectors (bytes; 0 for Sgd)
 * @param workspaces ND4J workspaces of the trial's thread: activations, backward-pass working
 *     memory and evaluation outputs (bytes)
 */
public record TrialMemory(long parameters, long gradients, long updaterState, long workspaces) {

  /** @return the sum of the parts (bytes) */
  public long total() {
    return parameters + gradients + updaterState + workspaces;
  }
}
