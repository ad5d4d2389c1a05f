package org.optbench.plugin.registry;

import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import org.optbench.plugin.PluginException;

/** Loading one kind of plugin service from the plugin jars, with one message for a bad entry. */
final class PluginServices {
  private PluginServices() {}

  /**
   * Hands every implementation of {@code type} that the loader's {@code META-INF/services}
   * files name to {@code register}, in their order.
   *
   * @param type the service interface
   * @param loader the plugin jars' class loader
   * @param noun what one implementation is called in the message, e.g. "problem"
   * @param register receives each implementation
   * @throws PluginException if a services entry names a class that cannot be loaded or
   *     instantiated, saying what such an entry must name
   */
  static <S> void forEach(Class<S> type, ClassLoader loader, String noun,
      Consumer<S> register) {
    try {
      for (S service : ServiceLoader.load(type, loader)) {
        register.accept(service);
      }
    } catch (ServiceConfigurationError e) {
      throw new PluginException("a plugin's " + noun + " cannot be loaded: " + e.getMessage()
          + "; each line of META-INF/services/" + type.getName() + " must name a public class"
          + " with a public no-argument constructor that implements " + type.getSimpleName(), e);
    }
  }
}
