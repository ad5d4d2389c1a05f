package org.optbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Guards the package walls of {@code docs/ARCHITECTURE.md} by reading the main sources.
 *
 * <p>Every reference to another optbench package (an import or a fully qualified name in code,
 * comments and string literals aside) must be listed in {@link #ALLOWED}; DL4J and ND4J may be
 * referenced only from {@link #ENGINE_PACKAGES}. A new package fails here until its row is added,
 * which is the point: where it sits in the layers is decided, not drifted into.
 */
class ArchitectureTest {

  private static final Path SOURCES = Path.of("src/main/java/org/optbench");

  /**
   * Which optbench packages each package may use, lowest layer first. The root package
   * ({@code ""}: {@code Sha256}, {@code ShortCommand}, {@code UserInputException}) may be used by
   * every package.
   */
  private static final Map<String, Set<String>> ALLOWED = new TreeMap<>(Map.ofEntries(
      Map.entry("", Set.of()),
      Map.entry("stats", Set.of()),
      Map.entry("optimizer", Set.of()),
      Map.entry("data", Set.of()),
      Map.entry("plugin", Set.of("optimizer")),
      Map.entry("platform", Set.of()),
      Map.entry("problem", Set.of("data", "stats")),
      Map.entry("experiment", Set.of("optimizer", "problem")),
      Map.entry("config", Set.of("data", "experiment", "optimizer", "plugin", "problem",
          "stats")),
      Map.entry("result", Set.of("experiment", "optimizer", "problem")),
      Map.entry("run", Set.of("config", "data", "experiment", "optimizer", "plugin", "problem",
          "result")),
      Map.entry("export", Set.of("result")),
      Map.entry("report", Set.of("stats", "config", "experiment", "optimizer", "plugin",
          "problem", "result")),
      Map.entry("dl4j", Set.of("data", "experiment", "optimizer", "platform", "plugin", "problem",
          "result", "run")),
      Map.entry("reproduce", Set.of("config", "data", "dl4j", "experiment", "optimizer",
          "platform", "problem", "result")),
      Map.entry("isolate", Set.of("data", "dl4j", "experiment", "reproduce", "result", "run")),
      Map.entry("bench", Set.of("config", "data", "dl4j", "experiment", "optimizer", "platform",
          "plugin", "problem", "result", "run", "stats")),
      Map.entry("cli", Set.of("bench", "config", "data", "dl4j", "experiment", "export",
          "isolate", "optimizer", "platform", "plugin", "problem", "report", "reproduce",
          "result", "run"))));

  /** The only packages that may touch DL4J or ND4J: the engine and its benchmarks. */
  private static final Set<String> ENGINE_PACKAGES = Set.of("dl4j", "bench");

  /**
   * The optimizer plugin API is DL4J's own updater interface, so {@code plugin} may use ND4J's
   * updater classes (and the array operations an updater performs), never a network or the
   * backend's start-up: loading these classes starts no native code.
   */
  private static final Map<String, List<String>> UPDATER_API = Map.of("plugin", List.of(
      "org.nd4j.linalg.learning.", "org.nd4j.linalg.schedule.",
      "org.nd4j.linalg.api.ndarray.INDArray", "org.nd4j.linalg.ops.transforms.Transforms"));

  private static final Pattern OPTBENCH_REF =
      Pattern.compile("\\borg\\.optbench\\.([a-z][a-z0-9]*)\\.[A-Za-z*]");
  private static final Pattern OPTBENCH_ROOT_REF =
      Pattern.compile("\\borg\\.optbench\\.[A-Z]");
  private static final Pattern ENGINE_REF =
      Pattern.compile("\\borg\\.(nd4j|deeplearning4j|bytedeco)\\.");

  @Test
  void everyPackageUsesOnlyTheLayersBelowIt() throws IOException {
    List<String> violations = new ArrayList<>();
    for (Path file : sources()) {
      String pkg = packageOf(file);
      Set<String> allowed = ALLOWED.get(pkg);
      if (allowed == null) {
        violations.add(file + ": package '" + pkg + "' has no row in ArchitectureTest.ALLOWED;"
            + " add it with the packages it may use, and to docs/ARCHITECTURE.md");
        continue;
      }
      List<String> lines = codeLines(file);
      for (int i = 0; i < lines.size(); i++) {
        Matcher m = OPTBENCH_REF.matcher(lines.get(i));
        while (m.find()) {
          String used = m.group(1);
          if (!used.equals(pkg) && !allowed.contains(used)) {
            violations.add(file + ":" + (i + 1) + ": '" + pkg + "' uses '" + used
                + "'; it may use only " + new TreeSet<>(allowed));
          }
        }
      }
    }
    assertEquals(List.of(), violations, String.join("\n", violations));
  }

  @Test
  void onlyTheEnginePackagesTouchDl4jOrNd4j() throws IOException {
    List<String> violations = new ArrayList<>();
    for (Path file : sources()) {
      String pkg = packageOf(file);
      if (ENGINE_PACKAGES.contains(pkg)) {
        continue;
      }
      List<String> api = UPDATER_API.getOrDefault(pkg, List.of());
      List<String> lines = codeLines(file);
      for (int i = 0; i < lines.size(); i++) {
        Matcher m = ENGINE_REF.matcher(lines.get(i));
        while (m.find()) {
          String rest = lines.get(i).substring(m.start());
          if (api.stream().noneMatch(rest::startsWith)) {
            violations.add(file + ":" + (i + 1) + ": '" + pkg + "' uses org." + m.group(1)
                + (api.isEmpty() ? "" : " beyond the updater API " + api) + "; only "
                + new TreeSet<>(ENGINE_PACKAGES) + " may");
          }
        }
      }
    }
    assertEquals(List.of(), violations, String.join("\n", violations));
  }

  /**
   * A cluster engine lives in its own build behind {@code run/ExecutorProvider}: no package of
   * optbench's core names Spark (or Scala, its language), so the default jar runs without it.
   */
  @Test
  void noPackageOfTheCoreTouchesSpark() throws IOException {
    Pattern cluster = Pattern.compile("\\b(org\\.apache\\.spark|scala)\\.");
    List<String> violations = new ArrayList<>();
    for (Path file : sources()) {
      List<String> lines = codeLines(file);
      for (int i = 0; i < lines.size(); i++) {
        if (cluster.matcher(lines.get(i)).find()) {
          violations.add(file + ":" + (i + 1) + ": uses Spark or Scala; a cluster executor is"
              + " an ExecutorProvider in its own build (spark/)");
        }
      }
    }
    assertEquals(List.of(), violations, String.join("\n", violations));
  }

  @Test
  void theAllowedUsesFormLayersWithoutCycles() {
    // Peel off packages whose every allowed use is already peeled: all are peeled iff acyclic.
    Set<String> placed = new HashSet<>();
    boolean progress = true;
    while (progress) {
      progress = false;
      for (Map.Entry<String, Set<String>> e : ALLOWED.entrySet()) {
        if (!placed.contains(e.getKey()) && placed.containsAll(e.getValue())) {
          placed.add(e.getKey());
          progress = true;
        }
      }
    }
    assertEquals(ALLOWED.keySet(), placed, "packages on a cycle of allowed uses");
  }

  @Test
  void theRootPackageIsUsableFromEveryLayerAndUsesNone() throws IOException {
    for (Path file : sources()) {
      if (packageOf(file).isEmpty()) {
        for (String line : codeLines(file)) {
          assertTrue(!OPTBENCH_REF.matcher(line).find(), file + " uses a subpackage: " + line);
        }
      }
    }
    // The pattern must see root-package references, or the rule above would be vacuous.
    assertTrue(OPTBENCH_ROOT_REF.matcher("import org.optbench.Sha256;").find());
    assertTrue(!OPTBENCH_REF.matcher("import org.optbench.Sha256;").find());
  }

  @Test
  void theScannerSeesImportsAndQualifiedNamesButNotCommentsOrStrings() {
    List<String> code = stripCommentsAndStrings(List.of(
        "import org.optbench.run.TrialRunner; // org.optbench.cli.Main",
        "/* org.optbench.cli.Main */ var x = org.optbench.report.Figures.of();",
        "String s = \"org.optbench.cli.Main\";",
        "String t = \"\"\"",
        "  org.optbench.cli.Main \"quoted\" org.nd4j.x",
        "  \"\"\"; var z = org.optbench.report.Tables.of();",
        "/** {@link org.optbench.cli.Main}",
        " * org.nd4j.linalg */ int y;"));
    List<String> found = new ArrayList<>();
    for (String line : code) {
      Matcher m = OPTBENCH_REF.matcher(line);
      while (m.find()) {
        found.add(m.group(1));
      }
      if (ENGINE_REF.matcher(line).find()) {
        found.add("engine");
      }
    }
    assertEquals(List.of("run", "report", "report"), found);
  }

  private static List<Path> sources() throws IOException {
    try (Stream<Path> files = Files.walk(SOURCES)) {
      List<Path> list = files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
      assertTrue(list.size() > 100, "main sources not found under " + SOURCES.toAbsolutePath());
      return list;
    }
  }

  private static String packageOf(Path file) {
    Path rel = SOURCES.relativize(file);
    return rel.getNameCount() == 1 ? "" : rel.getName(0).toString();
  }

  private static List<String> codeLines(Path file) throws IOException {
    return stripCommentsAndStrings(Files.readAllLines(file, StandardCharsets.UTF_8));
  }

  /**
   * Blanks comments and string/char literals, keeping line numbers, so that prose and messages
   * naming a package do not count as using it.
   */
  static List<String> stripCommentsAndStrings(List<String> lines) {
    List<String> out = new ArrayList<>();
    boolean block = false;
    boolean textBlock = false;
    for (String line : lines) {
      StringBuilder sb = new StringBuilder();
      int i = 0;
      while (i < line.length()) {
        char c = line.charAt(i);
        if (block || textBlock) {
          String end = block ? "*/" : "\"\"\"";
          if (line.startsWith(end, i)) {
            block = false;
            textBlock = false;
            i += end.length();
          } else {
            i++;
          }
        } else if (line.startsWith("\"\"\"", i)) {
          textBlock = true;
          i += 3;
        } else if (line.startsWith("/*", i)) {
          block = true;
          i += 2;
        } else if (line.startsWith("//", i)) {
          break;
        } else if (c == '"' || c == '\'') {
          // Text blocks and escapes: skip to the matching unescaped quote on this line.
          int j = i + 1;
          while (j < line.length() && line.charAt(j) != c) {
            j += line.charAt(j) == '\\' ? 2 : 1;
          }
          sb.append(c).append(c);
          i = j + 1;
        } else {
          sb.append(c);
          i++;
        }
      }
      out.add(sb.toString());
    }
    return out;
  }
}
