package org.optbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens {@code index.html} from disk in headless Chromium: the page's own script counts tables,
 * images and broken images after load, and the dumped DOM must show every table and figure with
 * no broken image. A screenshot is kept in {@code target/report-browser/}.
 *
 * <p>Chromium is required (Debian: {@code apt-get install chromium}); the test fails without it
 * unless {@code OPTBENCH_SKIP_BROWSER_TESTS=1} is set.
 */
class HtmlPageBrowserTest {
  private static final Pattern CHECK = Pattern.compile("<p id=\"page-check\"([^>]*)>");

  @TempDir
  Path dir;

  @Test
  void pageShowsEveryTableAndImageWithoutBrokenImages() throws Exception {
    Assumptions.assumeFalse("1".equals(System.getenv("OPTBENCH_SKIP_BROWSER_TESTS")),
        "OPTBENCH_SKIP_BROWSER_TESTS=1");
    Path chromium = chromium().orElse(null);
    if (chromium == null) {
      fail("chromium is not installed; the report page is checked in a real browser: run"
          + " 'apt-get install chromium' (or set OPTBENCH_SKIP_BROWSER_TESTS=1 to skip)");
    }
    ResultStoreFixture fixture = ResultStoreFixture.standard(dir.resolve("hand-made"),
        "Browser check <em>escaped</em>");
    fixture.addPending(0);
    ReportSummary summary = ReportGenerator.generate(fixture.root(),
        fixture.root().resolve("report"));
    String url = summary.index().toUri().toString();

    String dom = run(chromium, List.of("--dump-dom", url));
    Matcher m = CHECK.matcher(dom);
    assertTrue(m.find(), "no page-check paragraph in the dumped DOM:\n" + dom);
    String attributes = m.group(1);
    assertEquals("done", attribute(attributes, "data-state"), "the load handler did not run");
    // best, lr and settings tables for two problems, and the missing-trials table.
    assertEquals("7", attribute(attributes, "data-tables"));
    assertEquals(String.valueOf(summary.figures()), attribute(attributes, "data-images"));
    assertEquals("0", attribute(attributes, "data-broken-images"));
    assertTrue(dom.contains("Browser check &lt;em&gt;escaped&lt;/em&gt;"), "description escaped");

    Path shots = Files.createDirectories(Path.of("target", "report-browser"));
    Path shot = shots.resolve("index.png");
    Files.deleteIfExists(shot);
    run(chromium, List.of("--screenshot=" + shot.toAbsolutePath(), "--window-size=1280,2000",
        url));
    assertTrue(Files.size(shot) > 10_000, "screenshot " + shot + " is empty");
  }

  private static String attribute(String attributes, String name) {
    Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(attributes);
    return m.find() ? m.group(1) : null;
  }

  private static Optional<Path> chromium() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String name : List.of("chromium", "chromium-browser")) {
      for (String folder : path.split(File.pathSeparator)) {
        Path candidate = Path.of(folder, name);
        if (Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  /** Runs headless Chromium with a fresh profile and no network activity of its own. */
  private String run(Path chromium, List<String> args) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(dir, "profile");
    List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless",
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + profile));
    command.addAll(args);
    Path log = Files.createTempFile(dir, "chromium", ".log");
    Path out = Files.createTempFile(dir, "chromium", ".out");
    // Both streams go to files, so a hanging browser cannot block the wait below.
    Process p = new ProcessBuilder(command).redirectError(log.toFile())
        .redirectOutput(out.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("chromium did not finish within 120 s");
    }
    assertEquals(0, p.exitValue(), () -> "chromium failed: " + readQuietly(log));
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }
}
