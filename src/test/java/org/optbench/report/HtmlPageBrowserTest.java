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
  private static final Pattern INTERACTIVE =
      Pattern.compile("<p id=\"interactive-check\"([^>]*)>");

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
   * The interactive plots: the page draws one per curve (for the standard store: mnist-mlp's
   * loss and test accuracy, ravine-2d's suboptimality) with no JavaScript error, and the
   * scripted interaction its URL fragment asks for (hide the first series, switch the x axis to
   * seconds, switch the y scale) changes what the first plot draws at each step.
   */
  @Test
  void interactivePlotsRenderWithoutErrorsAndRespondToInteraction() throws Exception {
    Path root = ResultStoreFixture.standard(dir.resolve("interactive"), "plots").root();
    ReportSummary summary = ReportGenerator.generate(root, root.resolve("report"));
    String url = summary.index().toUri() + "#interaction-test";
    Path log = Files.createTempFile(dir, "console", ".log");
    // Virtual time lets the page's timers (the scripted steps) run before the DOM is dumped;
    // the log holds the console, so an error outside the page's own count shows too.
    String dom = run(List.of("--virtual-time-budget=20000", "--enable-logging=stderr", "--v=0",
        "--dump-dom", url), log);
    Matcher m = INTERACTIVE.matcher(dom);
    assertTrue(m.find(), "no interactive-check paragraph in the dumped DOM");
    String attributes = m.group(1);
    assertEquals("done", attribute(attributes, "data-state"), "the page script did not finish");
    assertEquals("0", attribute(attributes, "data-errors"),
        () -> "script errors: " + attribute(attributes, "data-error-text"));
    assertEquals("3", attribute(attributes, "data-plots"));
    List<String> console = Files.readAllLines(log).stream()
        .filter(line -> line.contains(":CONSOLE") && (line.contains("Uncaught")
            || line.contains("Error"))).toList();
    assertEquals(List.of(), console, "errors in the browser console");
    // Each step: <canvas hash>/<series shown>/<x axis>/<log y>. The first plot is mnist-mlp's
    // loss: 2 means and 5 seeds (3 of sgd, 2 of adam), the seeds hidden at first.
    String[] steps = attribute(attributes, "data-steps").split(" ");
    assertEquals(4, steps.length, attribute(attributes, "data-steps"));
    assertTrue(steps[0].endsWith("/2/iteration/true"), steps[0]);
    assertTrue(steps[1].endsWith("/1/iteration/true"), steps[1]);
    assertTrue(steps[2].endsWith("/1/seconds/true"), steps[2]);
    assertTrue(steps[3].endsWith("/1/seconds/false"), steps[3]);
    for (int i = 1; i < steps.length; i++) {
      String before = steps[i - 1].split("/")[0];
      assertTrue(!before.equals(steps[i].split("/")[0]),
          "step " + i + " did not change the drawing: " + String.join(" ", steps));
    }
    // Every table of the report sorts on a click and the plots' data is inline: nothing is
    // fetched, and the page names the library's licence.
    assertTrue(dom.contains("class=\"data\""), "report tables marked for sorting");
    assertTrue(dom.contains("uPlot " + HtmlPage.UPLOT_VERSION) && dom.contains("MIT"),
        "licence");
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

  private String run(List<String> args) throws IOException, InterruptedException {
    return run(args, Files.createTempFile(dir, "chromium", ".log"));
  }

  /**
   * Runs the browser headless with a fresh profile and no network activity of its own.
   *
   * @param args arguments after the common ones
   * @param log where its standard error goes
   * @return its standard output
   */
  private String run(List<String> args, Path log) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(dir, "profile");
    List<String> command = new ArrayList<>(List.of(browser.toString(), "--headless",
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + profile));
    command.addAll(args);
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
