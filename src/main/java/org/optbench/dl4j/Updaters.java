package org.optbench.dl4j;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.optbench.optimizer.OptimizerSpec;
import org.optbench.plugin.registry.OptimizerRegistry;

/**
 * Turns {@link OptimizerSpec}s into DL4J updater configurations through the provider behind each
 * spec's type (built-in or plugin alike).
 *
 * <p>Every hyperparameter is set explicitly from the spec, so no DL4J default applies silently;
 * no learning-rate or momentum schedule is set.
 */
public final class Updaters {
  private Updaters() {}

  /**
   * Builds the DL4J updater config for a spec.
   *
   * @param spec the optimizer and its hyperparameters
   * @return a new config object carrying exactly the spec's values
   * @throws IllegalArgumentException if the spec's type did not come from the registry
   */
  public static IUpdater toIUpdater(OptimizerSpec spec) {
    Objects.requireNonNull(spec, "spec");
    return withPluginLoader(spec, () -> OptimizerRegistry.providerType(spec).provider()
        .updater(spec.hyperparameters()));
  }

  /**
   * @param spec the optimizer and its hyperparameters
   * @return the DL4J regularizations the optimizer needs on every weight and bias (AdamW's and
   *     Lion's decoupled weight decay); empty for most
   */
  public static List<Regularization> regularization(OptimizerSpec spec) {
    return List.copyOf(OptimizerRegistry.providerType(spec).provider()
        .regularization(spec.hyperparameters()));
  }

  /**
   * Runs {@code work} with the optimizer's class loader as the thread's context class loader,
   * and restores the previous one after. ND4J's shaded Jackson resolves the {@code @class} of an
   * updater in a network's JSON (every checkpoint holds one) through the context class loader,
   * so a plugin updater is found only inside this.
   *
   * @param spec the optimizer
   * @param work what to run
   * @param <T> its result
   * @return the result of {@code work}
   */
  public static <T> T withPluginLoader(OptimizerSpec spec, Supplier<T> work) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(OptimizerRegistry.providerType(spec).classLoader());
    try {
      return work.get();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }
}
