package org.optbench.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import org.optbench.config.Defaults;
import java.nio.file.Path;
import java.util.List;
import org.optbench.optimizer.OptimizerType;
import org.optbench.plugin.registry.OptimizerRegistry;
import org.optbench.plugin.registry.PluginJars;
import org.optbench.plugin.registry.ProblemPlugins;
import org.optbench.problem.ProblemCatalog;
import org.optbench.problem.ProblemInfo;
import org.optbench.problem.ProblemParameter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code optbench list}: problems with their parameters, optimizers with their defaults. */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = "List the problems, the optimizers and every default.")
final class ListCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Option(names = "--plugins", paramLabel = "DIR_OR_JAR", split = ",", description = "Also list"
      + " the optimizers and problems these plugin jars (or folders of jars) provide.")
  List<Path> plugins = List.of();

  @Override
  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    // Open the plugin path first: a bad path is an error before anything is listed.
    OptimizerRegistry registry = OptimizerRegistry.with(PluginJars.open(plugins));
    out.println("Problems (config: problems[].id, parameters under params:)");
    for (ProblemInfo p : ProblemCatalog.all()) {
      out.printf(Locale.ROOT, "  %-22s %s (divergenceFactor %s)%n", p.id(), p.description(),
          new java.math.BigDecimal(p.divergenceFactor()).stripTrailingZeros().toPlainString());
      for (ProblemParameter param : p.parameters()) {
        out.printf("      %-20s default %-14s %s%n", param.name(),
            param.defaultValue() == null ? "(derived)" : param.defaultValue(),
            param.description());
      }
    }
    List<ProblemPlugins.Found> fromJars = ProblemPlugins.with(registry.jars()).all();
    if (!fromJars.isEmpty()) {
      out.println("Problems from plugins (config: problems[].id; no params)");
      for (ProblemPlugins.Found p : fromJars) {
        out.printf("  %-22s %s   plugin %s (%s)%n", p.plugin().id(), p.plugin().description(),
            p.className(), p.where());
      }
    }
    out.println();
    out.println("Optimizers (config: optimizers[].name, hyperparameters by DL4J name; defaults"
        + " of DL4J's updaters are DL4J 1.0.0-M2.1's)");
    for (OptimizerType type : registry.all()) {
      StringBuilder defaults = new StringBuilder();
      for (Map.Entry<String, Double> e : type.defaults().entrySet()) {
        defaults.append(' ').append(e.getKey()).append('=').append(e.getValue());
      }
      String from = type.origin().flatMap(o -> o.jarPath()).map(j -> "   plugin " + j)
          .orElse("");
      out.printf("  %-10s %-9s%s%s%s%n", type.id(), type.label(), defaults,
          type.paper().isEmpty() ? "" : "   [" + type.paper() + "]", from);
      if (!type.equation().isEmpty()) {
        out.printf("  %-10s %s%n", "", type.equation());
      }
    }
    out.println("  Any DL4J updater class on the plugin path: {class: org.example.MyUpdater, ...},"
        + " its numeric bean properties as hyperparameters (see docs/optimizers.md)");
    out.println();
    out.println("Protocol defaults (config: defaults: or per problem)");
    out.printf(Locale.ROOT, "  batchSize %d, epochs %d (analytic problems: steps %d),"
        + " evalEvery epoch, lossEvery %d, divergenceFactor per problem (above), threads %d,"
        + " seeds %s; each epoch a uniform permutation of the examples (shuffleBuffer: N streams"
        + " them through an N-example buffer, as TensorFlow's Dataset.shuffle; none is the"
        + " permutation)%n",
        Defaults.BATCH_SIZE, Defaults.EPOCHS, Defaults.ANALYTIC_STEPS, Defaults.LOSS_EVERY,
        Defaults.THREADS, Defaults.SEEDS);
    out.println("  protocol: grid (every grid point x seed) or tune-then-evaluate (tuning: {search:"
        + " random|grid, budget: " + Defaults.TUNING_BUDGET + ", seed: " + Defaults.TUNING_SEED
        + "}, seeds 0-9, defaultsArm: true); random search"
        + " domains: {logUniform: [low, high]}, {uniform: [low, high]}, lists");
    out.println();
    out.println("Not included: AdaBelief (its DL4J 1.0.0-M2.1 updater fails inside networks).");
    out.flush();
  }
}
