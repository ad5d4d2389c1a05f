package org.optbench.report;

import java.util.List;
import org.apache.commons.text.StringEscapeUtils;

/**
 * The self-contained {@code index.html}: inline CSS, one inline script, images and downloads by
 * relative links only, so it opens from disk with no server and no network. Every string that
 * comes from a file or config is HTML-escaped.
 */
final class HtmlPage {
  /**
   * One part of the page: a problem, or the comparison across problems.
   *
   * @param anchor the element id, e.g. {@code problem-mnist-mlp}
   * @param title the heading
   * @param facts one-line facts (problem kind, budget, target, protocol)
   * @param lead display tables shown before the figures
   * @param figures figures in page order
   * @param tables display tables shown after the figures
   * @param downloads relative links to this part's CSV, Markdown and LaTeX files
   * @param plots interactive curve plots, shown before the figures
   */
  record Section(String anchor, String title, List<String> facts, List<Table> lead,
      List<Figure> figures, List<Table> tables, List<String> downloads,
      List<InteractivePlots.Plot> plots) {

    /** @return every table of the section, lead tables first */
    List<Table> allTables() {
      List<Table> all = new java.util.ArrayList<>(lead);
      all.addAll(tables);
      return all;
    }
  }

  private static final String STYLE = """
      body { font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif;
             margin: 1.5em auto; max-width: 1200px; padding: 0 1em; color: #222;
             line-height: 1.45; }
      h1 { font-size: 1.6em; margin-bottom: 0.2em; }
      h2 { border-bottom: 1px solid #ccc; padding-bottom: 0.2em; margin-top: 2em; }
      h3 { font-size: 1.05em; margin-bottom: 0.3em; }
      .meta, .caption, figcaption, #page-check { color: #555; font-size: 0.9em; }
      .scroll { overflow-x: auto; }
      table { border-collapse: collapse; margin: 0.4em 0 1.2em; font-size: 0.85em; }
      th, td { padding: 0.25em 0.6em; border-bottom: 1px solid #e2e2e2; vertical-align: top; }
      thead th { border-bottom: 2px solid #888; text-align: left; background: #f6f6f6; }
      td.num, th.num { text-align: right; font-variant-numeric: tabular-nums;
                       white-space: nowrap; }
      figure { margin: 1em 0 1.6em; }
      figure img { max-width: 100%; height: auto; border: 1px solid #ddd; }
      pre { background: #f6f6f6; padding: 0.8em; overflow-x: auto; font-size: 0.8em; }
      .warn { color: #8a4b00; }
      .iplot-controls { margin: 0.6em 0 0.3em; display: flex; gap: 0.8em; align-items: center;
                        font-size: 0.9em; }
      .iplot { margin-bottom: 0.3em; }
      .iplot .u-legend { font-size: 0.8em; text-align: left; }
      th.sortable { cursor: pointer; }
      th[aria-sort=ascending]::after { content: " \\25B2"; }
      th[aria-sort=descending]::after { content: " \\25BC"; }
      .nw { white-space: nowrap; }
      nav ul { columns: 2; }
      """;

  private static final String CHECK_SCRIPT = """
      window.addEventListener('load', function () {
        var images = document.images;
        var broken = 0;
        for (var i = 0; i < images.length; i++) {
          if (!images[i].complete || images[i].naturalWidth === 0) { broken++; }
        }
        // uPlot's legends are tables too; the report's own carry the class 'data'.
        var tables = document.querySelectorAll('table.data').length;
        var check = document.getElementById('page-check');
        check.setAttribute('data-state', 'done');
        check.setAttribute('data-tables', String(tables));
        check.setAttribute('data-images', String(images.length));
        check.setAttribute('data-broken-images', String(broken));
        // Shown only when something is wrong, e.g. the page was copied without figures/.
        check.hidden = broken === 0;
        check.textContent = broken + ' of ' + images.length + ' figures could not be loaded:'
            + ' keep the figures/ folder beside index.html.';
      });
      """;

  /** The version of the inlined plotting library, as in the build's dependency. */
  static final String UPLOT_VERSION = "1.6.30";
  private static final String UPLOT_DIR = "META-INF/resources/webjars/uplot/" + UPLOT_VERSION;
  private static final String UPLOT_JS = resource(UPLOT_DIR + "/dist/uPlot.iife.min.js");
  private static final String UPLOT_CSS = resource(UPLOT_DIR + "/dist/uPlot.min.css") + "\n";
  private static final String UPLOT_LICENCE = resource(UPLOT_DIR + "/LICENSE");
  private static final String INTERACTIVE_JS = resource("org/optbench/report/interactive.js");

  private HtmlPage() {}

  /** A text file on the class path; the build puts these there, so a missing one is a bug. */
  private static String resource(String name) {
    try (java.io.InputStream in = HtmlPage.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is not on the class path");
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read " + name, e);
    }
  }

  /**
   * @param data the experiment
   * @param generatedFrom the experiment folder as shown on the page (no time)
   * @param summary one-line counts of trials
   * @param sections one per problem, then the comparison across problems if any
   * @param gaps missing trials (may have no rows)
   * @param warnings things that could not be read
   * @param downloads relative links to experiment-wide files
   * @return the page
   */
  static String render(ExperimentData data, String generatedFrom, String summary,
      List<Section> sections, Table gaps, List<String> warnings, List<String> downloads) {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>optbench report: ").append(esc(data.name())).append("</title>\n")
        .append("<style>\n").append(STYLE).append(UPLOT_CSS).append("</style>\n")
        .append("<script>window.optbenchErrors = []; window.addEventListener('error',")
        .append(" function (e) { window.optbenchErrors.push(String(e.message)); });</script>\n")
        .append("</head>\n<body>\n");
    h.append("<h1>optbench report: ").append(esc(data.name())).append("</h1>\n");
    h.append("<p class=\"meta\">generated from ").append(esc(generatedFrom)).append("</p>\n");
    if (!data.description().isEmpty()) {
      h.append("<p>").append(esc(data.description())).append("</p>\n");
    }
    h.append("<p>").append(esc(summary)).append("</p>\n");

    h.append("<nav>\n<ul>\n");
    for (Section s : sections) {
      h.append("<li><a href=\"#").append(esc(s.anchor())).append("\">")
          .append(esc(s.title())).append("</a></li>\n");
    }
    h.append("<li><a href=\"#missing\">Missing trials</a></li>\n")
        .append("<li><a href=\"#config\">Resolved config</a></li>\n")
        .append("<li><a href=\"#manifest\">Manifest</a></li>\n")
        .append("<li><a href=\"#files\">Files</a></li>\n</ul>\n</nav>\n");

    for (String w : warnings) {
      h.append("<p class=\"warn\">warning: ").append(esc(w)).append("</p>\n");
    }

    for (Section s : sections) {
      h.append("<section id=\"").append(esc(s.anchor())).append("\">\n<h2>")
          .append(esc(s.title())).append("</h2>\n<ul class=\"meta\">\n");
      for (String fact : s.facts()) {
        h.append("<li>").append(esc(fact)).append("</li>\n");
      }
      h.append("</ul>\n");
      for (Table t : s.lead()) {
        table(h, t);
      }
      plots(h, s.plots());
      for (Figure f : s.figures()) {
        h.append("<figure>\n<img src=\"figures/").append(esc(f.id())).append(".png\" width=\"")
            .append(f.width()).append("\" height=\"").append(f.height()).append("\" alt=\"")
            .append(esc(f.title())).append("\">\n<figcaption>").append(esc(f.caption()))
            .append(" <a href=\"figures/").append(esc(f.id())).append(".svg\">SVG</a></figcaption>")
            .append("\n</figure>\n");
      }
      for (Table t : s.tables()) {
        table(h, t);
      }
      links(h, "Tables as files", s.downloads());
      h.append("</section>\n");
    }

    h.append("<section id=\"missing\">\n<h2>Missing trials</h2>\n");
    if (gaps.rows().isEmpty()) {
      h.append("<p>None: every trial of the plan has a complete result.</p>\n");
    } else {
      table(h, gaps);
    }
    h.append("</section>\n");

    h.append("<section id=\"config\">\n<h2>Resolved config</h2>\n<p class=\"meta\">")
        .append("experiment.resolved.yaml: every default filled in; <code>optbench run</code> on")
        .append(" it reproduces the experiment.</p>\n<pre>").append(esc(data.resolvedConfig()))
        .append("</pre>\n</section>\n");
    h.append("<section id=\"manifest\">\n<h2>Manifest</h2>\n");
    if (!data.manifest().present()) {
      h.append("<p>manifest.json is missing, so ").append(StoreReader.WITHOUT_MANIFEST)
          .append(".</p>\n");
    } else {
      h.append("<p class=\"meta\">manifest.json: software versions, hardware, threads, data")
          .append(" checksums.</p>\n<pre>").append(esc(data.manifest().text())).append("</pre>\n");
    }
    h.append("</section>\n");
    h.append("<section id=\"files\">\n<h2>Files</h2>\n");
    links(h, "Experiment-wide", downloads);
    for (Section s : sections) {
      links(h, s.title(), s.downloads());
    }
    h.append("</section>\n");

    h.append("<section id=\"licences\">\n<h2>Software in this page</h2>\n<p class=\"meta\">")
        .append("The interactive plots are drawn by uPlot ").append(UPLOT_VERSION)
        .append(" (https://github.com/leeoniya/uPlot), inlined in this page, under the MIT")
        .append(" licence:</p>\n<pre>").append(esc(UPLOT_LICENCE)).append("</pre>\n</section>\n");
    h.append("<p id=\"page-check\" data-state=\"pending\" hidden></p>\n")
        .append("<p id=\"interactive-check\" data-state=\"pending\" hidden></p>\n")
        .append("<script>\n").append(CHECK_SCRIPT).append("</script>\n")
        .append("<script>\n").append(UPLOT_JS).append("\n</script>\n")
        .append("<script>\n").append(INTERACTIVE_JS).append("</script>\n</body>\n</html>\n");
    return h.toString();
  }

  private static void table(StringBuilder h, Table t) {
    h.append("<h3 id=\"tab-").append(esc(t.id())).append("\">").append(esc(t.title()))
        .append("</h3>\n<p class=\"caption\">").append(esc(t.caption())).append("</p>\n")
        .append("<div class=\"scroll\">\n<table class=\"data\">\n<thead>\n<tr>");
    for (int i = 0; i < t.headers().size(); i++) {
      h.append(t.numeric().get(i) ? "<th class=\"num\">" : "<th>")
          .append(esc(t.headers().get(i))).append("</th>");
    }
    h.append("</tr>\n</thead>\n<tbody>\n");
    for (List<String> row : t.rows()) {
      h.append("<tr>");
      for (int i = 0; i < row.size(); i++) {
        h.append(t.numeric().get(i) ? "<td class=\"num\">" : "<td>").append(cell(row.get(i)))
            .append("</td>");
      }
      h.append("</tr>\n");
    }
    h.append("</tbody>\n</table>\n</div>\n");
  }

  /** Keeps each {@code name=value} of a setting on one line (1e-8 must not break at its dash). */
  private static String cell(String text) {
    if (!text.contains("=")) {
      return esc(text);
    }
    StringBuilder out = new StringBuilder();
    for (String token : text.split(" ")) {
      out.append(out.length() == 0 ? "" : " ").append("<span class=\"nw\">").append(esc(token))
          .append("</span>");
    }
    return out.toString();
  }

  /** Each plot: heading, a div the script fills, its data as JSON, caption and CSV links. */
  private static void plots(StringBuilder h, List<InteractivePlots.Plot> plots) {
    for (InteractivePlots.Plot p : plots) {
      h.append("<h3>").append(esc(p.title())).append(" (interactive)</h3>\n")
          .append("<div class=\"iplot\" id=\"").append(esc(p.id())).append("\" data-src=\"")
          .append(esc(p.id())).append("-data\"></div>\n")
          .append("<script type=\"application/json\" id=\"").append(esc(p.id()))
          .append("-data\">").append(InteractivePlots.json(p)).append("</script>\n")
          .append("<p class=\"caption\">").append(esc(p.note())).append(" Click a legend entry")
          .append(" to hide or show its line; drag to zoom, shift-drag to pan, the wheel zooms")
          .append(" x, double-click or 'reset zoom' to go back; hover for values. On a log y axis values")
          .append(" ≤ 0 are not drawn and the axis ends at 1e-12.</p>\n");
      h.append("<p class=\"meta\">Full data (every step):");
      p.csvLinks().forEach((label, files) -> {
        h.append(' ').append(esc(label)).append(':');
        for (int i = 0; i < files.size(); i++) {
          h.append(" <a href=\"").append(esc(files.get(i))).append("\">").append(i == 0 ? "CSV"
              : "CSV " + (i + 1)).append("</a>");
        }
        h.append(';');
      });
      h.append("</p>\n");
    }
  }

  private static void links(StringBuilder h, String title, List<String> files) {
    if (files.isEmpty()) {
      return;
    }
    h.append("<p class=\"meta\">").append(esc(title)).append(":");
    for (String f : files) {
      h.append(" <a href=\"").append(esc(f)).append("\">").append(esc(f)).append("</a>");
    }
    h.append("</p>\n");
  }

  /**
   * @param p a problem
   * @return the id of its section
   */
  static String anchor(ProblemEntry p) {
    return "problem-" + p.key();
  }

  private static String esc(String text) {
    return StringEscapeUtils.escapeHtml4(text);
  }
}
