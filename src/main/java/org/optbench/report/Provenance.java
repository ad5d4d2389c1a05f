package org.optbench.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.optbench.Sha256;

/**
 * The closing section of {@code report.md}, "How these results were computed": from each
 * experiment's {@code manifest.json} and {@code experiment.resolved.yaml}, the software, the
 * natives build, oneDNN ISA and threads per trial that decide the results' bits, the machine, the
 * data sets with recorded checksums, optimizer plugins, and the seeds. A Markdown report read
 * apart from its results folder (pasted into a paper or a pull request) still says what it takes
 * to reproduce it; the HTML page shows both files whole.
 *
 * <p>A fact the manifest does not hold (an older optbench, or a damaged file), or holds with a
 * value of the wrong type, is left out of its line, never guessed. Names and values are escaped
 * as Markdown text ({@link TableWriter#markdownText}).
 */
final class Provenance {
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
        md.append("### ").append(TableWriter.markdownText(labels.get(i))).append("\n\n");
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
   * @return the lines of its block: the software, natives, threads, machine, data, each plugin,
   *     the seeds and where the full record is, each left out when the files hold none of its
   *     facts; without a readable manifest, a line saying so in place of the manifest's lines
   */
  static List<String> lines(ExperimentData store) {
    List<String> lines = new ArrayList<>();
    // A damaged manifest may still parse (bytes that are not UTF-8 read as U+FFFD): its facts
    // are not shown as the run's.
    Optional<ObjectNode> manifest = store.manifest().intact();
    if (manifest.isEmpty()) {
      lines.add("manifest.json is " + (store.manifest().present() ? "damaged" : "missing")
          + ", so " + StoreReader.WITHOUT_MANIFEST);
    } else {
      lines.addAll(recorded(manifest.get()));
    }
    seeds(store).ifPresent(lines::add);
    lines.add("the full record: experiment.resolved.yaml" + (manifest.isEmpty() ? ""
        : " and manifest.json") + ", in the results folder and on the HTML page");
    return lines;
  }

  /** The manifest's lines: each fact stands alone, so one that is missing hides no other. */
  private static List<String> recorded(JsonNode manifest) {
    List<String> lines = new ArrayList<>();
    JsonNode backend = manifest.path("backend");
    lines.add(String.join(", ", present(List.of(
        Optional.of("optbench" + text(manifest, "optbenchVersion").filter(v -> !v.equals("null"))
            .map(v -> " " + v).orElse("")),
        text(manifest, "gitCommit").filter(c -> !c.equals("unknown"))
            .map(c -> "commit " + c.replace("+uncommitted-changes", " with uncommitted changes")),
        text(backend, "dl4jVersion").map(v -> "DL4J " + v),
        text(manifest, "javaVersion").map(v -> "Java " + v
            + text(manifest, "javaVendor").map(vendor -> " (" + vendor + ")").orElse(""))))));
    line("natives: ", List.of(
        text(backend, "nativeClassifier").map(n -> "nd4j-native " + n),
        text(backend, "oneDnnIsa").map(isa -> "oneDNN ISA " + isa),
        text(backend, "layerHelpers").map(h -> "layer helpers " + h))).ifPresent(lines::add);
    line("", List.of(
        positive(manifest, "threadsPerTrial").map(n -> count(n, "native thread") + " per trial"),
        positive(manifest, "parallelism").map(n -> count(n, "trial") + " at once"),
        Optional.of("each trial in a child JVM").filter(
            x -> manifest.path("isolated").asBoolean(false))))
        .map(l -> l + " (results are bit-identical only with the same natives, oneDNN ISA and"
            + " threads per trial)").ifPresent(lines::add);
    line("machine: ", List.of(
        text(manifest, "cpu"),
        positive(manifest, "logicalCores").map(n -> count(n, "logical core")),
        text(manifest, "os"))).ifPresent(lines::add);
    List<String> datasets = new ArrayList<>();
    manifest.path("dataSha256").fields().forEachRemaining(e -> {
      // Beside the checksums a data set's entry may hold facts (its split, a network's file).
      long files = StreamSupport.stream(e.getValue().spliterator(), false)
          .filter(v -> v.isTextual() && Sha256.isValidHex(v.asText())).count();
      if (files > 0) {
        datasets.add(TableWriter.markdownText(e.getKey()) + " (" + count(files, "file") + ")");
      }
    });
    if (!datasets.isEmpty()) {
      lines.add("data, with the SHA-256 of each file in manifest.json: "
          + String.join(", ", datasets));
    }
    for (JsonNode plugin : manifest.path("plugins")) {
      line("optimizer plugin: ", List.of(
          text(plugin, "id"),
          text(plugin, "class").map(c -> "class " + c),
          raw(plugin, "jar").map(j -> "from " + TableWriter.markdownText(
              j.substring(Math.max(j.lastIndexOf('/'), j.lastIndexOf('\\')) + 1))),
          text(plugin, "sha256").map(h -> "SHA-256 " + h))).ifPresent(lines::add);
    }
    return lines;
  }

  /** @return {@code head} and the present parts, comma-separated; empty if none is present */
  private static Optional<String> line(String head, List<Optional<String>> parts) {
    List<String> present = present(parts);
    return present.isEmpty() ? Optional.empty() : Optional.of(head + String.join(", ", present));
  }

  private static List<String> present(List<Optional<String>> parts) {
    return parts.stream().flatMap(Optional::stream).toList();
  }

  /**
   * The seeds from the resolved config: its top-level seeds, and for tune-then-evaluate the
   * tuning seeds too, which the top-level list does not hold.
   *
   * @return empty if the config lists no seeds as integers (a config optbench wrote always does)
   */
  private static Optional<String> seeds(ExperimentData store) {
    JsonNode config = parse(store.resolvedConfig());
    JsonNode seeds = config == null ? null : config.get("seeds");
    if (seeds == null || !seeds.isArray() || seeds.isEmpty()
        || !StreamSupport.stream(seeds.spliterator(), false).allMatch(JsonNode::isIntegralNumber)) {
      return Optional.empty();
    }
    String listed = StreamSupport.stream(seeds.spliterator(), false).map(JsonNode::asText)
        .collect(Collectors.joining(", "));
    if (!store.protocol().tunes()) {
      return Optional.of("seeds: " + listed);
    }
    return Optional.of("evaluation seeds: " + listed + "; tuning seeds: " + store.protocol()
        .tuningSeedList().stream().map(String::valueOf).collect(Collectors.joining(", ")));
  }

  /** @return the value of {@code key} as Markdown text on one line, as {@link #raw} finds it */
  private static Optional<String> text(JsonNode node, String key) {
    return raw(node, key).map(TableWriter::markdownText);
  }

  /**
   * @return the value of {@code key} if it is non-blank text: a number, list or null is not a
   *     fact this section reads
   */
  private static Optional<String> raw(JsonNode node, String key) {
    JsonNode value = node.get(key);
    return value == null || !value.isTextual() || value.asText().isBlank() ? Optional.empty()
        : Optional.of(value.asText().strip());
  }

  /** @return the value of {@code key} if it is an integer >= 1 */
  private static Optional<Long> positive(JsonNode node, String key) {
    JsonNode value = node.get(key);
    return value != null && value.isIntegralNumber() && value.asLong() >= 1
        ? Optional.of(value.asLong()) : Optional.empty();
  }

  /** @return e.g. {@code 1 trial}, {@code 2 trials} */
  private static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  /** @return the resolved config's object, or null if it holds none */
  private static JsonNode parse(String yaml) {
    try {
      JsonNode node = YAML.readTree(yaml);
      return node != null && node.isObject() ? node : null;
    } catch (IOException e) {
      // The store's reader refuses a config it cannot parse; nothing to add here.
      return null;
    }
  }
}
