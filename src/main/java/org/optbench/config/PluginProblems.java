package org.optbench.config;

import java.util.function.BiConsumer;
import org.optbench.data.DataException;
import org.optbench.plugin.ProblemPlugin;
import org.optbench.plugin.registry.ProblemPlugins;
import org.optbench.problem.NetworkFileException;
import org.optbench.problem.PluginProblem;

/**
 * Turns a problem written in Java ({@link ProblemPlugin}) into the problem a config resolves to:
 * its data and network are asked for once, checked, and hashed here, so a plugin that throws or
 * gives bad data stops the run before anything is written.
 */
final class PluginProblems {
  private PluginProblems() {}

  /**
   * @param found the plugin
   * @param id the problem id the config names
   * @param path the config path of the problem entry, for errors
   * @param error records a config error: path, message
   * @return the problem, or null after recording why it cannot be used (the plugin threw, naming
   *     its class and jar; bad data; a network that cannot be used or does not fit the data)
   */
  static PluginProblem load(ProblemPlugins.Found found, String id, String path,
      BiConsumer<String, String> error) {
    String who = "problem '" + id + "' of " + found.className() + " (" + found.where() + ")";
    ProblemPlugin.Data data;
    String network;
    try {
      data = found.plugin().data();
    } catch (RuntimeException | LinkageError e) {
      error.accept(path + ".id", who + " failed to give its data: " + e);
      return null;
    }
    if (data == null) {
      error.accept(path + ".id", who + " gave no data (data() returned null)");
      return null;
    }
    try {
      network = found.plugin().network();
    } catch (RuntimeException | LinkageError e) {
      error.accept(path + ".id", who + " failed to give its network: " + e);
      return null;
    }
    if (network == null) {
      error.accept(path + ".id", who + " gave no network (network() returned null)");
      return null;
    }
    PluginProblem.Origin origin = found.jar()
        .map(j -> new PluginProblem.Origin(found.className(), j.path(), j.sha256()))
        .orElse(new PluginProblem.Origin(found.className(), null, null));
    try {
      return PluginProblem.load(id, origin, data.shape(), data.classes(),
          examples(data.train()), examples(data.validation()), examples(data.test()), network);
    } catch (DataException | NetworkFileException e) {
      error.accept(path + ".id", who + ": " + e.getMessage());
      return null;
    }
  }

  private static PluginProblem.Examples examples(ProblemPlugin.Part part) {
    return part == null ? null : new PluginProblem.Examples(part.features(), part.labels());
  }
}
