package org.optbench.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One benchmark result of a JMH JSON file ({@code -rf json}), in average-time mode, with times
 * converted to nanoseconds per operation.
 *
 * @param benchmark the fully qualified benchmark method, e.g.
 *     {@code org.optbench.jmh.UpdaterStepBenchmark.step}
 * @param params the {@code @Param} values
 * @param nanos the score: mean time per operation (ns)
 * @param iterations the time per operation of every measurement iteration of every fork (ns)
 */
public record JmhResult(String benchmark, Map<String, String> params, double nanos,
    List<Double> iterations) {

  /** @return the benchmark method's name, e.g. {@code step} */
  public String method() {
    return benchmark.substring(benchmark.lastIndexOf('.') + 1);
  }

  /** @return the benchmark class's simple name, e.g. {@code UpdaterStepBenchmark} */
  public String className() {
    String type = benchmark.substring(0, benchmark.lastIndexOf('.'));
    return type.substring(type.lastIndexOf('.') + 1);
  }

  /**
   * @param name a parameter name
   * @return its value
   * @throws IllegalArgumentException if the result has no such parameter
   */
  public String param(String name) {
    String v = params.get(name);
    if (v == null) {
      throw new IllegalArgumentException(benchmark + " has no parameter " + name + " (has "
          + params.keySet() + ")");
    }
    return v;
  }

  /**
   * @param name a parameter of the benchmark
   * @param min the least value accepted
   * @param max the greatest value accepted
   * @param meaning what a value in range is, for the message, e.g. {@code a batch size}
   * @return its value as a whole number in {@code [min, max]}
   * @throws IllegalArgumentException if the result has no such parameter, or its value is not a
   *     whole number or is out of range
   */
  public long wholeParam(String name, long min, long max, String meaning) {
    String v = param(name);
    long value;
    try {
      value = Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(benchmark + ": parameter " + name + " is \"" + v
          + "\", not a whole number", e);
    }
    if (value < min || value > max) {
      throw new IllegalArgumentException(benchmark + ": parameter " + name + " is " + value
          + ", not " + meaning);
    }
    return value;
  }

  /** @return the spread of the iterations' times (ns per operation) */
  public Spread spread() {
    return iterations.isEmpty() ? Spread.of(nanos) : Spread.of(iterations);
  }

  /**
   * Reads every result of a JMH JSON file.
   *
   * @param file written by {@code java -jar benchmarks.jar -rf json -rff FILE}
   * @return the results in file order
   * @throws UncheckedIOException if the file cannot be read; its message does not repeat the
   *     file's name (callers put it first)
   * @throws IllegalArgumentException if a result is not in average-time mode or its unit is unknown
   */
  public static List<JmhResult> read(Path file) {
    try {
      return parse(Files.readString(file));
    } catch (NoSuchFileException e) {
      throw new UncheckedIOException("no such file", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot be read (" + e + ")", e);
    }
  }

  /**
   * @param json the text of a JMH JSON file
   * @return its results in order
   * @throws IllegalArgumentException if the text is not a JMH result array, a result is not in
   *     average-time mode or its unit is unknown
   */
  public static List<JmhResult> parse(String json) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(json);
    } catch (JsonProcessingException e) {
      // Jackson's own message also describes its source settings; the place is what helps.
      JsonLocation at = e.getLocation();
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage()
          + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"),
          e);
    }
    if (root == null || !root.isArray()) {
      throw new IllegalArgumentException("not a JMH result file: expected a JSON array");
    }
    List<JmhResult> results = new ArrayList<>();
    for (JsonNode node : root) {
      String benchmark = node.path("benchmark").asText();
      // JMH names a benchmark by its method's full name; the tables key on its class.
      int dot = benchmark.lastIndexOf('.');
      if (dot <= 0 || dot == benchmark.length() - 1) {
        throw new IllegalArgumentException("benchmark \"" + benchmark + "\" is not a"
            + " benchmark method's full name (package.Class.method); not a result written by"
            + " JMH's -rf json");
      }
      String mode = node.path("mode").asText();
      if (!"avgt".equals(mode)) {
        throw new IllegalArgumentException(benchmark + ": mode " + mode
            + " is not supported; run the benchmarks in average-time mode (-bm avgt)");
      }
      JsonNode metric = node.path("primaryMetric");
      double toNanos = nanosPer(metric.path("scoreUnit").asText(), benchmark);
      Map<String, String> params = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.path("params").fields();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        params.put(e.getKey(), e.getValue().asText());
      }
      List<Double> iterations = new ArrayList<>();
      for (JsonNode fork : metric.path("rawData")) {
        for (JsonNode value : fork) {
          iterations.add(time(value, benchmark, "primaryMetric.rawData") * toNanos);
        }
      }
      results.add(new JmhResult(benchmark, params,
          time(metric.path("score"), benchmark, "primaryMetric.score") * toNanos,
          List.copyOf(iterations)));
    }
    return results;
  }

  /**
   * @return the time a JSON value holds, a number of at least 0
   * @throws IllegalArgumentException if it is missing, not a number, negative or not finite
   */
  private static double time(JsonNode value, String benchmark, String field) {
    if (!value.isNumber() || !(value.asDouble() >= 0) || Double.isInfinite(value.asDouble())) {
      throw new IllegalArgumentException(benchmark + ": " + field + " holds "
          + (value.isMissingNode() ? "nothing" : value.toString()) + ", not a time (a number of"
          + " at least 0)");
    }
    return value.asDouble();
  }

  private static double nanosPer(String unit, String benchmark) {
    return switch (unit) {
      case "ns/op" -> 1;
      case "us/op" -> 1e3;
      case "ms/op" -> 1e6;
      case "s/op" -> 1e9;
      case "" -> throw new IllegalArgumentException(benchmark + ": no primaryMetric.scoreUnit;"
          + " not a result written by JMH's -rf json");
      default -> throw new IllegalArgumentException(benchmark + ": unit " + unit
          + " is not a time per operation");
    };
  }
}
