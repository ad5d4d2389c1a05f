package org.optbench.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.optbench.UserInputException;
import org.optbench.config.ConfigDiff;
import org.optbench.result.ResultStore;

/**
 * An experiment folder that already holds a different resolved config than the one a run is
 * about to write. Running anyway would replace the experiment's config and index, so its
 * earlier trials would silently drop out of {@code trials.csv} and the report: {@code run}
 * refuses unless told which way out the user wants.
 *
 * @param earlierFile the folder's {@code experiment.resolved.yaml}
 * @param differences one line per changed key (see {@link ConfigDiff})
 */
record ConfigClash(Path earlierFile, List<String> differences) {
  /** Differences shown in the message; the rest are counted, so the message stays short. */
  private static final int SHOWN = 8;
  private static final YAMLMapper YAML = new YAMLMapper();

  /**
   * @param root the experiment folder, which may not exist yet (nothing is created)
   * @param resolved the resolved config the run would write
   * @return the clash, if the folder holds a resolved config that differs from {@code resolved}
   *     as a YAML tree (formatting alone is no clash)
   * @throws UserInputException if the folder's resolved config exists but cannot be read
   */
  static Optional<ConfigClash> find(Path root, String resolved) {
    Path file = root.resolve(ResultStore.RESOLVED_CONFIG);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    String earlier;
    try {
      earlier = Files.readString(file);
    } catch (IOException e) {
      throw new UserInputException("cannot read " + file + " (" + e.getMessage() + "); it"
          + " records the config of the experiment in " + root + ", which this run must not"
          + " replace unknowingly: make it readable, or use --results DIR or --name NEW", e);
    }
    if (earlier.equals(resolved)) {
      return Optional.empty();
    }
    List<String> differences;
    try {
      differences = ConfigDiff.of(withoutPluginPaths(YAML.readTree(earlier)),
          withoutPluginPaths(YAML.readTree(resolved)));
    } catch (JacksonException e) {
      differences = List.of("the earlier file is not valid YAML ("
          + e.getOriginalMessage().lines().findFirst().orElse("") + ")");
    }
    return differences.isEmpty() ? Optional.empty()
        : Optional.of(new ConfigClash(file, differences));
  }

  /**
   * @param configFile the config the run was given
   * @return the error that stops the run: both configs, their differences and the ways out
   */
  UserInputException refusal(Path configFile) {
    Path root = earlierFile.getParent();
    List<String> lines = new ArrayList<>();
    lines.add(root + " holds an experiment run with a different config; nothing was written");
    lines.add("  earlier config: " + earlierFile);
    lines.add("  new config:     " + configFile);
    lines.add("  differences (earlier -> new):");
    int shown = differences.size() <= SHOWN ? differences.size() : SHOWN - 1;
    differences.subList(0, shown).forEach(d -> lines.add("    " + d));
    if (shown < differences.size()) {
      lines.add("    \u2026and " + (differences.size() - shown) + " more");
    }
    lines.add("  to keep both: --name NEW (results in " + root.resolveSibling("NEW")
        + ") or --results DIR (another results folder)");
    lines.add("  to make the new config the experiment's: --replace-config (earlier trials stay"
        + " on disk; those not in the new plan leave trials.csv and the report)");
    return new UserInputException(String.join("\n", lines));
  }

  /**
   * Where the plugin jars lie is no part of what an experiment computes: a plugin trial's id
   * holds its jar's SHA-256, so a jar moved (or copied) elsewhere is the same experiment, and an
   * edited one gives new trials.
   */
  private static JsonNode withoutPluginPaths(JsonNode config) {
    if (config instanceof ObjectNode object) {
      object.remove("plugins");
    }
    return config;
  }
}
