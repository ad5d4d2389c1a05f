package org.optbench.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.optbench.UserInputException;
import org.optbench.result.CurveFormat;
import org.optbench.result.CurveTable;
import org.optbench.result.CurveWriter;
import org.optbench.result.IndexRow;
import org.optbench.result.ResultStore;
import org.optbench.result.StoreFormat;
import org.optbench.result.TrialFolder;
import org.optbench.result.TrialIndex;

/**
 * Writes every finished trial of a results folder as one long-format table: one row per value of
 * a curve file, that is per row of {@code curve.csv} or {@code evals.csv} and per column of it
 * other than {@code iteration}, keyed by the trial and the row's iteration. Trials that DIVERGED
 * or FAILED are included with their status, so that a mean over the table cannot silently leave
 * them out or mix them in; unfinished and damaged trials are left out with a warning. Columns
 * and their meaning: {@link #COLUMNS} and {@code docs/export.md}.
 */
public final class ResultExport {
  /** The table's header, in order. */
  public static final List<String> COLUMNS = List.of("experiment", "problem", "optimizer", "arm",
      "setting_hash", "hyperparameters", "batch_size", "seed", "trial_id", "status", "kind",
      "iteration", "metric", "value");
  /** {@code kind} of a row from {@code curve.csv}: a recorded optimizer step. */
  public static final String STEP = "step";
  /** {@code kind} of a row from {@code evals.csv}: an evaluation. */
  public static final String EVALUATION = "evaluation";

  private ResultExport() {}

  /**
   * Exports a results folder.
   *
   * @param root an experiment folder (holds {@code trials.csv} or {@code trials/})
   * @param out the table to write: {@code .csv}, or {@code .csv.gz} for gzip-compressed CSV;
   *     written to a temporary file beside it and moved into place, so no reader sees half a file
   * @param force whether an existing {@code out} may be replaced
   * @return what was written
   * @throws UserInputException if {@code root} is not a results folder, {@code out} has another
   *     extension, exists without {@code force}, or cannot be written
   */
  public static ExportSummary export(Path root, Path out, boolean force) {
    boolean gzip = compressed(out);
    if (!Files.exists(root)) {
      throw new UserInputException(root + " does not exist; give an experiment folder such as"
          + " results/quickstart");
    }
    if (!Files.isDirectory(root) || !(Files.exists(root.resolve(ResultStore.INDEX))
        || Files.isDirectory(root.resolve(ResultStore.TRIALS)))) {
      throw new UserInputException(root + " is not a results folder (it holds neither "
          + ResultStore.INDEX + " nor " + ResultStore.TRIALS + "/); give an experiment folder"
          + " such as results/quickstart");
    }
    // The export is derived data: inside the results folder it could replace the store's own
    // files (trials.csv) or be taken for one of them.
    if (out.toAbsolutePath().normalize().startsWith(root.toAbsolutePath().normalize())) {
      throw new UserInputException("--out " + out + " is inside the results folder " + root
          + ", whose files belong to optbench; write the export elsewhere, e.g. --out "
          + root.getFileName() + ".csv");
    }
    StoreFormat.checkStore(root);
    if (Files.exists(out) && !force) {
      throw new UserInputException(out + " exists; give another --out, or --force to replace"
          + " it");
    }
    if (Files.isDirectory(out)) {
      throw new UserInputException(out + " is a directory; --out takes a file name ending in"
          + " .csv or .csv.gz");
    }
    List<String> warnings = new ArrayList<>();
    List<IndexRow> rows = indexRows(root, warnings);
    Path absolute = out.toAbsolutePath();
    Path tmp = absolute.resolveSibling("." + absolute.getFileName() + ".tmp");
    long written;
    int trials;
    try {
      Files.createDirectories(absolute.getParent());
      try (OutputStream file = Files.newOutputStream(tmp);
          OutputStream stream = gzip ? new GZIPOutputStream(file) : file;
          Writer writer = new BufferedWriter(new OutputStreamWriter(stream,
              StandardCharsets.UTF_8));
          CSVPrinter printer = new CSVPrinter(writer, CSVFormat.DEFAULT.builder()
              .setRecordSeparator('\n').setHeader(COLUMNS.toArray(String[]::new)).build())) {
        Table table = new Table(printer, experiment(root));
        trials = table.trials(root, rows, warnings);
        written = table.rows;
      }
      if (force) {
        Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } else {
        // Without --force a file that appeared meanwhile is not replaced (a rename within the
        // folder, after an existence check).
        Files.move(tmp, absolute);
      }
    } catch (FileAlreadyExistsException e) {
      deleteQuietly(tmp);
      throw new UserInputException(out + " exists; give another --out, or --force to replace"
          + " it", e);
    } catch (IOException e) {
      deleteQuietly(tmp);
      throw new UserInputException("cannot write " + out + " (" + e.getMessage() + ");"
          + " choose a writable place with --out", e);
    } catch (RuntimeException e) {
      deleteQuietly(tmp);
      throw e;
    }
    return new ExportSummary(out, trials, written, warnings);
  }

  /**
   * @param out the --out file
   * @return whether it is to be gzip-compressed
   * @throws UserInputException if its name ends in neither {@code .csv} nor {@code .csv.gz}
   */
  static boolean compressed(Path out) {
    String name = out.getFileName() == null ? "" : out.getFileName().toString();
    if (name.endsWith(".csv.gz") && name.length() > ".csv.gz".length()) {
      return true;
    }
    if (name.endsWith(".csv") && name.length() > ".csv".length()) {
      return false;
    }
    throw new UserInputException("--out " + out + ": the file name must end in .csv or .csv.gz"
        + " (gzip-compressed CSV)");
  }

  /** The experiment's name is its folder's: {@code run} writes {@code <results>/<name>/}. */
  private static String experiment(Path root) {
    Path name = root.toAbsolutePath().normalize().getFileName();
    return name == null ? "" : name.toString();
  }

  /** The index, or the rows rebuilt from the trial folders when it is missing or unreadable. */
  private static List<IndexRow> indexRows(Path root, List<String> warnings) {
    TrialIndex.Reading reading = TrialIndex.read(root);
    if (reading instanceof TrialIndex.Rows rows) {
      return rows.rows();
    }
    String problem = ((TrialIndex.Unusable) reading).problem();
    List<IndexRow> rows = TrialIndex.rebuild(root, false, problem, id -> null, warnings::add);
    warnings.add(ResultStore.INDEX + " " + problem + "; the trials were listed from the trial"
        + " folders (arms read from spec.json, 'grid' where none is recorded)");
    return rows;
  }

  private static void deleteQuietly(Path tmp) {
    try {
      Files.deleteIfExists(tmp);
    } catch (IOException ignored) {
      // the original error is the one worth reporting
    }
  }

  /** Prints the rows of the trials, counting them. */
  private static final class Table {
    private final CSVPrinter printer;
    private final String experiment;
    private long rows;

    Table(CSVPrinter printer, String experiment) {
      this.printer = printer;
      this.experiment = experiment;
    }

    /** @return the number of trial folders exported */
    int trials(Path root, List<IndexRow> index, List<String> warnings) throws IOException {
      // A trial serving two arms has two index rows and one folder, inspected once.
      Map<String, List<IndexRow>> byPath = new LinkedHashMap<>();
      index.forEach(r -> byPath.computeIfAbsent(r.trialId() + "\n" + r.path(),
          k -> new ArrayList<>()).add(r));
      int trials = 0;
      for (List<IndexRow> armRows : byPath.values()) {
        IndexRow first = armRows.get(0);
        Path dir = root.resolve(first.path()).normalize();
        if (!dir.startsWith(root.normalize())) {
          warnings.add(ResultStore.INDEX + " names a trial folder outside the experiment: "
              + first.path());
          continue;
        }
        TrialFolder.State state = TrialFolder.inspect(dir, first.trialId());
        if (state instanceof TrialFolder.Damaged damaged) {
          warnings.add("left out, damaged: " + damaged.reason() + " (" + first.path() + ")");
          continue;
        }
        if (!(state instanceof TrialFolder.Finished finished)) {
          warnings.add("left out, unfinished: " + first.path());
          continue;
        }
        // A FAILED trial's curves were not checked: they are exported as far as they go.
        CurveTable curve = finished.curve().orElseGet(() -> lenient(dir, ResultStore.CURVE));
        CurveTable evals = finished.evals().orElseGet(() -> lenient(dir, ResultStore.EVALS));
        String status = finished.result().status().name();
        if ((curve == null || curve.rows() == 0) && (evals == null || evals.rows() == 0)) {
          // No value to carry its status: say so, or the trial would vanish from the table.
          warnings.add("no rows: " + status + " before recording any value ("
              + finished.result().message() + "): " + first.path());
        }
        String hash = ResultStore.settingHash(dir);
        for (IndexRow row : armRows) {
          List<String> key = List.of(experiment, row.problem(), row.optimizer(), row.arm(), hash,
              row.hyperparameters(), row.batchSize(), row.seed(), row.trialId(), status);
          print(key, STEP, curve);
          print(key, EVALUATION, evals);
        }
        trials++;
      }
      return trials;
    }

    private void print(List<String> key, String kind, CurveTable table) throws IOException {
      if (table == null) {
        return;
      }
      double[] iteration = table.column(CurveFormat.ITERATION);
      if (iteration == null) {
        return;
      }
      List<String> names = table.names();
      for (int r = 0; r < table.rows(); r++) {
        String at = CurveWriter.format(iteration[r]);
        for (String name : names) {
          if (name.equals(CurveFormat.ITERATION)) {
            continue;
          }
          List<Object> record = new ArrayList<>(key);
          record.add(kind);
          record.add(at);
          record.add(name);
          record.add(CurveWriter.format(table.column(name)[r]));
          printer.printRecord(record);
          rows++;
        }
      }
    }
  }

  /** A curve file of a failed trial, as far as it goes; null if it is absent or unreadable. */
  private static CurveTable lenient(Path dir, String file) {
    Path path = dir.resolve(file);
    if (!Files.isRegularFile(path)) {
      return null;
    }
    try {
      return CurveTable.readLenient(path);
    } catch (UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
      return null;
    }
  }
}
