package org.optbench.config;

import java.util.function.BiConsumer;
import java.util.function.Supplier;
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
    ProblemPlugin.Data data = ask(found.plugin()::data, "data", who, path, error);
    if (data == null) {
      return null;
    }
    String network = ask(found.plugin()::network, "network", who, path, error);
    if (network == null) {
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

  /**
   * Calls one of the plugin's methods, which may throw or return null.
   *
   * @param call the method, e.g. {@code plugin::data}
   * @param what what it gives, "data" or "network" (also the method's name)
   * @return its value, or null after recording that it threw or gave nothing
   */
  private static <T> T ask(Supplier<T> call, String what, String who, String path,
      BiConsumer<String, String> error) {
    T value;
    try {
      value = call.get();
    } catch (RuntimeException | LinkageError e) {
      error.accept(path + ".id", who + " failed to give its " + what + ": " + e);
      return null;
    }
    if (value == null) {
      error.accept(path + ".id", who + " gave no " + what + " (" + what + "() returned null)");
    }
    return value;
  }

  private static PluginProblem.Examples examples(ProblemPlugin.Part part) {
    return part == null ? null : new PluginProblem.Examples(part.features(), part.labels());
  }
}
