package org.optbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.testing.Prerequisites;

/**
 * Opens {@code index.html} from disk in headless Chromium: the page's own script counts tables,
 * images and broken images after load, and the dumped DOM must show every table and figure with
 * no broken image, for a grid store and a tune-then-evaluate store. Screenshots are kept in
 * {@code report-browser/} of the build directory.
 *
 * <p>Needs Chromium or Chrome (see {@link Prerequisites#browser()}); skipped without one.
 */
class HtmlPageBrowserTest {
  private static final Pattern CHECK = Pattern.compile("<p id=\"page-check\"([^>]*)>");

  @TempDir
  Path dir;

  private Path browser;

  @BeforeEach
  void needsABrowser() {
    browser = Prerequisites.fromEnvironment().browser();
  }

  @Test
  void pageShowsEveryTableAndImageWithoutBrokenImages() throws Exception {
    ResultStoreFixture fixture = ResultStoreFixture.standard(dir.resolve("hand-made"),
        "Browser check <em>escaped</em>");
    fixture.addPending(0);
    // best, time-to-target, lr and settings tables for two problems, the comparison of
    // mnist-mlp, the profile areas and the missing-trials table.
    String dom = check(fixture.root(), 11, "index.png");
    assertTrue(dom.contains("Browser check &lt;em&gt;escaped&lt;/em&gt;"), "description escaped");
  }

  @Test
  void tuneThenEvaluatePageShowsEveryTableAndImage() throws Exception {
    Path root = ResultStoreFixture.tuneThenEvaluate(dir.resolve("hand-tuned"), false).root();
    // Nine tables per problem and the profile areas; nothing is missing, so the page says so in
    // a sentence instead of the missing-trials table.
    String dom = check(root, 19, "tune-then-evaluate.png");
    assertTrue(dom.contains("id=\"across-problems\""), "profiles section");
  }

  /**
   * Reports the store, opens the page in Chromium and checks the page's own count of tables
   * (expected {@code tables}), images (every figure) and broken images (none).
   *
   * @return the dumped DOM
   */
  private String check(Path root, int tables, String screenshot) throws Exception {
    ReportSummary summary = ReportGenerator.generate(root, root.resolve("report"));
    String url = summary.index().toUri().toString();

    String dom = run(List.of("--dump-dom", url));
    Matcher m = CHECK.matcher(dom);
    assertTrue(m.find(), "no page-check paragraph in the dumped DOM:\n" + dom);
    String attributes = m.group(1);
    assertEquals("done", attribute(attributes, "data-state"), "the load handler did not run");
    assertEquals(String.valueOf(tables), attribute(attributes, "data-tables"));
    assertEquals(String.valueOf(summary.figures()), attribute(attributes, "data-images"));
    assertEquals("0", attribute(attributes, "data-broken-images"));

    // Beside the compiled tests, so a build directory given with -Dbuild.dir is honoured.
    Path build = Path.of(HtmlPageBrowserTest.class.getProtectionDomain().getCodeSource()
        .getLocation().toURI()).getParent();
    Path shots = Files.createDirectories(build.resolve("report-browser"));
    Path shot = shots.resolve(screenshot);
    Files.deleteIfExists(shot);
    run(List.of("--screenshot=" + shot.toAbsolutePath(), "--window-size=1280,2000",
        url));
    assertTrue(Files.size(shot) > 10_000, "screenshot " + shot + " is empty");
    return dom;
  }

  private static String attribute(String attributes, String name) {
    Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(attributes);
    return m.find() ? m.group(1) : null;
  }

  /** Runs the browser headless with a fresh profile and no network activity of its own. */
  private String run(List<String> args) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(dir, "profile");
    List<String> command = new ArrayList<>(List.of(browser.toString(), "--headless",
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
