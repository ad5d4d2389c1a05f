package org.optbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The help screens read as written: picocli wraps a description line longer than the usage width
 * at that width, which splits an indented row of a table (bench's parts) mid-row. Prose lines may
 * wrap between words.
 */
class HelpTextTest {
  /** @return optbench's subcommands and optbench itself */
  private static List<CommandLine> everyCommand() {
    CommandLine main = new CommandLine(new Main());
    List<CommandLine> commands = new ArrayList<>(main.getSubcommands().values());
    commands.add(main);
    return commands;
  }

  @Test
  void everyIndentedDescriptionRowFitsTheUsageWidth() {
    for (CommandLine command : everyCommand()) {
      CommandLine.Model.UsageMessageSpec usage = command.getCommandSpec().usageMessage();
      for (String paragraph : usage.description()) {
        for (String line : paragraph.split("\n")) {
          if (line.startsWith("  ")) {
            assertTrue(line.length() <= usage.width(), "optbench " + command.getCommandName()
                + " --help wraps this line (" + line.length() + " > " + usage.width()
                + " characters): " + line);
          }
        }
      }
    }
  }

  @Test
  void everyCommandPrintsTheVersion() {
    String version = new Main.Version().getVersion()[0] + "\n";
    for (String[] args : List.of(new String[] {"--version"}, new String[] {"bench", "-V"},
        new String[] {"run", "--version"}, new String[] {"reproduce", "-V"})) {
      StringWriter out = new StringWriter();
      assertEquals(0, Main.execute(new PrintWriter(out), new PrintWriter(new StringWriter()),
          args));
      assertEquals(version, out.toString(), String.join(" ", args));
    }
  }

  @Test
  void noSynopsisBreaksAnOptionAcrossLines() {
    for (CommandLine command : everyCommand()) {
      CommandLine.Help help = command.getHelp();
      String synopsis = help.synopsis(help.synopsisHeadingLength());
      for (String line : synopsis.split("\n")) {
        int depth = 0;
        for (char c : line.toCharArray()) {
          depth += c == '[' ? 1 : c == ']' ? -1 : 0;
        }
        assertTrue(depth == 0, "optbench " + command.getCommandName()
            + " --help breaks an option's brackets across lines: " + line + "\n" + synopsis);
      }
    }
  }
}
