package org.optbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.optbench.UserInputException;
import org.optbench.platform.NativesCheck;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Entry point: {@code optbench run CONFIG}, {@code optbench report RESULTS_DIR}, {@code optbench
 * list}, {@code optbench --help}.
 */
@Command(name = "optbench", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Compare neural-network optimizers (DL4J updaters) on MNIST, Fashion-MNIST and"
        + " synthetic ravines, recording convergence curves.",
    subcommands = {RunCommand.class, ReportCommand.class, ExportCommand.class,
        ReproduceCommand.class, ListCommand.class, BenchCommand.class, RunTrialCommand.class,
        CommandLine.HelpCommand.class},
    footer = {"", "Exit codes: 0 success, 1 internal error, 2 bad input (config, data, arguments),"
        + " 3 some trials failed, 4 reproduce: the curves differ."})
public final class Main implements java.util.concurrent.Callable<Integer> {
  /** Exit code for bad user input. */
  public static final int EXIT_USER_ERROR = 2;
  /** Exit code when every trial ran but some ended FAILED. */
  public static final int EXIT_TRIALS_FAILED = 3;
  /** Exit code of {@code reproduce} when the trial's curves came out different. */
  public static final int EXIT_DIFFERS = 4;

  @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
      description = "Print stack traces for errors.")
  boolean debug;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /**
   * @param args command-line arguments
   */
  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /**
   * Runs the CLI on standard output and error without exiting the JVM.
   *
   * @param args command-line arguments
   * @return the exit code
   */
  public static int execute(String... args) {
    return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /**
   * Runs the CLI with the given output streams.
   *
   * @param out receives normal output
   * @param err receives error messages
   * @param args command-line arguments
   * @return the exit code
   */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new Main()).setOut(out).setErr(err);
    // Every command offers -V/--version (mixinStandardHelpOptions); without a provider of their
    // own the subcommands would print nothing.
    cli.getSubcommands().values().forEach(sub -> sub.getCommandSpec()
        .versionProvider(cli.getCommandSpec().versionProvider()));
    // An empty path ("") would silently mean the working directory.
    cli.registerConverter(Path.class, text -> {
      if (text.isBlank()) {
        throw new CommandLine.TypeConversionException("an empty path is not accepted; give a"
            + " path, or leave the option out for its default");
      }
      return Path.of(text);
    });
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      PrintWriter errors = commandLine.getErr();
      boolean debug = parseResult.originalArgs().contains("--debug");
      if (e instanceof UserInputException) {
        errors.println("error: " + e.getMessage());
        if (debug) {
          e.printStackTrace(errors);
        }
        errors.flush();
        return EXIT_USER_ERROR;
      }
      errors.println("internal error: " + e + (debug ? "" : " (rerun with --debug for details)"));
      if (debug) {
        e.printStackTrace(errors);
      }
      errors.flush();
      return CommandLine.ExitCode.SOFTWARE;
    });
    // One line like every other input error, then where the full usage is, not the usage itself.
    cli.setParameterExceptionHandler((e, arguments) -> {
      CommandLine where = e.getCommandLine();
      PrintWriter errors = where.getErr();
      errors.println("error: " + extraPositional(e)
          .orElse(e.getMessage().replaceFirst("^Error: ", "")));
      CommandLine.UnmatchedArgumentException.printSuggestions(e, errors);
      if (where == cli) {
        errors.println("commands: " + String.join(", ", cli.getSubcommands().entrySet().stream()
            .filter(c -> !c.getValue().getCommandSpec().usageMessage().hidden())
            .map(java.util.Map.Entry::getKey).toList()));
      }
      errors.println("see: optbench " + where.getCommandSpec().qualifiedName(" ")
          .replaceFirst("^optbench ?", "") + (where == cli ? "" : " ") + "--help");
      errors.flush();
      return EXIT_USER_ERROR;
    });
    // Before anything loads ND4J: a CPU that cannot run the bundled natives gets one line
    // naming the build to use, instead of ND4J ending the process from inside its factory.
    cli.setExecutionStrategy(parseResult -> {
      CommandLine.ParseResult sub = parseResult.subcommand();
      if (sub != null && NEEDS_NATIVES.contains(sub.commandSpec().userObject().getClass())
          && !sub.isUsageHelpRequested()) {
        try {
          NativesCheck.checkThisMachine();
        } catch (UserInputException e) {
          cli.getErr().println("error: " + e.getMessage());
          cli.getErr().flush();
          return EXIT_USER_ERROR;
        }
      }
      return new CommandLine.RunLast().execute(parseResult);
    });
    return cli.execute(args);
  }

  /** The commands that start ND4J. */
  private static final java.util.Set<Class<?>> NEEDS_NATIVES =
      java.util.Set.of(RunCommand.class, BenchCommand.class, ReproduceCommand.class,
          RunTrialCommand.class);

  /**
   * A second CONFIG or RESULTS_DIR reads as "Unmatched argument at index 2" in picocli's words;
   * say instead what the command takes.
   */
  private static Optional<String> extraPositional(CommandLine.ParameterException e) {
    if (!(e instanceof CommandLine.UnmatchedArgumentException unmatched)
        || unmatched.getUnmatched().isEmpty()) {
      return Optional.empty();
    }
    String extra = unmatched.getUnmatched().get(0);
    List<CommandLine.Model.PositionalParamSpec> positionals =
        e.getCommandLine().getCommandSpec().positionalParameters();
    if (extra.startsWith("-") || positionals.size() != 1) {
      return Optional.empty();
    }
    String label = positionals.get(0).paramLabel();
    String command = e.getCommandLine().getCommandName();
    return Optional.of("'" + extra + "' is a second " + label + "; optbench " + command
        + " takes one " + label + " per call: run it once for each");
  }

  /** Without a command there is nothing to do: show the usage and report a usage error. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return CommandLine.ExitCode.USAGE;
  }

  /** Reports the optimizer version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"optbench " + (v == null ? "(development build)" : v)
          + ", DL4J/ND4J 1.0.0-M2.1, Java " + System.getProperty("java.version")};
    }
  }
}
