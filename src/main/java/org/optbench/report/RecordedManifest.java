package org.optbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An experiment's {@code manifest.json} as a report read it: the text to show, and the facts to
 * use only when the file is the JSON object the run wrote.
 *
 * @param text the file pretty-printed, or as it is when damaged (bytes that are not UTF-8 as
 *     U+FFFD); null when the file is missing
 * @param facts the file's JSON object, or null when it is missing or damaged (not UTF-8, not one
 *     JSON value, or no object), even if its text happens to parse; shared, never to be changed
 */
record RecordedManifest(String text, ObjectNode facts) {
  /** No {@code manifest.json}. */
  static final RecordedManifest MISSING = new RecordedManifest(null, null);

  /** @return whether the folder holds a manifest.json, intact or not */
  boolean present() {
    return text != null;
  }

  /** @return the manifest's facts when it is intact */
  Optional<ObjectNode> intact() {
    return Optional.ofNullable(facts);
  }

  /**
   * What the run recorded about a network from a file or a plugin: where it came from and what
   * every trial replaced and kept of it (written under {@code dataSha256.<problem id>} as
   * {@code network: <fact>} and {@code network: note <n>}).
   *
   * @param problemId the problem
   * @return one line per recorded fact, in the file's order; empty for a built-in network and
   *     for a missing or damaged manifest
   */
  List<String> networkNotes(String problemId) {
    List<String> notes = new ArrayList<>();
    intact().ifPresent(m -> m.path("dataSha256").path(problemId).fields().forEachRemaining(e -> {
      if (e.getKey().startsWith("network: note ")) {
        notes.add("network: " + e.getValue().asText());
      } else if (e.getKey().startsWith("network: ")) {
        notes.add(e.getKey() + " " + e.getValue().asText());
      }
    }));
    return notes;
  }

  /**
   * @param problemId a problem on the user's data
   * @param fact a fact recorded with its data's checksums
   * @return the fact's value, if the intact manifest records it
   */
  Optional<JsonNode> dataFact(String problemId, String fact) {
    return intact().map(m -> m.path("dataSha256").path(problemId).path(fact))
        .filter(v -> !v.isMissingNode());
  }
}
