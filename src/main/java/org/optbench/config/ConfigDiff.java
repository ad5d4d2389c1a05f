package org.optbench.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The differences between two resolved configs as short readable lines, one per changed key,
 * e.g. {@code problems[ravine-2d].optimizers[sgd].learningRate: 0.01 -> 0.02}.
 *
 * <p>Lists of problems and optimizer entries are matched by their {@code id} or {@code name}
 * when those are unique, so removing one entry reads as that entry removed rather than as every
 * later entry changed. Lists of plain values (seeds, a grid axis) are compared whole.
 */
public final class ConfigDiff {
  private static final int MAX_VALUE_CHARS = 60;

  private ConfigDiff() {}

  /**
   * @param earlier one resolved config as a YAML tree
   * @param now the other
   * @return one line per difference, in the order of the earlier config's keys; empty when the
   *     trees are equal
   */
  public static List<String> of(JsonNode earlier, JsonNode now) {
    List<String> lines = new ArrayList<>();
    diff("", earlier, now, lines);
    return lines;
  }

  private static void diff(String path, JsonNode a, JsonNode b, List<String> out) {
    if (a.equals(b)) {
      return;
    }
    if (a.isObject() && b.isObject()) {
      diffEntries(path, fields(a), fields(b), out);
    } else if (hasEntries(a) && hasEntries(b)) {
      Map<String, JsonNode> byKey = keyed(a);
      Map<String, JsonNode> otherByKey = keyed(b);
      if (byKey != null && otherByKey != null) {
        diffEntries(path, byKey, otherByKey, out);
      } else {
        diffEntries(path, indexed(a), indexed(b), out);
      }
    } else {
      out.add(path + ": " + text(a) + " -> " + text(b));
    }
  }

  /** Entries of both sides under the same key are compared; the others are added or removed. */
  private static void diffEntries(String path, Map<String, JsonNode> a, Map<String, JsonNode> b,
      List<String> out) {
    a.forEach((key, value) -> {
      String at = child(path, key);
      if (b.containsKey(key)) {
        diff(at, value, b.get(key), out);
      } else {
        out.add(at + ": removed (was " + text(value) + ")");
      }
    });
    b.forEach((key, value) -> {
      if (!a.containsKey(key)) {
        out.add(child(path, key) + ": added " + text(value));
      }
    });
  }

  private static String child(String path, String key) {
    return key.startsWith("[") || path.isEmpty() ? path + key : path + "." + key;
  }

  /** A list of mappings (problems, optimizer entries), compared entry by entry. */
  private static boolean hasEntries(JsonNode node) {
    return node.isArray() && !node.isEmpty() && node.get(0).isContainerNode();
  }

  private static Map<String, JsonNode> fields(JsonNode object) {
    Map<String, JsonNode> map = new LinkedHashMap<>();
    object.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue()));
    return map;
  }

  private static Map<String, JsonNode> indexed(JsonNode array) {
    Map<String, JsonNode> map = new LinkedHashMap<>();
    for (int i = 0; i < array.size(); i++) {
      map.put("[" + i + "]", array.get(i));
    }
    return map;
  }

  /** Entries by their id or name, or null when some entry lacks one or two share one. */
  private static Map<String, JsonNode> keyed(JsonNode array) {
    Map<String, JsonNode> map = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    for (JsonNode entry : array) {
      JsonNode key = entry.has("id") ? entry.get("id") : entry.get("name");
      if (key == null || !key.isValueNode() || !seen.add(key.asText())) {
        return null;
      }
      map.put("[" + key.asText() + "]", entry);
    }
    return map;
  }

  /** A value in YAML's flow style, cut short so that one difference stays one line. */
  private static String text(JsonNode node) {
    String full = flow(node);
    return full.length() <= MAX_VALUE_CHARS ? full
        : full.substring(0, MAX_VALUE_CHARS - 1) + "\u2026";
  }

  private static String flow(JsonNode node) {
    if (node.isObject()) {
      List<String> parts = new ArrayList<>();
      node.fields().forEachRemaining(e -> parts.add(e.getKey() + ": " + flow(e.getValue())));
      return "{" + String.join(", ", parts) + "}";
    }
    if (node.isArray()) {
      List<String> parts = new ArrayList<>();
      for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
        parts.add(flow(it.next()));
      }
      return "[" + String.join(", ", parts) + "]";
    }
    return node.isNull() ? "null" : node.asText();
  }
}
