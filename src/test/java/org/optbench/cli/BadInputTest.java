package org.optbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input at the command line: arguments, files and folders. Each case exits with code 2 and
 * prints exactly the expected message, with no stack trace. (Config file contents have their own
 * table in ConfigErrorsTest; data-file parsing in the data package's tests.)
 */
class BadInputTest {
  private static final String GOOD = """
      name: good
      problems: [{id: saddle, steps: 2, optimizers: [{name: sgd, learningRate: 0.1}]}]
      """;
  private static final String MNIST = """
      name: needs-mnist
      problems: [{id: mnist-logreg, optimizers: [{name: sgd, learningRate: 0.1}]}]
      """;

  @TempDir
  static Path dir;

  /** A case: builds its arguments in a fresh folder and names the expected error output. */
  record Case(String name, Function<Path, String[]> args, Function<Path, String> expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("--resume with --overwrite", d -> new String[] {"run", write(d, "c.yaml", GOOD),
            "--resume", "--overwrite"},
            d -> "error: --resume, --overwrite are mutually exclusive (specify only one)\n"),
        new Case("--parallelism not a number", d -> new String[] {"run",
            write(d, "c.yaml", GOOD), "--parallelism", "two"},
            d -> "error: Invalid value for option '--parallelism': 'two' is not an int\n"
                + "see: optbench run --help\n"),
        new Case("--parallelism 0", d -> new String[] {"run", write(d, "c.yaml", GOOD),
            "--parallelism", "0"},
            d -> "error: --parallelism 0 is not accepted; give an integer >= 1\n"),
        new Case("missing config argument", d -> new String[] {"run"},
            d -> "error: Missing required parameter: 'CONFIG'\nsee: optbench run --help\n"),
        new Case("config file missing", d -> new String[] {"run", d.resolve("nope.yaml")
            .toString()},
            d -> "error: config file " + d.resolve("nope.yaml") + " does not exist; the configs"
                + " folder holds examples, e.g. configs/quickstart.yaml\n"),
        new Case("config is a directory", d -> new String[] {"run", d.toString()},
            d -> "error: " + d + " is a directory; give the path of a YAML experiment file, e.g."
                + " configs/quickstart.yaml\n"),
        new Case("config is not text", d -> new String[] {"run", writeBytes(d, "c.yaml",
            new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1})},
            d -> "error: " + d.resolve("c.yaml") + " is not UTF-8 text; a config must be a YAML"
                + " file\n"),
        new Case("results path is a file", d -> new String[] {"run", write(d, "c.yaml", GOOD),
            "--results", write(d, "taken", "x")},
            d -> "error: cannot create results directory " + d.resolve("taken").resolve("good")
                + " (Not a directory); choose a writable directory with --results\n"),
        new Case("experiment folder is a file", d -> {
          write(d, "r/good", "x");
          return new String[] {"run", write(d, "c.yaml", GOOD), "--results",
              d.resolve("r").toString()};
        }, d -> "error: results path " + d.resolve("r/good") + " is a file; give a directory"
            + " with --results (or resultsDir in the config)\n"),
        new Case("data file with a wrong checksum", d -> {
          for (String f : new String[] {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
              "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"}) {
            write(d, "data/mnist/" + f, "not the real file");
          }
          return new String[] {"run", write(d, "c.yaml", MNIST), "--data-dir",
              d.resolve("data").toString(), "--no-download", "--results",
              d.resolve("r").toString()};
        }, d -> "error: Checksum mismatch for " + d.resolve("data/mnist/train-images-idx3-ubyte.gz")
            + ": expected SHA-256"
            + " 440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609 (the published"
            + " MNIST train-images-idx3-ubyte.gz), actual"
            + " 66719ed2ea2402a891e0109fef17695a6f3c3f49ea30f0499e355591fd56b355. The file was"
            + " left untouched. It is probably incomplete, corrupt or from a different data set:"
            + " replace it with the original file, or move it away so that optbench can download"
            + " a fresh copy (when downloading is enabled).\n"),
        new Case("report of a folder that holds no results", d -> new String[] {"report",
            d.toString()}, d -> "error: " + d + " is not an experiment folder:"
            + " experiment.resolved.yaml is missing; give results/<experiment>/ as written by"
            + " 'optbench run'\n"),
        new Case("threads other than the native pool", d -> new String[] {"run",
            write(d, "c.yaml", GOOD.replace("name: good", "name: good\nthreads: 3")), "--results",
            d.resolve("r").toString()},
            d -> "error: the experiment asks for 3 native thread(s) per trial, but ND4J started"
                + " with 1 OpenMP thread(s) (OMP_NUM_THREADS=1); start optbench with"
                + " OMP_NUM_THREADS=3 (./optbench sets 1 unless OMP_NUM_THREADS is exported), or"
                + " set threads: 1 in the config\n"),
        new Case("two configs to run", d -> new String[] {"run", write(d, "a.yaml", GOOD),
            write(d, "b.yaml", GOOD)},
            d -> "error: '" + d.resolve("b.yaml") + "' is a second CONFIG; optbench run takes one"
                + " CONFIG per call: run it once for each\nsee: optbench run --help\n"),
        new Case("two folders to report without --out", d -> new String[] {"report",
            d.toString(), "other"},
            d -> "error: --out is required with 2 results folders: give the folder the merged"
                + " report goes to, e.g. --out results/merged-report\n"),
        new Case("an empty --data-dir", d -> new String[] {"run", write(d, "c.yaml", GOOD),
            "--data-dir", ""},
            d -> "error: Invalid value for option '--data-dir': an empty path is not accepted;"
                + " give a path, or leave the option out for its default\n"),
        new Case("an empty --results", d -> new String[] {"run", write(d, "c.yaml", GOOD),
            "--results", " "},
            d -> "error: Invalid value for option '--results': an empty path is not accepted;"
                + " give a path, or leave the option out for its default\n"),
        new Case("unknown command", d -> new String[] {"train"},
            d -> "error: Unmatched argument at index 0: 'train'\ncommands: run, report, export,"
                + " reproduce, list, bench, help\nsee: optbench --help\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void exitsWithCodeTwoAndAClearMessage(Case c) throws IOException {
    Path d = Files.createTempDirectory(dir, "case");
    String[] args = c.args().apply(d);
    CliRun run = CliRun.of(args);
    assertEquals(2, run.exitCode(), run.err());
    String expected = c.expected().apply(d);
    if (expected != null) {
      assertEquals(expected, firstLines(run.err(), expected));
    }
    assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
  }

  /** Picocli follows some errors with the usage text; compare only as many lines as expected. */
  private static String firstLines(String text, String expected) {
    long lines = expected.chars().filter(ch -> ch == '\n').count();
    StringBuilder out = new StringBuilder();
    text.lines().limit(lines).forEach(l -> out.append(l).append('\n'));
    return out.toString();
  }

  private static String write(Path d, String name, String text) {
    return writeBytes(d, name, text.getBytes(StandardCharsets.UTF_8));
  }

  private static String writeBytes(Path d, String name, byte[] bytes) {
    try {
      Path file = d.resolve(name);
      Files.createDirectories(file.getParent());
      Files.write(file, bytes);
      return file.toString();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
