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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * A FAILED trial's curves are not checked: it may have stopped anywhere. A {@code result.json}
 * of a format version this optbench cannot read ({@link StoreFormat}) is neither: {@link #inspect}
 * refuses it.
 */
public final class TrialFolder {
  // A result.json of a later version may carry more fields; what this version needs is checked.
  private static final ObjectMapper JSON = StoreJson.mapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  /** Fields without which a result cannot be read or trusted. */
  private static final List<String> REQUIRED = List.of("trialId", "status", "problem",
      "optimizer", "hyperparameters", "batchSize", "steps");

  /** What a trial folder holds. */
  public sealed interface State permits Finished, Unfinished, Damaged {}

  /**
   * A finished trial; every file it must hold is whole.
   *
   * @param result its result
   * @param curve {@code curve.csv} as checked, or empty for a FAILED trial (whose curves are not
   *     checked: read them with {@link CurveTable#readLenient})
   * @param evals {@code evals.csv} as checked, or empty for a FAILED trial and for a problem
   *     without evaluations
   */
  public record Finished(TrialResult result, Optional<CurveTable> curve,
      Optional<CurveTable> evals) implements State {}

  /** No {@code result.json}: the trial never ran or was interrupted. */
  public record Unfinished() implements State {}

  /** @param reason what is wrong, naming the file and, where it applies, the line */
  public record Damaged(String reason) implements State {}

  private TrialFolder() {}

  /**
   * @param dir a trial folder
   * @param trialId the id the folder belongs to (64 hex digits)
   * @return finished, unfinished, or damaged with the reason
   * @throws org.optbench.UserInputException if {@code result.json} records a format version this
   *     optbench cannot read (newer, or older than {@link StoreFormat#OLDEST_READ})
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
        return new Finished(result, Optional.empty(), Optional.empty());
      }
      String problem = spec.path("problem").path("id").asText();
      boolean statesOnly = ProblemCatalog.byId(problem)
          .map(p -> !p.kind().hasEvaluations()).orElse(false);
      long every = spec.path("lossEvery").asLong(1);
      long steps = result.steps();
      CurveTable.Strict curve = CurveTable.readStrict(dir.resolve(ResultStore.CURVE));
      // Curves without evaluations (analytic) hold θ_0..θ_T; the others the loss of every
      // lossEvery-th step < T.
      endsAt(curve, statesOnly ? steps : (steps - 1) / every * every);
      if (statesOnly) {
        matches(curve, result);
        return new Finished(result, Optional.of(curve.table()), Optional.empty());
      }
      CurveTable.Strict evals = CurveTable.readStrict(dir.resolve(ResultStore.EVALS));
      endsAt(evals, steps);
      matches(evals, result);
      return new Finished(result, Optional.of(curve.table()), Optional.of(evals.table()));
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
      // A result of another format version is not damaged: the store is refused as a whole.
      StoreFormat.check(file, node);
      List<String> absent = REQUIRED.stream().filter(k -> node.path(k).isNull()
          || node.path(k).isMissingNode()).toList();
      if (!absent.isEmpty()) {
        throw new DamageException(file, "lacks " + String.join(", ", absent));
      }
      String status = node.path("status").asText();
      if (Arrays.stream(TrialStatus.values()).noneMatch(v -> v.name().equals(status))) {
        throw new DamageException(file, "has status '" + status + "', none of "
            + Arrays.toString(TrialStatus.values()) + ": its status was edited");
      }
      result = JSON.treeToValue(node, TrialResult.class);
      consistent(file, node, result);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new DamageException(file, "is not a trial result (" + StoreJson.reason(e) + ")");
    }
    if (!result.trialId().equals(trialId)) {
      throw new DamageException(file, "is the result of trial " + result.trialId()
          + ", not of this folder's trial " + trialId);
    }
    return result;
  }

  /**
   * The status agrees with what only it records: a step of divergence, final metrics. Read from
   * the file's own object: a {@link TrialResult} drops the final metrics of any other status.
   */
  private static void consistent(Path file, JsonNode node, TrialResult result) {
    boolean diverged = result.status() == TrialStatus.DIVERGED;
    if (diverged != result.divergedAtStep() >= 0) {
      throw new DamageException(file, "says " + result.status() + " but records "
          + (diverged ? "no step of divergence (divergedAtStep " + result.divergedAtStep() + ")"
              : "divergence at step " + result.divergedAtStep()) + ": its status was edited");
    }
    if (result.status() != TrialStatus.COMPLETED && !node.path("finalMetrics").isEmpty()) {
      throw new DamageException(file, "says " + result.status() + " but records final metrics,"
          + " which only a COMPLETED trial has: its status was edited");
    }
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
      throw new DamageException(file, "is not a trial spec (" + StoreJson.describe(e) + ")");
    }
    if (node == null || node.isMissingNode()) {
      throw new DamageException(file, "is empty");
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

  /** The last row is at {@code iteration}: the file holds the whole trial. */
  private static void endsAt(CurveTable.Strict curve, long iteration) {
    int rows = curve.table().rows();
    double last = rows == 0 ? Double.NaN : curve.table().column(CurveFormat.ITERATION)[rows - 1];
    if (last != iteration) {
      throw new DamageException(curve.file(), "ends at iteration "
          + (rows == 0 ? "- (no rows)" : CurveWriter.format(last)) + ", not at the"
          + " trial's last recorded iteration " + iteration);
    }
  }

  /** A COMPLETED trial's final metrics are the values of the last row. */
  private static void matches(CurveTable.Strict curve, TrialResult result) {
    if (result.status() != TrialStatus.COMPLETED) {
      return;
    }
    int last = curve.table().rows() - 1;
    for (Map.Entry<String, Double> metric : result.finalMetrics().entrySet()) {
      double[] column = curve.table().column(metric.getKey());
      if (column != null && Double.compare(column[last], metric.getValue()) != 0) {
        throw new DamageException(curve.file(), "line " + curve.lastLine() + ": "
            + metric.getKey() + " " + CurveWriter.format(column[last]) + " differs from"
            + " result.json's final " + CurveWriter.format(metric.getValue()));
      }
    }
  }
}
