package org.optbench.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;
import org.optbench.data.DataFile;

/** The skip lines and failures of {@link Prerequisites}, on a hand-made environment. */
class PrerequisitesTest {
  @TempDir
  Path dir;

  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

  private Prerequisites checks(Map<String, String> environment, boolean requireAll) {
    return new Prerequisites(environment, dir, List.of(dir.resolve("datasets")), requireAll,
        new PrintStream(printed, true, StandardCharsets.UTF_8));
  }

  private String printed() {
    return printed.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aBrowserVariableNamingNoFileSkipsWithOneLine() {
    String reason = "OPTBENCH_BROWSER=/no/such/chrome is not an executable file (point it at a"
        + " Chromium or Chrome binary, or unset it to look on PATH)";
    Prerequisites checks = checks(Map.of("OPTBENCH_BROWSER", "/no/such/chrome",
        "PATH", dir.toString()), false);

    TestAbortedException skip = assertThrows(TestAbortedException.class, checks::browser);
    assertThrows(TestAbortedException.class, checks::browser);

    assertEquals(reason, skip.getMessage());
    assertEquals("skipped: " + reason + System.lineSeparator(), printed(),
        "one line, however many tests it skips");
  }

  @Test
  void withRequireAllAMissingBrowserFailsWithTheSameMessage() {
    Prerequisites checks = checks(Map.of("OPTBENCH_BROWSER", "/no/such/chrome"), true);

    AssertionFailedError failure = assertThrows(AssertionFailedError.class, checks::browser);

    assertEquals("OPTBENCH_BROWSER=/no/such/chrome is not an executable file (point it at a"
        + " Chromium or Chrome binary, or unset it to look on PATH)", failure.getMessage());
    assertEquals("", printed(), "a failure is reported by JUnit, not printed as a skip");
  }

  @Test
  void noBrowserOnPathSaysHowToGetOne() {
    TestAbortedException skip = assertThrows(TestAbortedException.class,
        checks(Map.of("PATH", dir.toString()), false)::browser);

    assertEquals("no Chromium on PATH (install: apt-get install chromium, or"
        + " set OPTBENCH_BROWSER=/path/to/chrome)", skip.getMessage());
  }

  @Test
  void findsTheBrowserOnPathOrThroughTheVariable() throws IOException {
    Path empty = Files.createDirectory(dir.resolve("empty"));
    Path bin = Files.createDirectory(dir.resolve("bin"));
    Path chrome = executable(bin.resolve("google-chrome"));
    Files.createFile(bin.resolve("chromium"));  // not executable: passed over
    String path = empty + File.pathSeparator + bin;
    assertEquals(chrome, checks(Map.of("PATH", path), false).browser());

    Path other = executable(dir.resolve("my-chrome"));
    assertEquals(other,
        checks(Map.of("PATH", path, "OPTBENCH_BROWSER", other.toString()), false).browser());
    assertEquals("", printed());
  }

  @Test
  void mnistIsLookedForWhereTheToolLooks() throws IOException {
    Path data = dir.resolve("elsewhere");
    Map<String, String> environment = Map.of("OPTBENCH_DATA", data.toString());
    TestAbortedException skip = assertThrows(TestAbortedException.class,
        checks(environment, false)::mnist);
    assertEquals("MNIST not found in " + data.resolve("mnist") + ": set"
        + " OPTBENCH_DATA to a folder holding mnist/, or download it there with ./optbench run"
        + " configs/quickstart.yaml", skip.getMessage());

    // Without the variable, ./data under the working directory.
    AssertionFailedError failure = assertThrows(AssertionFailedError.class,
        checks(Map.of(), true)::mnist);
    assertEquals("MNIST not found in " + dir.resolve("data/mnist") + ": set OPTBENCH_DATA to a"
        + " folder holding mnist/, or download it there with ./optbench run"
        + " configs/quickstart.yaml", failure.getMessage());

    dataFiles(data.resolve("mnist"));
    checks(environment, true).mnist();
  }

  @Test
  void fashionMnistIsLookedForWhereDebianInstallsIt() throws IOException {
    TestAbortedException skip = assertThrows(TestAbortedException.class,
        checks(Map.of(), false)::fashionMnistPackage);
    assertEquals("Fashion-MNIST not found in "
        + dir.resolve("datasets/fashion-mnist") + " (install: apt-get install"
        + " dataset-fashion-mnist)", skip.getMessage());

    dataFiles(dir.resolve("datasets/fashion-mnist"));
    checks(Map.of(), true).fashionMnistPackage();
  }

  private static Path executable(Path file) throws IOException {
    Files.createFile(file);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }

  /** The four file names, empty: the check looks for the files, loading verifies them. */
  private static void dataFiles(Path folder) throws IOException {
    Files.createDirectories(folder);
    for (DataFile file : DataFile.values()) {
      Files.createFile(folder.resolve(file.fileName()));
    }
  }
}
