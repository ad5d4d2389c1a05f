package org.optbench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes a small, hand-made experiment folder in the layout {@code optbench run} produces
 * (resolved config, manifest, trials.csv, trials/.../seed-n/{spec.json, curve.csv, evals.csv,
 * result.json}), with numbers chosen so that every aggregate can be computed by hand.
 *
 * <p>The store ({@link #standard}):
 *
 * <ul>
 *   <li>{@code mnist-mlp} (5120 training examples, batch 128, 40 steps, evaluation every 10
 *       steps, target test_accuracy ≥ 0.9):
 *       <ul>
 *         <li>sgd lr=0.1, seeds 0, 1, 2. Seed 0: test accuracy 0.5, 0.85, 0.91, 0.92, 0.92 at
 *             iterations 0, 10, 20, 30, 40 (reaches 0.9 at 20). Seed 1: 0.5, 0.91, 0.93, 0.94,
 *             0.94 (reaches at 10). Seed 2 DIVERGED at step 12: 0.5, 0.95 at 10, then 0.1 at
 *             13; it meets 0.9 before diverging but must not count.</li>
 *         <li>adam lr=0.001, seeds 0, 1: final validation accuracy 0.98, test accuracy 0.90.</li>
 *         <li>adam lr=0.01, seeds 0, 1: final validation accuracy 0.95, test accuracy 0.97.
 *             Selection on validation picks lr=0.001; selection on test would pick 0.01.</li>
 *       </ul>
 *   <li>{@code ravine-2d} (κ = 100, start (−4, 1), 5 steps, target suboptimality ≤ 10):
 *       sgd lr=0.015 follows gradient descent exactly: x ← 0.985x, y ← −0.5y, so
 *       f = ½(x² + 100y²) is 58, 20.26, 10.66, 8.088, … (first ≤ 10 at step 3); nesterovs
 *       lr=0.005 follows a made-up path that halves both coordinates each step.</li>
 * </ul>
 */
public final class ResultStoreFixture {
  /** Training examples of the image problem. */
  public static final int TRAIN_EXAMPLES = 5120;
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT);
  private static final List<String> IMAGE_EVAL_COLUMNS = List.of("iteration", "epoch",
      "examples_seen", "train_time_s", "train_loss", "train_accuracy", "validation_loss",
      "validation_accuracy", "test_loss", "test_accuracy");
  private static final List<String> IMAGE_CURVE_COLUMNS = List.of("iteration", "epoch",
      "examples_seen", "loss", "learning_rate", "train_time_s");
  private static final List<String> ANALYTIC_COLUMNS = List.of("iteration", "x", "y", "loss",
      "distance_to_optimum", "suboptimality", "learning_rate", "train_time_s");

  private final Path root;
  private final List<List<Object>> index = new ArrayList<>();
  private int settings;

  private ResultStoreFixture(Path root) {
    this.root = root;
  }

  /**
   * @param root the experiment folder to create
   * @param description the experiment's description (tests put markup in it)
   * @return the fixture after writing the standard store
   */
  public static ResultStoreFixture standard(Path root, String description) {
    ResultStoreFixture f = new ResultStoreFixture(root);
    f.writeConfig(description);
    f.writeManifest();
    String sgd = f.setting("mnist-mlp", "sgd", "learningRate-0.1_batch-128");
    f.image(sgd, "sgd", Map.of("learningRate", 0.1), 0, "COMPLETED",
        new double[] {0.5, 0.85, 0.91, 0.92, 0.92}, 0.9, -1);
    f.image(sgd, "sgd", Map.of("learningRate", 0.1), 1, "COMPLETED",
        new double[] {0.5, 0.91, 0.93, 0.94, 0.94}, 0.9, -1);
    f.image(sgd, "sgd", Map.of("learningRate", 0.1), 2, "DIVERGED",
        new double[] {0.5, 0.95, 0.1}, 0.9, 12);
    Map<String, Double> adamSmall = adam(0.001);
    String adam1 = f.setting("mnist-mlp", "adam",
        "learningRate-0.001_beta1-0.9_beta2-0.999_epsilon-1.0E-8_batch-128");
    for (int seed = 0; seed < 2; seed++) {
      f.image(adam1, "adam", adamSmall, seed, "COMPLETED",
          new double[] {0.5, 0.7, 0.8, 0.85, 0.90}, 0.98, -1);
    }
    String adam2 = f.setting("mnist-mlp", "adam",
        "learningRate-0.01_beta1-0.9_beta2-0.999_epsilon-1.0E-8_batch-128");
    for (int seed = 0; seed < 2; seed++) {
      f.image(adam2, "adam", adam(0.01), seed, "COMPLETED",
          new double[] {0.5, 0.8, 0.9, 0.95, 0.97}, 0.95, -1);
    }
    String ravineSgd = f.setting("ravine-2d", "sgd", "learningRate-0.015_batch-full");
    f.analytic(ravineSgd, "sgd", Map.of("learningRate", 0.015), 0.985, -0.5);
    String ravineNesterovs = f.setting("ravine-2d", "nesterovs",
        "learningRate-0.005_momentum-0.9_batch-full");
    f.analytic(ravineNesterovs, "nesterovs", orderedMap("learningRate", 0.005, "momentum", 0.9),
        0.5, 0.5);
    f.writeIndex();
    return f;
  }

  /** @return the experiment folder */
  public Path root() {
    return root;
  }

  /**
   * Adds a trial of the plan that never ran: a PENDING row in trials.csv and no folder.
   *
   * @param seed its seed (nesterovs lr=0.05 momentum=0.9 on mnist-mlp)
   */
  public void addPending(long seed) {
    String dir = "trials/mnist-mlp/nesterovs/learningRate-0.05_momentum-0.9_batch-128--0000ffff";
    index.add(List.of(String.format(Locale.ROOT, "%064d", 900 + seed), "mnist-mlp", "nesterovs",
        "learningRate=0.05;momentum=0.9", "128", seed, "PENDING", "", "", dir + "/seed-" + seed));
    writeIndex();
  }

  /**
   * Lists a trial a second time in trials.csv, as the index does for a trial that serves two
   * protocol arms.
   *
   * @param problem problem id
   * @param optimizer optimizer id
   * @param seed seed
   */
  public void listTwice(String problem, String optimizer, long seed) {
    index.add(index.stream().filter(row -> row.get(1).equals(problem)
        && row.get(2).equals(optimizer) && row.get(5).equals(seed)).findFirst().orElseThrow());
    writeIndex();
  }

  /**
   * Turns a finished trial into an interrupted one: its result.json is deleted, curves stay.
   *
   * @param problem problem id
   * @param optimizer optimizer id
   * @param seed seed
   * @return the trial folder, relative to the experiment folder
   */
  public String interrupt(String problem, String optimizer, long seed) {
    for (List<Object> row : index) {
      if (row.get(1).equals(problem) && row.get(2).equals(optimizer)
          && row.get(5).equals(seed)) {
        try {
          Files.delete(root.resolve((String) row.get(9)).resolve("result.json"));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        return (String) row.get(9);
      }
    }
    throw new IllegalArgumentException("no such trial");
  }

  private static Map<String, Double> adam(double lr) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("learningRate", lr);
    m.put("beta1", 0.9);
    m.put("beta2", 0.999);
    m.put("epsilon", 1e-8);
    return m;
  }

  private static Map<String, Double> orderedMap(String k1, double v1, String k2, double v2) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(k1, v1);
    m.put(k2, v2);
    return m;
  }

  private String setting(String problem, String optimizer, String name) {
    settings++;
    return "trials/" + problem + "/" + optimizer + "/" + name + "--"
        + String.format(Locale.ROOT, "%08x", settings);
  }

  /**
   * An image trial: 40 steps of batch 128, evaluations at 0, 10, 20, 30, 40 (a diverged trial:
   * 0, 10 and the step after divergence).
   */
  private void image(String setting, String optimizer, Map<String, Double> hyper, long seed,
      String status, double[] testAccuracy, double finalValidation, int divergedAt) {
    Path dir = trialDir(setting, seed);
    boolean diverged = divergedAt >= 0;
    long steps = diverged ? divergedAt + 1 : 40;
    List<double[]> curve = new ArrayList<>();
    for (int t = 0; t < steps; t++) {
      double loss = diverged && t == divergedAt ? 1e6 : 2.3 * Math.exp(-t / 20.0);
      curve.add(new double[] {t, t * 128 / TRAIN_EXAMPLES, t * 128, loss,
          hyper.get("learningRate"), 0.1 * (t + 1)});
    }
    csv(dir.resolve("curve.csv"), "iteration: steps; loss: mini-batch loss; train_time_s: s",
        IMAGE_CURVE_COLUMNS, curve);
    long[] iterations = diverged ? new long[] {0, 10, steps} : new long[] {0, 10, 20, 30, 40};
    List<double[]> evals = new ArrayList<>();
    for (int i = 0; i < iterations.length; i++) {
      long it = iterations[i];
      double validation = i == iterations.length - 1 ? finalValidation : 0.5 + 0.01 * i;
      evals.add(new double[] {it, it * 128 / TRAIN_EXAMPLES, it * 128, 0.1 * it,
          1.0 / (1 + it), testAccuracy[i], 1.0 / (1 + it), validation, 1.0 / (1 + it),
          testAccuracy[i]});
    }
    csv(dir.resolve("evals.csv"), "iteration: steps; accuracies: fraction", IMAGE_EVAL_COLUMNS,
        evals);
    double[] last = evals.get(evals.size() - 1);
    Map<String, Double> finals = new LinkedHashMap<>();
    for (int c = 4; c < IMAGE_EVAL_COLUMNS.size(); c++) {
      finals.put(IMAGE_EVAL_COLUMNS.get(c), last[c]);
    }
    result(dir, setting, "mnist-mlp", optimizer, hyper, "128", seed, status,
        diverged ? "loss 1000000.0 at iteration " + divergedAt : null, steps, divergedAt,
        0.1 * steps, finals);
  }

  /** A 5-step analytic trial on ravine-2d: (x, y) multiplied by (fx, fy) each step. */
  private void analytic(String setting, String optimizer, Map<String, Double> hyper, double fx,
      double fy) {
    Path dir = trialDir(setting, 0);
    List<double[]> curve = new ArrayList<>();
    double x = -4;
    double y = 1;
    for (int t = 0; t <= 5; t++) {
      double f = 0.5 * (x * x + 100 * y * y);
      curve.add(new double[] {t, x, y, f, Math.hypot(x, y), f, hyper.get("learningRate"),
          0.001 * t});
      x *= fx;
      y *= fy;
    }
    csv(dir.resolve("curve.csv"), "iteration: steps; suboptimality: f - f*", ANALYTIC_COLUMNS,
        curve);
    double[] last = curve.get(curve.size() - 1);
    Map<String, Double> finals = new LinkedHashMap<>();
    for (int c = 1; c < 6; c++) {
      finals.put(ANALYTIC_COLUMNS.get(c), last[c]);
    }
    result(dir, setting, "ravine-2d", optimizer, hyper, "full", 0, "COMPLETED", null, 5, -1,
        0.005, finals);
  }

  private Path trialDir(String setting, long seed) {
    Path dir = root.resolve(setting).resolve("seed-" + seed);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }

  private void result(Path dir, String setting, String problem, String optimizer,
      Map<String, Double> hyper, String batch, long seed, String status, String message,
      long steps, long divergedAt, double seconds, Map<String, Double> finals) {
    String id = String.format(Locale.ROOT, "%064d", index.size());
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("trialId", id);
    r.put("problem", problem);
    r.put("optimizer", optimizer);
    r.put("hyperparameters", hyper);
    r.put("batchSize", batch);
    r.put("seed", seed);
    r.put("status", status);
    r.put("message", message);
    r.put("steps", steps);
    r.put("epochs", problem.equals("ravine-2d") ? 0 : (int) (steps * 128 / TRAIN_EXAMPLES));
    r.put("examplesSeen", problem.equals("ravine-2d") ? 0 : steps * 128);
    r.put("divergedAtStep", divergedAt);
    r.put("trainSeconds", seconds);
    r.put("evalSeconds", 0.0);
    r.put("threads", 1);
    r.put("initialParamsSha256", "");
    r.put("finalParamsSha256", "");
    r.put("finalMetrics", finals);
    try {
      Files.writeString(dir.resolve("spec.json"), JSON.writeValueAsString(Map.of("trialId", id))
          + "\n");
      Files.writeString(dir.resolve("result.json"), JSON.writeValueAsString(r) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> pairs = new ArrayList<>();
    hyper.forEach((k, v) -> pairs.add(k + "=" + v));
    index.add(List.of(id, problem, optimizer, String.join(";", pairs), batch, seed, status,
        steps, seconds, setting + "/seed-" + seed));
  }

  private static void csv(Path file, String units, List<String> columns, List<double[]> rows) {
    CSVFormat format = CSVFormat.DEFAULT.builder().setCommentMarker('#').setHeaderComments(units)
        .setHeader(columns.toArray(String[]::new)).setRecordSeparator('\n').build();
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        CSVPrinter p = new CSVPrinter(w, format)) {
      for (double[] row : rows) {
        for (double v : row) {
          p.print(v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
              : Double.toString(v));
        }
        p.println();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void writeIndex() {
    CSVFormat format = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').setHeader("trial_id",
        "problem", "optimizer", "hyperparameters", "batch_size", "seed", "status", "steps",
        "train_time_s", "path").build();
    try (Writer w = Files.newBufferedWriter(root.resolve("trials.csv"), StandardCharsets.UTF_8);
        CSVPrinter p = new CSVPrinter(w, format)) {
      for (List<Object> row : index) {
        p.printRecord(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void writeConfig(String description) {
    Map<String, Object> mnist = new LinkedHashMap<>();
    mnist.put("id", "mnist-mlp");
    mnist.put("params", Map.of("trainExamples", TRAIN_EXAMPLES, "evalExamples", 1000));
    mnist.put("optimizers", List.of(Map.of("name", "sgd", "learningRate", 0.1)));
    mnist.put("batchSize", List.of(128));
    mnist.put("steps", 40);
    mnist.put("evalEvery", 10);
    mnist.put("lossEvery", 1);
    mnist.put("divergenceFactor", 100.0);
    mnist.put("target", Map.of("metric", "test_accuracy", "value", 0.9, "goal", "max"));
    Map<String, Object> ravine = new LinkedHashMap<>();
    ravine.put("id", "ravine-2d");
    ravine.put("params", Map.of("kappa", 100.0, "start", List.of(-4.0, 1.0)));
    ravine.put("optimizers", List.of(Map.of("name", "sgd", "learningRate", 0.015)));
    ravine.put("steps", 5);
    ravine.put("lossEvery", 1);
    ravine.put("target", Map.of("metric", "suboptimality", "value", 10.0, "goal", "min"));
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("name", "hand-made");
    config.put("description", description);
    config.put("seeds", List.of(0, 1, 2));
    config.put("problems", List.of(mnist, ravine));
    try {
      Files.createDirectories(root);
      Files.writeString(root.resolve("experiment.resolved.yaml"),
          new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().writeValueAsString(config));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void writeManifest() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("javaVersion", "17");
    m.put("note", "<b>not bold</b> & friends");
    try {
      Files.writeString(root.resolve("manifest.json"), JSON.writeValueAsString(m) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
