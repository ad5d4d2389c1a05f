package org.optbench.result;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.optbench.experiment.TrialId;
import org.optbench.problem.ProblemCatalog;

/**
 * The one definition of a finished trial, used by {@code run} (is it done?) and {@code report}
 * (may it be counted?). A trial folder is finished when every file it must hold is there and
 * whole:
 *
 * <ul>
 *   <li>{@code result.json} reads as a result of this trial (its {@code trialId});
 *   <li>{@code spec.json} names this trial and its {@code spec} hashes to the trial id, so an
 *       edited or replaced spec is caught;
 *   <li>{@code curve.csv} (and {@code evals.csv} for network problems): a header, then rows as
 *       wide as the header of numbers only, iterations strictly increasing, the last line
 *       complete, and reaching the trial's last step;
 *   <li>for a COMPLETED trial, the last row of {@code evals.csv} (analytic problems:
 *       {@code curve.csv}) equals {@code result.json}'s final metrics bit for bit.
 * </ul>
 *
 * A FAILED trial's curves are not checked: it may have stopped anywhere.
 */
public final class TrialFolder {
  // A result.json of a later version may carry more fields; what this version needs is checked.
  private static final ObjectMapper JSON = new ObjectMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  /** Fields without which a result cannot be read or trusted. */
  private static final List<String> REQUIRED = List.of("trialId", "status", "problem",
      "optimizer", "hyperparameters", "batchSize", "steps");

  /** What a trial folder holds. */
  public sealed interface State permits Finished, Unfinished, Damaged {}

  /** @param result its result; every file is whole */
  public record Finished(TrialResult result) implements State {}

  /** No {@code result.json}: the trial never ran or was interrupted. */
  public record Unfinished() implements State {}

  /** @param reason what is wrong, naming the file and, where it applies, the line */
  public record Damaged(String reason) implements State {}

  private TrialFolder() {}

  /**
   * @param dir a trial folder
   * @param trialId the id the folder belongs to (64 hex digits)
   * @return finished, unfinished, or damaged with the reason
   */
  public static State inspect(Path dir, String trialId) {
    Path resultFile = dir.resolve(ResultStore.RESULT);
    if (!Files.exists(resultFile)) {
      return new Unfinished();
    }
    try {
      TrialResult result = result(resultFile, trialId);
      JsonNode spec = spec(dir.resolve(ResultStore.SPEC), trialId);
      if (result.status() == TrialStatus.FAILED) {
        return new Finished(result);
      }
      String problem = spec.path("problem").path("id").asText();
      boolean statesOnly = ProblemCatalog.byId(problem)
          .map(p -> !p.kind().hasEvaluations()).orElse(false);
      long every = spec.path("lossEvery").asLong(1);
      long steps = result.steps();
      Table curve = Table.read(dir.resolve(ResultStore.CURVE));
      // Curves without evaluations (analytic) hold θ_0..θ_T; the others the loss of every
      // lossEvery-th step < T.
      curve.endsAt(statesOnly ? steps : (steps - 1) / every * every);
      if (statesOnly) {
        curve.matches(result);
      } else {
        Table evals = Table.read(dir.resolve(ResultStore.EVALS));
        evals.endsAt(steps);
        evals.matches(result);
      }
      return new Finished(result);
    } catch (DamageException e) {
      return new Damaged(e.getMessage());
    }
  }

  private static TrialResult result(Path file, String trialId) {
    TrialResult result;
    try {
      JsonNode node = JSON.readTree(text(file));
      if (node == null || !node.isObject()) {
        throw new DamageException(file, "is not a JSON object");
      }
      List<String> absent = REQUIRED.stream().filter(k -> node.path(k).isNull()
          || node.path(k).isMissingNode()).toList();
      if (!absent.isEmpty()) {
        throw new DamageException(file, "lacks " + String.join(", ", absent));
      }
      result = JSON.treeToValue(node, TrialResult.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      String reason = e instanceof JsonProcessingException json
          ? json.getOriginalMessage() + location(json) : e.getMessage();
      throw new DamageException(file, "is not a trial result (" + reason + ")");
    }
    if (!result.trialId().equals(trialId)) {
      throw new DamageException(file, "is the result of trial " + result.trialId()
          + ", not of this folder's trial " + trialId);
    }
    return result;
  }

  private static JsonNode spec(Path file, String trialId) {
    if (!Files.exists(file)) {
      throw new DamageException(file, "is missing");
    }
    JsonNode node;
    Map<String, Object> description;
    try {
      node = JSON.readTree(text(file));
      description = node == null || !node.path("spec").isObject() ? null
          : JSON.convertValue(node.get("spec"), new TypeReference<Map<String, Object>>() { });
    } catch (JsonProcessingException e) {
      throw new DamageException(file, "is not a trial spec (" + e.getOriginalMessage()
          + location(e) + ")");
    }
    if (description == null || !trialId.equals(node.path("trialId").asText())) {
      throw new DamageException(file, "does not describe trial " + trialId + " (no 'spec', or"
          + " another 'trialId'): it was replaced or edited");
    }
    String hash = TrialId.ofDescription(description).hex();
    if (!hash.equals(trialId)) {
      throw new DamageException(file, "was edited: its spec hashes to " + hash + ", not to the"
          + " trial id " + trialId);
    }
    return node.get("spec");
  }

  private static String location(JsonProcessingException e) {
    return e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
  }

  static String text(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (MalformedInputException e) {
      throw new DamageException(file, "is not UTF-8 text");
    } catch (IOException e) {
      throw new DamageException(file, "cannot be read (" + e.getMessage() + ")");
    }
  }

  /** A damaged file: the message starts with the file's name. */
  static final class DamageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DamageException(Path file, String what) {
      super(file.getParent().getFileName() + "/" + file.getFileName() + " " + what);
    }
  }

  /**
   * A curve file read strictly: the units comment, the header, then complete rows of numbers
   * ({@link Double#toString} form, so NaN and Infinity are numbers too).
   */
  private record Table(Path file, List<String> header, List<double[]> rows, long lastLine) {
    static Table read(Path file) {
      if (!Files.exists(file)) {
        throw new DamageException(file, "is missing");
      }
      String text = text(file);
      if (!text.isEmpty() && !text.endsWith("\n")) {
        throw new DamageException(file, "is cut off: its last line (line "
            + text.lines().count() + ") has no line end");
      }
      List<String> lines = text.lines().toList();
      int line = 0;
      while (line < lines.size() && lines.get(line).startsWith("#")) {
        line++;
      }
      if (line == lines.size()) {
        throw new DamageException(file, "has no header line");
      }
      List<String> header = List.of(lines.get(line).split(",", -1));
      if (!header.contains("iteration")) {
        throw new DamageException(file, "line " + (line + 1) + " is not a header with an"
            + " 'iteration' column");
      }
      int iteration = header.indexOf("iteration");
      List<double[]> rows = new ArrayList<>();
      for (int i = line + 1; i < lines.size(); i++) {
        String[] cells = lines.get(i).split(",", -1);
        if (cells.length != header.size()) {
          throw new DamageException(file, "line " + (i + 1) + " has " + cells.length
              + " values, the header " + header.size());
        }
        double[] row = new double[cells.length];
        for (int c = 0; c < cells.length; c++) {
          try {
            row[c] = Double.parseDouble(cells[c]);
          } catch (NumberFormatException e) {
            throw new DamageException(file, "line " + (i + 1) + ": '" + cells[c] + "' in column "
                + header.get(c) + " is not a number");
          }
        }
        if (!rows.isEmpty() && !(row[iteration] > rows.get(rows.size() - 1)[iteration])) {
          throw new DamageException(file, "line " + (i + 1) + ": iteration "
              + CurveWriter.format(row[iteration]) + " does not follow "
              + CurveWriter.format(rows.get(rows.size() - 1)[iteration]));
        }
        rows.add(row);
      }
      return new Table(file, header, rows, lines.size());
    }

    /** The last row is at {@code iteration}: the file holds the whole trial. */
    void endsAt(long iteration) {
      double last = rows.isEmpty() ? Double.NaN
          : rows.get(rows.size() - 1)[header.indexOf("iteration")];
      if (last != iteration) {
        throw new DamageException(file, "ends at iteration "
            + (rows.isEmpty() ? "- (no rows)" : CurveWriter.format(last)) + ", not at the"
            + " trial's last recorded iteration " + iteration);
      }
    }

    /** A COMPLETED trial's final metrics are the values of the last row. */
    void matches(TrialResult result) {
      if (result.status() != TrialStatus.COMPLETED) {
        return;
      }
      double[] last = rows.get(rows.size() - 1);
      for (Map.Entry<String, Double> metric : result.finalMetrics().entrySet()) {
        int c = header.indexOf(metric.getKey());
        if (c >= 0 && Double.compare(last[c], metric.getValue()) != 0) {
          throw new DamageException(file, "line " + lastLine + ": " + metric.getKey() + " " + CurveWriter.format(last[c]) + " differs from"
              + " result.json's final " + CurveWriter.format(metric.getValue()));
        }
      }
    }
  }
}
