package org.optbench.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The closing section of {@code report.md}, "How these results were computed": from each
 * experiment's {@code manifest.json} and {@code experiment.resolved.yaml}, the software, the
 * natives build, oneDNN ISA and threads per trial that decide the results' bits, the machine, and
 * the seeds. A Markdown report read apart from its results folder (pasted into a paper or a pull
 * request) still says what it takes to reproduce it; the HTML page shows both files whole.
 *
 * <p>A fact the manifest does not hold (an older optbench, or a damaged file) is left out of its
 * line, never guessed.
 */
final class Provenance {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final YAMLMapper YAML = new YAMLMapper();

  private Provenance() {}

  /**
   * @param stores the experiments the report is made of, in the order given
   * @param labels their names in a merged report (one per store); unused for a single store
   * @return the section's Markdown, from its heading to the last line's line break
   */
  static String markdown(List<ExperimentData> stores, List<String> labels) {
    StringBuilder md = new StringBuilder("## How these results were computed\n\n");
    for (int i = 0; i < stores.size(); i++) {
      if (stores.size() > 1) {
        md.append("### ").append(labels.get(i)).append("\n\n");
      }
      lines(stores.get(i)).forEach(line -> md.append("- ").append(line).append('\n'));
      if (i + 1 < stores.size()) {
        md.append('\n');
      }
    }
    return md.toString();
  }

  /**
   * @param store one experiment
   * @return one line each for the software, the natives, the threads, the machine, the data, the
   *     seeds and where the full record is; without a readable manifest, a line saying so in its
   *     place
   */
  static List<String> lines(ExperimentData store) {
    List<String> lines = new ArrayList<>();
    JsonNode manifest = parse(JSON, store.manifest());
    if (manifest == null) {
      lines.add("manifest.json is " + (store.manifest() == null ? "missing" : "damaged")
          + ", so " + StoreReader.WITHOUT_MANIFEST);
    } else {
      lines.add(software(manifest));
      JsonNode backend = manifest.path("backend");
      value(backend, "nativeClassifier").ifPresent(natives -> lines.add("natives: nd4j-native "
          + natives + value(backend, "oneDnnIsa").map(isa -> ", oneDNN ISA " + isa).orElse("")
          + value(backend, "layerHelpers").map(h -> ", layer helpers " + h).orElse("")));
      value(manifest, "threadsPerTrial").ifPresent(perTrial -> lines.add(
          count(perTrial, "native thread") + " per trial"
          + value(manifest, "parallelism").map(n -> ", " + count(n, "trial") + " at once")
              .orElse("")
          + " (results are bit-identical only with the same natives, oneDNN ISA and threads"
          + " per trial)"));
      value(manifest, "cpu").ifPresent(cpu -> lines.add("machine: " + cpu
          + value(manifest, "logicalCores").map(n -> ", " + n + " logical cores").orElse("")
          + value(manifest, "os").map(os -> ", " + os).orElse("")));
      long files = 0;
      for (JsonNode dataset : manifest.path("dataSha256")) {
        files += StreamSupport.stream(dataset.spliterator(), false).filter(JsonNode::isTextual)
            .count();
      }
      if (files > 0) {
        lines.add("data: the SHA-256 of " + count(String.valueOf(files), "file")
            + " in manifest.json");
      }
    }
    JsonNode config = parse(YAML, store.resolvedConfig());
    JsonNode seeds = config == null ? null : config.path("seeds");
    if (seeds != null && seeds.isArray() && !seeds.isEmpty()) {
      lines.add("seeds: " + StreamSupport.stream(seeds.spliterator(), false)
          .map(JsonNode::asText).collect(Collectors.joining(", ")));
    }
    lines.add("the full record: experiment.resolved.yaml and manifest.json, in the results"
        + " folder and on the HTML page");
    return lines;
  }

  /** optbench's version and commit, DL4J's and Java's, as far as recorded. */
  private static String software(JsonNode manifest) {
    // An optbench run from its classes, not its jar, records the version as "null".
    return "optbench" + value(manifest, "optbenchVersion").filter(v -> !v.equals("null"))
            .map(v -> " " + v).orElse("")
        + value(manifest, "gitCommit").filter(c -> !c.equals("unknown"))
            .map(c -> ", commit " + c.replace("+uncommitted-changes", " with uncommitted changes"))
            .orElse("")
        + value(manifest.path("backend"), "dl4jVersion").map(v -> ", DL4J " + v).orElse("")
        + value(manifest, "javaVersion").map(v -> ", Java " + v
            + value(manifest, "javaVendor").map(vendor -> " (" + vendor + ")").orElse(""))
            .orElse("");
  }

  /** @return the value of {@code key} as text, or empty if it is missing or null */
  private static Optional<String> value(JsonNode node, String key) {
    JsonNode value = node.get(key);
    return value == null || value.isNull() || value.isContainerNode() ? Optional.empty()
        : Optional.of(value.asText());
  }

  /** @return e.g. {@code 1 trial}, {@code 2 trials} */
  private static String count(String n, String noun) {
    return n + " " + noun + (n.equals("1") ? "" : "s");
  }

  private static JsonNode parse(ObjectMapper mapper, String text) {
    if (text == null) {
      return null;
    }
    try {
      JsonNode node = mapper.readTree(text);
      return node != null && node.isObject() ? node : null;
    } catch (IOException e) {
      // The store's reader has already warned about it; the section says it is damaged.
      return null;
    }
  }
}
