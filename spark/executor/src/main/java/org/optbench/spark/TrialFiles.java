package org.optbench.spark;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a task sends back to the driver: the files of the trial folder it trained (curves, and
 * {@code result.json} last written), as UTF-8 text by path relative to the folder; or, when the
 * trial could not even be rebuilt on the executor, why.
 *
 * @param host the executor's host name, named in failures
 * @param files the folder's files without {@code spec.json} and the checkpoint, which stay on the
 *     driver; empty when {@code error} is set
 * @param error null, or why the executor could not train the trial
 */
record TrialFiles(String host, Map<String, String> files, String error) implements Serializable {
  TrialFiles {
    files = new TreeMap<>(files);
  }
}
