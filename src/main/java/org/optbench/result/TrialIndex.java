package org.optbench.result;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.optbench.UserInputException;
import org.optbench.experiment.Arm;
import org.optbench.optimizer.Recipe;

/**
 * Writes and reads {@code trials.csv}, the index of an experiment folder, and rebuilds it from
 * the trial folders' {@code spec.json} when it is lost.
 */
public final class TrialIndex {
  private static final List<String> COLUMNS = List.of("trial_id", "arm", "problem", "optimizer",
      "hyperparameters", "batch_size", "seed", "status", "steps", "train_time_s", "path");
  /** Columns without which a row cannot be used; {@code arm} came later, absent means grid. */
  private static final List<String> REQUIRED = List.of("trial_id", "problem", "optimizer",
      "hyperparameters", "batch_size", "seed", "status", "path");

  /** What reading the index gave. */
  public sealed interface Reading permits Rows, Unusable {}

  /** @param rows the index's rows, in file order */
  public record Rows(List<IndexRow> rows) implements Reading {}

  /**
   * @param problem what is wrong, to follow the file's name: e.g. {@code is missing},
   *     {@code is empty}, {@code lacks the columns seed}, {@code cannot be read (...)}
   */
  public record Unusable(String problem) implements Reading {}

  private TrialIndex() {}

  /**
   * Rewrites the index atomically.
   *
   * @param root the experiment folder
   * @param rows its rows, in plan order
   * @throws UncheckedIOException if it cannot be written
   */
  public static void write(Path root, List<IndexRow> rows) {
    StringWriter out = new StringWriter();
    CSVFormat format = CSVFormat.DEFAULT.builder().setRecordSeparator('\n')
        .setHeader(COLUMNS.toArray(String[]::new)).build();
    try (CSVPrinter printer = new CSVPrinter(out, format)) {
      for (IndexRow r : rows) {
        printer.printRecord(r.trialId(), r.arm(), r.problem(), r.optimizer(),
            r.hyperparameters(), r.batchSize(), r.seed(), r.status(), r.steps(),
            r.trainSeconds(), r.path());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    AtomicFiles.write(root.resolve(ResultStore.INDEX), out.toString());
  }

  /**
   * Reads the index strictly: every required column, rows as wide as the header, integer seeds.
   *
   * @param root the experiment folder
   * @return its rows, or why they cannot be used
   */
  public static Reading read(Path root) {
    Path file = root.resolve(ResultStore.INDEX);
    if (!Files.isRegularFile(file)) {
      return new Unusable("is missing");
    }
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = CSVParser.parse(reader, format)) {
      List<String> absent = REQUIRED.stream()
          .filter(c -> !parser.getHeaderMap().containsKey(c)).toList();
      if (!absent.isEmpty()) {
        return new Unusable(parser.getHeaderNames().isEmpty() ? "is empty"
            : "lacks the columns " + String.join(", ", absent));
      }
      boolean arms = parser.getHeaderMap().containsKey("arm");
      List<IndexRow> rows = new ArrayList<>();
      for (CSVRecord row : parser) {
        if (!row.isConsistent()) {
          throw new IllegalStateException("line " + parser.getCurrentLineNumber() + " has "
              + row.size() + " values, the header " + parser.getHeaderNames().size());
        }
        Long.parseLong(row.get("seed"));
        rows.add(new IndexRow(row.get("trial_id"), arms ? row.get("arm") : Arm.GRID.label(),
            row.get("problem"), row.get("optimizer"), row.get("hyperparameters"),
            row.get("batch_size"), row.get("seed"), row.get("status"), optional(row, "steps"),
            optional(row, "train_time_s"), row.get("path")));
      }
      return new Rows(rows);
    } catch (IOException | IllegalArgumentException | IllegalStateException e) {
      return new Unusable("cannot be read (" + firstLine(e) + ")");
    }
  }

  /**
   * The index's rows rebuilt from {@code trials/**}/spec.json, in path order, with an empty
   * status (the trial folders say how each trial ended).
   *
   * @param root the experiment folder
   * @param tunes whether the experiment is tune-then-evaluate (its arms cannot be guessed)
   * @param problem why the index is not used, as from {@link Unusable#problem}
   * @param parameterOrder the hyperparameter names of an optimizer id in display order, or null
   *     for an optimizer this version does not know (its names are then left in spec order)
   * @param warnings told of each spec file that cannot be read (the trial is left out)
   * @return the rows
   * @throws UserInputException if the trial folders cannot be listed, or a tune-then-evaluate
   *     experiment's folders predate the record of their arms
   */
  public static List<IndexRow> rebuild(Path root, boolean tunes, String problem,
      Function<String, List<String>> parameterOrder, Consumer<String> warnings) {
    List<Path> specs;
    try (Stream<Path> files = Files.walk(root.resolve(ResultStore.TRIALS))) {
      specs = files.filter(f -> f.getFileName().toString().equals(ResultStore.SPEC)).sorted()
          .toList();
    } catch (IOException | UncheckedIOException e) {
      throw new UserInputException(root.resolve(ResultStore.INDEX) + " " + problem + ", and the"
          + " trial folders cannot be listed to rebuild it (" + firstLine(e) + ")", e);
    }
    ObjectMapper json = StoreJson.mapper();
    List<IndexRow> rows = new ArrayList<>();
    for (Path file : specs) {
      JsonNode node;
      try {
        node = json.readTree(file.toFile());
      } catch (IOException e) {
        warnings.accept("cannot read " + root.relativize(file) + " (" + firstLine(e) + "); that"
            + " trial is left out of the rebuilt index");
        continue;
      }
      JsonNode spec = node.path("spec");
      List<String> arms = new ArrayList<>();
      node.path("arms").forEach(a -> arms.add(a.asText()));
      if (arms.isEmpty() && tunes) {
        throw new UserInputException(root.resolve(ResultStore.INDEX) + " " + problem + ", and"
            + " these trial folders predate the record of their protocol arm, so it cannot be"
            + " rebuilt from them: run the experiment's config again with 'optbench run' (its"
            + " finished trials are kept, not retrained) to rewrite it");
      }
      // spec.json sorts keys; the index lists hyperparameters in the optimizer's own order.
      JsonNode optimizer = spec.path("optimizer");
      List<String> names = new ArrayList<>();
      optimizer.fieldNames().forEachRemaining(names::add);
      // A plugin's spec also names its class and jar hash: identity, not hyperparameters.
      names.removeAll(List.of("id", "class", "sha256", "recipe"));
      List<String> order = parameterOrder.apply(optimizer.path("id").asText());
      if (order != null) {
        names.sort(Comparator.comparingInt(order::indexOf));
      }
      List<String> pairs = new ArrayList<>(
          names.stream().map(n -> n + "=" + optimizer.get(n).asText()).toList());
      // The recipe's numbers follow, as the index writes them (OptimizerSpec.labels).
      if (optimizer.has("recipe")) {
        Recipe.fromDescription(json.convertValue(optimizer.get("recipe"),
            new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { }))
            .labels().forEach((k, v) -> pairs.add(k + "=" + CurveWriter.format(v)));
      }
      String hyper = String.join(";", pairs);
      String path = root.relativize(file.getParent()).toString().replace('\\', '/');
      for (String arm : arms.isEmpty() ? List.of(Arm.GRID.label()) : arms) {
        rows.add(new IndexRow(node.path("trialId").asText(), arm,
            spec.path("problem").path("id").asText(), optimizer.path("id").asText(), hyper,
            spec.path("batchSize").asText(), spec.path("seed").asText("0"), "", "", "", path));
      }
    }
    return rows;
  }

  private static String optional(CSVRecord row, String column) {
    return row.isMapped(column) ? row.get(column) : "";
  }

  private static String firstLine(Exception e) {
    if (e instanceof CharacterCodingException || e.getCause() instanceof CharacterCodingException) {
      // The JDK says only "Input length = 1".
      return "it is not UTF-8 text";
    }
    return StoreJson.reason(e);
  }
}
